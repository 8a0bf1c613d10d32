const { jalonModuleNameMapper } = require('../../jest.libs.cjs');

module.exports = {
  displayName: 'api-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': require('../../jest.swc.cjs') },
  moduleNameMapper: jalonModuleNameMapper,
  globalSetup: '<rootDir>/../support/global-setup.ts',
  globalTeardown: '<rootDir>/../support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/../support/long-timeout.ts'],
};
