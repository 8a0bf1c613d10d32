// testTimeout is a global jest option, ignored in a project's own config: API and browser suites set theirs here.
// Generous: it only stops a hung test. Starting the demo on PGlite seeds every module (plan, risks,
// meetings and their COPIL pack, recette), which on a loaded 2-core machine took up to 96 s.
jest.setTimeout(180_000);
