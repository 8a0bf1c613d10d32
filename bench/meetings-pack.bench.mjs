// Benchmark of the agenda proposal and the COPIL pack on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/meetings-pack.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode (for the demo administrator's
// account), and builds a project of 1,000 tasks (10 phases, 20 workstreams of 50 chained tasks,
// 10 key milestones), a baseline frozen at a closed COPIL, 200 risks (a fifth linked to tasks,
// one treatment each), 300 decisions and 500 actions, then measures:
//   1. GET …/meetings/:meetingId/agenda/proposal: the first call (plan and register read and
//      computed), then 20 calls one at a time: median / p95;
//   2. POST …/meetings/:meetingId/pack (snapshot, ECharts SVG charts, PDF, stored): 8 packs one at
//      a time: median / p95, the PDF's size and pages.
// Targets (issue 13): agenda < 300 ms, pack PDF < 2 s. It only prints: timings depend on the
// machine. The database is dropped at the end.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const TASKS = 1000;
const TASKS_PER_CHAIN = 50;
const RISKS = 200;
const DECISIONS = 300;
const ACTIONS = 500;
const PROPOSALS = 20;
const PACKS = 8;

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

/** A deterministic pseudo-random sequence, so every run benchmarks the same project. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value) => `${value.toFixed(0)} ms`;

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
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  api.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const database = new pg.Client({ connectionString: databaseUrl });
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
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.jalon.fr', password: 'jalon-demo' }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    const xsrf = decodeURIComponent(cookies.findLast((cookie) => cookie.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '');
    const headers = {
      cookie: [...new Map(cookies.map((cookie) => [cookie.split('=')[0], cookie])).values()].join('; '),
      'x-xsrf-token': xsrf,
      'content-type': 'application/json',
    };
    const call = async (method, path, body) => {
      const response = await fetch(`${base}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const me = await call('GET', '/api/auth/me');
    const adminId = me.id ?? me.user?.id;

    // 1,000 tasks in 20 workstreams of 50 chained tasks over 10 phases; the rows go in directly
    // and one API edit computes and stores the whole plan.
    await database.connect();
    const started = Date.now();
    const project = await call('POST', '/api/projects', { name: 'Bench — COPIL', targetGoLive: '2028-06-13' });
    const planPath = `/api/projects/${project.id}/plan`;
    const next = random(7);
    const phases = await database.query(
      `INSERT INTO plan_phase (project_id, name, position) SELECT $1, 'Phase ' || n, n FROM generate_series(1, 10) AS n RETURNING id`,
      [project.id],
    );
    const tasks = [];
    for (let index = 0; index < TASKS; index++) {
      const milestone = index % 25 === 24;
      tasks.push({
        name: milestone ? `Jalon ${index}` : `Tâche ${index}`,
        duration: milestone ? 0 : 1 + Math.floor(next() * 10),
        key: milestone && index % 100 === 99,
        phase: phases.rows[Math.floor((index % TASKS_PER_CHAIN) / 5)].id,
        position: index,
      });
    }
    const inserted = await database.query(
      `INSERT INTO plan_task (project_id, phase_id, name, duration, key_milestone, position, owner_name)
       SELECT $1, t.phase, t.name, t.duration, t.key, t.position, 'Équipe projet'
         FROM jsonb_to_recordset($2::jsonb) AS t(phase uuid, name text, duration int, key boolean, position int)
       ORDER BY t.position RETURNING id, position`,
      [project.id, JSON.stringify(tasks)],
    );
    const ids = inserted.rows.sort((a, b) => a.position - b.position).map((row) => row.id);
    const links = [];
    for (let chain = 0; chain < TASKS / TASKS_PER_CHAIN; chain++) {
      for (let step = 1; step < TASKS_PER_CHAIN; step++) links.push({ from: ids[chain * TASKS_PER_CHAIN + step - 1], to: ids[chain * TASKS_PER_CHAIN + step] });
    }
    await database.query(
      `INSERT INTO plan_link (project_id, from_task_id, to_task_id, type, lag)
       SELECT $1, l."from", l."to", 'FS', 0 FROM jsonb_to_recordset($2::jsonb) AS l("from" uuid, "to" uuid)`,
      [project.id, JSON.stringify(links)],
    );
    let settings = (await call('GET', planPath)).settings;
    settings = (await call('PATCH', `${planPath}/settings`, { version: settings.version, statusDate: '2027-01-04' })).settings;
    const baseline = await call('POST', `${planPath}/baselines`, { name: 'COPIL de janvier' });
    // The plan slips after the baseline: the go-live a week later.
    await call('PATCH', `${planPath}/settings`, { version: settings.version, targetGoLive: '2028-06-20' });

    // 200 risks (one through the API for the project's risk settings), a fifth linked to tasks.
    await call('POST', `/api/projects/${project.id}/risks`, {
      title: 'Risque 0',
      category: 'planning',
      inherent: { probability: 3, impact: 3 },
      residual: { probability: 3, impact: 3 },
      target: { probability: 1, impact: 1 },
    });
    await database.query(
      `INSERT INTO risk (project_id, sequence, reference, title, category, inherent_probability, inherent_impact,
         residual_probability, residual_impact, target_probability, target_impact, owner_user_id, status, created_on)
       SELECT $1, 1 + g, 'R-' || lpad((1 + g)::text, 3, '0'), 'Risque de charge ' || g,
         (ARRAY['planning','budget','technical','people_change','organisation','vendor','gdpr_compliance'])[1 + g % 7],
         1 + g % 5, 1 + (g / 5) % 5, 1 + (g / 3) % 5, 1 + (g / 7) % 5, 1 + g % 3, 1 + g % 2, $3,
         (ARRAY['identified','in_treatment','in_treatment','closed','occurred'])[1 + g % 5], current_date - 100
       FROM generate_series(1, $2) AS g`,
      [project.id, RISKS - 1, adminId],
    );
    await database.query(
      `INSERT INTO risk_task_link (project_id, risk_id, task_id)
       SELECT $1, r.id, (SELECT id FROM plan_task WHERE project_id = $1 ORDER BY position OFFSET (r.sequence * 37) % $2 LIMIT 1)
       FROM risk r WHERE r.project_id = $1 AND r.sequence % 5 = 0`,
      [project.id, TASKS],
    );
    await database.query(
      `INSERT INTO risk_treatment (project_id, risk_id, title, due_date, status)
       SELECT $1, r.id, 'Traitement de ' || r.reference, current_date + (r.sequence % 60) - 30, 'planned' FROM risk r WHERE r.project_id = $1`,
      [project.id],
    );
    await database.query(`UPDATE risk_settings SET next_sequence = $2 + 1, revision = revision + 1 WHERE project_id = $1`, [project.id, RISKS]);

    // Meetings: a COPIL held in January (closed, with the baseline), 20 COPROJs, the next COPIL in draft;
    // 300 decisions and 500 actions spread over them, written before the minutes were closed.
    const [held] = (
      await database.query(
        `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status, baseline_id)
         VALUES ($1, 'copil', 'COPIL de janvier', now() - interval '20 days', 120, 'en_cours', $2) RETURNING id`,
        [project.id, baseline.id],
      )
    ).rows;
    const coprojs = (
      await database.query(
        `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status)
         SELECT $1, 'coproj', 'COPROJ ' || k, now() - interval '60 days' + k * interval '3 days', 60, 'en_cours' FROM generate_series(1, 20) AS k RETURNING id`,
        [project.id],
      )
    ).rows;
    const origins = [held.id, ...coprojs.map((row) => row.id)];
    await database.query(
      `INSERT INTO meeting_decision (project_id, meeting_id, text, decided_by, impact_scope, impact_time, decided_at)
       SELECT $1, ($2::uuid[])[1 + k % $3], 'Décision ' || k || ' : arbitrage du périmètre et du calendrier', 'COPIL', k % 3 = 0, k % 2 = 0,
              now() - (k % 60) * interval '1 day'
         FROM generate_series(1, $4) AS k`,
      [project.id, origins, origins.length, DECISIONS],
    );
    await database.query(
      `INSERT INTO meeting_action (project_id, meeting_id, title, owner_user_id, due_date, status)
       SELECT $1, ($2::uuid[])[1 + k % $3], 'Action ' || k, $4, current_date + (k % 90) - 45,
              (ARRAY['a_faire','en_cours','faite','abandonnee'])[1 + k % 4]
         FROM generate_series(1, $5) AS k`,
      [project.id, origins, origins.length, adminId, ACTIONS],
    );
    await database.query(`UPDATE meeting SET status = 'cloturee', minutes_frozen_at = now() WHERE project_id = $1 AND status = 'en_cours'`, [project.id]);
    const [copil] = (
      await database.query(
        `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status)
         VALUES ($1, 'copil', 'COPIL de février', now() + interval '10 days', 120, 'brouillon') RETURNING id`,
        [project.id],
      )
    ).rows;
    await database.query(
      `INSERT INTO project_weather (project_id, weather, comment, set_by_name) VALUES ($1, 'nuageux', 'Recette sous tension', 'Bench')`,
      [project.id],
    );
    await database.query('VACUUM ANALYZE plan_task, plan_link, risk, risk_task_link, risk_treatment, meeting, meeting_decision, meeting_action');
    const counts = (
      await database.query(
        `SELECT (SELECT count(*) FROM plan_task WHERE project_id = $1) AS tasks, (SELECT count(*) FROM risk WHERE project_id = $1) AS risks,
                (SELECT count(*) FROM meeting_decision WHERE project_id = $1) AS decisions, (SELECT count(*) FROM meeting_action WHERE project_id = $1) AS actions`,
        [project.id],
      )
    ).rows[0];
    console.log(
      `Project: ${counts.tasks} tasks, ${counts.risks} risks, ${counts.decisions} decisions, ${counts.actions} actions ` +
        `(built in ${((Date.now() - started) / 1000).toFixed(1)} s); ${availableParallelism()} CPU(s), load ${loadavg()[0].toFixed(2)}`,
    );

    const meetingPath = `/api/projects/${project.id}/meetings/${copil.id}`;
    let begin = performance.now();
    const proposal = await call('GET', `${meetingPath}/agenda/proposal`);
    console.log(
      `Agenda proposal, first call (plan and register read): ${ms(performance.now() - begin)}; ` +
        `${proposal.items.length} items, ${proposal.totalMinutes} min: ${proposal.items.map((item) => item.title).join(' | ')}`,
    );
    const proposals = [];
    for (let index = 0; index < PROPOSALS; index++) {
      begin = performance.now();
      await call('GET', `${meetingPath}/agenda/proposal`);
      proposals.push(performance.now() - begin);
    }
    proposals.sort((a, b) => a - b);
    console.log(
      `Agenda proposal, ${PROPOSALS} calls one at a time: median ${ms(percentile(proposals, 50))}, p95 ${ms(percentile(proposals, 95))}   (target: < 300 ms)`,
    );

    const packs = [];
    let last = null;
    for (let index = 0; index < PACKS; index++) {
      begin = performance.now();
      last = await call('POST', `${meetingPath}/pack`, {});
      packs.push(performance.now() - begin);
    }
    const first = packs[0];
    packs.sort((a, b) => a - b);
    const pdf = Buffer.from(await (await fetch(`${base}${meetingPath}/packs/${last.id}.pdf`, { headers })).arrayBuffer());
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(
      `COPIL pack (snapshot + charts + PDF + store), ${PACKS} packs one at a time: first ${ms(first)}, median ${ms(percentile(packs, 50))}, ` +
        `p95 ${ms(percentile(packs, 95))}; PDF ${(pdf.length / 1024).toFixed(0)} KiB, ${pages} pages   (target: < 2 s)`,
    );
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
