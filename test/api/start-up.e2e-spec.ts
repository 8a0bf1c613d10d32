import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUILT_API, startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { waitForHealth } from '../support/test-app';

const BUILT_CREATE_ADMIN = resolve(BUILT_API, '../cli/create-admin.js');

describe('Starting the built API', () => {
  it('should stop with a message naming a bad variable, before touching any database', () => {
    const result = spawnSync(process.execPath, [BUILT_API], {
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Jalon cannot start');
    expect(result.stderr).toContain('PORT="not-a-port"');
  });

  describe('on the embedded database', () => {
    let dataDir: string;
    let first: RunningJalon | undefined;
    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'jalon-lock-'));
    });
    afterAll(async () => {
      await first?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('should refuse a second process on the same data folder, and the CLI while Jalon runs', async () => {
      first = await startBuiltJalon({ DATABASE_URL: '', JALON_DATA_DIR: dataDir, JALON_DEMO: 'false' }, { healthWithinMs: 180_000 });
      await waitForHealth(first.url, 180_000);
      expect(existsSync(join(dataDir, 'jalon.lock'))).toBe(true);

      const second = spawnSync(process.execPath, [BUILT_API], {
        env: { ...process.env, DATABASE_URL: '', JALON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('Jalon cannot start');
      expect(second.stderr).toMatch(/in use by another Jalon process \(pid \d+/);

      const createAdmin = spawnSync(process.execPath, [BUILT_CREATE_ADMIN, '--email=it@example.test'], {
        env: { ...process.env, DATABASE_URL: '', JALON_DATA_DIR: dataDir, JALON_ADMIN_PASSWORD: 'a long secret password' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(createAdmin.status).toBe(1);
      expect(createAdmin.stdout).not.toContain('created');
      expect(createAdmin.stderr).toMatch(/in use by another Jalon process/);
      // The first process still serves (retrying: an idle keep-alive socket may close under the request).
      await waitForHealth(first.url, 30_000);
    }, 300_000);

    it('should take over a lock left by a process that died', async () => {
      await first?.stop();
      first = undefined;
      // A lock whose process no longer runs: a crash, or `kill -9`.
      const dead = spawn(process.execPath, ['-e', '0']);
      const deadPid = await new Promise<number>((done) => dead.once('exit', () => done(dead.pid!)));
      writeFileSync(join(dataDir, 'jalon.lock'), JSON.stringify({ pid: deadPid, host: hostname(), since: '2026-01-01T00:00:00Z' }));
      first = await startBuiltJalon({ DATABASE_URL: '', JALON_DATA_DIR: dataDir, JALON_DEMO: 'false' }, { healthWithinMs: 180_000 });
      await waitForHealth(first.url, 180_000);
      expect(JSON.parse(readFileSync(join(dataDir, 'jalon.lock'), 'utf8')).pid).not.toBe(deadPid);
    }, 300_000);
  });
});

