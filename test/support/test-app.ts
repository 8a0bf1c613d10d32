import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/src/bootstrap';
import { loadEnvironment } from '../../api/src/config/environment';
import { createMigratedDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  close(): Promise<void>;
}

/** The whole API in-process on a database of its own; `overrides` are environment variables. */
export async function startTestApp(
  overrides: Record<string, string> = {},
  database?: TestDatabase,
): Promise<TestApp & { database: TestDatabase }> {
  const db = database ?? (await createMigratedDatabase());
  const environment = loadEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    JALON_DEMO: 'false',
    JALON_WEB_DIR: '/nonexistent',
    DATABASE_URL: db.url,
    ...overrides,
  });
  const app = await createApp(environment);
  await app.init();
  return {
    app,
    database: db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** The whole API in-process on a PGlite database in a temporary folder. */
export async function startPgliteTestApp(overrides: Record<string, string> = {}): Promise<TestApp & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jalon-pglite-'));
  const environment = loadEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    JALON_DEMO: 'false',
    JALON_WEB_DIR: '/nonexistent',
    JALON_DATA_DIR: dataDir,
    ...overrides,
  });
  const app = await createApp(environment);
  await app.init();
  return {
    app,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** On a loaded machine the start may outlast startBuiltJalon's own wait: wait for health here too. */
export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Jalon at ${url} did not answer its health check`);
    await new Promise((next) => setTimeout(next, 250));
  }
}
