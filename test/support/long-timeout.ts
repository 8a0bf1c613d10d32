// testTimeout is a global jest option, ignored in a project's own config: API and browser suites set theirs here.
jest.setTimeout(90_000);
