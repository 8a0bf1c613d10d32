// Benchmark of the risk register API on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/risks-api.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode, adds to the demo project
// 1,000 risks (a fifth linked to plan tasks, one treatment each) and 50 past reviews that each
// snapshot every risk (50,000 snapshot rows), then measures GET /api/projects/:id/risks at 20
// concurrent clients (autocannon), uncompressed and gzip-accepted: p50 / p95 / p99 seen by the
// client, and the p95 of the time spent inside the API (its request log), because on a small
// machine autocannon competes with the API for the CPU. Then the first GET after a write (the
// register recomputed): median / p95 over 20 writes.
// Target (issue 12): p95 < 50 ms at 20 clients. It only prints: timings depend on the machine.
// BENCH_SECONDS sets each run's length (default 10). The database is dropped at the end.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const RISKS = 1000;
const REVIEWS = 50;
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WRITES = 20;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtApi = join(root, 'dist/api/api/src/main.js');
if (!existsSync(builtApi)) {
  console.error(`${builtApi} is missing: run "npx nx run api:build" first`);
  process.exit(1);
}
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `jalon_bench_risks_${Date.now().toString(36)}`;
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

async function admin(work) {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value) => `${value.toFixed(1)} ms`;

/** Durations (ms) the API logged for the GETs being measured; null between phases. */
let serverTimes = null;

