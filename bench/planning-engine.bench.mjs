// Benchmark of the scheduling engine (libs/planning) on a 10,000-task, 15,000-link plan.
//
//   node bench/planning-engine.bench.mjs
//
// It bundles libs/planning/src/index.ts with esbuild (already in node_modules) to a temporary
// ES module, generates a deterministic plan, then prints the median time of `schedulePlan`
// (backward mode, French calendar) next to the median time of a bare Kahn topological sort of
// the same graph. Targets: under 100 ms, and under 3x the sort. It only prints: timings depend
// on the machine, so nothing here fails a build.
import { loadPlanningEngine, repositoryRoot } from './load-planning-engine.mjs';

const TASKS = 10_000;
const LINKS = 15_000;
const CHAINS = 200; // 200 workstreams of 50 tasks: about a year of work, like a real lot
const WARM_UP_RUNS = 20;
const TIMED_RUNS = 31;

const root = repositoryRoot;
const { schedulePlan } = await loadPlanningEngine();

/** mulberry32: a tiny seeded generator, so every run benchmarks the same plan. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, next) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function generatePlan() {
  const next = random(20270519);
  const perChain = TASKS / CHAINS;
  const id = (chain, step) => `T${String(chain * perChain + step).padStart(5, '0')}`;
  const tasks = [];
  for (let chain = 0; chain < CHAINS; chain++) {
    for (let step = 0; step < perChain; step++) {
      // Every tenth step and the end of each workstream is a milestone.
      const milestone = step % 10 === 9 || step === perChain - 1;
      tasks.push({ id: id(chain, step), duration: milestone ? 0 : 1 + Math.floor(next() * 10) });
    }
  }
  const types = ['FS', 'SS', 'FF', 'SF'];
  const randomLink = (from, to) => {
    const roll = next();
    const type = roll < 0.7 ? 'FS' : types[1 + Math.floor(next() * 3)];
    const lag = next() < 0.6 ? 0 : Math.floor(next() * 9) - 3; // −3 … +5
    return lag === 0 && type === 'FS' ? { from, to } : { from, to, type, lag };
  };
  const links = [];
  for (let chain = 0; chain < CHAINS; chain++) {
    for (let step = 1; step < perChain; step++) {
      links.push(next() < 0.85 ? { from: id(chain, step - 1), to: id(chain, step) } : randomLink(id(chain, step - 1), id(chain, step)));
    }
  }
  // Cross-workstream links only go to a later step, so the plan stays acyclic.
  while (links.length < LINKS) {
    const fromStep = Math.floor(next() * (perChain - 1));
    const toStep = Math.min(perChain - 1, fromStep + 1 + Math.floor(next() * 3));
    const fromChain = Math.floor(next() * CHAINS);
    const toChain = Math.floor(next() * CHAINS);
    links.push(randomLink(id(fromChain, fromStep), id(toChain, toStep)));
  }
  return {
    mode: 'backward',
    anchor: '2027-05-19',
    calendar: { publicHolidays: 'fr' },
    tasks: shuffle(tasks, next),
    links: shuffle(links, next),
  };
}

/** The floor to compare with: id lookup, adjacency and Kahn's algorithm, nothing else. */
function topologicalSort(plan) {
  const { tasks, links } = plan;
  const n = tasks.length;
  const indexById = new Map();
  for (let i = 0; i < n; i++) indexById.set(tasks[i].id, i);
  const head = new Int32Array(n + 1);
  const from = new Int32Array(links.length);
  const to = new Int32Array(links.length);
  for (let j = 0; j < links.length; j++) {
    from[j] = indexById.get(links[j].from);
    to[j] = indexById.get(links[j].to);
    head[from[j] + 1]++;
  }
  for (let v = 0; v < n; v++) head[v + 1] += head[v];
  const cursor = head.slice(0, n);
  const target = new Int32Array(links.length);
  const inDegree = new Int32Array(n);
  for (let j = 0; j < links.length; j++) {
    target[cursor[from[j]]++] = to[j];
    inDegree[to[j]]++;
  }
  const order = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (inDegree[v] === 0) order[tail++] = v;
  for (let k = 0; k < tail; k++) {
    const v = order[k];
    for (let e = head[v]; e < head[v + 1]; e++) if (--inDegree[target[e]] === 0) order[tail++] = target[e];
  }
  return order;
}

function median(run) {
  for (let i = 0; i < WARM_UP_RUNS; i++) run();
  const times = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const started = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const plan = generatePlan();
const check = schedulePlan(plan);
if (check.errors.length > 0) {
  console.error('The generated plan does not schedule:', check.errors.slice(0, 3));
  process.exit(1);
}
if (topologicalSort(plan).length !== TASKS) {
  console.error('The generated plan is not acyclic');
  process.exit(1);
}

const engineMs = median(() => schedulePlan(plan));
const sortMs = median(() => topologicalSort(plan));
const ratio = engineMs / sortMs;
const critical = Object.values(check.tasks).filter((task) => task.critical).length;
const kinds = Object.fromEntries(['FS', 'SS', 'FF', 'SF'].map((t) => [t, plan.links.filter((l) => (l.type ?? 'FS') === t).length]));

console.log(`plan: ${TASKS} tasks, ${plan.links.length} links ${JSON.stringify(kinds)}, ` +
  `${check.projectStart} → ${check.projectFinish}, ${critical} critical`);
console.log(`schedulePlan (backward, French calendar): ${engineMs.toFixed(2)} ms (median of ${TIMED_RUNS})`);
console.log(`bare topological sort (Kahn):             ${sortMs.toFixed(2)} ms (median of ${TIMED_RUNS})`);
console.log(`ratio: ${ratio.toFixed(2)}x`);
console.log(`targets: < 100 ms ${engineMs < 100 ? 'met' : 'MISSED'}; < 3x the sort ${ratio < 3 ? 'met' : 'MISSED'}`);
