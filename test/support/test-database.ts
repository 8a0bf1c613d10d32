import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Each test run works in databases of its own on the PostgreSQL server named by DATABASE_URL
 * (default: the local server on 127.0.0.1:5432). A template is migrated once per run; each spec
 * file copies it, which takes a fraction of a second, and everything is dropped at the end. The
 * browser project also seeds the demo once per run (browser-global-setup.ts); its suites copy that.
 */
export const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const RUN_PREFIX_VARIABLE = 'JALON_TEST_DATABASE_PREFIX';

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function runPrefix(): string {
  const prefix = process.env[RUN_PREFIX_VARIABLE];
  if (!prefix) throw new Error(`${RUN_PREFIX_VARIABLE} is not set: run the tests through jest's global setup`);
  return prefix;
}

export const templateName = (prefix: string): string => `${prefix}_template`;
export const demoTemplateName = (prefix: string): string => `${prefix}_demo`;

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(template: string | null): Promise<TestDatabase> {
  const name = `${runPrefix()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) =>
    client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
  );
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A database with every migration applied, copied from the run's template. */
export const createMigratedDatabase = (): Promise<TestDatabase> => createDatabase(templateName(runPrefix()));

/**
 * A database holding the demo as a fresh start with JALON_DEMO=true leaves it, copied from the
 * run's demo template (browser project only): Jalon started on it with the demo on finds the
 * project and skips the seed.
 */
export const createDemoDatabase = (): Promise<TestDatabase> => createDatabase(demoTemplateName(runPrefix()));

/** An empty database, for tests of the migrations themselves. */
export const createEmptyDatabase = (): Promise<TestDatabase> => createDatabase(null);
