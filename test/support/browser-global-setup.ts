import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import globalSetup from './global-setup';
import { startBuiltJalon } from './jalon-server';
import { databaseUrl, demoTemplateName, runPrefix, withAdminClient } from './test-database';

/**
 * The browser project's global setup: the shared one (the run's prefix and migrated template),
 * then the demo seeded once into `<prefix>_demo`, which the suites copy (createDemoDatabase)
 * instead of each seeding an empty database (up to 4 minutes a suite on a loaded machine).
 * The global teardown drops it with the run's other databases.
 */
export default async function browserGlobalSetup(): Promise<void> {
  await globalSetup();
  const name = demoTemplateName(runPrefix());
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const dataDir = mkdtempSync(join(tmpdir(), 'jalon-demo-seed-'));
  const started = Date.now();
  try {
    // NODE_ENV development, as the mail suite starts it: the start's mail catch-up runs while the
    // seed is still uncommitted, finds nothing to send and claims this week's digest (and, after
    // 07:00 Paris, today's daily mails) in job_run, as any fresh demo start does. Without those
    // rows a copy started in development would mail digests of the seeded data on its catch-up.
    const jalon = await startBuiltJalon(
      { DATABASE_URL: databaseUrl(name), JALON_DEMO: 'true', NODE_ENV: 'development', JALON_DATA_DIR: dataDir },
      // Once per run, and every browser suite waits on it.
      { healthWithinMs: 600_000 },
    );
    await jalon.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  await checkDemoTemplate(name);
  await waitUntilUnused(name);
  console.log(`demo template seeded in ${seconds} s`);
}

/** Fails the run at once, naming the cause, rather than in every suite. */
async function checkDemoTemplate(name: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    const projects = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM project');
    if (projects.rows[0]!.n === 0) throw new Error(`The demo template ${name} has no project after Jalon's start with JALON_DEMO=true`);
    // A seed that writes mails would have them sent by this start's outbox worker, whereas a
    // fresh start in a suite (NODE_ENV test) would keep them pending: the copies would differ.
    const mails = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE attempts > 0 OR status <> 'pending'`);
    if (mails.rows[0]!.n > 0) throw new Error(`The seeding start of ${name} tried to send ${mails.rows[0]!.n} mail(s): its copies would not be fresh demo starts`);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL refuses to copy a template while any session is connected to it. Jalon has exited,
 * but a server backend may take a moment to notice its client is gone.
 */
async function waitUntilUnused(name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await withAdminClient((client) =>
      client.query<{ pid: number; application_name: string }>('SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1', [name]),
    );
    if (rows.length === 0) return;
    if (Date.now() > deadline) throw new Error(`Sessions still connected to the demo template ${name}: ${JSON.stringify(rows)}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
}
