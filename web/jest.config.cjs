const { createCjsPreset } = require('jest-preset-angular/presets');
const { jalonModuleNameMapper } = require('../jest.libs.cjs');

const preset = createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' });

module.exports = {
  ...preset,
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  moduleNameMapper: { ...preset.moduleNameMapper, ...jalonModuleNameMapper },
};
