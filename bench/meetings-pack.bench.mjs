// Benchmark of the agenda proposal and the COPIL pack on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/meetings-pack.bench.mjs
//
// Through bench/support/bench-api.mjs it starts the built API in demo mode on a database of its
// own (dropped at the end), signs in as the demo administrator, and builds a project of 1,000 tasks (10 phases, 20 workstreams of 50 chained tasks,
// 10 key milestones), a baseline frozen at a closed COPIL, 200 risks (a fifth linked to tasks,
// one treatment each), 300 decisions and 500 actions, then measures:
//   1. GET …/meetings/:meetingId/agenda/proposal: the first call (plan and register read and
//      computed), then 20 calls one at a time: median / p95;
//   2. POST …/meetings/:meetingId/pack (snapshot, ECharts SVG charts, PDF, stored): 8 packs one at
//      a time: median / p95, the PDF's size and pages.
// Targets (issue 13): agenda < 300 ms, pack PDF < 2 s. It only prints: timings depend on the
// machine.
import { machineLine, runBench, summarise, withBenchApi } from './support/bench-api.mjs';

const TASKS = 1000;
const TASKS_PER_CHAIN = 50;
const RISKS = 200;
const DECISIONS = 300;
const ACTIONS = 500;
const PROPOSALS = 20;
const PACKS = 8;

/** A deterministic pseudo-random sequence, so every run benchmarks the same project. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const ms = (value) => `${value.toFixed(0)} ms`;

runBench(() =>
  withBenchApi('meetings_pack', async ({ base, headers, call, database, measureCpu }) => {
    const me = await call('GET', '/api/auth/me');
    const adminId = me.id ?? me.user?.id;

    // 1,000 tasks in 20 workstreams of 50 chained tasks over 10 phases; the rows go in directly
    // and one API edit computes and stores the whole plan.
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
        `(built in ${((Date.now() - started) / 1000).toFixed(1)} s); ${machineLine()}`,
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
    console.log(`Agenda proposal, ${PROPOSALS} calls one at a time: ${summarise(proposals)}   (target: < 300 ms)`);

    const packs = [];
    const packCpu = [];
    let last = null;
    for (let index = 0; index < PACKS; index++) {
      begin = performance.now();
      const { result, cpu } = await measureCpu(() => call('POST', `${meetingPath}/pack`, {}));
      packs.push(performance.now() - begin);
      last = result;
      if (cpu) packCpu.push(cpu);
    }
    const pdf = Buffer.from(await (await fetch(`${base}${meetingPath}/packs/${last.id}.pdf`, { headers })).arrayBuffer());
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(
      `COPIL pack (snapshot + charts + PDF + store), ${PACKS} packs one at a time: first ${ms(packs[0])}, ${summarise(packs)}; ` +
        `PDF ${(pdf.length / 1024).toFixed(0)} KiB, ${pages} pages   (target: < 2 s)`,
    );
    if (packCpu.length > 0) {
      console.log(
        `    CPU per pack: API first ${ms(packCpu[0].api)}, ${summarise(packCpu.map((cpu) => cpu.api))}; ` +
          `PostgreSQL first ${ms(packCpu[0].database)}, ${summarise(packCpu.map((cpu) => cpu.database))}; ${machineLine()}`,
      );
    }
  }),
);
