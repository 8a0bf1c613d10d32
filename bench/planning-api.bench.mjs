// Benchmark of the retroplanning API on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/planning-api.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode (for the demo administrator's
// account), and for a plan of 1,000 tasks (about 1,500 links), then one of 5,000 tasks (about
// 7,500 links), measures:
//   1. GET /api/projects/:id/plan, 20 concurrent clients (autocannon), 10 s each, in the plain
//      JSON (RetroPlanningDto) and the compact one (Accept: application/vnd.jalon.plan-compact+json),
//      each uncompressed then gzip-accepted as a browser asks: p50 / p95 latency seen by the
//      client, the bytes of one answer and the bytes transferred, and the same percentiles of the
//      time each request spent inside the API (its request log), because on a small machine
//      autocannon itself competes for the CPU;
//   2. moving one task (PATCH of its duration: recompute + store of the whole plan), one at a
//      time: median / p95.
// Targets (issues 5 and 9): the compact JSON at most a third of the plain one; GET p95 under
// 50 ms with and without gzip at 1,000 tasks; a move under 200 ms. It only prints: timings depend
// on the machine, so nothing here fails a build. BENCH_SECONDS sets each GET run's length;
// BENCH_SIZES (default "1000,5000") the plan sizes. The database is dropped at the end.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const TASKS_PER_CHAIN = 50; // workstreams of 50 tasks: 20 of them for 1,000 tasks
const CROSS_LINKS_PER_TASK = 0.52; // on top of the chain links: about 1.5 links per task
const CONNECTIONS = 20;
const COMPACT = 'application/vnd.jalon.plan-compact+json';
const GET_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MOVES = 40;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtApi = join(root, 'dist/api/api/src/main.js');
if (!existsSync(builtApi)) {
  console.error(`${builtApi} is missing: run "npx nx run api:build" first`);
  process.exit(1);
}
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `jalon_bench_${Date.now().toString(36)}`;
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

