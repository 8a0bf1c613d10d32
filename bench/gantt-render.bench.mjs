// Benchmark of the retroplanning page (web/src/app/planning) against frappe-gantt alone.
//
//   npx nx run web:build && node bench/gantt-render.bench.mjs
//   JALON_TEST_DIST=test-output/dist-copy node bench/gantt-render.bench.mjs   (a copy of dist/)
//
// In headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH), with generated plans of
// 1,000 and 5,000 tasks (chains of 50 tasks, one phase each), dated by the real engine
// (libs/planning bundled with esbuild, as bench/planning-engine.bench.mjs does):
//
// 0. What the first load of the planning page fetches: every file (scripts, styles, fonts, the
//    plan's JSON) uncompressed, as this bench serves them, and as gzip would send them. What the
//    built Jalon really sends (it compresses, brotli for Chromium) is measured by
//    bench/first-load.bench.mjs, against the target of issue 9 (under 1 MB).
// 1. First full render, side by side in one run, alternating, RUNS times each:
//    - the page: the built app (dist/web) with its API answered in the browser context, from
//      navigation start to the first frame where every Gantt bar and the table are drawn;
//    - frappe-gantt alone on a bare page, given the same rows (phases + tasks, same options),
//      from navigation start to the first frame after `new Gantt(...)`.
//    Targets (issue 9): page under 1.0 s at 1,000 tasks and 1.5 s at 5,000 (frappe-gantt alone is
//    only measured at 1,000: it draws every row, and needs tens of seconds at 5,000).
//    Both include fetching what they draw through Playwright's request interception, which is
//    slow on a loaded machine; the page's time from the plan's arrival to its render is printed too.
// 2. Drag preview: a task with 50 successors (forward plan) dragged across 40 days in 120 mouse
//    moves; frames are counted in the page with requestAnimationFrame.
//    Targets (issue 9): 60 fps at 1,000 tasks, p95 frame under 50 ms at 5,000.
//
// BENCH_TASKS (default 1000,5000), BENCH_RUNS (default 5); BENCH_DRAG_PROFILE=<folder> saves each
// drag's CPU profile there.
// It only prints: timings depend on the machine, so nothing here fails a build.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { loadPlanningEngine, repositoryRoot } from './load-planning-engine.mjs';

const SIZES = (process.env.BENCH_TASKS ?? '1000,5000').split(',').map(Number);
const PER_CHAIN = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ORIGIN = 'http://bench.jalon.test';
const PROJECT_ID = '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10';

const root = repositoryRoot;
// JALON_TEST_DIST (relative to the repository, as for the browser tests): a copy of dist/, so a
// build of the working tree meanwhile does not change what is measured.
const webRoot = join(root, process.env.JALON_TEST_DIST ?? 'dist', 'web/browser');
if (!existsSync(join(webRoot, 'index.html'))) {
  console.error('dist/web is missing: run `npx nx run web:build` first');
  process.exit(1);
}
const { schedulePlan } = await loadPlanningEngine();

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** Chains of 50 tasks, each chain its own phase, after a start milestone; each ends in a milestone. */
function generatePlan(mode, TASKS) {
  const CHAINS = TASKS / PER_CHAIN;
  const today = new Date();
  const anchorDate = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + (mode === 'backward' ? 8 : -1), 5));
  const anchor = isoDay(anchorDate);
  const per = TASKS / CHAINS;
  const phases = Array.from({ length: CHAINS }, (_, i) => ({ id: `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Lot fonctionnel ${i + 1}`, position: i, version: 1 }));
  const tasks = [];
  const links = [];
  const id = (i) => `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const start = id(99999);
  for (let chain = 0; chain < CHAINS; chain++) {
    for (let k = 0; k < per; k++) {
      const i = chain * per + k;
      const milestone = k === per - 1;
      tasks.push({ id: id(i), phaseId: phases[chain].id, name: milestone ? `Jalon ${chain + 1}` : `Tâche ${i + 1}`, duration: milestone ? 0 : 1 + ((i * 7) % 5), position: i, progress: (i * 13) % 100 });
      if (k === 0) links.push({ from: start, to: id(i) });
      else links.push({ from: id(i - 1), to: id(i) });
    }
  }
  tasks.push({ id: start, phaseId: phases[0].id, name: 'Lancement', duration: 0, position: -1, progress: 0 });
  const result = schedulePlan({
    mode,
    anchor,
    calendar: { publicHolidays: 'fr' },
    tasks: tasks.map((t) => ({ id: t.id, duration: t.duration })),
    links,
    statusDate: '2000-01-01',
  });
  if (result.errors.length) throw new Error(result.errors[0].message);
  return {
    projectId: PROJECT_ID,
    settings: { mode, targetGoLive: anchor, projectStart: mode === 'forward' ? anchor : null, calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: [] }, statusDate: '2000-01-01', version: 1 },
    lots: [],
    phases,
    tasks: tasks.map((t) => ({
      ...t, lotId: null, isMilestone: t.duration === 0, keyMilestone: false, fixedDate: null, ownerName: `Équipe ${t.position % 6}`, ownerUserId: null,
      actualStart: null, actualFinish: null, notes: '', version: 1, ...result.tasks[t.id],
    })),
    links: links.map((l, i) => ({ id: `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, fromTaskId: l.from, toTaskId: l.to, type: 'FS', lag: 0, version: 1 })),
    projectStart: result.projectStart,
    projectFinish: result.projectFinish,
    warnings: [],
    computedAt: new Date().toISOString(),
  };
}

