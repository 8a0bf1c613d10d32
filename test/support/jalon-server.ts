import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * The built product the browser and start-up tests run: `dist/`, or a copy named by
 * JALON_TEST_DIST (relative to the repository), so a test run is not disturbed by a build of the working tree meanwhile.
 */
export const BUILT_DIR = resolve(__dirname, '../..', process.env['JALON_TEST_DIST'] ?? 'dist');
export const BUILT_API = resolve(BUILT_DIR, 'api/api/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface RunningJalon {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built Jalon (API + web on one port), as `npm start` does, and waits for its health:
 * `healthWithinMs` (150 s unless told) after which it is stopped and the start fails, naming the cause.
 */
export async function startBuiltJalon(environment: Record<string, string>, { healthWithinMs = 150_000 }: { healthWithinMs?: number } = {}): Promise<RunningJalon> {
  if (!existsSync(BUILT_API)) throw new Error(`${BUILT_API} is missing: build first (npm test does)`);
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [BUILT_API], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // The demo seed of every module can take a minute or more on a loaded machine.
  const started = Date.now();
  const deadline = started + healthWithinMs;
  let healthy = false;
  while (!healthy && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Jalon exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      healthy = response.ok;
    } catch {
      // not listening yet
    }
    if (!healthy) await new Promise((wait) => setTimeout(wait, 200));
  }
  if (!healthy) {
    // Say so here, and stop it: the suite's tests would otherwise each fail on a refused connection,
    // and nobody would stop a process its caller never received.
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGKILL');
    await exited;
    throw new Error(`Jalon did not answer ${url}/api/health within ${Math.round((Date.now() - started) / 1000)} s (still starting: migrations and demo seed). Its output:\n${output}`);
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
