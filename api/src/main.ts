import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { InvalidEnvironmentError, loadEnvironment, type Environment } from './config/environment';
import { DataSource } from 'typeorm';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataDirLockedError, lockDataDir } from './database/data-dir-lock';
import { databaseEngine } from './database/data-source-options';
import { DEMO_ACCOUNTS } from './demo/demo-accounts';

async function main(): Promise<void> {
  let environment: Environment;
  try {
    environment = loadEnvironment();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(`Jalon cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (databaseEngine(environment) === 'pglite') {
    const dataDir = resolve(environment.JALON_DATA_DIR);
    try {
      mkdirSync(dataDir, { recursive: true });
      lockDataDir(dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(`Jalon cannot start. ${error.message}`);
        process.exit(1);
      }
      throw error;
    }
  }
  const app = await createApp(environment);
  await app.listen(environment.PORT, environment.HOST);
  const engine = databaseEngine(environment);
  Logger.log(
    {
      message: `Jalon is ready on http://localhost:${environment.PORT}`,
      database: engine === 'pglite' ? `embedded PGlite in ${environment.JALON_DATA_DIR}` : 'PostgreSQL (DATABASE_URL)',
      demo: environment.demoEnabled,
    },
    'Bootstrap',
  );
  await warnAboutDemoAccounts(app.get(DataSource));
}

/** Demo accounts have a published password: say so loudly whenever any of them can sign in. */
async function warnAboutDemoAccounts(dataSource: DataSource): Promise<void> {
  const emails = DEMO_ACCOUNTS.map((account) => account.email);
  const rows: Array<{ count: string | number }> = await dataSource.query(
    'SELECT count(*) AS count FROM app_user WHERE lower(email) = ANY($1) AND is_active',
    [emails],
  );
  const count = Number(rows[0]?.count ?? 0);
  if (count > 0) {
    Logger.warn(
      `${count} demo account(s) with the published password can sign in: never expose this start to a network ` +
        'you do not trust; deactivate them (or start without JALON_DEMO on a fresh database) for real use.',
      'Security',
    );
  }
}

main().catch((error: unknown) => {
  console.error('Jalon failed to start:', error);
  process.exit(1);
});
