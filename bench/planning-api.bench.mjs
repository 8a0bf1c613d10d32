// Benchmark of the retroplanning API on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/planning-api.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode (for the demo administrator's
// account), and for a plan of 1,000 tasks (about 1,500 links), then one of 5,000 tasks (about
// 7,500 links), measures:
//   1. GET /api/projects/:id/plan, 20 concurrent clients (a closed loop of Node HTTP clients, bench/support), 10 s each, in the plain
//      JSON (RetroPlanningDto) and the compact one (Accept: application/vnd.jalon.plan-compact+json),
//      each uncompressed then gzip-accepted as a browser asks: p50 / p95 latency seen by the
//      client, the bytes of one answer and the bytes transferred, and the same percentiles of the
//      time each request spent inside the API (its request log), because on a small machine
//      the clients themselves compete for the CPU;
//   2. moving one task (PATCH of its duration: recompute + store of the whole plan), one at a
//      time: median / p95;
//   3. the planning page of the built Jalon (web app and API as a user gets them, compressed, with
//      the real chain of requests) in headless Chromium (Debian's /usr/bin/chromium, or
//      CHROMIUM_PATH), PAGE_RUNS first visits in a fresh browser context (nothing cached) after one
//      unmeasured: from navigation start to the first frame painted with the Gantt's bars and the
//      table, and from the plan's arrival to that frame. Target (issue 9): first render under 1.0 s
//      at 1,000 tasks and 1.5 s at 5,000. bench/gantt-render.bench.mjs measures the same page with
//      its API answered inside the browser context, beside frappe-gantt alone.
// Targets (issues 5 and 9): the compact JSON at most a third of the plain one; GET p95 under
// 50 ms with and without gzip at 1,000 tasks; a move under 200 ms. It only prints: timings depend
// on the machine, so nothing here fails a build. BENCH_SECONDS sets each GET run's length;
// BENCH_SIZES (default "1000,5000") the plan sizes, BENCH_PAGE_RUNS (default 5) the page visits,
// BENCH_PAGE_PROFILE a folder for the last visit's CPU profile.
// The database is dropped at the end.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { machineLine, ms, percentile, runBench, summarise, withBenchApi } from './support/bench-api.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const TASKS_PER_CHAIN = 50; // workstreams of 50 tasks: 20 of them for 1,000 tasks
const CROSS_LINKS_PER_TASK = 0.52; // on top of the chain links: about 1.5 links per task
const COMPACT = 'application/vnd.jalon.plan-compact+json';
const GET_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MOVES = 40;
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Visits of the planning page of `projectId`: first visits, each in a fresh browser context, then
 * later visits in one context whose cache holds the web app's files (content-named, kept a year:
 * every visit after the first, for someone who opens the plan each week). For each, the time from
 * navigation start to the first frame painted with the plan's last bar and the table's rows, and
 * from the plan's arrival (its resource timing's responseEnd) to that frame.
 */
