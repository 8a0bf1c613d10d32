// What every API benchmark needs, so that each bench file holds only its data and its measures:
// a database of its own, the built API started on it in demo mode, a signed-in session, and a
// load run at N concurrent clients that reports the latency seen by the client and the time
// spent inside the API (from its JSON request log: on a 2-core machine the clients compete with
// the API for the CPU, so both are printed).
import { Agent, get } from 'node:http';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// JALON_TEST_DIST (relative to the repository, as for the browser tests): a copy of dist/, so a
// build of the working tree meanwhile does not change what is measured.
export const BUILT_API = join(root, process.env.JALON_TEST_DIST ?? 'dist', 'api/api/src/main.js');
export const WEB_DIR = join(root, process.env.JALON_TEST_DIST ?? 'dist', 'web/browser');

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

/**
 * CPU time (ms, user + system) the processes `pids` have used so far, from /proc (Linux); null
 * elsewhere. On a loaded machine a request's latency is mostly waiting for a core, but the CPU it
 * costs is its own: at 20 concurrent clients the API's one thread serialises them, so a request
 * that costs the API c ms of CPU cannot answer in much under 20 × c ms at p95, however idle the
 * machine.
 */
export function cpuMs(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      if (pids.length === 1) return null;
    }
  }
  return total;
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every common kernel. */
const CLOCK_TICKS = 100;

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
 * postgres@127.0.0.1:5432), starts the built API on it in demo mode (serving the built web app
 * too with `{ web: true }`), signs in as the demo
 * administrator, and runs `work` with:
 *   base      the API's origin;
 *   headers   the administrator's session headers;
 *   call      (method, path, body?) → parsed JSON, throwing on a non-2xx answer;
 *   database  a connected pg client on the bench database (to load rows in bulk);
 *   project   the demo project (the first the administrator sees);
 *   load      (path, options) → a load run (see below);
 *   sequential (path, options) → GETs one at a time (see below);
 *   measureCpu (work) → the CPU the API and its database backends spent while `work` ran;
 *   cpuLine   (cpu) → that CPU as a line to print;
 *   databaseUrl the bench database's URL.
 * Every run also prints the CPU per request of the API process and of its PostgreSQL backends
 * (from /proc): on a loaded machine, the figure that says what the route itself costs.
 * The API is stopped and the database dropped at the end, whatever happens (kept with
 * BENCH_KEEP_DATABASE=1, to look at query plans). BENCH_CPU_PROF=<folder> has the API write a
 * V8 CPU profile there.
 */