/** A deterministic pseudo-random sequence, so every run benchmarks the same plan. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value) => `${value.toFixed(1)} ms`;

/** Durations (ms) the API logged for the GETs of the phase being measured; null between phases. */
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
      // The request log gives each request's time inside the API, next to what the client sees.
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

    // Sign in as the demo administrator; keep the session and the CSRF token.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.jalon.fr', password: 'jalon-demo' }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    // The last XSRF-TOKEN set wins, as in a browser (sign-in replaces the first one with the session's).
    const xsrf = decodeURIComponent(cookies.findLast((cookie) => cookie.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '');
    const headers = { cookie: [...new Map(cookies.map((cookie) => [cookie.split('=')[0], cookie])).values()].join('; '), 'x-xsrf-token': xsrf, 'content-type': 'application/json' };
    const call = async (method, path, body) => {
      const response = await fetch(`${base}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text);
    };

    await database.connect();
    for (const size of SIZES) await benchPlan(size);

    async function benchPlan(TASKS) {
      const CHAINS = TASKS / TASKS_PER_CHAIN;
      const CROSS_LINKS = Math.round(TASKS * CROSS_LINKS_PER_TASK);
      const project = await call('POST', '/api/projects', { name: `Bench — ${TASKS} tâches`, targetGoLive: '2028-06-13' });
      const planPath = `/api/projects/${project.id}/plan`;

      // Loading 1,000 tasks through the API would recompute 1,000 times; the rows go in directly
      // and one API edit then computes and stores the whole plan, as any edit does.
      const next = random(42);
      const phases = await database.query(
        `INSERT INTO plan_phase (project_id, name, position)
         SELECT $1, 'Phase ' || n, n FROM generate_series(1, 10) AS n RETURNING id`,
        [project.id],
      );
      const tasks = [];
      for (let index = 0; index < TASKS; index++) {
        const milestone = index % 25 === 24;
        tasks.push({
          name: milestone ? `Jalon ${index}` : `Tâche ${index}`,
          duration: milestone ? 0 : 1 + Math.floor(next() * 10),
          key: milestone && index % 100 === 99,
          phase: phases.rows[Math.floor((index % 50) / 5)].id,
          position: index,
        });
      }
      const inserted = await database.query(
        `INSERT INTO plan_task (project_id, phase_id, name, duration, key_milestone, position, owner_name)
         SELECT $1, t.phase, t.name, t.duration, t.key, t.position, 'Équipe projet'
           FROM jsonb_to_recordset($2::jsonb) AS t(phase uuid, name text, duration int, key boolean, position int)
         ORDER BY t.position
         RETURNING id, position`,
        [project.id, JSON.stringify(tasks)],
      );
      const ids = inserted.rows.sort((a, b) => a.position - b.position).map((row) => row.id);
      const perChain = TASKS / CHAINS;
      const links = new Map();
      const addLink = (from, to, type = 'FS', lag = 0) => {
        const key = `${from}>${to}`;
        if (from !== to && !links.has(key)) links.set(key, { from: ids[from], to: ids[to], type, lag });
      };
      // Task i of chain c is ids[c * perChain + i]; links only go from a lower step to a higher
      // one, so the plan has no cycle.
      for (let chain = 0; chain < CHAINS; chain++) {
        for (let step = 1; step < perChain; step++) addLink(chain * perChain + step - 1, chain * perChain + step);
      }
      while (links.size < (perChain - 1) * CHAINS + CROSS_LINKS) {
        const fromStep = Math.floor(next() * (perChain - 1));
        const toStep = fromStep + 1 + Math.floor(next() * Math.min(5, perChain - 1 - fromStep));
        const from = Math.floor(next() * CHAINS) * perChain + fromStep;
        const to = Math.floor(next() * CHAINS) * perChain + toStep;
        const kind = next();
        addLink(from, to, kind < 0.8 ? 'FS' : kind < 0.95 ? 'SS' : 'FF', Math.floor(next() * 4) - 1);
      }
      await database.query(
        `INSERT INTO plan_link (project_id, from_task_id, to_task_id, type, lag)
         SELECT $1, l."from", l."to", l.type, l.lag FROM jsonb_to_recordset($2::jsonb) AS l("from" uuid, "to" uuid, type text, lag int)`,
        [project.id, JSON.stringify([...links.values()])],
      );
      const settings = (await call('GET', planPath)).settings;
      const plan = await call('PATCH', `${planPath}/settings`, { version: settings.version, statusDate: '2027-01-04' });
      // A freshly loaded table gets vacuumed and analysed by autovacuum a few seconds later, in the
      // middle of the first measurement: do it now, as a database in steady state would have.
      await database.query('VACUUM ANALYZE plan_task, plan_link, plan_settings');
      const body = JSON.stringify(plan);
      const compactBytes = Buffer.byteLength(await (await fetch(`${base}${planPath}`, { headers: { cookie: headers.cookie, accept: COMPACT } })).text());
      // The load generator shares the machine with the API and PostgreSQL: say how busy it was.
      console.log(`Machine: ${availableParallelism()} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' / ')} before the runs`);
      console.log(
        `Plan: ${plan.tasks.length} tasks, ${plan.links.length} links, ${plan.projectStart} → ${plan.projectFinish}, ` +
          `${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB of plain JSON, ${(compactBytes / 1024).toFixed(0)} KiB compact ` +
          `(${((100 * compactBytes) / Buffer.byteLength(body)).toFixed(0)} %; target: at most 33 %)`,
      );

      // 1. GET at 20 concurrent clients: uncompressed, then as a browser asks (gzip accepted),
      // after a short unmeasured warm-up (JIT, connection pools, the plan's serialisation cache).
      await autocannon({ url: `${base}${planPath}`, connections: CONNECTIONS, duration: 5, headers: { cookie: headers.cookie } });
      for (const [label, extra] of [
        ['plain JSON, uncompressed', {}],
        ['plain JSON, gzip as browsers ask', { 'accept-encoding': 'gzip, deflate, br' }],
        ['compact, uncompressed', { accept: COMPACT }],
        ['compact, gzip as browsers ask', { accept: COMPACT, 'accept-encoding': 'gzip, deflate, br' }],
      ]) {
        const latencies = [];
        serverTimes = [];
        const instance = autocannon({
          url: `${base}${planPath}`,
          connections: CONNECTIONS,
          duration: GET_SECONDS,
          headers: { cookie: headers.cookie, ...extra },
        });
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
          `GET ${planPath.replace(project.id, ':id')} (${label}) — ${CONNECTIONS} concurrent clients, ${GET_SECONDS} s: ` +
            `${result.requests.total} requests (${result['2xx']} × 2xx, ${result.non2xx} other), ` +
            `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, ` +
            `p99 ${ms(percentile(latencies, 99))}, ${result.requests.average.toFixed(0)} req/s   (target: p95 < 50 ms)`,
        );
        console.log(
          `    bytes: ${(answerBytes / 1024).toFixed(0)} KiB per answer (headers included), ` +
            `${(result.throughput.total / 1024 / 1024).toFixed(1)} MiB transferred in all`,
        );
        console.log(
          `    inside the API (request log, ${inside.length} requests): p50 ${ms(percentile(inside, 50))}, p95 ${ms(percentile(inside, 95))}`,
        );
      }

      // 2. Moving one task: each PATCH recomputes the whole plan and stores what changed.
      const durations = [];
      let current = plan;
      for (let move = 0; move < MOVES; move++) {
        const task = current.tasks[(move * 97) % current.tasks.length];
        if (task.duration === 0) continue;
        const started = performance.now();
        current = await call('PATCH', `${planPath}/tasks/${task.id}`, {
          version: task.version,
          duration: task.duration + 1 + (move % 3),
        });
        durations.push(performance.now() - started);
      }
      durations.sort((a, b) => a - b);
      console.log(
        `PATCH one task of the ${TASKS}-task plan (recompute + store), ${durations.length} moves one after another: ` +
          `median ${ms(percentile(durations, 50))}, p95 ${ms(percentile(durations, 95))}, max ${ms(durations.at(-1))}   (target: < 200 ms)`,
      );
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
