const { jalonModuleNameMapper } = require('../../jest.libs.cjs');

module.exports = {
  displayName: 'go-no-go',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.ts$': require('../../jest.swc.cjs') },
  moduleNameMapper: jalonModuleNameMapper,
};
