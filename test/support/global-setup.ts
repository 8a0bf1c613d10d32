import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../api/src/database/data-source-options';
import { RUN_PREFIX_VARIABLE, SERVER_URL, databaseUrl, templateName, withAdminClient } from './test-database';

/**
 * Set while this process holds a run's databases, cleared by the global teardown. Jest runs each
 * distinct global setup file once per run: when the browser project (whose own setup calls this
 * one) runs with the API projects, the second call must keep the first's prefix, or the first
 * prefix's databases would outlive the teardown, which drops only the current prefix.
 */
export const RUN_STARTED = Symbol.for('jalon.test.runStarted');
type RunMarker = { [RUN_STARTED]?: boolean };

/** Creates this run's migrated template database (see test-database.ts). */
export default async function globalSetup(): Promise<void> {
  if ((globalThis as RunMarker)[RUN_STARTED]) return;
  const prefix = `jalon_test_${Date.now().toString(36)}_${process.pid}`;
  process.env[RUN_PREFIX_VARIABLE] = prefix;
  (globalThis as RunMarker)[RUN_STARTED] = true;
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
