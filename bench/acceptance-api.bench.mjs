// Benchmark of the acceptance API on real PostgreSQL, against the built API (dist/).
//
//   npx nx run api:build && node bench/acceptance-api.bench.mjs
//   JALON_TEST_DIST=test-output/dist-copy node bench/acceptance-api.bench.mjs   (a copy of dist/)
//
// Through bench/support/bench-api.mjs it starts the built API in demo mode on a database of its
// own (dropped at the end, kept with BENCH_KEEP_DATABASE=1 to look at plans), and adds to the demo
// project 500 requirements, 2,000 test cases of 10 steps (each checking one or two requirements),
// one campaign holding every case (200 assigned to the demo key user, the rest to the project
// manager) and one finished execution per case with its 10 step results (20,000 rows). Then:
//   - coverage of every requirement and the traceability matrix, computed by the API (no cache):
//     median / p95 over 20 sequential GETs, seen by the client and inside the API (its request log);
//     target (issue 15): < 200 ms;
//   - « Mes tests » (GET /api/me/acceptance-tests) of the key user at 20 concurrent clients
//     (closed-loop clients): p50 / p95 / p99; target: p95 < 50 ms. Then GET /api/auth/me under the same
//     load, as a reference: what the session check alone costs on this machine.
// Every run prints the CPU per request of the API and of its database backends, which on a loaded
// machine says more than the wall time. It only prints: timings depend on the machine.
// BENCH_SECONDS sets the load run's length (default 10).
import { machineLine, runBench, signIn, withBenchApi } from './support/bench-api.mjs';

const REQUIREMENTS = 500;
const CASES = 2000;
const STEPS = 10;
const KEY_USER_CASES = 200;
const SEQUENTIAL = 20;

