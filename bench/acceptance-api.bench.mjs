// Benchmark of the acceptance API on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/acceptance-api.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode, and adds to the demo project
// 500 requirements, 2,000 test cases of 10 steps (each checking one or two requirements), one
// campaign holding every case (200 assigned to the demo key user, the rest to the project
// manager) and one finished execution per case with its 10 step results (20,000 rows). Then:
//   - coverage of every requirement and the traceability matrix, computed by the API (no cache):
//     median / p95 over 20 sequential GETs, seen by the client and inside the API (its request log);
//     target (issue 15): < 200 ms;
//   - « Mes tests » (GET /api/me/acceptance-tests) of the key user at 20 concurrent clients
//     (autocannon): p50 / p95 / p99; target: p95 < 50 ms. Then GET /api/auth/me under the same
//     load, as a reference: what the session check alone costs on this machine.
// It only prints: timings depend on the machine. BENCH_SECONDS sets the load run's length
// (default 10). The database is dropped at the end (kept with BENCH_KEEP_DATABASE=1, to look at plans).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const REQUIREMENTS = 500;
const CASES = 2000;
const STEPS = 10;
const KEY_USER_CASES = 200;
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SEQUENTIAL = 20;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtApi = join(root, 'dist/api/api/src/main.js');
if (!existsSync(builtApi)) {
  console.error(`${builtApi} is missing: run "npx nx run api:build" first`);
  process.exit(1);
}
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `jalon_bench_acceptance_${Date.now().toString(36)}`;
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

