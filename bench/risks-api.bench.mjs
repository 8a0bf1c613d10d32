// Benchmark of the risk register API on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/risks-api.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode, adds to the demo project
// 1,000 risks (a fifth linked to plan tasks, one treatment each) and 50 past reviews that each
// snapshot every risk (50,000 snapshot rows), then measures GET /api/projects/:id/risks at 20
// concurrent clients (closed-loop clients, bench/support), in the plain JSON (RiskRegisterDto) and
// the compact one the web app asks for (Accept: application/vnd.jalon.risk-register-compact+json),
// each uncompressed and gzip-accepted:
// p50 / p95 / p99 seen by the client, and the p95 of the time spent inside the API (its request log), because on a small
// machine the clients compete with the API for the CPU. Then the first GET after a write (the
// register recomputed): median / p95 over 20 writes.
// Target (issue 12): p95 < 50 ms at 20 clients. Every run also prints the CPU per request of the API
// and of its database backends (on a loaded machine, what the route itself costs).
// Then the risks page of the built web app (served by the same API) in headless Chromium
// (Debian's /usr/bin/chromium, or CHROMIUM_PATH), PAGE_RUNS loads after one unmeasured (warm-up): from the register's JSON having
// arrived (its resource timing's responseEnd) to the first frame painted with the matrix's chips,
// and with the register table's rows. Target (issue 12): matrix drawn < 500 ms after its data arrives.
// It only prints: timings depend on the machine.
// BENCH_SECONDS sets each run's length (default 10), BENCH_PAGE_RUNS the page loads (default 5),
// BENCH_PAGE_PROFILE a file for the last page load's CPU profile.
// The database is dropped at the end (kept with BENCH_KEEP_DATABASE=1).
import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { machineLine, runBench, summarise, withBenchApi } from './support/bench-api.mjs';

const RISKS = 1000;
const COMPACT = 'application/vnd.jalon.risk-register-compact+json';
const REVIEWS = 50;
const WRITES = 20;
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Runs in the page before its scripts: on every animation frame, looks for the matrix with its
 * chips and for the register's rows; the first time each is in the DOM, the time of the next
 * paint is taken (a task queued from the following frame runs after that frame is painted).
 */
function pageProbe() {
  const probe = { matrix: null, table: null, data: null };
  window.__riskPageProbe = probe;
  const afterPaint = (key) => requestAnimationFrame(() => setTimeout(() => (probe[key] = performance.now())));
  let matrixSeen = false;
  let tableSeen = false;
  const frame = () => {
    if (!matrixSeen && document.querySelectorAll('[data-testid="risk-matrix"] [role="cell"]').length === 25 &&
        document.querySelector('[data-testid="risk-matrix"] [data-testid^="chip-"]')) {
      matrixSeen = true;
      afterPaint('matrix');
    }
    if (!tableSeen && document.querySelector('[data-testid="risk-register"] tr[data-testid^="row-"]')) {
      tableSeen = true;
      afterPaint('table');
    }
    if (!matrixSeen || !tableSeen) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Loads the risks page `runs` times; returns, per load, the register's arrival and the two paints (ms since navigation). */
async function measurePage(base, headers, projectId, runs) {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`Risks page: not measured (no Chromium at ${CHROMIUM_PATH}; set CHROMIUM_PATH)`);
    return;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    env: { ...process.env, TZ: 'Europe/Paris', LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' },
    args: ['--headless', '--lang=fr-FR', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ timezoneId: 'Europe/Paris', locale: 'fr-FR', viewport: { width: 1600, height: 1000 } });
    await context.addCookies(
      headers.cookie.split('; ').map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: base })),
    );
    await context.addInitScript(pageProbe);
    const page = await context.newPage();
    const registerPath = `/api/projects/${projectId}/risks`;
    const loads = [];
    // BENCH_PAGE_PROFILE=<file.cpuprofile>: the last load's main-thread CPU profile (open it in Chrome's DevTools).
    const profileFile = process.env.BENCH_PAGE_PROFILE;
    const cdp = profileFile ? await context.newCDPSession(page) : null;
    // Run 0 warms up (the browser's disk and code caches, the API's register cache) and is not counted.
    for (let run = 0; run <= runs; run++) {
      const profiled = cdp && run === runs;
      if (profiled) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.goto(`${base}/projects/${projectId}/risks`);
      await page.waitForFunction(() => window.__riskPageProbe.matrix !== null && window.__riskPageProbe.table !== null, null, { timeout: 180_000 });
      if (profiled) writeFileSync(profileFile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      const figures = await page.evaluate((path) => {
        const entry = performance.getEntriesByType('resource').findLast((candidate) => new URL(candidate.name).pathname === path);
        return { ...window.__riskPageProbe, data: entry ? entry.responseEnd : null, bytes: entry?.encodedBodySize ?? 0 };
      }, registerPath);
      if (figures.data === null) throw new Error(`the risks page did not fetch ${registerPath}`);
      if (run > 0) loads.push(figures);
    }
    const after = (key) => loads.map((load) => load[key] - load.data);
    console.log(
      `Risks page in Chromium, ${runs} loads after one not counted: register arrived ${summarise(loads.map((load) => load.data))} after navigation ` +
        `(${(loads[0].bytes / 1024).toFixed(0)} KiB on the wire); ${machineLine()}`,
    );
    console.log(`    matrix drawn ${summarise(after('matrix'))} after the data arrived   (target: < 500 ms)  [${after('matrix').map((value) => value.toFixed(0)).join(', ')}]`);
    console.log(`    matrix and register table drawn ${summarise(after('table').map((table, index) => Math.max(table, after('matrix')[index])))} after the data arrived`);
  } finally {
    await browser.close();
  }
}

