/**
 * Every suite of Jalon in one run: unit tests of the libraries, the API and the web app, API
 * tests against a real PostgreSQL (and PGlite), and browser tests in Debian's Chromium.
 * Run through `npm test` (test/run-all.sh), which builds first and needs --experimental-vm-modules for PGlite.
 */
module.exports = {
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/planning',
    '<rootDir>/libs/risks',
    '<rootDir>/libs/meetings',
    '<rootDir>/libs/acceptance',
    '<rootDir>/libs/go-no-go',
    '<rootDir>/api',
    '<rootDir>/web',
    '<rootDir>/test/api',
    '<rootDir>/test/browser',
  ],
};
