import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  CampaignCriteriaDto,
  CampaignDto,
  ChainVerificationDto,
  DefectDto,
  ExecutionDto,
  GoNoGoDecisionDto,
  GoNoGoEvaluationDto,
  ReadinessEvidenceFileDto,
  ReadinessItemDto,
  ReserveDto,
  ProjectRole,
} from '@jalon/domain';
import { createUser, memberOf, newProject, signIn, type ApiAgent } from '../support/actors';
import { auditRows } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { Clock } from '../../api/src/clock/clock';

/** A test that prepares campaigns through the API on a loaded machine. */
const LONG = 600_000;

const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((entry) => entry.field);

/** The text of a PDF, as pdftotext (poppler-utils) reads it. */
function pdfText(content: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'jalon-pv-')), 'pv.pdf');
  writeFileSync(file, content);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const binary = (response: { on: (event: string, listener: (chunk?: Buffer) => void) => void }, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk) => chunks.push(chunk!));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Go / no-go: criteria, signatures chained by SHA-256, PV de recette, réserves (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    testApp.app.get(Clock).set('2027-03-10T09:00:00Z');
  });
  afterAll(async () => {
    testApp.app.get(Clock).set(null);
    await testApp.close();
  });

  const named = (projectId: string, role: ProjectRole, displayName: string): Promise<ApiAgent> => memberOf(testApp.app, projectId, role, displayName);

  /**
   * A campaign of two cases run by the key user: the first passed, the second failed with a
   * majeure defect; one indispensable requirement proven by the first case; a plan milestone
   * « Go / No-Go ».
   */
  async function prepared() {
    const project = await newProject(testApp.app);
    const pm = await named(project.id, 'project_manager', 'Claire Martin');
    const sponsor = await named(project.id, 'sponsor', 'Éric Lefèvre');
    const keyUser = await named(project.id, 'key_user', 'Julien Moreau');
    const vendor = await named(project.id, 'contributor', 'Sophie Girard');
    const viewer = await memberOf(testApp.app, project.id, 'viewer');
    const cases: string[] = [];
    for (const index of [1, 2]) {
      const [row] = (await dataSource.query(
        `INSERT INTO acceptance_test_case (project_id, reference, title, preconditions, steps, status) VALUES ($1, $2, $3, '', $4, 'pret') RETURNING id`,
        [
          project.id,
          `CT-00${index}`,
          `Cas ${index}`,
          JSON.stringify([
            { action: 'Appeler', data: '', expected: 'Routé' },
            { action: 'Décrocher', data: '', expected: 'Fiche ouverte' },
          ]),
        ],
      )) as Array<{ id: string }>;
      cases.push(row!.id);
    }
    const [requirement] = (await dataSource.query(
      `INSERT INTO acceptance_requirement (project_id, reference, title, category, priority, status) VALUES ($1, 'EX-01', 'Routage', 'fonctionnelle', 'indispensable', 'validee') RETURNING id`,
      [project.id],
    )) as Array<{ id: string }>;
    await dataSource.query(`INSERT INTO acceptance_case_requirement (project_id, test_case_id, requirement_id) VALUES ($1, $2, $3)`, [project.id, cases[0], requirement!.id]);
    const [milestone] = (await dataSource.query(
      `INSERT INTO plan_task (project_id, name, duration, key_milestone, position) VALUES ($1, 'Go / No-Go', 0, true, 1) RETURNING id`,
      [project.id],
    )) as Array<{ id: string }>;
    const acceptance = `/api/projects/${project.id}/acceptance`;
    const campaign = (await pm.post(`${acceptance}/campaigns`).send({ name: 'VABF lot 1', type: 'vabf', startDate: '2027-03-01', endDate: '2027-03-12' }).expect(201))
      .body as CampaignDto;
    const withCases = (await pm.post(`${acceptance}/campaigns/${campaign.id}/cases`).send({ testCaseIds: cases, assigneeUserId: keyUser.user.id }).expect(201))
      .body as CampaignDto;
    const run = async (position: number, statuses: Array<'reussi' | 'echoue'>) => {
      let execution = (await keyUser.post(`${acceptance}/campaigns/${campaign.id}/cases/${withCases.cases[position]!.id}/executions`).expect(201)).body as ExecutionDto;
      for (const [index, status] of statuses.entries()) {
        execution = (await keyUser.put(`${acceptance}/executions/${execution.id}/steps/${index}`).send({ version: execution.version, status, actual: status === 'echoue' ? 'KO' : '' }).expect(200))
          .body as ExecutionDto;
      }
      return execution;
    };
    await run(0, ['reussi', 'reussi']);
    const failed = await run(1, ['reussi', 'echoue']);
    const defect = (await keyUser.post(`${acceptance}/defects`).send({ executionId: failed.id, stepIndex: 1, severity: 'majeure', assigneeUserId: vendor.user.id }).expect(201))
      .body as DefectDto;
    const base = `/api/projects/${project.id}/go-no-go`;
    return { projectId: project.id, pm, sponsor, keyUser, vendor, viewer, campaign: withCases, defect, milestoneId: milestone!.id, base, acceptance, run };
  }

  async function lockedCampaign(r: Awaited<ReturnType<typeof prepared>>, passRate = 50) {
    const criteria = (await r.pm.get(`${r.base}/campaigns/${r.campaign.id}/criteria`).expect(200)).body as CampaignCriteriaDto;
    const response = await r.pm
      .put(`${r.base}/campaigns/${r.campaign.id}/criteria`)
      .send({ version: criteria.version, criteria: criteria.criteria.map((row) => (row.key === 'pass_rate' ? { ...row, threshold: passRate } : row)) });
    expect(response.body).toMatchObject({ version: criteria.version + 1 });
    const set = response.body as CampaignCriteriaDto;
    return (await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/criteria/lock`).send({ version: set.version }).expect(200)).body as CampaignCriteriaDto;
  }

  it('should configure the criteria, refuse a decision before they are locked and any edit after, and evaluate them live with their evidence', async () => {
    const r = await prepared();
    const defaults = (await r.viewer.get(`${r.base}/campaigns/${r.campaign.id}/criteria`).expect(200)).body as CampaignCriteriaDto;
    expect(defaults).toMatchObject({ version: 0, lockedAt: null });
    expect(defaults.criteria.map((row) => row.key)).toEqual([
      'no_open_blocking_defect',
      'no_open_major_defect_without_reserve',
      'indispensable_requirements_ok',
      'pass_rate',
      'readiness_complete',
      'no_undecided_critical_risk',
    ]);
    // A decision on criteria never locked: 422, nothing written.
    const early = await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'go' }).expect(422);
    expect(early.body.code).toBe('criteria_not_locked');
    // Bad input names the entry; only the project manager prepares.
    const bad = await r.pm
      .put(`${r.base}/campaigns/${r.campaign.id}/criteria`)
      .send({ version: 0, criteria: [{ key: 'pass_rate', enabled: true, threshold: 120 }, { key: 'pass_rate', enabled: true }] })
      .expect(400);
    expect(fieldsOf(bad.body)).toEqual(['criteria[0].threshold', 'criteria[1].key']);
    await r.keyUser.put(`${r.base}/campaigns/${r.campaign.id}/criteria`).send({ version: 0, criteria: defaults.criteria }).expect(403);
    await r.sponsor.post(`${r.base}/campaigns/${r.campaign.id}/criteria/lock`).send({ version: 0 }).expect(403);
    const locked = await lockedCampaign(r, 95);
    expect(locked.lockedAt).not.toBeNull();
    const after = await r.pm.put(`${r.base}/campaigns/${r.campaign.id}/criteria`).send({ version: locked.version, criteria: defaults.criteria }).expect(409);
    expect(after.body.code).toBe('criteria_locked');
    await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/criteria/lock`).send({ version: locked.version }).expect(409);

    // The readiness checklist from the template; one item done with its evidence.
    const items = (await r.pm.post(`${r.base}/readiness/template`).expect(201)).body as ReadinessItemDto[];
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(items.map((item) => item.label)).toContain('Plan de retour arrière écrit et validé');
    const done = (await r.pm
      .patch(`${r.base}/readiness/${items[0]!.id}`)
      .send({ version: items[0]!.version, status: 'fait', evidenceNote: 'Émargement au dossier', evidenceLink: 'https://intranet.example.fr/formation' })
      .expect(200)).body as ReadinessItemDto;
    expect(done).toMatchObject({ status: 'fait', version: 2 });
    expect(fieldsOf((await r.pm.patch(`${r.base}/readiness/${items[1]!.id}`).send({ version: items[1]!.version, evidenceLink: 'javascript:alert(1)' }).expect(400)).body)).toEqual([
      'evidenceLink',
    ]);
    expect((await r.pm.patch(`${r.base}/readiness/${items[0]!.id}`).send({ version: 1, status: 'a_faire' }).expect(409)).body.code).toBe('stale_version');
    await r.keyUser.post(`${r.base}/readiness`).send({ category: 'autre', label: 'x' }).expect(403);

    const evaluation = (await r.viewer.get(`${r.base}/campaigns/${r.campaign.id}/evaluation`).expect(200)).body as GoNoGoEvaluationDto;
    const byKey = Object.fromEntries(evaluation.criteria.map((row) => [row.key, row]));
    expect(evaluation.allPassed).toBe(false);
    expect(byKey['no_open_blocking_defect']!.passed).toBe(true);
    expect(byKey['no_open_major_defect_without_reserve']).toMatchObject({ passed: false, evidence: [{ kind: 'defect', id: r.defect.id }] });
    expect(byKey['indispensable_requirements_ok']!.passed).toBe(true);
    expect(byKey['pass_rate']).toMatchObject({ passed: false, threshold: 95, actual: 50 });
    expect(byKey['readiness_complete']!.passed).toBe(false);
    expect(byKey['readiness_complete']!.evidence).toHaveLength(items.length - 1);
    expect(byKey['no_undecided_critical_risk']!.passed).toBe(true);
    expect(evaluation.figures).toMatchObject({ cases: 2, run: 2, passed: 1, failed: 1, openDefects: { bloquante: 0, majeure: 1, mineure: 0 } });
    const audit = await auditRows(testApp.app, r.projectId);
    expect(audit.filter((row) => row.entity === 'gonogo_criteria').map((row) => row.action)).toEqual(['create', 'update']);
    expect(audit.filter((row) => row.entity === 'gonogo_readiness_item' && row.action === 'update')).toHaveLength(1);
  }, LONG);

  it('should have a go avec réserves signed by the key user and the sponsor with their passwords, chained, printed on the PV and verified intact', async () => {
    const r = await prepared();
    await lockedCampaign(r, 50);
    // A réserve on a defect outside the campaign, a missing réserve, an owner of nowhere: 4xx, nothing written.
    expect(fieldsOf((await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'go_reserves' }).expect(400)).body)).toEqual(['reserves']);
    expect(
      fieldsOf(
        (await r.pm
          .post(`${r.base}/campaigns/${r.campaign.id}/decisions`)
          .send({ kind: 'go_reserves', reserves: [{ defectId: r.milestoneId, ownerUserId: r.vendor.user.id, dueDate: '2027-04-01' }] })
          .expect(422)).body,
      ),
    ).toEqual(['reserves[0].defectId']);
    const stranger = await createUser(testApp.app);
    expect(
      fieldsOf(
        (await r.pm
          .post(`${r.base}/campaigns/${r.campaign.id}/decisions`)
          .send({ kind: 'go_reserves', reserves: [{ defectId: r.defect.id, ownerUserId: stranger.id, dueDate: '2027-04-01' }] })
          .expect(422)).body,
      ),
    ).toEqual(['reserves[0].ownerUserId']);
    expect(await dataSource.query(`SELECT 1 FROM gonogo_decision WHERE project_id = $1`, [r.projectId])).toHaveLength(0);
    await r.keyUser.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'go' }).expect(403);

    const proposed = (await r.pm
      .post(`${r.base}/campaigns/${r.campaign.id}/decisions`)
      .send({ kind: 'go_reserves', comment: 'Go sous réserve de la correction de la fiche contact', reserves: [{ defectId: r.defect.id, ownerUserId: r.vendor.user.id, dueDate: '2027-04-01' }] })
      .expect(201)).body as GoNoGoDecisionDto;
    expect(proposed).toMatchObject({ kind: 'go_reserves', status: 'proposee', proposedByName: 'Claire Martin' });
    expect(proposed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(proposed.signers.map((signer) => [signer.name, signer.role])).toEqual([
      ['Julien Moreau', 'key_user'],
      ['Éric Lefèvre', 'sponsor'],
    ]);
    // The frozen evaluation counts the réserve as accepted.
    const frozen = Object.fromEntries(proposed.evaluation.criteria.map((row) => [row.key, row.passed]));
    expect(frozen['no_open_major_defect_without_reserve']).toBe(true);
    expect(proposed.reserves).toMatchObject([{ defectId: r.defect.id, ownerName: 'Sophie Girard', dueDate: '2027-04-01', leveeDate: null }]);
    // A second proposal while this one awaits signatures: 409.
    await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'no_go' }).expect(409);

    const signatures = `${r.base}/decisions/${proposed.id}/signatures`;
    // A wrong password: 401, nothing signed.
    const wrong = await r.keyUser.post(signatures).send({ password: 'not-my-password' }).expect(401);
    expect(wrong.body).toMatchObject({ code: 'wrong_password' });
    expect(fieldsOf(wrong.body)).toEqual(['password']);
    expect(await dataSource.query(`SELECT 1 FROM gonogo_signature WHERE decision_id = $1`, [proposed.id])).toHaveLength(0);
    // Someone not named (the project manager), a viewer without the permission.
    expect((await r.pm.post(signatures).send({ password: r.pm.user.password }).expect(403)).body.code).toBe('not_a_signer');
    expect((await r.viewer.post(signatures).send({ password: r.viewer.user.password }).expect(403)).body.code).toBe('forbidden');
    await r.keyUser.post(signatures).send({ password: r.keyUser.user.password, outcome: 'refuse' }).expect(400);

    const first = (await r.keyUser.post(signatures).send({ password: r.keyUser.user.password }).expect(201)).body as GoNoGoDecisionDto;
    expect(first.status).toBe('proposee');
    expect(first.signatures).toMatchObject([{ sequence: 1, printedName: 'Julien Moreau', role: 'key_user', meaning: "approuvé en tant qu'utilisateur clé", outcome: 'approuve' }]);
    expect(first.signatures[0]!.previousHash).toBe('0'.repeat(64));
    const again = await r.keyUser.post(signatures).send({ password: r.keyUser.user.password }).expect(409);
    expect(again.body.code).toBe('already_signed');
    const signed = (await r.sponsor.post(signatures).send({ password: r.sponsor.user.password }).expect(201)).body as GoNoGoDecisionDto;
    expect(signed.status).toBe('signee');
    expect(signed.signatures.map((row) => [row.sequence, row.printedName, row.meaning])).toEqual([
      [1, 'Julien Moreau', "approuvé en tant qu'utilisateur clé"],
      [2, 'Éric Lefèvre', 'décidé en tant que sponsor'],
    ]);
    expect(signed.signatures[1]!.previousHash).toBe(signed.signatures[0]!.hash);
    // Closed: no more signatures.
    expect((await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'go' }).expect(201)).body.status).toBe('proposee');

    // The signed go sets the actual date of the plan's Go / No-Go milestone.
    const [milestone] = (await dataSource.query(`SELECT actual_finish::text AS "actualFinish" FROM plan_task WHERE id = $1`, [r.milestoneId])) as Array<{ actualFinish: string }>;
    expect(milestone!.actualFinish).toBe('2027-03-10');

    const verification = (await r.viewer.get(`${r.base}/decisions/${proposed.id}/verify`).expect(200)).body as ChainVerificationDto;
    expect(verification).toMatchObject({ intact: true, altered: null, signatures: 2 });

    // The PV lists every signature with its meaning, and the decision's hash.
    const pdf = await r.viewer.get(`${r.base}/decisions/${proposed.id}/pv.pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Procès-verbal de recette');
    expect(text).toContain('GO AVEC RÉSERVES');
    expect(text).toContain('Julien Moreau');
    expect(text).toContain("approuvé en tant qu'utilisateur clé");
    expect(text).toContain('Éric Lefèvre');
    expect(text).toContain('décidé en tant que sponsor');
    expect(text).toContain(r.defect.reference);
    expect(text).toContain(proposed.contentHash);
    expect(text).toMatch(/10 mars 2027 à 10:00:00/);

    const audit = await auditRows(testApp.app, r.projectId);
    expect(audit.filter((row) => row.entity === 'gonogo_signature').map((row) => row.action)).toEqual(['create', 'create']);
    expect(audit.filter((row) => row.entity === 'gonogo_decision').map((row) => row.action)).toEqual(['create', 'update', 'create']);
  }, LONG);

  it('should let the database refuse any change to a signature or a signed decision, and detect and name a row altered behind its back', async () => {
    const r = await prepared();
    await lockedCampaign(r, 50);
    const proposed = (await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'no_go', comment: 'Trop d’anomalies' }).expect(201)).body as GoNoGoDecisionDto;
    const signatures = `${r.base}/decisions/${proposed.id}/signatures`;
    await r.keyUser.post(signatures).send({ password: r.keyUser.user.password }).expect(201);
    const signed = (await r.sponsor.post(signatures).send({ password: r.sponsor.user.password }).expect(201)).body as GoNoGoDecisionDto;
    expect(signed.status).toBe('signee');
    const [first, second] = signed.signatures;

    // No route changes or deletes a signature or a decision.
    for (const method of ['put', 'patch', 'delete'] as const) {
      await r.pm[method](`${signatures}/${first!.id}`).send({}).expect(404);
      await r.pm[method](`${r.base}/decisions/${proposed.id}`).send({}).expect(404);
    }
    // The database refuses UPDATE and DELETE on signatures, and on a signed decision.
    await expect(dataSource.query(`UPDATE gonogo_signature SET printed_name = 'Mallory' WHERE id = $1`, [first!.id])).rejects.toThrow(/immutable/);
    await expect(dataSource.query(`DELETE FROM gonogo_signature WHERE id = $1`, [second!.id])).rejects.toThrow(/immutable/);
    await expect(dataSource.query(`UPDATE gonogo_decision SET kind = 'go' WHERE id = $1`, [proposed.id])).rejects.toThrow(/no longer change/);
    await expect(dataSource.query(`DELETE FROM gonogo_decision WHERE id = $1`, [proposed.id])).rejects.toThrow(/cannot be deleted/);
    expect(((await r.pm.get(`${r.base}/decisions/${proposed.id}/verify`).expect(200)).body as ChainVerificationDto).intact).toBe(true);

    // Someone with the database's keys disables the triggers in their session and alters a row.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SET session_replication_role = replica`);
      await runner.query(`UPDATE gonogo_signature SET meaning = 'refusé en tant que sponsor' WHERE id = $1`, [second!.id]);
      await runner.query(`SET session_replication_role = origin`);
    } finally {
      await runner.release();
    }
    const verification = (await r.viewer.get(`${r.base}/decisions/${proposed.id}/verify`).expect(200)).body as ChainVerificationDto;
    expect(verification).toMatchObject({ intact: false, altered: { kind: 'signature', id: second!.id, label: 'Signature n° 2 – Éric Lefèvre', reason: 'hash' } });

  }, LONG);

  it('should name a decision whose frozen content or status was changed behind its back', async () => {
    let verification: ChainVerificationDto;
    // The decision's frozen content changed: the decision itself is named.
    const other = await prepared();
    await lockedCampaign(other, 50);
    const decision = (await other.pm.post(`${other.base}/campaigns/${other.campaign.id}/decisions`).send({ kind: 'go' }).expect(201)).body as GoNoGoDecisionDto;
    await other.keyUser.post(`${other.base}/decisions/${decision.id}/signatures`).send({ password: other.keyUser.user.password }).expect(201);
    const runner2 = dataSource.createQueryRunner();
    await runner2.connect();
    try {
      await runner2.query(`SET session_replication_role = replica`);
      await runner2.query(`UPDATE gonogo_decision SET content = jsonb_set(content, '{kind}', '"no_go"'), kind = 'no_go' WHERE id = $1`, [decision.id]);
      await runner2.query(`SET session_replication_role = origin`);
    } finally {
      await runner2.release();
    }
    verification = (await other.pm.get(`${other.base}/decisions/${decision.id}/verify`).expect(200)).body as ChainVerificationDto;
    expect(verification).toMatchObject({ intact: false, altered: { kind: 'decision', id: decision.id, reason: 'content_hash' } });

    // A decision marked signed in SQL without the signatures that make it so is named too.
    const third = await prepared();
    await lockedCampaign(third, 50);
    const unsigned = (await third.pm.post(`${third.base}/campaigns/${third.campaign.id}/decisions`).send({ kind: 'go' }).expect(201)).body as GoNoGoDecisionDto;
    await dataSource.query(`UPDATE gonogo_decision SET status = 'signee' WHERE id = $1`, [unsigned.id]);
    verification = (await third.pm.get(`${third.base}/decisions/${unsigned.id}/verify`).expect(200)).body as ChainVerificationDto;
    expect(verification).toMatchObject({ intact: false, altered: { kind: 'decision', id: unsigned.id, reason: 'status' } });
  }, LONG);

  it('should record a refusal with its reason, and lift a réserve only with a verified re-test', async () => {
    const r = await prepared();
    await lockedCampaign(r, 50);
    const refused = (await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'go' }).expect(201)).body as GoNoGoDecisionDto;
    const after = (await r.sponsor
      .post(`${r.base}/decisions/${refused.id}/signatures`)
      .send({ password: r.sponsor.user.password, outcome: 'refuse', refusalReason: 'La fiche contact doit être corrigée avant' })
      .expect(201)).body as GoNoGoDecisionDto;
    expect(after.status).toBe('refusee');
    expect(after.signatures[0]).toMatchObject({ outcome: 'refuse', meaning: 'refusé en tant que sponsor', refusalReason: 'La fiche contact doit être corrigée avant' });
    expect((await r.keyUser.post(`${r.base}/decisions/${refused.id}/signatures`).send({ password: r.keyUser.user.password }).expect(409)).body.code).toBe('decision_closed');
    // The milestone is untouched by a refused go.
    const [milestone] = (await dataSource.query(`SELECT actual_finish FROM plan_task WHERE id = $1`, [r.milestoneId])) as Array<{ actual_finish: string | null }>;
    expect(milestone!.actual_finish).toBeNull();

    const decision = (await r.pm
      .post(`${r.base}/campaigns/${r.campaign.id}/decisions`)
      .send({ kind: 'go_reserves', reserves: [{ defectId: r.defect.id, ownerUserId: r.vendor.user.id, dueDate: '2027-03-05' }] })
      .expect(201)).body as GoNoGoDecisionDto;
    const reserve = decision.reserves[0]!;
    expect(reserve.overdue).toBe(true);
    const failedRun = await r.run(1, ['reussi', 'echoue']);
    const notVerified = await r.pm.post(`${r.base}/reserves/${reserve.id}/levee`).send({ version: reserve.version, retestExecutionId: failedRun.id }).expect(422);
    expect(notVerified.body.code).toBe('reserve_not_verified');
    expect(fieldsOf(notVerified.body)).toEqual(['retestExecutionId']);
    // The vendor corrects, the key user re-tests: verified.
    let defect = (await r.vendor.post(`${r.acceptance}/defects/${r.defect.id}/transitions`).send({ version: r.defect.version, to: 'en_correction' }).expect(201)).body as DefectDto;
    defect = (await r.vendor.post(`${r.acceptance}/defects/${r.defect.id}/transitions`).send({ version: defect.version, to: 'corrigee' }).expect(201)).body as DefectDto;
    const passed = await r.run(1, ['reussi', 'reussi']);
    await r.keyUser.post(`${r.acceptance}/defects/${r.defect.id}/transitions`).send({ version: defect.version, to: 'verifiee', executionId: passed.id }).expect(201);
    await r.keyUser.post(`${r.base}/reserves/${reserve.id}/levee`).send({ version: reserve.version, retestExecutionId: passed.id }).expect(403);
    const lifted = (await r.pm.post(`${r.base}/reserves/${reserve.id}/levee`).send({ version: reserve.version, retestExecutionId: passed.id }).expect(200)).body as ReserveDto;
    expect(lifted).toMatchObject({ leveeDate: '2027-03-10', retestExecutionId: passed.id, overdue: false, defectStatus: 'verifiee' });
    await r.pm.post(`${r.base}/reserves/${reserve.id}/levee`).send({ version: lifted.version, retestExecutionId: passed.id }).expect(409);
    // The PV is re-issued « réserves levées » with the date; the signed decision keeps its hash.
    const pdf = await r.pm.get(`${r.base}/decisions/${decision.id}/pv.pdf`).buffer(true).parse(binary).expect(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('réserves levées');
    expect(text).toContain(`${r.defect.reference} levée le 10/03/2027`);
    expect(text).toContain(decision.contentHash);
  }, LONG);

  it('should record the executions changed after a decision as append-only addenda shown on it, the frozen content and its hash unchanged', async () => {
    const r = await prepared();
    await lockedCampaign(r, 50);
    const proposed = (await r.pm
      .post(`${r.base}/campaigns/${r.campaign.id}/decisions`)
      .send({ kind: 'go_reserves', reserves: [{ defectId: r.defect.id, ownerUserId: r.vendor.user.id, dueDate: '2027-04-01' }] })
      .expect(201)).body as GoNoGoDecisionDto;
    // The executions run before the decision are in its frozen content, not in its addenda.
    expect(proposed.addenda).toEqual([]);
    const signatures = `${r.base}/decisions/${proposed.id}/signatures`;
    await r.keyUser.post(signatures).send({ password: r.keyUser.user.password }).expect(201);
    const signed = (await r.sponsor.post(signatures).send({ password: r.sponsor.user.password }).expect(201)).body as GoNoGoDecisionDto;
    expect(signed.status).toBe('signee');
    const [before] = (await dataSource.query(`SELECT content, content_hash AS "contentHash", evaluation FROM gonogo_decision WHERE id = $1`, [proposed.id])) as Array<{
      content: unknown;
      contentHash: string;
      evaluation: unknown;
    }>;

    // After signing, the key user runs the first case again and it fails.
    const rerun = await r.run(0, ['reussi', 'echoue']);
    const decision = (await r.viewer.get(`${r.base}/decisions/${proposed.id}`).expect(200)).body as GoNoGoDecisionDto;
    expect(decision.addenda.length).toBeGreaterThanOrEqual(2);
    expect(decision.addenda.every((row) => row.executionId === rerun.id && row.caseReference === 'CT-001' && row.decisionStatus === 'signee')).toBe(true);
    expect(decision.addenda.every((row) => row.changedBy === r.keyUser.user.id && row.changedByName === 'Julien Moreau')).toBe(true);
    expect(decision.addenda[0]).toMatchObject({ kind: 'new_execution', previousResult: null, newResult: 'non_execute', caseTitle: 'Cas 1' });
    expect(decision.addenda.at(-1)).toMatchObject({ kind: 'result_changed', newResult: 'echoue' });
    expect(decision.addenda.at(-1)!.previousResult).not.toBe('echoue');
    // Each addendum follows the previous one.
    for (const [index, row] of decision.addenda.entries()) {
      if (index > 0) expect(row.previousResult).toBe(decision.addenda[index - 1]!.newResult);
      expect(Date.parse(row.changedAt)).not.toBeNaN();
    }
    // The frozen decision did not move: same content, same hash, same signatures; the chain is intact.
    const [after] = (await dataSource.query(`SELECT content, content_hash AS "contentHash", evaluation FROM gonogo_decision WHERE id = $1`, [proposed.id])) as Array<{
      content: unknown;
      contentHash: string;
      evaluation: unknown;
    }>;
    expect(after).toEqual(before);
    expect(decision.contentHash).toBe(proposed.contentHash);
    expect(decision.signatures).toEqual(signed.signatures);
    expect(((await r.viewer.get(`${r.base}/decisions/${proposed.id}/verify`).expect(200)).body as ChainVerificationDto).intact).toBe(true);

    // The addenda cannot be changed or deleted, in SQL either.
    const first = decision.addenda[0]!;
    await expect(dataSource.query(`UPDATE gonogo_decision_addendum SET new_result = 'reussi' WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM gonogo_decision_addendum WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM gonogo_decision_addendum WHERE decision_id = $1`, [proposed.id])).rejects.toThrow(/append-only/);
    expect(await dataSource.query(`SELECT 1 FROM gonogo_decision_addendum WHERE decision_id = $1`, [proposed.id])).toHaveLength(decision.addenda.length);
    for (const method of ['put', 'patch', 'delete'] as const) {
      await r.pm[method](`${r.base}/decisions/${proposed.id}/addenda/${first.id}`).send({}).expect(404);
    }

    // The PV re-issued carries them, after the signatures, with the decision's hash unchanged.
    const pdf = await r.viewer.get(`${r.base}/decisions/${proposed.id}/pv.pdf`).buffer(true).parse(binary).expect(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Avenants');
    expect(text).toMatch(/CT-001[\s\S]*devenu/);
    expect(text).toMatch(/échoué »/);
    expect(text).toContain(proposed.contentHash);
    // An execution of another campaign leaves this decision alone.
    const count = decision.addenda.length;
    const other = (await r.pm.post(`${r.acceptance}/campaigns`).send({ name: 'VSR', type: 'vsr', startDate: '2027-03-15', endDate: '2027-03-20' }).expect(201)).body as CampaignDto;
    const withCase = (await r.pm.post(`${r.acceptance}/campaigns/${other.id}/cases`).send({ testCaseIds: [r.campaign.cases[0]!.testCaseId], assigneeUserId: r.keyUser.user.id }).expect(201))
      .body as CampaignDto;
    await r.keyUser.post(`${r.acceptance}/campaigns/${other.id}/cases/${withCase.cases[0]!.id}/executions`).expect(201);
    expect(((await r.viewer.get(`${r.base}/decisions/${proposed.id}`).expect(200)).body as GoNoGoDecisionDto).addenda).toHaveLength(count);
  }, LONG);

  it('should keep evidence files on readiness items: typed by content, downloaded by members with their name, deleted by the project manager, audited', async () => {
    const r = await prepared();
    const items = (await r.pm.post(`${r.base}/readiness/template`).expect(201)).body as ReadinessItemDto[];
    const item = items[0]!;
    expect(item.evidenceFiles).toEqual([]);
    const evidence = `${r.base}/readiness/${item.id}/evidence`;
    const pdf = Buffer.from('%PDF-1.4\n% émargement de la formation\n%%EOF\n', 'utf8');
    const stored = (await r.pm.post(evidence).attach('file', pdf, 'Émargement formation.pdf').expect(201)).body as ReadinessEvidenceFileDto;
    expect(stored).toMatchObject({ fileName: 'Émargement formation.pdf', contentType: 'application/pdf', size: pdf.length, createdByName: 'Claire Martin' });
    expect(stored.url).toBe(`${evidence}/${stored.id}`);
    const listed = ((await r.viewer.get(`${r.base}/readiness`).expect(200)).body as ReadinessItemDto[]).find((row) => row.id === item.id)!;
    expect(listed.evidenceFiles).toEqual([stored]);
    // A member reads it back, byte for byte, under its name (RFC 5987).
    const download = await r.viewer.get(stored.url).buffer(true).parse(binary).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Emargement formation.pdf"; filename*=UTF-8''%C3%89margement%20formation.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);

    // A type refused by its content (a Windows executable named .pdf), text named .png, nothing: 4xx naming the file, nothing stored.
    const exe = await r.pm.post(evidence).attach('file', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff]), 'plan.pdf').expect(415);
    expect(exe.body.code).toBe('attachment_type_refused');
    expect(fieldsOf(exe.body)).toEqual(['file']);
    expect((await r.pm.post(evidence).attach('file', Buffer.from('bonjour'), 'capture.png').expect(415)).body.code).toBe('attachment_type_refused');
    expect(fieldsOf((await r.pm.post(evidence).expect(400)).body)).toEqual(['file']);
    expect(await dataSource.query(`SELECT 1 FROM gonogo_readiness_evidence WHERE item_id = $1`, [item.id])).toHaveLength(1);
    // Only the project manager adds or deletes; a member of another project gets 404 everywhere.
    await r.keyUser.post(evidence).attach('file', pdf, 'x.pdf').expect(403);
    await r.viewer.delete(stored.url).expect(403);
    const elsewhere = await newProject(testApp.app);
    const outsider = await memberOf(testApp.app, elsewhere.id, 'project_manager');
    await outsider.get(stored.url).expect(404);
    await outsider.post(evidence).attach('file', pdf, 'x.pdf').expect(404);
    await outsider.delete(stored.url).expect(404);
    const foreign = `/api/projects/${elsewhere.id}/go-no-go/readiness/${item.id}/evidence`;
    await outsider.get(`${foreign}/${stored.id}`).expect(404);
    await outsider.post(foreign).attach('file', pdf, 'x.pdf').expect(404);
    await outsider.delete(`${foreign}/${stored.id}`).expect(404);
    await r.pm.get(`${evidence}/not-a-uuid`).expect(400);

    await r.pm.delete(stored.url).expect(204);
    await r.viewer.get(stored.url).expect(404);
    await r.pm.delete(stored.url).expect(404);
    const audit = (await auditRows(testApp.app, r.projectId)).filter((row) => row.entity === 'gonogo_readiness_item' && row.entityId === item.id && row.action === 'update');
    expect(audit.map((row) => row.changes['evidenceFile'])).toEqual([
      { before: null, after: 'Émargement formation.pdf' },
      { before: 'Émargement formation.pdf', after: null },
    ]);
  }, LONG);

  it('should answer 404 to a member of another project and check the body of every route', async () => {
    const r = await prepared();
    await lockedCampaign(r, 50);
    const decision = (await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'go' }).expect(201)).body as GoNoGoDecisionDto;
    const elsewhere = await newProject(testApp.app);
    const outsider = await memberOf(testApp.app, elsewhere.id, 'project_manager');
    await outsider.get(`${r.base}/campaigns/${r.campaign.id}/evaluation`).expect(404);
    await outsider.get(`${r.base}/decisions/${decision.id}`).expect(404);
    await outsider.post(`${r.base}/decisions/${decision.id}/signatures`).send({ password: outsider.user.password }).expect(404);
    // The decision of project A through the routes of project B (where the caller is a member).
    const base = `/api/projects/${elsewhere.id}/go-no-go`;
    await outsider.get(`${base}/decisions/${decision.id}`).expect(404);
    await outsider.get(`${base}/decisions/${decision.id}/verify`).expect(404);
    await outsider.get(`${base}/decisions/${decision.id}/pv.pdf`).expect(404);
    await outsider.get(`${base}/campaigns/${r.campaign.id}/criteria`).expect(404);
    // Bad bodies: 400 naming the field.
    expect(fieldsOf((await r.keyUser.post(`${r.base}/decisions/${decision.id}/signatures`).send({}).expect(400)).body)).toEqual(['password']);
    expect(fieldsOf((await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'peut-etre' }).expect(400)).body)).toEqual(['kind']);
    expect(fieldsOf((await r.pm.post(`${r.base}/readiness`).send({ category: 'formation', label: '' }).expect(400)).body)).toEqual(['label']);
    await r.pm.get(`${r.base}/decisions/not-a-uuid`).expect(400);
  }, LONG);
});

