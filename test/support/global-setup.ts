import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../api/src/database/data-source-options';
import { RUN_PREFIX_VARIABLE, SERVER_URL, databaseUrl, templateName, withAdminClient } from './test-database';

/** Creates this run's migrated template database (see test-database.ts). */
export default async function globalSetup(): Promise<void> {
  const prefix = `jalon_test_${Date.now().toString(36)}_${process.pid}`;
  process.env[RUN_PREFIX_VARIABLE] = prefix;
  try {
    await withAdminClient((client) => client.query(`CREATE DATABASE "${templateName(prefix)}"`));
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${SERVER_URL.replace(/\/\/[^@]*@/, '//')}: ${(error as Error).message}. ` +
        'Start it (pg_ctlcluster … main start) or set DATABASE_URL to a server where this user may create databases.',
    );
  }
  const dataSource = new DataSource(
    buildDataSourceOptions({ DATABASE_URL: databaseUrl(templateName(prefix)), JALON_DATA_DIR: '', JALON_MIGRATE_ON_START: true }),
  );
  await dataSource.initialize();
  await dataSource.destroy();
}