/** The rows the page gives frappe-gantt (web/src/app/planning/plan-rows.ts), for the bare page. */
function frappeRows(plan) {
  const rows = [];
  for (const phase of plan.phases) {
    const tasks = plan.tasks.filter((t) => t.phaseId === phase.id).sort((a, b) => a.position - b.position);
    rows.push({ id: `phase:${phase.id}`, name: phase.name, start: tasks.reduce((m, t) => (t.start < m ? t.start : m), tasks[0].start), end: tasks.reduce((m, t) => (t.finish > m ? t.finish : m), tasks[0].finish), progress: 0, custom_class: 'jg-phase', dependencies: [] });
    for (const t of tasks) {
      rows.push({ id: t.id, name: t.name, start: t.start, end: t.finish, progress: t.progress, custom_class: t.isMilestone ? 'jg-milestone' : 'jg-task', dependencies: plan.links.filter((l) => l.toTaskId === t.id).map((l) => l.fromTaskId) });
    }
  }
  return rows;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff' };

/** Bytes served to one context, as sent and as gzip would send them. */
function newTally() {
  return { files: 0, raw: 0, gzip: 0, byType: {} };
}

async function serve(context, plan, tally = newTally()) {
  const project = { id: PROJECT_ID, name: 'Bench', company: 'Bench', description: '', status: 'in_progress', weather: 'sunny', weatherComment: '', targetGoLive: plan.settings.targetGoLive, createdAt: '', updatedAt: '', version: 1, myRole: 'project_manager' };
  const bare = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/frappe/frappe-gantt.css"></head>
<body style="margin:0"><div id="g"></div><script type="module">
import Gantt from '/frappe/frappe-gantt.es.js';
const rows = await (await fetch('/bare-rows.json')).json();
new Gantt(document.getElementById('g'), rows, { view_mode: 'Week', bar_height: 20, padding: 12, upper_header_height: 26, lower_header_height: 24,
  container_height: 800, infinite_padding: false, move_dependencies: false, today_button: false, language: 'fr', popup_on: 'hover',
  view_modes: [{ ...Gantt.VIEW_MODE.WEEK, column_width: 112, padding: ['1m', '1m'] }],
  holidays: { '#f3f4f7': [(d) => d.getDay() === 0 || d.getDay() === 6] } });
requestAnimationFrame(() => requestAnimationFrame(() => { window.__rendered = performance.now(); }));
</script></body></html>`;
  await context.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname;
    const count = (body, type) => {
      const bytes = Buffer.byteLength(body);
      tally.files++;
      tally.raw += bytes;
      tally.gzip += gzipSync(body).length;
      tally.byType[type] = (tally.byType[type] ?? 0) + bytes;
      return body;
    };
    const json = (body) => route.fulfill({ status: 200, contentType: 'application/json', body: count(JSON.stringify(body), 'json') });
    if (path === '/bare.html') return route.fulfill({ status: 200, contentType: 'text/html', body: bare });
    if (path === '/bare-rows.json') return json(frappeRows(plan));
    if (path.startsWith('/frappe/')) return route.fulfill({ status: 200, contentType: TYPES[extname(path)], body: readFileSync(join(root, 'node_modules/frappe-gantt/dist', path.slice(8))) });
    if (path === '/api/auth/me') {
      return json({ user: { id: 'e0000000-0000-4000-8000-000000000001', email: 'pm@bench.test', displayName: 'Bench', isAdmin: false }, memberships: [{ projectId: PROJECT_ID, role: 'project_manager' }] });
    }
    if (path === '/api/projects') return json([project]);
    if (path === `/api/projects/${PROJECT_ID}`) return json(project);
    if (path.endsWith('/plan')) return json(plan);
    if (path.endsWith('/baselines')) return json([]);
    if (path.endsWith('/milestone-trend')) return json({ baselines: [], milestones: [] });
    // The page's other reads, answered as an empty project would (not with the plan, which the page
    // would then parse for nothing).
    if (path.endsWith('/members')) return json([]);
    if (path.endsWith('/risks')) return json({ risks: [] });
    if (path.endsWith('/go-no-go/signals')) return json({ latestDecision: null });
    if (path.startsWith('/api/')) return json(plan);
    const file = join(webRoot, path);
    const target = extname(path) && existsSync(file) ? file : join(webRoot, 'index.html');
    return route.fulfill({ status: 200, contentType: TYPES[extname(target)] ?? 'application/octet-stream', body: count(readFileSync(target), extname(target).slice(1) || 'other') });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/**
 * The page draws only the rows in view (and 15 above and below): frappe-gantt renders them in one
 * synchronous call, so the first frame with the range bars and a table row is the full render.
 */
async function renderPage(plan, tally) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await serve(context, plan, tally);
  await context.addInitScript(() => localStorage.setItem('jalon.planning.view', 'Week'));
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/projects/${PROJECT_ID}/planning`);
  const time = await page.evaluate(async () => {
    window.__planArrived = undefined;
    for (;;) {
      if (window.__planArrived === undefined) {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/plan'));
        if (entry) window.__planArrived = entry.responseEnd;
      }
      if (document.querySelector('.bar-wrapper[data-id="range:finish"]') && document.querySelector('[data-testid="task-row"]')) break;
      await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { total: performance.now(), afterPlan: performance.now() - window.__planArrived };
  });
  await context.close();
  return time;
}

async function renderBare(plan) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await serve(context, plan);
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/bare.html`);
  await page.waitForFunction(() => window.__rendered !== undefined, null, { timeout: 60_000 });
  const time = await page.evaluate(() => window.__rendered);
  await context.close();
  return time;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

for (const size of SIZES) {
  console.log(`\n=== ${size.toLocaleString('en')} tasks ===`);
  const backwardPlan = generatePlan('backward', size);
  const rows = frappeRows(backwardPlan).length;
  console.log(`Plan: ${backwardPlan.tasks.length} tasks, ${backwardPlan.links.length} links, ${rows} Gantt rows (with phase summaries)`);

  // 0. What the first load transfers (a fresh context: nothing cached).
  const tally = newTally();
  await renderPage(backwardPlan, tally);
  const plan = tally.byType.json ?? 0;
  const types = Object.entries(tally.byType).map(([type, bytes]) => `${type} ${kib(bytes)}`).join(', ');
  console.log(
    `First load transfers ${tally.files} files, ${kib(tally.raw)} as served (${kib(tally.gzip)} gzipped) [${types}]; ` +
      `without the plan's JSON: ${kib(tally.raw - plan)} uncompressed (on the wire from the built Jalon: bench/first-load.bench.mjs)`,
  );

  // 1. First render.
  const bare = size <= 1000;
  const pageTimes = [];
  const afterPlanTimes = [];
  const bareTimes = [];
  if (bare) await renderBare(backwardPlan); // warm-up: disk cache, JIT
  for (let run = 0; run < RUNS; run++) {
    const { total, afterPlan } = await renderPage(backwardPlan);
    pageTimes.push(total);
    afterPlanTimes.push(afterPlan);
    if (bare) bareTimes.push(await renderBare(backwardPlan));
  }
  const target = size <= 1000 ? 1000 : 1500;
  const pageMedian = median(pageTimes);
  console.log(`First full render, page (table + Gantt + API round trip): median ${pageMedian.toFixed(0)} ms  [${pageTimes.map((t) => t.toFixed(0)).join(', ')}], under ${target} ms: ${pageMedian < target ? 'yes' : 'NO'}`);
  console.log(`  of which from the plan's arrival to the drawn page:       median ${median(afterPlanTimes).toFixed(0)} ms  [${afterPlanTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  if (bare) {
    const bareMedian = median(bareTimes);
    console.log(`First full render, frappe-gantt alone on a bare page:      median ${bareMedian.toFixed(0)} ms  [${bareTimes.map((t) => t.toFixed(0)).join(', ')}]`);
    console.log(`Ratio page / frappe alone: ${(pageMedian / bareMedian).toFixed(2)}x`);
  }

  // 2. Drag preview: forward plan, the first task of chain 1 has 49 tasks and a milestone after it.
  const forwardPlan = generatePlan('forward', size);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await serve(context, forwardPlan);
  await context.addInitScript(() => localStorage.setItem('jalon.planning.view', 'Day'));
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/projects/${PROJECT_ID}/planning`);
  const dragged = forwardPlan.tasks.find((t) => t.position === 0);
  const last = forwardPlan.tasks.find((t) => t.position === 30);
  const bar = page.locator(`.bar-wrapper[data-id="${dragged.id}"] .bar`);
  // A loaded machine needs more than the default 30 s at 5,000 tasks.
  await bar.waitFor({ timeout: 300_000 });
  await bar.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = await bar.boundingBox();
  const lastBefore = await page.locator(`.bar-wrapper[data-id="${last.id}"] .bar`).getAttribute('x');
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__frames.length < 100000) window.__frameLoop = requestAnimationFrame(tick);
    };
    window.__frameLoop = requestAnimationFrame(tick);
  });
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // BENCH_DRAG_PROFILE=<folder>: the drag's main-thread CPU profile, one file per plan size (open it in Chrome's DevTools).
  const profileFolder = process.env.BENCH_DRAG_PROFILE;
  const cdp = profileFolder ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.mouse.move(x, y);
  await page.mouse.down();
  const began = await page.evaluate(() => performance.now());
  for (let step = 1; step <= 120; step++) await page.mouse.move(x + (step * 40 * 30) / 120, y);
  const lastDuring = await page.locator(`.bar-wrapper[data-id="${last.id}"] .bar`).getAttribute('x');
  const ended = await page.evaluate(() => performance.now());
  if (cdp) writeFileSync(join(profileFolder, `drag-${size}.cpuprofile`), JSON.stringify((await cdp.send('Profiler.stop')).profile));
  await page.mouse.up();
  const frames = await page.evaluate(({ began, ended }) => {
    cancelAnimationFrame(window.__frameLoop);
    return window.__frames.filter((t) => t >= began && t <= ended);
  }, { began, ended });
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  const fps = (frames.length - 1) / ((frames.at(-1) - frames[0]) / 1000);
  const p95 = [...intervals].sort((a, b) => a - b)[Math.floor(intervals.length * 0.95)] ?? 0;
  console.log(
    `Drag preview (50 successors, 120 moves over ${(ended - began).toFixed(0)} ms): ${fps.toFixed(1)} fps, ` +
      `p95 frame ${p95.toFixed(1)} ms, longest ${Math.max(...intervals).toFixed(1)} ms ` +
      `(target ${size <= 1000 ? '60 fps' : 'p95 < 50 ms'}); last successor moved live: ${lastBefore !== lastDuring ? 'yes' : 'NO'}`,
  );
  await context.close();
}
await browser.close();
