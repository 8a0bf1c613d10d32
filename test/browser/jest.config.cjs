const { jalonModuleNameMapper } = require('../../jest.libs.cjs');

module.exports = {
  displayName: 'browser',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': require('../../jest.swc.cjs') },
  moduleNameMapper: jalonModuleNameMapper,
  globalSetup: '<rootDir>/../support/browser-global-setup.ts',
  globalTeardown: '<rootDir>/../support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/../support/long-timeout.ts'],
};
