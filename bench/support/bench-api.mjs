// What every API benchmark needs, so that each bench file holds only its data and its measures:
// a database of its own, the built API started on it in demo mode, a signed-in session, and a
// load run at N concurrent clients that reports the latency seen by the client and the time
// spent inside the API (from its JSON request log: on a 2-core machine autocannon competes with
// the API for the CPU, so both are printed).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILT_API = join(root, 'dist/api/api/src/main.js');

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
export const ms = (value) => `${value.toFixed(1)} ms`;

/** Median and p95 of durations in ms, as "median 12.3 ms, p95 45.6 ms". */
export function summarise(durations) {
  const sorted = [...durations].sort((a, b) => a - b);
  return `median ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}`;
}

/** How busy the machine is: the figures mean little without it. */
export function machineLine() {
  return `${availableParallelism()} CPU(s), load average ${loadavg().map((load) => load.toFixed(1)).join(' / ')}`;
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

async function onServer(serverUrl, work) {
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

/** Signs in and returns the headers of that session (cookie, CSRF token, JSON body). */
export async function signIn(base, email = 'admin@demo.jalon.fr', password = 'jalon-demo') {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
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

/**
 * Creates a database named after `name` on the server of DATABASE_URL (default: the local
 * postgres@127.0.0.1:5432), starts the built API on it in demo mode, signs in as the demo
 * administrator, and runs `work` with:
 *   base      the API's origin;
 *   headers   the administrator's session headers;
 *   call      (method, path, body?) → parsed JSON, throwing on a non-2xx answer;
 *   database  a connected pg client on the bench database (to load rows in bulk);
 *   project   the demo project (the first the administrator sees);
 *   load      (path, options) → a load run (see below).
 * The API is stopped and the database dropped at the end, whatever happens.
 */
export async function withBenchApi(name, work) {
  if (!existsSync(BUILT_API)) {
    throw new Error(`${BUILT_API} is missing: run "npx nx run api:build" first`);
  }
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `jalon_bench_${name}_${Date.now().toString(36)}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${databaseName}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${databaseName}"`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  /** Durations (ms) the API logged for the GETs being measured; null between runs. */
  let serverTimes = null;
  const api = spawn(process.execPath, [BUILT_API], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl.toString(),
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
  const database = new pg.Client({ connectionString: databaseUrl.toString() });
  try {
    const deadline = Date.now() + 90_000;
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
    const headers = await signIn(base);
    const call = async (method, path, body) => {
      const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const [project] = await call('GET', '/api/projects');
    await database.connect();

    /**
     * GETs `path` at `connections` concurrent clients for `seconds` (after a short unmeasured
     * warm-up unless `warmUp` is 0), prints one line with the client's p50 / p95 / p99 and one with
     * the API's own p50 / p95 and the bytes of an answer, and returns the figures. A `target` of
     * null leaves the target out of the line (a baseline measured for comparison).
     */
    async function load(path, { label = '', connections = 20, seconds = Number(process.env.BENCH_SECONDS ?? 10), warmUp = 3, extraHeaders = {}, target = 'p95 < 50 ms', sessionHeaders = headers } = {}) {
      const url = `${base}${path}`;
      const requestHeaders = { cookie: sessionHeaders.cookie, ...extraHeaders };
      if (warmUp > 0) await autocannon({ url, connections, duration: warmUp, headers: requestHeaders });
      const latencies = [];
      serverTimes = [];
      const instance = autocannon({ url, connections, duration: seconds, headers: requestHeaders });
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
      const shown = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
      console.log(
        `GET ${shown}${label ? ` (${label})` : ''}: ${connections} concurrent clients, ${seconds} s: ` +
          `${result.requests.total} requests (${result['2xx']} × 2xx, ${result.non2xx} other), ` +
          `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, ` +
          `${result.requests.average.toFixed(0)} req/s${target ? `   (target: ${target})` : ''}`,
      );
      if (inside.length > 0) {
        console.log(
          `    inside the API (${inside.length} requests): p50 ${ms(percentile(inside, 50))}, p95 ${ms(percentile(inside, 95))}; ` +
            `${(answerBytes / 1024).toFixed(0)} KiB per answer, ${(result.throughput.total / 1024 / 1024).toFixed(1)} MiB in all`,
        );
      }
      return { latencies, inside, answerBytes, result };
    }

    return await work({ base, headers, call, database, project, load });
  } finally {
    await database.end().catch(() => undefined);
    api.kill('SIGTERM');
    await new Promise((done) => (api.exitCode !== null ? done() : api.once('exit', done)));
    await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }
}

/** Runs a bench's main function and sets a failing exit code on error. */
export function runBench(main) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
