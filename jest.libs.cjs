const path = require('node:path');

/** Module mapping shared by every jest project so `@jalon/*` resolves to the libraries' sources. */
exports.jalonModuleNameMapper = {
  '^@jalon/planning/testing$': path.join(__dirname, 'libs/planning/src/testing/index.ts'),
  '^@jalon/(.*)$': path.join(__dirname, 'libs/$1/src/index.ts'),
};
