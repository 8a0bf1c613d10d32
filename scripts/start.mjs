#!/usr/bin/env node
// `npm start`: builds the API and the web app (Nx caches both, so later starts skip the build),
// then runs Jalon on one port. Without DATABASE_URL it uses the embedded PGlite database in ./data.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 22)) {
  console.error(`Jalon needs Node.js 22.22 or newer (this is ${process.version}). See README.md, "Requirements".`);
  process.exit(1);
}

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NG_CLI_ANALYTICS: 'false' };
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static'], {
  stdio: 'inherit',
  env,
});
if (build.status !== 0) process.exit(build.status ?? 1);

const main = 'dist/api/api/src/main.js';
if (!existsSync(main)) {
  console.error(`${main} was not built`);
  process.exit(1);
}
const server = spawn(process.execPath, [main], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
