import { RUN_STARTED } from './global-setup';
import { RUN_PREFIX_VARIABLE, withAdminClient } from './test-database';

/** Drops every database this run created (the copies, the demo template, the migrated template last). */
export default async function globalTeardown(): Promise<void> {
  const prefix = process.env[RUN_PREFIX_VARIABLE];
  delete (globalThis as { [RUN_STARTED]?: boolean })[RUN_STARTED];
  if (!prefix) return;
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname LIKE '%\\_template' ASC`,
      [`${prefix}\\_%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
