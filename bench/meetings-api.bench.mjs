// Benchmark of the meetings API's decision log and action list on real PostgreSQL, against the
// built API (dist/).
//
//   npx nx run api:build && node bench/meetings-api.bench.mjs
//
// Through bench/support/bench-api.mjs it starts the built API in demo mode on a database of its
// own (dropped at the end), signs in as the demo administrator, adds to the demo project
// 30 held meetings with 300 decisions and 500 actions, then measures GET …/decisions (the
// decision log), GET …/decisions?impact=time, GET …/actions and GET …/actions?overdue=true at 20
// concurrent clients (closed-loop clients, bench/support): p50 / p95 / p99 seen by the client,
// and the p95 of the time spent inside the API (its request log), because on a small machine
// the clients compete with the API for the CPU. The weather history (three rows) is measured first as a baseline: what any
// authenticated GET costs on the machine at that moment.
// Target (issue 13): decision log p95 < 50 ms at 20 clients. It only prints: timings depend on the machine.
// BENCH_SECONDS sets each run's length (default 10). The database is dropped at the end.
import { machineLine, runBench, withBenchApi } from './support/bench-api.mjs';

const MEETINGS = 30;
const DECISIONS = 300;
const ACTIONS = 500;

runBench(() =>
  withBenchApi('meetings', async ({ base, headers, database, project, load }) => {
    const base_ = `/api/projects/${project.id}`;

    // 30 meetings (outside the demo's series), 300 decisions and 500 actions spread over them.
    const started = Date.now();
    await database.query('BEGIN');
    await database.query(
      `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status)
       SELECT $1, (ARRAY['copil','coproj','atelier'])[1 + g % 3], 'Réunion de charge ' || g, now() - (g || ' days')::interval, 60, 'en_cours'
       FROM generate_series(1, $2) AS g`,
      [project.id, MEETINGS],
    );
    await database.query(
      `INSERT INTO meeting_decision (project_id, meeting_id, text, decided_by, impact_scope, impact_time, impact_budget, decided_at)
       SELECT $1, m.id, 'Décision de charge n° ' || g || ' : arbitrage du périmètre, du délai ou du budget avec son contexte.', 'COPIL',
              g % 3 = 0, g % 3 = 1, g % 5 = 0, now() - (g || ' hours')::interval
       FROM generate_series(1, $2) AS g
       JOIN LATERAL (SELECT id FROM meeting WHERE project_id = $1 AND title LIKE 'Réunion de charge %' ORDER BY id OFFSET g % $3 LIMIT 1) m ON true`,
      [project.id, DECISIONS, MEETINGS],
    );
    await database.query(
      `INSERT INTO meeting_action (project_id, meeting_id, title, owner_user_id, due_date, status)
       SELECT $1, m.id, 'Action de charge n° ' || g,
              (SELECT user_id FROM project_member WHERE project_id = $1 ORDER BY user_id OFFSET g % 6 LIMIT 1),
              current_date + (g % 60) - 30, (ARRAY['a_faire','en_cours','faite','abandonnee'])[1 + g % 4]
       FROM generate_series(1, $2) AS g
       JOIN LATERAL (SELECT id FROM meeting WHERE project_id = $1 AND title LIKE 'Réunion de charge %' ORDER BY id OFFSET g % $3 LIMIT 1) m ON true`,
      [project.id, ACTIONS, MEETINGS],
    );
    await database.query('COMMIT');
    const counts = (
      await database.query(
        `SELECT (SELECT count(*) FROM meeting WHERE project_id = $1) AS meetings, (SELECT count(*) FROM meeting_decision WHERE project_id = $1) AS decisions,
                (SELECT count(*) FROM meeting_action WHERE project_id = $1) AS actions`,
        [project.id],
      )
    ).rows[0];
    console.log(
      `Project: ${counts.meetings} meetings, ${counts.decisions} decisions, ${counts.actions} actions (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
        machineLine(),
    );

    for (const [label, path, target] of [
      // The smallest authenticated read of the module, for comparison: the session and
      // membership checks and the machine's load, without a list to build.
      ['weather history (baseline)', `${base_}/weather`, null],
      ['decision log', `${base_}/decisions`, 'p95 < 50 ms'],
      ['decision log, impact on time', `${base_}/decisions?impact=time`, null],
      ['action list', `${base_}/actions`, null],
      ['action list, overdue', `${base_}/actions?overdue=true`, null],
    ]) {
      const one = await fetch(`${base}${path}`, { headers });
      if (one.status !== 200) throw new Error(`GET ${path}: ${one.status} ${await one.text()}`);
      const rows = await one.json();
      await load(path, { label: `${label}, ${rows.length} rows`, warmUp: 2, target, extraHeaders: { 'accept-encoding': 'gzip, deflate, br' } });
    }
  }),
);
