import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment';
import { buildDataSourceOptions, databaseEngine } from '../database/data-source-options';

/** `nx run api:migrate`: applies pending migrations to the configured database, then exits. */
async function migrate(): Promise<void> {
  const environment = loadEnvironment();
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ ...environment, JALON_MIGRATE_ON_START: false }),
    logging: ['error', 'migration'],
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      `Migrations on ${databaseEngine(environment)}: ${applied.length} applied` +
        (applied.length ? ` (${applied.map((m) => m.name).join(', ')})` : ', schema already up to date'),
    );
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  console.error('Migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