runBench(() =>
  withBenchApi('risks', async ({ base, headers, database, project, load, measureCpu }) => {
    const path = `/api/projects/${project.id}/risks`;

    // 1,000 risks, a fifth linked to plan tasks, one treatment each, and 50 reviews of all of them.
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
        machineLine(),
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
    console.log(`GET one at a time (served from the register cache): ${summarise(sequential)}`);

    const compactBytes = (await (await fetch(`${base}${path}`, { headers: { ...headers, accept: COMPACT } })).arrayBuffer()).byteLength;
    const plainBytes = Buffer.byteLength(JSON.stringify(body));
    console.log(`Compact register (as the web app asks for it): ${(compactBytes / 1024).toFixed(0)} KiB, ${((100 * compactBytes) / plainBytes).toFixed(0)} % of the plain JSON`);

    await load(path, { label: 'plain JSON, uncompressed' });
    await load(path, { label: 'plain JSON, gzip as browsers ask', warmUp: 0, extraHeaders: { 'accept-encoding': 'gzip, deflate, br' } });
    await load(path, { label: 'compact, uncompressed', warmUp: 0, extraHeaders: { accept: COMPACT } });
    await load(path, { label: 'compact, gzip as browsers ask (the web app)', warmUp: 0, extraHeaders: { accept: COMPACT, 'accept-encoding': 'gzip, deflate, br' } });

    // The first GET after a write recomputes the register.
    const risk = body.risks.find((candidate) => candidate.status !== 'closed');
    const afterWrite = [];
    const apiCpu = [];
    const databaseCpu = [];
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
      const { cpu } = await measureCpu(async () => (await fetch(`${base}${path}`, { headers })).arrayBuffer());
      afterWrite.push(performance.now() - begin);
      if (cpu) {
        apiCpu.push(cpu.api);
        databaseCpu.push(cpu.database);
      }
    }
    console.log(`First GET after a write (register recomputed), ${WRITES} times: ${summarise(afterWrite)}`);
    if (apiCpu.length > 0) console.log(`    CPU of that GET: API ${summarise(apiCpu)}; PostgreSQL ${summarise(databaseCpu)}; ${machineLine()}`);

    await measurePage(base, headers, project.id, PAGE_RUNS);
  }, { web: true }),
);