runBench(() =>
  withBenchApi('acceptance', async ({ base, headers, database, project, load, sequential }) => {
    const keyUserHeaders = await signIn(base, 'key.user@demo.jalon.fr');
    const users = (await database.query(`SELECT email, id FROM app_user WHERE email IN ('key.user@demo.jalon.fr', 'pm@demo.jalon.fr')`)).rows;
    const keyUser = users.find((user) => user.email === 'key.user@demo.jalon.fr').id;
    const pm = users.find((user) => user.email === 'pm@demo.jalon.fr').id;

    // 500 requirements, 2,000 cases of 10 steps, one campaign, one finished run per case (20,000 step results).
    const started = Date.now();
    await database.query('BEGIN');
    await database.query(
      `INSERT INTO acceptance_requirement (project_id, reference, title, description, category, priority, status)
       SELECT $1, 'BEX-' || lpad(g::text, 4, '0'), 'Exigence de charge ' || g, 'Le système permet ' || g,
         (ARRAY['fonctionnelle','technique','reporting','rgpd','formation'])[1 + g % 5],
         (ARRAY['indispensable','souhaitable','facultatif'])[1 + g % 3], 'validee'
       FROM generate_series(1, $2) AS g`,
      [project.id, REQUIREMENTS],
    );
    await database.query(
      `INSERT INTO acceptance_test_case (project_id, reference, title, preconditions, steps, criticality, status)
       SELECT $1, 'BCT-' || lpad(g::text, 4, '0'), 'Cas de charge ' || g, 'Agent connecté',
         (SELECT jsonb_agg(jsonb_build_object('action', 'Action ' || s, 'data', '', 'expected', 'Résultat attendu ' || s) ORDER BY s)
            FROM generate_series(1, $3) AS s),
         (ARRAY['haute','moyenne','basse'])[1 + g % 3], 'pret'
       FROM generate_series(1, $2) AS g`,
      [project.id, CASES, STEPS],
    );
    // Each case checks the requirement g % 500, and every other case a second one.
    await database.query(
      `INSERT INTO acceptance_case_requirement (project_id, test_case_id, requirement_id)
       SELECT DISTINCT $1::uuid, tc.id, r.id
         FROM acceptance_test_case tc
         JOIN LATERAL (SELECT substr(tc.reference, 5)::int AS g) n ON true
         JOIN acceptance_requirement r ON r.project_id = $1 AND r.reference IN (
           'BEX-' || lpad((1 + n.g % $2)::text, 4, '0'),
           CASE WHEN n.g % 2 = 0 THEN 'BEX-' || lpad((1 + (n.g * 7) % $2)::text, 4, '0') END)
        WHERE tc.project_id = $1 AND tc.reference LIKE 'BCT-%'`,
      [project.id, REQUIREMENTS],
    );
    const campaign = (
      await database.query(
        `INSERT INTO acceptance_campaign (project_id, name, type, status, start_date, end_date)
         VALUES ($1, 'VABF de charge', 'vabf', 'en_cours', current_date - 10, current_date + 10) RETURNING id`,
        [project.id],
      )
    ).rows[0].id;
    const iteration = (
      await database.query(`INSERT INTO acceptance_iteration (campaign_id, number, label, delivered_on) VALUES ($1, 1, 'Livraison initiale', current_date - 10) RETURNING id`, [
        campaign,
      ])
    ).rows[0].id;
    await database.query(
      `INSERT INTO acceptance_campaign_case (project_id, campaign_id, test_case_id, assignee_user_id)
       SELECT $1, $2, tc.id, CASE WHEN substr(tc.reference, 5)::int % ($4::int / $5::int) = 0 THEN $3::uuid ELSE $6::uuid END
         FROM acceptance_test_case tc WHERE tc.project_id = $1 AND tc.reference LIKE 'BCT-%'`,
      [project.id, campaign, keyUser, CASES, KEY_USER_CASES, pm],
    );
    // One run per case: 80 % passed, 10 % failed at step 7, 5 % blocked at step 4, 5 % with 5 steps passed (in progress).
    await database.query(
      `INSERT INTO acceptance_execution (project_id, campaign_case_id, iteration_id, test_case_revision, title, preconditions, steps, result,
                                         executed_by, started_at, finished_at)
       SELECT $1, cc.id, $2, tc.revision, tc.title, tc.preconditions, tc.steps,
         CASE WHEN n.g % 20 < 16 THEN 'reussi' WHEN n.g % 20 < 18 THEN 'echoue' WHEN n.g % 20 = 18 THEN 'bloque' ELSE 'en_cours' END,
         cc.assignee_user_id, now() - (n.g % 10) * interval '1 day',
         CASE WHEN n.g % 20 < 19 THEN now() - (n.g % 10) * interval '1 day' + interval '30 minutes' END
         FROM acceptance_campaign_case cc JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
         JOIN LATERAL (SELECT substr(tc.reference, 5)::int AS g) n ON true
        WHERE cc.campaign_id = $3`,
      [project.id, iteration, campaign],
    );
    await database.query(
      `INSERT INTO acceptance_step_result (execution_id, step_index, status, actual, recorded_at, recorded_by)
       SELECT e.id, s, CASE WHEN e.result = 'echoue' AND s = 6 THEN 'echoue' WHEN e.result = 'bloque' AND s = 3 THEN 'bloque' ELSE 'reussi' END,
         CASE WHEN (e.result = 'echoue' AND s = 6) OR (e.result = 'bloque' AND s = 3) THEN 'Écart constaté' ELSE '' END, e.started_at, e.executed_by
         FROM acceptance_execution e CROSS JOIN generate_series(0, $2 - 1) AS s
        WHERE e.iteration_id = $1
          AND (e.result = 'reussi' OR (e.result = 'echoue' AND s <= 6) OR (e.result = 'bloque' AND s <= 3) OR (e.result = 'en_cours' AND s < 5))`,
      [iteration, STEPS],
    );
    await database.query(
      `UPDATE acceptance_campaign_case cc SET latest_execution_id = e.id, latest_result = e.result, pending = e.finished_at IS NULL
         FROM acceptance_execution e WHERE e.campaign_case_id = cc.id AND cc.campaign_id = $1`,
      [campaign],
    );
    await database.query('COMMIT');
    await database.query('ANALYZE');
    const counts = (
      await database.query(
        `SELECT (SELECT count(*) FROM acceptance_requirement WHERE project_id = $1) AS requirements,
                (SELECT count(*) FROM acceptance_test_case WHERE project_id = $1) AS cases,
                (SELECT count(*) FROM acceptance_case_requirement WHERE project_id = $1) AS links,
                (SELECT count(*) FROM acceptance_execution WHERE project_id = $1) AS executions,
                (SELECT count(*) FROM acceptance_step_result r JOIN acceptance_execution e ON e.id = r.execution_id WHERE e.project_id = $1) AS steps,
                (SELECT count(*) FROM acceptance_campaign_case WHERE campaign_id = $2 AND assignee_user_id = $3) AS mine`,
        [project.id, campaign, keyUser],
      )
    ).rows[0];
    console.log(
      `Recette: ${counts.requirements} requirements, ${counts.cases} cases, ${counts.links} links, ${counts.executions} executions, ` +
        `${counts.steps} step results; ${counts.mine} cases assigned to the key user (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
        machineLine(),
    );

    const acceptance = `/api/projects/${project.id}/acceptance`;
    const matrixTarget = '< 200 ms';
    await sequential(`${acceptance}/coverage?campaignId=${campaign}`, { label: 'coverage of every requirement in the campaign', count: SEQUENTIAL, target: matrixTarget });
    await sequential(`${acceptance}/coverage`, { label: 'coverage across campaigns', count: SEQUENTIAL, target: matrixTarget });
    await sequential(`${acceptance}/traceability?campaignId=${campaign}`, { label: 'traceability matrix', count: SEQUENTIAL, target: matrixTarget });
    await sequential(`${acceptance}/traceability.xlsx?campaignId=${campaign}`, { label: 'traceability matrix as .xlsx, no target', count: SEQUENTIAL });

    const mine = '/api/me/acceptance-tests';
    const rows = await (await fetch(`${base}${mine}`, { headers: keyUserHeaders })).json();
    await load(mine, { label: `« Mes tests » of the key user, ${rows.length} cases`, sessionHeaders: keyUserHeaders });
    await load(mine, {
      label: `« Mes tests », gzip as browsers ask`,
      sessionHeaders: keyUserHeaders,
      warmUp: 0,
      extraHeaders: { 'accept-encoding': 'gzip, deflate, br' },
    });
    // The cheapest signed-in GET under the same load, to tell the machine's share from the route's.
    await load('/api/auth/me', { label: 'reference: the session check alone', sessionHeaders: keyUserHeaders, target: null });
  }),
);