export async function withBenchApi(name, work, { web = false } = {}) {
  if (!existsSync(BUILT_API)) {
    throw new Error(`${BUILT_API} is missing: run "npx nx run api:build" first`);
  }
  if (web && !existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR}/index.html is missing: run "npx nx run web:build" first`);
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
  // BENCH_CPU_PROF=<folder>: the API writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, '--import', 'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))']
    : [];
  const api = spawn(process.execPath, [...profile, BUILT_API], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl.toString(),
      JALON_DEMO: 'true',
      // The built web app too when a bench opens pages (`web: true`), from the same dist.
      JALON_WEB_DIR: web ? WEB_DIR : '/nonexistent',
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
    // The demo seed of every module takes minutes at load 40: BENCH_START_SECONDS (default 600) bounds the wait.
    const deadline = Date.now() + Number(process.env.BENCH_START_SECONDS ?? 600) * 1000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the API exited:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`the API did not start:\n${output.slice(-3000)}`);
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

    /** The PostgreSQL backends serving the API on the bench database (not this script's own), by pid. */
    const backendPids = async () =>
      (await database.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((row) => row.pid);
    /** CPU used so far by the API and by its database backends: call it before and after a run, give `cpuSince` the first answer. */
    const cpuNow = async () => {
      const pids = await backendPids();
      return { api: cpuMs([api.pid]), backends: new Map(pids.map((pid) => [pid, cpuMs([pid])])) };
    };
    /** "API 3.1 ms, PostgreSQL 1.2 ms of CPU per request" since `before`, over `requests` requests. */
    const cpuSince = async (before, requests) => {
      const after = await cpuNow();
      if (before.api === null || after.api === null || requests === 0) return null;
      let database = 0;
      for (const [pid, used] of after.backends) database += (used ?? 0) - (before.backends.get(pid) ?? 0);
      return { api: (after.api - before.api) / requests, database: database / requests };
    };
    // In a load run, the bench's own process (the clients and the API's log reader) shares the 2 cores: its CPU is printed too.
    const cpuLine = (cpu) =>
      cpu
        ? `CPU per request: API ${ms(cpu.api)}, PostgreSQL ${ms(cpu.database)}${cpu.client === undefined ? '' : `, client ${ms(cpu.client)}`}`
        : 'CPU per request: not measured (no /proc)';

    /**
     * GETs `path` at `connections` concurrent clients for `seconds` (after a short unmeasured
     * warm-up unless `warmUp` is 0), prints one line with the client's p50 / p95 / p99 and one with
     * the API's own p50 / p95 and the bytes of an answer, and returns the figures. A `target` of
     * null leaves the target out of the line (a baseline measured for comparison).
     */
    async function load(path, { label = '', connections = 20, seconds = Number(process.env.BENCH_SECONDS ?? 10), warmUp = 3, extraHeaders = {}, target = 'p95 < 50 ms', sessionHeaders = headers } = {}) {
      const url = `${base}${path}`;
      const requestHeaders = { cookie: sessionHeaders.cookie, ...extraHeaders };
      if (warmUp > 0) await closedLoop(url, { connections, seconds: warmUp, headers: requestHeaders });
      serverTimes = [];
      const cpuBefore = await cpuNow();
      const clientBefore = process.cpuUsage();
      const result = await closedLoop(url, { connections, seconds, headers: requestHeaders });
      const clientUsed = process.cpuUsage(clientBefore);
      await new Promise((settle) => setTimeout(settle, 300));
      const cpu = await cpuSince(cpuBefore, result.total);
      if (cpu) cpu.client = (clientUsed.user + clientUsed.system) / 1000 / Math.max(1, result.total);
      const inside = serverTimes.sort((a, b) => a - b);
      serverTimes = null;
      const { latencies, answerBytes } = result;
      const shown = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
      console.log(
        `GET ${shown}${label ? ` (${label})` : ''}: ${connections} concurrent clients, ${seconds} s: ` +
          `${result.total} requests (${result.ok} × 2xx, ${result.other} other), ` +
          `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, ` +
          `${result.perSecond.toFixed(0)} req/s${target ? `   (target: ${target})` : ''}`,
      );
      if (inside.length > 0) {
        console.log(
          `    inside the API (${inside.length} requests): p50 ${ms(percentile(inside, 50))}, p95 ${ms(percentile(inside, 95))}; ` +
            `${(answerBytes / 1024).toFixed(0)} KiB per answer, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB in all`,
        );
      }
      console.log(`    ${cpuLine(cpu)}; ${machineLine()}`);
      return { latencies, inside, answerBytes, result, cpu };
    }

    /**
     * GETs `path` `count` times one after the other (after one unmeasured GET), prints the median
     * and p95 seen by the client and inside the API, the CPU per request and the answer's size,
     * and returns the figures.
     */
    async function sequential(path, { label = '', count = 20, target = null, sessionHeaders = headers, extraHeaders = {} } = {}) {
      const requestHeaders = { ...sessionHeaders, ...extraHeaders };
      await (await fetch(`${base}${path}`, { headers: requestHeaders })).arrayBuffer();
      const client = [];
      serverTimes = [];
      const cpuBefore = await cpuNow();
      let bytes = 0;
      for (let index = 0; index < count; index++) {
        const begin = performance.now();
        const response = await fetch(`${base}${path}`, { headers: requestHeaders });
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
        bytes = (await response.arrayBuffer()).byteLength;
        client.push(performance.now() - begin);
      }
      await new Promise((settle) => setTimeout(settle, 300));
      const cpu = await cpuSince(cpuBefore, count);
      const inside = serverTimes.sort((a, b) => a - b);
      serverTimes = null;
      const shown = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
      console.log(
        `GET ${shown}${label ? ` (${label})` : ''}, ${count} one at a time: ${summarise(client)} (client)` +
          (inside.length > 0 ? `; inside the API ${summarise(inside)}` : '') +
          `; ${(bytes / 1024).toFixed(0)} KiB${target ? `   (target: ${target})` : ''}`,
      );
      console.log(`    ${cpuLine(cpu)}; ${machineLine()}`);
      return { client, inside, bytes, cpu };
    }

    /** Runs `work` and returns its result with the CPU it cost the API and the database (for writes and one-off computations). */
    async function measureCpu(work) {
      const before = await cpuNow();
      const result = await work();
      return { result, cpu: await cpuSince(before, 1) };
    }

    return await work({ base, headers, call, database, project, load, sequential, measureCpu, cpuLine, databaseUrl: databaseUrl.toString() });
  } finally {
    await database.end().catch(() => undefined);
    api.kill('SIGTERM');
    await new Promise((done) => (api.exitCode !== null ? done() : api.once('exit', done)));
    if (process.env.BENCH_KEEP_DATABASE) console.log(`Database kept (BENCH_KEEP_DATABASE): ${databaseUrl}`);
    else await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }
}

/**
 * A closed-loop load: `connections` clients, each sending its next GET as soon as its previous answer
 * has arrived, for `seconds`. Returns the latencies of the 200 answers (ms, sorted), the counts, the
 * requests per second, the bytes received and the size of one answer. Node's own HTTP client parses
 * in C and only counts an answer's bytes: autocannon 9, used before, appends every body chunk to a
 * string, which cost it 2.0 to 2.5 ms of CPU per 100 KiB to 1.2 MiB answer, on the same two cores
 * as the API it measured.
 */
export async function closedLoop(url, { connections = 20, seconds = 10, headers = {} } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let ok = 0;
  let other = 0;
  let bytes = 0;
  let answerBytes = 0;
  const one = () =>
    new Promise((resolve, reject) => {
      const begin = performance.now();
      const request = get(url, { agent, headers }, (response) => {
        let size = 0;
        response.on('data', (chunk) => (size += chunk.length));
        response.on('error', reject);
        response.on('end', () => {
          bytes += size;
          if (response.statusCode === 200) {
            ok++;
            latencies.push(performance.now() - begin);
            answerBytes = size;
          } else other++;
          resolve();
        });
      });
      request.on('error', reject);
    });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) await one();
  };
  try {
    await Promise.all(Array.from({ length: connections }, client));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, ok, other, total: ok + other, perSecond: (ok + other) / elapsed, bytes, answerBytes };
}

/** Runs a bench's main function and sets a failing exit code on error. */
export function runBench(main) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