async function measurePlanningPage(base, headers, projectId, tasks) {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`Planning page: not measured (no Chromium at ${CHROMIUM_PATH}; set CHROMIUM_PATH)`);
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--lang=fr-FR'] });
  const newContext = async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1600, height: 1000 } });
    await context.addCookies(
      headers.cookie.split('; ').map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: base })),
    );
    await context.addInitScript(() => localStorage.setItem('jalon.planning.view', 'Week'));
    return context;
  };
  const visit = (page) =>
    page.evaluate(async (planPath) => {
      for (;;) {
        if (document.querySelector('.bar-wrapper[data-id="range:finish"]') && document.querySelector('[data-testid="task-row"]')) break;
        await new Promise((next) => requestAnimationFrame(next));
      }
      // The frame is painted when a task queued from the next animation frame runs.
      await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
      const plan = performance.getEntriesByType('resource').findLast((entry) => new URL(entry.name).pathname === planPath);
      const resources = performance.getEntriesByType('resource').map((entry) => ({
        path: new URL(entry.name).pathname.replace(/[0-9a-f-]{36}/g, ':id'),
        start: Math.round(entry.startTime),
        end: Math.round(entry.responseEnd),
        bytes: entry.transferSize,
      }));
      return { total: performance.now(), afterPlan: plan ? performance.now() - plan.responseEnd : null, planAsked: plan?.startTime ?? null, resources };
    }, `/api/projects/${projectId}/plan`);
  const report = (label, visits) => {
    console.log(`${label}: drawn ${summarise(visits.map((time) => time.total))} after navigation   (target: < ${tasks <= 1000 ? '1.0' : '1.5'} s); ${machineLine()}`);
    const planAsked = visits.map((time) => time.planAsked).filter((value) => value !== null);
    const afterPlan = visits.map((time) => time.afterPlan).filter((value) => value !== null);
    if (planAsked.length > 0) console.log(`    the plan asked for at ${summarise(planAsked)} after navigation`);
    if (afterPlan.length > 0) console.log(`    from the plan's arrival to the drawn page: ${summarise(afterPlan)}`);
  };
  try {
    const firstVisits = [];
    for (let run = 0; run <= PAGE_RUNS; run++) {
      const context = await newContext();
      const page = await context.newPage();
      // BENCH_PAGE_PROFILE=<folder>: the last visit's main-thread CPU profile, one file per plan size.
      const cdp = process.env.BENCH_PAGE_PROFILE && run === PAGE_RUNS ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.goto(`${base}/projects/${projectId}/planning`);
      const time = await visit(page);
      if (process.env.BENCH_PAGE_WATERFALL && run === PAGE_RUNS) {
        console.log(`    requests of the last visit (ms after navigation start):`);
        for (const resource of time.resources) console.log(`      ${String(resource.start).padStart(5)} → ${String(resource.end).padStart(5)}  ${resource.bytes} B  ${resource.path}`);
      }
      if (cdp) writeFileSync(join(process.env.BENCH_PAGE_PROFILE, `planning-page-${tasks}.cpuprofile`), JSON.stringify((await cdp.send('Profiler.stop')).profile));
      await context.close();
      if (run === 0) continue; // warm-up: the disk cache and the API's plan cache
      firstVisits.push(time);
    }
    report(`Planning page of the built Jalon, ${PAGE_RUNS} first visits (nothing cached)`, firstVisits);

    // Later visits: two unmeasured ones fill the HTTP cache and let Chromium keep the scripts' compiled code.
    const context = await newContext();
    const page = await context.newPage();
    const laterVisits = [];
    for (let run = 0; run < PAGE_RUNS + 2; run++) {
      await page.goto(`${base}/projects/${projectId}/planning`);
      const time = await visit(page);
      if (run >= 2) laterVisits.push(time);
    }
    await context.close();
    report(`Planning page, ${PAGE_RUNS} later visits (the web app's files cached, as on every visit after the first)`, laterVisits);
  } finally {
    await browser.close();
  }
}

/** A deterministic pseudo-random sequence, so every run benchmarks the same plan. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

runBench(() =>
  withBenchApi('planning', async ({ base, headers, call, database, load }) => {
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
      console.log(`Machine: ${machineLine()} before the runs`);
      console.log(
        `Plan: ${plan.tasks.length} tasks, ${plan.links.length} links, ${plan.projectStart} → ${plan.projectFinish}, ` +
          `${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB of plain JSON, ${(compactBytes / 1024).toFixed(0)} KiB compact ` +
          `(${((100 * compactBytes) / Buffer.byteLength(body)).toFixed(0)} %; target: at most 33 %)`,
      );

      // 1. GET at 20 concurrent clients: uncompressed, then as a browser asks (gzip accepted),
      // after a short unmeasured warm-up (JIT, connection pools, the plan's serialisation cache).
      let warmUp = 5;
      for (const [label, extraHeaders] of [
        ['plain JSON, uncompressed', {}],
        ['plain JSON, gzip as browsers ask', { 'accept-encoding': 'gzip, deflate, br' }],
        ['compact, uncompressed', { accept: COMPACT }],
        ['compact, gzip as browsers ask', { accept: COMPACT, 'accept-encoding': 'gzip, deflate, br' }],
      ]) {
        await load(planPath, { label, extraHeaders, warmUp, seconds: GET_SECONDS });
        warmUp = 0;
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

      // 3. The planning page as a user opens it.
      await measurePlanningPage(base, headers, project.id, TASKS);
    }
  }, { web: true }),
);