describe('Go / no-go demo (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_DEMO: 'true' });
  });
  afterAll(() => testApp.close());

  it('should seed a readiness checklist partly done and locked criteria on the VABF, evaluated live red with their reasons', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const [project] = (await dataSource.query(`SELECT id FROM project`)) as Array<{ id: string }>;
    const [user] = (await dataSource.query(`SELECT id FROM app_user WHERE email = 'viewer@demo.jalon.fr'`)) as Array<{ id: string }>;
    const viewer = await signIn(testApp.app, { id: user!.id, email: 'viewer@demo.jalon.fr', password: 'jalon-demo' });
    const base = `/api/projects/${project!.id}/go-no-go`;
    const readiness = (await viewer.get(`${base}/readiness`).expect(200)).body as ReadinessItemDto[];
    const done = readiness.filter((item) => item.status === 'fait');
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(readiness.length);
    expect(done.every((item) => item.evidenceNote !== '')).toBe(true);
    const overview = (await viewer.get(base).expect(200)).body as { campaigns: Array<{ id: string; type: string; lockedAt: string | null }> };
    const vabf = overview.campaigns.find((campaign) => campaign.type === 'vabf')!;
    expect(vabf.lockedAt).not.toBeNull();
    const evaluation = (await viewer.get(`${base}/campaigns/${vabf.id}/evaluation`).expect(200)).body as GoNoGoEvaluationDto;
    expect(evaluation.allPassed).toBe(false);
    const red = evaluation.criteria.filter((criterion) => !criterion.passed);
    expect(red.map((criterion) => criterion.key)).toEqual(expect.arrayContaining(['no_open_blocking_defect', 'pass_rate', 'readiness_complete']));
    expect(red.filter((criterion) => criterion.key !== 'pass_rate').every((criterion) => criterion.evidence.length > 0)).toBe(true);
  }, LONG);
});
