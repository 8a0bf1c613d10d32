import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { types as pgTypes } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseEngine } from '@jalon/domain';
import type { Environment } from '../config/environment';
import { lockDataDir } from './data-dir-lock';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { createSerialPGliteDriver } from './pglite-serial-driver';

const PG_DATE_OID = 1082;
// Dates are calendar days: keep them as 'YYYY-MM-DD' instead of local-midnight Date objects.
pgTypes.setTypeParser(PG_DATE_OID, (value: string) => value);

export function databaseEngine(environment: Pick<Environment, 'DATABASE_URL'>): DatabaseEngine {
  return environment.DATABASE_URL ? 'postgres' : 'pglite';
}

/** One schema, two engines: a PostgreSQL server when DATABASE_URL is set, embedded PGlite otherwise. */
export function buildDataSourceOptions(
  environment: Pick<Environment, 'DATABASE_URL' | 'JALON_DATA_DIR' | 'JALON_MIGRATE_ON_START'>,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: environment.JALON_MIGRATE_ON_START,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error', 'warn', 'migration'] as DataSourceOptions['logging'],
  };
  if (environment.DATABASE_URL) {
    return { ...common, url: environment.DATABASE_URL, extra: { max: 10 } };
  }
  const dataDir = resolve(environment.JALON_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // One process at a time on the embedded database's files (throws DataDirLockedError).
  lockDataDir(dataDir);
  return {
    ...common,
    driver: createSerialPGliteDriver({ dataDir }),
    // PGlite ships no uuid-ossp: ids come from gen_random_uuid(), built into Postgres 13+.
    installExtensions: false,
  };
}