async function signIn(base, email) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'jalon-demo' }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${email} failed: ${login.status} ${await login.text()}`);
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  // The last XSRF-TOKEN set wins, as in a browser (sign-in replaces the first one with the session's).
  const xsrf = decodeURIComponent(cookies.findLast((cookie) => cookie.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '');
  return {
    cookie: [...new Map(cookies.map((cookie) => [cookie.split('=')[0], cookie])).values()].join('; '),
    'x-xsrf-token': xsrf,
    'content-type': 'application/json',
  };
}

/** 20 concurrent clients on `url` for SECONDS: latencies seen by the client and inside the API. */
async function load(url, cookie, label, target) {
  const latencies = [];
  serverTimes = [];
  const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
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
    `${label} — ${CONNECTIONS} concurrent clients, ${SECONDS} s: ` +
      `${result.requests.total} requests (${result['2xx']} × 2xx, ${result.non2xx} other), ` +
      `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, ` +
      `${result.requests.average.toFixed(0)} req/s${target}`,
  );
  if (inside.length > 0) {
    console.log(`    inside the API: p50 ${ms(percentile(inside, 50))}, p95 ${ms(percentile(inside, 95))}; ${(answerBytes / 1024).toFixed(0)} KiB per answer; load ${loadavg()[0].toFixed(2)}`);
  }
}

/** Sequential GETs of `path`: client-side and in-API times. */
async function sequentialGets(base, path, headers, label) {
  await (await fetch(`${base}${path}`, { headers })).arrayBuffer();
  const client = [];
  serverTimes = [];
  let bytes = 0;
  for (let index = 0; index < SEQUENTIAL; index++) {
    const begin = performance.now();
    const response = await fetch(`${base}${path}`, { headers });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    bytes = (await response.arrayBuffer()).byteLength;
    client.push(performance.now() - begin);
  }
  await new Promise((settle) => setTimeout(settle, 300));
  const inside = serverTimes.sort((a, b) => a - b);
  serverTimes = null;
  client.sort((a, b) => a - b);
  console.log(
    `${label}: median ${ms(percentile(client, 50))}, p95 ${ms(percentile(client, 95))} (client); ` +
      (inside.length > 0 ? `inside the API median ${ms(percentile(inside, 50))}, p95 ${ms(percentile(inside, 95))}; ` : '') +
      `${(bytes / 1024).toFixed(0)} KiB   (target: < 200 ms)`,
  );
}

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
    const headers = await signIn(base, 'admin@demo.jalon.fr');
    const keyUserHeaders = await signIn(base, 'key.user@demo.jalon.fr');
    const [project] = await (await fetch(`${base}/api/projects`, { headers })).json();
    await database.connect();
    const users = (await database.query(`SELECT email, id FROM app_user WHERE email IN ('key.user@demo.jalon.fr', 'pm@demo.jalon.fr')`)).rows;
    const keyUser = users.find((user) => user.email === 'key.user@demo.jalon.fr').id;
    const pm = users.find((user) => user.email === 'pm@demo.jalon.fr').id;

    // 500 requirements, 2,000 cases of 10 steps, one campaign, one finished run per case (20,000 step results).
    const started = Date.now();
    await database.query('BEGIN');
    await database.query(
      `INSERT INTO acceptance_requirement (project_id, reference, title, description, category, priority, status)
       SELECT $1, 'BEX-' || lpad(g::text, 4, '0'), 'Exigence de charge ' || g, 'Le système permet ' || g,
         (ARRAY['fonctionnelle','technique','reporting','rgpd','formation'])[1 + g % 5],
         (ARRAY['indispensable','souhaitable','facultatif'])[1 + g % 3], 'validee'
       FROM generate_series(1, $2) AS g`,
      [project.id, REQUIREMENTS],
    );
    await database.query(
      `INSERT INTO acceptance_test_case (project_id, reference, title, preconditions, steps, criticality, status)
       SELECT $1, 'BCT-' || lpad(g::text, 4, '0'), 'Cas de charge ' || g, 'Agent connecté',
         (SELECT jsonb_agg(jsonb_build_object('action', 'Action ' || s, 'data', '', 'expected', 'Résultat attendu ' || s) ORDER BY s)
            FROM generate_series(1, $3) AS s),
         (ARRAY['haute','moyenne','basse'])[1 + g % 3], 'pret'
       FROM generate_series(1, $2) AS g`,
      [project.id, CASES, STEPS],
    );
    // Each case checks the requirement g % 500, and every other case a second one.
    await database.query(
      `INSERT INTO acceptance_case_requirement (project_id, test_case_id, requirement_id)
       SELECT DISTINCT $1::uuid, tc.id, r.id
         FROM acceptance_test_case tc
         JOIN LATERAL (SELECT substr(tc.reference, 5)::int AS g) n ON true
         JOIN acceptance_requirement r ON r.project_id = $1 AND r.reference IN (
           'BEX-' || lpad((1 + n.g % $2)::text, 4, '0'),
           CASE WHEN n.g % 2 = 0 THEN 'BEX-' || lpad((1 + (n.g * 7) % $2)::text, 4, '0') END)
        WHERE tc.project_id = $1 AND tc.reference LIKE 'BCT-%'`,
      [project.id, REQUIREMENTS],
    );
    const campaign = (
      await database.query(
        `INSERT INTO acceptance_campaign (project_id, name, type, status, start_date, end_date)
         VALUES ($1, 'VABF de charge', 'vabf', 'en_cours', current_date - 10, current_date + 10) RETURNING id`,
        [project.id],
      )
    ).rows[0].id;
    const iteration = (
      await database.query(`INSERT INTO acceptance_iteration (campaign_id, number, label, delivered_on) VALUES ($1, 1, 'Livraison initiale', current_date - 10) RETURNING id`, [
        campaign,
      ])
    ).rows[0].id;
    await database.query(
      `INSERT INTO acceptance_campaign_case (project_id, campaign_id, test_case_id, assignee_user_id)
       SELECT $1, $2, tc.id, CASE WHEN substr(tc.reference, 5)::int % ($4::int / $5::int) = 0 THEN $3::uuid ELSE $6::uuid END
         FROM acceptance_test_case tc WHERE tc.project_id = $1 AND tc.reference LIKE 'BCT-%'`,
      [project.id, campaign, keyUser, CASES, KEY_USER_CASES, pm],
    );
    // One run per case: 80 % passed, 10 % failed at step 7, 5 % blocked at step 4, 5 % with 5 steps passed (in progress).
    await database.query(
      `INSERT INTO acceptance_execution (project_id, campaign_case_id, iteration_id, test_case_revision, title, preconditions, steps, result,
                                         executed_by, started_at, finished_at)
       SELECT $1, cc.id, $2, tc.revision, tc.title, tc.preconditions, tc.steps,
         CASE WHEN n.g % 20 < 16 THEN 'reussi' WHEN n.g % 20 < 18 THEN 'echoue' WHEN n.g % 20 = 18 THEN 'bloque' ELSE 'en_cours' END,
         cc.assignee_user_id, now() - (n.g % 10) * interval '1 day',
         CASE WHEN n.g % 20 < 19 THEN now() - (n.g % 10) * interval '1 day' + interval '30 minutes' END
         FROM acceptance_campaign_case cc JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
         JOIN LATERAL (SELECT substr(tc.reference, 5)::int AS g) n ON true
        WHERE cc.campaign_id = $3`,
      [project.id, iteration, campaign],
    );
    await database.query(
      `INSERT INTO acceptance_step_result (execution_id, step_index, status, actual, recorded_at, recorded_by)
       SELECT e.id, s, CASE WHEN e.result = 'echoue' AND s = 6 THEN 'echoue' WHEN e.result = 'bloque' AND s = 3 THEN 'bloque' ELSE 'reussi' END,
         CASE WHEN (e.result = 'echoue' AND s = 6) OR (e.result = 'bloque' AND s = 3) THEN 'Écart constaté' ELSE '' END, e.started_at, e.executed_by
         FROM acceptance_execution e CROSS JOIN generate_series(0, $2 - 1) AS s
        WHERE e.iteration_id = $1
          AND (e.result = 'reussi' OR (e.result = 'echoue' AND s <= 6) OR (e.result = 'bloque' AND s <= 3) OR (e.result = 'en_cours' AND s < 5))`,
      [iteration, STEPS],
    );
    await database.query(
      `UPDATE acceptance_campaign_case cc SET latest_execution_id = e.id, latest_result = e.result, pending = e.finished_at IS NULL
         FROM acceptance_execution e WHERE e.campaign_case_id = cc.id AND cc.campaign_id = $1`,
      [campaign],
    );
    await database.query('COMMIT');
    await database.query('ANALYZE');
    const counts = (
      await database.query(
        `SELECT (SELECT count(*) FROM acceptance_requirement WHERE project_id = $1) AS requirements,
                (SELECT count(*) FROM acceptance_test_case WHERE project_id = $1) AS cases,
                (SELECT count(*) FROM acceptance_case_requirement WHERE project_id = $1) AS links,
                (SELECT count(*) FROM acceptance_execution WHERE project_id = $1) AS executions,
                (SELECT count(*) FROM acceptance_step_result r JOIN acceptance_execution e ON e.id = r.execution_id WHERE e.project_id = $1) AS steps,
                (SELECT count(*) FROM acceptance_campaign_case WHERE campaign_id = $2 AND assignee_user_id = $3) AS mine`,
        [project.id, campaign, keyUser],
      )
    ).rows[0];
    console.log(
      `Recette: ${counts.requirements} requirements, ${counts.cases} cases, ${counts.links} links, ${counts.executions} executions, ` +
        `${counts.steps} step results; ${counts.mine} cases assigned to the key user (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
        `${availableParallelism()} CPU(s), load ${loadavg()[0].toFixed(2)}`,
    );

    const base2 = `/api/projects/${project.id}/acceptance`;
    await sequentialGets(base, `${base2}/coverage?campaignId=${campaign}`, headers, `Coverage of every requirement in the campaign (GET …/coverage?campaignId=), ${SEQUENTIAL} GETs`);
    await sequentialGets(base, `${base2}/coverage`, headers, `Coverage across campaigns (GET …/coverage), ${SEQUENTIAL} GETs`);
    await sequentialGets(base, `${base2}/traceability?campaignId=${campaign}`, headers, `Traceability matrix (GET …/traceability?campaignId=), ${SEQUENTIAL} GETs`);
    await sequentialGets(base, `${base2}/traceability.xlsx?campaignId=${campaign}`, headers, `Traceability matrix as .xlsx, ${SEQUENTIAL} GETs (no target)`);

    const mine = `${base}/api/me/acceptance-tests`;
    const rows = await (await fetch(mine, { headers: keyUserHeaders })).json();
    await autocannon({ url: mine, connections: CONNECTIONS, duration: 3, headers: { cookie: keyUserHeaders.cookie } });
    await load(mine, keyUserHeaders.cookie, `GET /api/me/acceptance-tests (« Mes tests », ${rows.length} cases)`, '   (target: p95 < 50 ms)');
    // The cheapest signed-in GET under the same load, to tell the machine's share from the route's.
    await load(`${base}/api/auth/me`, keyUserHeaders.cookie, 'Reference: GET /api/auth/me (the session alone)', '');
  } finally {
    await database.end().catch(() => undefined);
    api.kill('SIGTERM');
    await new Promise((done) => (api.exitCode !== null ? done() : api.once('exit', done)));
    if (process.env.BENCH_KEEP_DATABASE) console.log(`Database kept: ${databaseUrl}`);
    else await admin((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
