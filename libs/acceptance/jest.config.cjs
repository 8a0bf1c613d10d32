const { jalonModuleNameMapper } = require('../../jest.libs.cjs');

module.exports = {
  displayName: 'acceptance',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.ts$': require('../../jest.swc.cjs') },
  moduleNameMapper: jalonModuleNameMapper,
};