async function main() {
  await admin((client) => client.query(`CREATE DATABASE "${databaseName}"`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const api = spawn(process.execPath, [builtApi], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JALON_DEMO: 'true',
      JALON_WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pending = '';
  api.stdout.on('data', (chunk) => {
    output = (output + chunk).slice(-20_000);
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!serverTimes || !line.includes('"request"')) continue;
      try {
        const { message } = JSON.parse(line);
        if (message?.message === 'request' && message.method === 'GET' && message.status === 200) serverTimes.push(message.durationMs);
      } catch {
        // not a JSON log line
      }
    }
  });
  api.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const database = new pg.Client({ connectionString: databaseUrl });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the API exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the API did not start:\n${output}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((wait) => setTimeout(wait, 200));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.jalon.fr', password: 'jalon-demo' }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    // The last XSRF-TOKEN set wins, as in a browser (sign-in replaces the first one with the session's).
    const xsrf = decodeURIComponent(cookies.findLast((cookie) => cookie.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '');
    const headers = {
      cookie: [...new Map(cookies.map((cookie) => [cookie.split('=')[0], cookie])).values()].join('; '),
      'x-xsrf-token': xsrf,
      'content-type': 'application/json',
    };
    const [project] = await (await fetch(`${base}/api/projects`, { headers })).json();
    const path = `/api/projects/${project.id}/risks`;

    // 1,000 risks, a fifth linked to plan tasks, one treatment each, and 50 reviews of all of them.
    await database.connect();
    const started = Date.now();
    await database.query('BEGIN');
    await database.query(
      `INSERT INTO risk (project_id, sequence, reference, title, category, inherent_probability, inherent_impact,
         residual_probability, residual_impact, target_probability, target_impact, owner_user_id, status, created_on, last_reviewed_on)
       SELECT $1, 100 + g, 'R-' || lpad((100 + g)::text, 4, '0'), 'Risque de charge ' || g,
         (ARRAY['planning','budget','technical','people_change','organisation','vendor','gdpr_compliance'])[1 + g % 7],
         1 + g % 5, 1 + (g / 5) % 5, 1 + (g / 3) % 5, 1 + (g / 7) % 5, 1 + g % 3, 1 + g % 2,
         (SELECT user_id FROM project_member WHERE project_id = $1 ORDER BY user_id OFFSET g % 6 LIMIT 1),
         (ARRAY['identified','in_treatment','in_treatment','closed','occurred'])[1 + g % 5],
         current_date - 400, current_date - 7
       FROM generate_series(1, $2) AS g`,
      [project.id, RISKS],
    );
    await database.query(
      `INSERT INTO risk_task_link (project_id, risk_id, task_id)
       SELECT $1, r.id, (SELECT id FROM plan_task WHERE project_id = $1 ORDER BY id OFFSET r.sequence % 30 LIMIT 1)
       FROM risk r WHERE r.project_id = $1 AND r.sequence >= 100 AND r.sequence % 5 = 0`,
      [project.id],
    );
    await database.query(
      `INSERT INTO risk_treatment (project_id, risk_id, title, due_date, status)
       SELECT $1, r.id, 'Traitement de ' || r.reference, current_date + (r.sequence % 60) - 30, 'planned'
       FROM risk r WHERE r.project_id = $1 AND r.sequence >= 100`,
      [project.id],
    );
    await database.query(
      `INSERT INTO risk_review (project_id, held_on, title, held_by_name, risk_count, created_at)
       SELECT $1, current_date - 7 * k - 90, 'Revue ' || k, 'Bench', $2, now() FROM generate_series(1, $3) AS k`,
      [project.id, RISKS, REVIEWS],
    );
    await database.query(
      `INSERT INTO risk_review_item (project_id, review_id, risk_id, reference, title, status, owner_user_id,
         inherent_probability, inherent_impact, residual_probability, residual_impact, target_probability, target_impact)
       SELECT $1, v.id, r.id, r.reference, r.title, 'identified', r.owner_user_id, r.inherent_probability, r.inherent_impact,
         1 + (r.residual_probability + v.k) % 5, r.residual_impact, r.target_probability, r.target_impact
       FROM (SELECT id, row_number() OVER (ORDER BY held_on) AS k FROM risk_review WHERE project_id = $1) v
       CROSS JOIN risk r WHERE r.project_id = $1 AND r.sequence >= 100`,
      [project.id],
    );
    await database.query(`UPDATE risk_settings SET next_sequence = $2 + 100, revision = revision + 1 WHERE project_id = $1`, [project.id, RISKS]);
    await database.query('COMMIT');
    const counts = (
      await database.query(
        `SELECT (SELECT count(*) FROM risk WHERE project_id = $1) AS risks, (SELECT count(*) FROM risk_review WHERE project_id = $1) AS reviews,
                (SELECT count(*) FROM risk_review_item WHERE project_id = $1) AS items`,
        [project.id],
      )
    ).rows[0];
    console.log(
      `Register: ${counts.risks} risks, ${counts.reviews} reviews, ${counts.items} snapshot rows (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
        `${availableParallelism()} CPU(s), load ${loadavg()[0].toFixed(2)}`,
    );

    const first = Date.now();
    const cold = await fetch(`${base}${path}`, { headers });
    const body = await cold.json();
    console.log(`First GET (computed): ${Date.now() - first} ms, ${body.risks.length} risks, ${(JSON.stringify(body).length / 1024).toFixed(0)} KiB`);

    const sequential = [];
    for (let index = 0; index < 20; index++) {
      const begin = performance.now();
      await (await fetch(`${base}${path}`, { headers })).arrayBuffer();
      sequential.push(performance.now() - begin);
    }
    sequential.sort((a, b) => a - b);
    console.log(`GET one at a time (served from the register cache): median ${ms(percentile(sequential, 50))}, p95 ${ms(percentile(sequential, 95))}`);

    await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: 3, headers: { cookie: headers.cookie } });
    for (const [label, extra] of [
      ['uncompressed', {}],
      ['gzip as browsers ask', { 'accept-encoding': 'gzip, deflate, br' }],
    ]) {
      const latencies = [];
      serverTimes = [];
      const instance = autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS, headers: { cookie: headers.cookie, ...extra } });
      let answerBytes = 0;
      instance.on('response', (_client, statusCode, bytes, responseTime) => {
        if (statusCode === 200) {
          latencies.push(responseTime);
          answerBytes = bytes;
        }
      });
      const result = await instance;
      await new Promise((settle) => setTimeout(settle, 300));
      const inside = serverTimes.sort((a, b) => a - b);
      serverTimes = null;
      latencies.sort((a, b) => a - b);
      console.log(
        `GET /api/projects/:id/risks (${label}) — ${CONNECTIONS} concurrent clients, ${SECONDS} s: ` +
          `${result.requests.total} requests (${result['2xx']} × 2xx, ${result.non2xx} other), ` +
          `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, ` +
          `${result.requests.average.toFixed(0)} req/s   (target: p95 < 50 ms)`,
      );
      if (inside.length > 0) {
        console.log(`    inside the API: p50 ${ms(percentile(inside, 50))}, p95 ${ms(percentile(inside, 95))}; ${(answerBytes / 1024).toFixed(0)} KiB per answer`);
      }
    }

    // The first GET after a write recomputes the register.
    const risk = body.risks.find((candidate) => candidate.status !== 'closed');
    const afterWrite = [];
    let version = risk.version;
    for (let index = 0; index < WRITES; index++) {
      const patched = await fetch(`${base}${path}/${risk.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ version, title: `${risk.title} (${index})` }),
      });
      if (patched.status !== 200) throw new Error(`PATCH failed: ${patched.status} ${await patched.text()}`);
      version = (await patched.json()).version;
      const begin = performance.now();
      await (await fetch(`${base}${path}`, { headers })).arrayBuffer();
      afterWrite.push(performance.now() - begin);
    }
    afterWrite.sort((a, b) => a - b);
    console.log(`First GET after a write (register recomputed), ${WRITES} times: median ${ms(percentile(afterWrite, 50))}, p95 ${ms(percentile(afterWrite, 95))}`);
  } finally {
    await database.end().catch(() => undefined);
    api.kill('SIGTERM');
    await new Promise((done) => (api.exitCode !== null ? done() : api.once('exit', done)));
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
