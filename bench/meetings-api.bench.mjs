// Benchmark of the meetings API's decision log and action list on real PostgreSQL, against the
// built API (dist/).
//
//   npx nx run api:build && node bench/meetings-api.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode, adds to the demo project
// 30 held meetings with 300 decisions and 500 actions, then measures GET …/decisions (the
// decision log), GET …/decisions?impact=time, GET …/actions and GET …/actions?overdue=true at 20
// concurrent clients (autocannon): p50 / p95 / p99 seen by the client, and the p95 of the time
// spent inside the API (its request log), because on a small machine autocannon competes with
// the API for the CPU. The weather history (three rows) is measured first as a baseline: what any
// authenticated GET costs on the machine at that moment.
// Target (issue 13): decision log p95 < 50 ms at 20 clients. It only prints: timings depend on the machine.
// BENCH_SECONDS sets each run's length (default 10). The database is dropped at the end.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MEETINGS = 30;
const DECISIONS = 300;
const ACTIONS = 500;
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtApi = join(root, 'dist/api/api/src/main.js');
if (!existsSync(builtApi)) {
  console.error(`${builtApi} is missing: run "npx nx run api:build" first`);
  process.exit(1);
}
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `jalon_bench_meetings_${Date.now().toString(36)}`;
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
    const base_ = `/api/projects/${project.id}`;

    // 30 meetings (outside the demo's series), 300 decisions and 500 actions spread over them.
    await database.connect();
    const started = Date.now();
    await database.query('BEGIN');
    await database.query(
      `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status)
       SELECT $1, (ARRAY['copil','coproj','atelier'])[1 + g % 3], 'Réunion de charge ' || g, now() - (g || ' days')::interval, 60, 'en_cours'
       FROM generate_series(1, $2) AS g`,
      [project.id, MEETINGS],
    );
    await database.query(
      `INSERT INTO meeting_decision (project_id, meeting_id, text, decided_by, impact_scope, impact_time, impact_budget, decided_at)
       SELECT $1, m.id, 'Décision de charge n° ' || g || ' : arbitrage du périmètre, du délai ou du budget avec son contexte.', 'COPIL',
              g % 3 = 0, g % 3 = 1, g % 5 = 0, now() - (g || ' hours')::interval
       FROM generate_series(1, $2) AS g
       JOIN LATERAL (SELECT id FROM meeting WHERE project_id = $1 AND title LIKE 'Réunion de charge %' ORDER BY id OFFSET g % $3 LIMIT 1) m ON true`,
      [project.id, DECISIONS, MEETINGS],
    );
    await database.query(
      `INSERT INTO meeting_action (project_id, meeting_id, title, owner_user_id, due_date, status)
       SELECT $1, m.id, 'Action de charge n° ' || g,
              (SELECT user_id FROM project_member WHERE project_id = $1 ORDER BY user_id OFFSET g % 6 LIMIT 1),
              current_date + (g % 60) - 30, (ARRAY['a_faire','en_cours','faite','abandonnee'])[1 + g % 4]
       FROM generate_series(1, $2) AS g
       JOIN LATERAL (SELECT id FROM meeting WHERE project_id = $1 AND title LIKE 'Réunion de charge %' ORDER BY id OFFSET g % $3 LIMIT 1) m ON true`,
      [project.id, ACTIONS, MEETINGS],
    );
    await database.query('COMMIT');
    const counts = (
      await database.query(
        `SELECT (SELECT count(*) FROM meeting WHERE project_id = $1) AS meetings, (SELECT count(*) FROM meeting_decision WHERE project_id = $1) AS decisions,
                (SELECT count(*) FROM meeting_action WHERE project_id = $1) AS actions`,
        [project.id],
      )
    ).rows[0];
    console.log(
      `Project: ${counts.meetings} meetings, ${counts.decisions} decisions, ${counts.actions} actions (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
        `${availableParallelism()} CPU(s), load ${loadavg()[0].toFixed(2)}`,
    );

    for (const [label, path] of [
      // The smallest authenticated read of the module, for comparison: the session and
      // membership checks and the machine's load, without a list to build.
      ['weather history (baseline)', `${base_}/weather`],
      ['decision log', `${base_}/decisions`],
      ['decision log, impact on time', `${base_}/decisions?impact=time`],
      ['action list', `${base_}/actions`],
      ['action list, overdue', `${base_}/actions?overdue=true`],
    ]) {
      const one = await fetch(`${base}${path}`, { headers });
      if (one.status !== 200) throw new Error(`GET ${path}: ${one.status} ${await one.text()}`);
      const rows = await one.json();
      await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: 2, headers: { cookie: headers.cookie } });
      const latencies = [];
      serverTimes = [];
      const instance = autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS, headers: { cookie: headers.cookie, 'accept-encoding': 'gzip, deflate, br' } });
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
        `GET ${label} (${rows.length} rows) — ${CONNECTIONS} concurrent clients, ${SECONDS} s: ` +
          `${result.requests.total} requests (${result['2xx']} × 2xx, ${result.non2xx} other), ` +
          `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, ` +
          `${result.requests.average.toFixed(0)} req/s${label === 'decision log' ? '   (target: p95 < 50 ms)' : ''}`,
      );
      if (inside.length > 0) {
        console.log(`    inside the API: p50 ${ms(percentile(inside, 50))}, p95 ${ms(percentile(inside, 95))}; ${(answerBytes / 1024).toFixed(0)} KiB per answer`);
      }
    }
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
