import ExcelJS from 'exceljs';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  CampaignDto,
  CampaignProgressDto,
  CoverageDto,
  DefectDto,
  ExecutionDto,
  MyAcceptanceTestDto,
  TraceabilityDto,
} from '@jalon/domain';
import { ATTACHMENT_MAX_BYTES } from '@jalon/domain';
import { memberOf, newProject, signIn, type ApiAgent } from '../support/actors';
import { auditRows } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { Clock } from '../../api/src/clock/clock';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a1d20000000049454e44ae426082', 'hex');

/** The routes of one project's recette, for one signed-in caller. */
function recetteOf(agent: ApiAgent, projectId: string) {
  const base = `/api/projects/${projectId}/acceptance`;
  return {
    base,
    get: (path: string) => agent.get(`${base}/${path}`),
    post: (path: string, body: object = {}) => agent.post(`${base}/${path}`).send(body),
    patch: (path: string, body: object) => agent.patch(`${base}/${path}`).send(body),
    put: (path: string, body: object) => agent.put(`${base}/${path}`).send(body),
    delete: (path: string) => agent.delete(`${base}/${path}`),
    upload: (path: string, content: Buffer, fileName: string) => agent.post(`${base}/${path}`).attach('file', content, fileName),
  };
}

const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((entry) => entry.field);

describe('Acceptance campaigns, executions, defects and coverage (HTTP, PostgreSQL)', () => {
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

  /** Requirements and cases written straight to the tables (their API is tested on its own). */
  async function seedCases(projectId: string, count: number, requirements: Array<{ reference: string; priority?: string; cases: number[] }>) {
    const cases: Array<{ id: string; reference: string }> = [];
    for (let index = 1; index <= count; index += 1) {
      const [row] = (await dataSource.query(
        `INSERT INTO acceptance_test_case (project_id, reference, title, preconditions, steps, status)
         VALUES ($1, $2, $3, 'Agent connecté', $4, 'pret') RETURNING id, reference`,
        [
          projectId,
          `CT-${String(index).padStart(3, '0')}`,
          `Cas ${index}`,
          JSON.stringify([
            { action: 'Appeler le numéro du service client', data: '01 02 03 04 05', expected: 'L’appel est routé vers le groupe Particuliers' },
            { action: 'Décrocher', data: '', expected: 'La fiche contact s’ouvre' },
            { action: 'Qualifier et clôturer', data: 'Motif : information', expected: 'La demande est close' },
          ]),
        ],
      )) as Array<{ id: string; reference: string }>;
      cases.push(row!);
    }
    const requirementIds: string[] = [];
    for (const requirement of requirements) {
      const [row] = (await dataSource.query(
        `INSERT INTO acceptance_requirement (project_id, reference, title, category, priority, status)
         VALUES ($1, $2, $3, 'fonctionnelle', $4, 'validee') RETURNING id`,
        [projectId, requirement.reference, `Exigence ${requirement.reference}`, requirement.priority ?? 'indispensable'],
      )) as Array<{ id: string }>;
      requirementIds.push(row!.id);
      for (const index of requirement.cases) {
        await dataSource.query(`INSERT INTO acceptance_case_requirement (project_id, test_case_id, requirement_id) VALUES ($1, $2, $3)`, [
          projectId,
          cases[index]!.id,
          row!.id,
        ]);
      }
    }
    return { cases, requirementIds };
  }

  async function recette(caseCount = 3, requirements: Array<{ reference: string; priority?: string; cases: number[] }> = []) {
    const project = await newProject(testApp.app);
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    const keyUser = await memberOf(testApp.app, project.id, 'key_user');
    const otherKeyUser = await memberOf(testApp.app, project.id, 'key_user');
    const vendor = await memberOf(testApp.app, project.id, 'contributor');
    const viewer = await memberOf(testApp.app, project.id, 'viewer');
    const seeded = await seedCases(project.id, caseCount, requirements);
    const api = recetteOf(pm, project.id);
    const created = await api.post('campaigns', { name: 'VABF lot 1', type: 'vabf', startDate: '2027-03-08', endDate: '2027-03-19' }).expect(201);
    const campaign = created.body as CampaignDto;
    const withCases = (
      await api.post(`campaigns/${campaign.id}/cases`, { testCaseIds: seeded.cases.map((row) => row.id), assigneeUserId: keyUser.user.id }).expect(201)
    ).body as CampaignDto;
    return { projectId: project.id, pm, keyUser, otherKeyUser, vendor, viewer, api, campaign: withCases, ...seeded, as: (agent: ApiAgent) => recetteOf(agent, project.id) };
  }

  async function run(r: Awaited<ReturnType<typeof recette>>, agent: ApiAgent, position: number, statuses: Array<'reussi' | 'echoue' | 'bloque'>) {
    const campaignCase = r.campaign.cases[position]!;
    let execution = (await r.as(agent).post(`campaigns/${r.campaign.id}/cases/${campaignCase.id}/executions`).expect(201)).body as ExecutionDto;
    for (const [index, status] of statuses.entries()) {
      execution = (
        await r
          .as(agent)
          .put(`executions/${execution.id}/steps/${index}`, { version: execution.version, status, actual: status === 'reussi' ? '' : 'La fiche ne s’ouvre pas' })
          .expect(200)
      ).body as ExecutionDto;
    }
    return execution;
  }

  it('should create a campaign with its first iteration, and refuse an assignee who is not a member (422 naming the field)', async () => {
    const r = await recette();
    expect(r.campaign).toMatchObject({ name: 'VABF lot 1', type: 'vabf', status: 'preparation', caseCount: 3, iteration: 1, runCount: 0, passRate: null });
    expect(r.campaign.iterations.map((iteration) => [iteration.number, iteration.label])).toEqual([[1, 'Livraison initiale']]);
    expect(r.campaign.cases.every((row) => row.assigneeUserId === r.keyUser.user.id && row.toRun && row.latestResult === null)).toBe(true);

    const stranger = await memberOf(testApp.app, (await newProject(testApp.app)).id, 'key_user');
    const other = (await r.api.post('campaigns', { name: 'VSR', type: 'vsr', startDate: '2027-04-01', endDate: '2027-04-10' }).expect(201)).body as CampaignDto;
    const refused = await r.api.post(`campaigns/${other.id}/cases`, { testCaseIds: [r.cases[0]!.id], assigneeUserId: stranger.user.id }).expect(422);
    expect(fieldsOf(refused.body)).toEqual(['assigneeUserId']);
    expect(((await r.api.get(`campaigns/${other.id}`).expect(200)).body as CampaignDto).cases).toEqual([]);
    // Bad input: a period that ends before it starts, an unknown type, a phase of nowhere.
    expect(fieldsOf((await r.api.post('campaigns', { name: 'X', type: 'vabf', startDate: '2027-04-10', endDate: '2027-04-01' }).expect(400)).body)).toEqual(['endDate']);
    expect(fieldsOf((await r.api.post('campaigns', { name: 'X', type: 'uat', startDate: '2027-04-01', endDate: '2027-04-10' }).expect(400)).body)).toEqual(['type']);
    expect(
      fieldsOf((await r.api.post('campaigns', { name: 'X', type: 'vabf', phaseId: r.cases[0]!.id, startDate: '2027-04-01', endDate: '2027-04-10' }).expect(422)).body),
    ).toEqual(['phaseId']);
    // A stale edit gets 409 with the current version.
    await r.api.patch(`campaigns/${r.campaign.id}`, { version: 1, status: 'en_cours' }).expect(200);
    const stale = await r.api.patch(`campaigns/${r.campaign.id}`, { version: 1, name: 'Autre' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', currentVersion: 2 });
    const audit = await auditRows(testApp.app, r.projectId);
    expect(audit.filter((row) => row.entity === 'acceptance_campaign').map((row) => row.action)).toEqual(['create', 'create', 'update']);
    expect(audit.filter((row) => row.entity === 'acceptance_campaign_case')).toHaveLength(3);
  });

  it('should keep the execution’s copy of the steps when the case is edited later, and run the new steps next time', async () => {
    const r = await recette(1);
    const first = await run(r, r.keyUser, 0, ['reussi', 'reussi', 'echoue']);
    expect(first.result).toBe('echoue');
    expect(first.finishedAt).not.toBeNull();
    expect(first.testCaseRevision).toBe(1);
    // The case is rewritten (a new revision with other steps).
    await dataSource.query(
      `UPDATE acceptance_test_case SET steps = $2, revision = 2, title = 'Cas réécrit', version = version + 1 WHERE id = $1`,
      [r.cases[0]!.id, JSON.stringify([{ action: 'Nouvelle action', data: '', expected: 'Nouveau résultat' }])],
    );
    const again = (await r.as(r.keyUser).get(`executions/${first.id}`).expect(200)).body as ExecutionDto;
    expect(again.title).toBe('Cas 1');
    expect(again.steps.map((step) => [step.action, step.status])).toEqual([
      ['Appeler le numéro du service client', 'reussi'],
      ['Décrocher', 'reussi'],
      ['Qualifier et clôturer', 'echoue'],
    ]);
    expect(again.steps[2]!.actual).toBe('La fiche ne s’ouvre pas');
    // A new run copies the case as it is now; the old one is history.
    const second = (await r.as(r.keyUser).post(`campaigns/${r.campaign.id}/cases/${r.campaign.cases[0]!.id}/executions`).expect(201)).body as ExecutionDto;
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ testCaseRevision: 2, title: 'Cas réécrit', result: 'non_execute' });
    expect(second.steps.map((step) => step.action)).toEqual(['Nouvelle action']);
    const stale = await r.as(r.keyUser).put(`executions/${first.id}/steps/0`, { version: first.version, status: 'reussi' }).expect(409);
    expect(stale.body.code).toBe('conflict');
    const history = (await r.as(r.keyUser).get(`campaigns/${r.campaign.id}/cases/${r.campaign.cases[0]!.id}/executions`).expect(200)).body;
    expect(history.map((entry: { id: string; testCaseRevision: number }) => [entry.id, entry.testCaseRevision])).toEqual([
      [second.id, 2],
      [first.id, 1],
    ]);
  });

  it('should let a key user run only the cases assigned to them, and refuse steps out of range and cases outside the campaign', async () => {
    const r = await recette(2);
    const caseA = r.campaign.cases[0]!;
    // Another key user may not run (or record on) a case assigned to someone else.
    const refused = await r.as(r.otherKeyUser).post(`campaigns/${r.campaign.id}/cases/${caseA.id}/executions`).expect(403);
    expect(refused.body.code).toBe('forbidden');
    const execution = (await r.as(r.keyUser).post(`campaigns/${r.campaign.id}/cases/${caseA.id}/executions`).expect(201)).body as ExecutionDto;
    await r.as(r.otherKeyUser).put(`executions/${execution.id}/steps/0`, { version: execution.version, status: 'reussi' }).expect(403);
    // Starting again resumes the unfinished run.
    const resumed = (await r.as(r.keyUser).post(`campaigns/${r.campaign.id}/cases/${caseA.id}/executions`).expect(201)).body as ExecutionDto;
    expect(resumed.id).toBe(execution.id);
    // Viewers and contributors run nothing; the project manager may run any case.
    await r.as(r.viewer).post(`campaigns/${r.campaign.id}/cases/${caseA.id}/executions`).expect(403);
    await r.as(r.vendor).put(`executions/${execution.id}/steps/0`, { version: execution.version, status: 'reussi' }).expect(403);
    const byPm = (await r.api.put(`executions/${execution.id}/steps/0`, { version: execution.version, status: 'reussi' }).expect(200)).body as ExecutionDto;
    expect(byPm.result).toBe('en_cours');
    // A step out of the copy, a stale version, a bad status: 4xx naming the field, nothing written.
    expect(fieldsOf((await r.as(r.keyUser).put(`executions/${execution.id}/steps/3`, { version: byPm.version, status: 'reussi' }).expect(400)).body)).toEqual([
      'stepIndex',
    ]);
    expect(fieldsOf((await r.as(r.keyUser).put(`executions/${execution.id}/steps/1`, { version: byPm.version, status: 'ok' }).expect(400)).body)).toEqual(['status']);
    await r.as(r.keyUser).put(`executions/${execution.id}/steps/1`, { version: execution.version, status: 'reussi' }).expect(409);
    expect(((await r.api.get(`executions/${execution.id}`).expect(200)).body as ExecutionDto).steps.map((step) => step.status)).toEqual(['reussi', null, null]);

    // A case of another campaign, named under this campaign: not a case of it.
    const other = (await r.api.post('campaigns', { name: 'Non-régression', type: 'non_regression', startDate: '2027-04-01', endDate: '2027-04-10' }).expect(201))
      .body as CampaignDto;
    const inOther = (
      await r.api.post(`campaigns/${other.id}/cases`, { testCaseIds: [r.cases[1]!.id], assigneeUserId: r.keyUser.user.id }).expect(201)
    ).body as CampaignDto;
    await r.as(r.keyUser).post(`campaigns/${r.campaign.id}/cases/${inOther.cases[0]!.id}/executions`).expect(404);
    // A member of another project does not see this one.
    const outsider = await memberOf(testApp.app, (await newProject(testApp.app)).id, 'project_manager');
    await recetteOf(outsider, r.projectId).get(`executions/${execution.id}`).expect(404);
  });

  it('should store attachments checked by content and size, and serve them to members only as downloads', async () => {
    const r = await recette(1);
    const execution = await run(r, r.keyUser, 0, ['reussi', 'echoue']);
    const path = `executions/${execution.id}/steps/1/attachments`;
    const stored = await r.as(r.keyUser).upload(path, PNG, 'capture.png').expect(201);
    expect(stored.body).toMatchObject({ fileName: 'capture.png', contentType: 'image/png', size: PNG.length, stepIndex: 1 });
    const log = await r.as(r.keyUser).upload(path, Buffer.from('2027-03-10 09:12:01 ERROR crm-connector timeout\n'), 'crm.log').expect(201);
    expect(log.body.contentType).toBe('text/plain');

    // Text named .png, HTML named .txt passes as text but an executable does not, and 5 MiB + 1 is too large.
    const fake = await r.as(r.keyUser).upload(path, Buffer.from('not an image at all'), 'capture.png').expect(415);
    expect(fake.body).toMatchObject({ code: 'attachment_type_refused' });
    expect(fieldsOf(fake.body)).toEqual(['file']);
    const binary = await r.as(r.keyUser).upload(path, Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), 'outil.txt').expect(415);
    expect(binary.body.code).toBe('attachment_type_refused');
    const large = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x20);
    PNG.copy(large);
    const oversize = await r.as(r.keyUser).upload(path, large, 'grande.png').expect(413);
    expect(oversize.body).toMatchObject({ code: 'attachment_too_large' });
    expect(fieldsOf(oversize.body)).toEqual(['file']);
    await r.as(r.keyUser).upload(`executions/${execution.id}/steps/7/attachments`, PNG, 'capture.png').expect(400);
    await r.as(r.otherKeyUser).upload(path, PNG, 'capture.png').expect(403);

    const attachments = ((await r.api.get(`executions/${execution.id}`).expect(200)).body as ExecutionDto).steps[1]!.attachments;
    expect(attachments.map((attachment) => attachment.fileName)).toEqual(['capture.png', 'crm.log']);
    const download = await r.as(r.viewer).get(attachments[0]!.url.replace(`/api/projects/${r.projectId}/acceptance/`, '')).buffer(true).expect(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    const text = await r.as(r.viewer).get(attachments[1]!.url.replace(`/api/projects/${r.projectId}/acceptance/`, '')).expect(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    const outsider = await memberOf(testApp.app, (await newProject(testApp.app)).id, 'project_manager');
    await outsider.get(attachments[0]!.url).expect(404);
    const stored2 = (await dataSource.query(`SELECT count(*)::int AS count FROM acceptance_attachment WHERE execution_id = $1`, [execution.id])) as Array<{ count: number }>;
    expect(stored2[0]!.count).toBe(2);
  });

  it('should raise a defect from a failed step, prefilled, and refuse one on another project’s execution or a passed step', async () => {
    const r = await recette(2);
    const execution = await run(r, r.keyUser, 0, ['reussi', 'echoue']);
    const created = await r
      .as(r.keyUser)
      .post('defects', { executionId: execution.id, stepIndex: 1, severity: 'bloquante', assigneeUserId: r.vendor.user.id })
      .expect(201);
    const defect = created.body as DefectDto;
    expect(defect).toMatchObject({
      reference: 'ANO-001',
      status: 'nouvelle',
      severity: 'bloquante',
      expected: 'La fiche contact s’ouvre',
      actual: 'La fiche ne s’ouvre pas',
      foundByUserId: r.keyUser.user.id,
      assigneeUserId: r.vendor.user.id,
      stepIndex: 1,
      campaignId: r.campaign.id,
      testCaseReference: 'CT-001',
    });
    expect(defect.title).toContain('CT-001 — étape 2');
    // From a step that passed, out of range, or on another project's execution: 422 naming the field.
    expect(fieldsOf((await r.as(r.keyUser).post('defects', { executionId: execution.id, stepIndex: 0, severity: 'mineure' }).expect(422)).body)).toEqual(['stepIndex']);
    expect(fieldsOf((await r.as(r.keyUser).post('defects', { executionId: execution.id, stepIndex: 9, severity: 'mineure' }).expect(422)).body)).toEqual(['stepIndex']);
    const foreign = await recette(1);
    const foreignRun = await run(foreign, foreign.keyUser, 0, ['echoue']);
    const refused = await r.as(r.keyUser).post('defects', { executionId: foreignRun.id, stepIndex: 0, severity: 'mineure' }).expect(422);
    expect(fieldsOf(refused.body)).toEqual(['executionId']);
    expect(fieldsOf((await r.as(r.keyUser).post('defects', { executionId: execution.id, stepIndex: 1, severity: 'grave' }).expect(400)).body)).toEqual(['severity']);
    // The vendor (a contributor) raises none; viewers neither.
    await r.as(r.vendor).post('defects', { executionId: execution.id, stepIndex: 1, severity: 'mineure' }).expect(403);
    await r.as(r.viewer).post('defects', { executionId: execution.id, stepIndex: 1, severity: 'mineure' }).expect(403);
    const all = (await r.api.get('defects').expect(200)).body as DefectDto[];
    expect(all.map((entry) => entry.reference)).toEqual(['ANO-001']);
    const onExecution = ((await r.api.get(`executions/${execution.id}`).expect(200)).body as ExecutionDto).defects;
    expect(onExecution.map((entry) => [entry.reference, entry.stepIndex])).toEqual([['ANO-001', 1]]);
  });

  it('should let the vendor see and update only the defects assigned to them, and close or reopen by the finder’s re-test', async () => {
    const r = await recette(2);
    const execution = await run(r, r.keyUser, 0, ['reussi', 'echoue']);
    const mine = (await r.as(r.keyUser).post('defects', { executionId: execution.id, stepIndex: 1, severity: 'majeure', assigneeUserId: r.vendor.user.id }).expect(201))
      .body as DefectDto;
    const notMine = (await r.as(r.keyUser).post('defects', { executionId: execution.id, stepIndex: 1, severity: 'mineure', assigneeUserId: r.pm.user.id }).expect(201))
      .body as DefectDto;
    const vendor = r.as(r.vendor);
    expect(((await vendor.get('defects').expect(200)).body as DefectDto[]).map((entry) => entry.id)).toEqual([mine.id]);
    await vendor.get(`defects/${notMine.id}`).expect(404);
    await vendor.post(`defects/${notMine.id}/transitions`, { version: notMine.version, to: 'en_correction' }).expect(403);
    await vendor.patch(`defects/${notMine.id}`, { version: notMine.version, resolution: 'x' }).expect(403);
    // On their own: the resolution and the status, not the severity.
    expect(fieldsOf((await vendor.patch(`defects/${mine.id}`, { version: mine.version, severity: 'mineure' }).expect(403)).body)).toEqual(['severity']);
    let current = (await vendor.patch(`defects/${mine.id}`, { version: mine.version, resolution: 'Connecteur CRM corrigé' }).expect(200)).body as DefectDto;
    expect(current.nextStatuses).toEqual(['en_correction']);
    current = (await vendor.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'en_correction' }).expect(201)).body as DefectDto;
    // Not a move of the workflow (409), a move for someone else (403).
    const jump = await vendor.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'verifiee' }).expect(409);
    expect(jump.body.code).toBe('defect_transition_refused');
    expect(fieldsOf(jump.body)).toEqual(['to']);
    await vendor.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'rejetee' }).expect(403);
    current = (await vendor.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'corrigee' }).expect(201)).body as DefectDto;
    // The vendor cannot verify their own correction; the other key user is not the finder.
    await vendor.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'verifiee' }).expect(403);
    await r.as(r.otherKeyUser).post(`defects/${mine.id}/transitions`, { version: current.version, to: 'verifiee' }).expect(403);
    // The finder re-runs the case: it fails again, the defect is reopened with the re-test linked.
    const retest = await run(r, r.keyUser, 0, ['reussi', 'echoue']);
    expect(retest.id).not.toBe(execution.id);
    const finder = r.as(r.keyUser);
    current = (await finder.get(`defects/${mine.id}`).expect(200)).body as DefectDto;
    expect(current.nextStatuses).toEqual(['verifiee', 'en_correction']);
    current = (await finder.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'en_correction', executionId: retest.id }).expect(201)).body as DefectDto;
    expect(current.status).toBe('en_correction');
    expect(current.retests.map((entry) => [entry.executionId, entry.result])).toEqual([[retest.id, 'echoue']]);
    current = (await vendor.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'corrigee' }).expect(201)).body as DefectDto;
    const passed = await run(r, r.keyUser, 0, ['reussi', 'reussi', 'reussi']);
    const stale = await finder.post(`defects/${mine.id}/transitions`, { version: current.version - 1, to: 'verifiee' }).expect(409);
    expect(stale.body.code).toBe('stale_version');
    current = (await finder.post(`defects/${mine.id}/transitions`, { version: current.version, to: 'verifiee', executionId: passed.id }).expect(201)).body as DefectDto;
    expect(current).toMatchObject({ status: 'verifiee', nextStatuses: [] });
    expect(current.retests).toHaveLength(2);
    const audit = (await auditRows(testApp.app, r.projectId)).filter((row) => row.entity === 'acceptance_defect' && row.entityId === mine.id);
    expect(audit.map((row) => (row.changes['status'] as { after: string } | undefined)?.after ?? row.action)).toEqual([
      'nouvelle',
      'update',
      'en_correction',
      'corrigee',
      'en_correction',
      'corrigee',
      'verifiee',
    ]);
  });

  it('should compute coverage per requirement (non couverte, non exécutée, OK, KO), progress, and « Mes tests »', async () => {
    const r = await recette(4, [
      { reference: 'EXG-001', cases: [0] },
      { reference: 'EXG-002', cases: [1, 2] },
      { reference: 'EXG-003', cases: [3] },
      { reference: 'EXG-004', priority: 'souhaitable', cases: [] },
      { reference: 'EXG-005', cases: [0, 1] },
    ]);
    await run(r, r.keyUser, 0, ['reussi', 'reussi', 'reussi']);
    await run(r, r.keyUser, 1, ['reussi', 'reussi', 'reussi']);
    await run(r, r.keyUser, 2, ['reussi', 'bloque']);
    const coverage = (await r.api.get(`coverage?campaignId=${r.campaign.id}`).expect(200)).body as CoverageDto;
    expect(coverage.requirements.map((row) => [row.reference, row.state])).toEqual([
      ['EXG-001', 'ok'],
      ['EXG-002', 'ko'],
      ['EXG-003', 'non_executee'],
      ['EXG-004', 'non_couverte'],
      ['EXG-005', 'ok'],
    ]);
    expect(coverage.counts).toEqual({ non_couverte: 1, non_executee: 1, ok: 2, ko: 1 });
    expect(coverage.indispensableNotProven).toBe(2);
    expect(coverage.requirements[1]!.cases.map((row) => [row.reference, row.result, row.testCaseRevision])).toEqual([
      ['CT-002', 'reussi', 1],
      ['CT-003', 'bloque', 1],
    ]);
    // Another campaign without these cases covers nothing.
    const empty = (await r.api.post('campaigns', { name: 'VSR', type: 'vsr', startDate: '2027-04-01', endDate: '2027-04-10' }).expect(201)).body as CampaignDto;
    expect(((await r.api.get(`coverage?campaignId=${empty.id}`).expect(200)).body as CoverageDto).counts).toEqual({ non_couverte: 5, non_executee: 0, ok: 0, ko: 0 });
    // Across campaigns (the latest result of each case).
    expect(((await r.as(r.viewer).get('coverage').expect(200)).body as CoverageDto).counts).toEqual({ non_couverte: 1, non_executee: 1, ok: 2, ko: 1 });
    await r.api.get('coverage?campaignId=nope').expect(400);

    const matrix = (await r.as(r.viewer).get(`traceability?campaignId=${r.campaign.id}`).expect(200)).body as TraceabilityDto;
    expect(matrix.cases.map((row) => row.reference)).toEqual(['CT-001', 'CT-002', 'CT-003', 'CT-004']);
    expect(matrix.requirements[1]!.cells).toEqual([
      { case: 1, result: 'reussi' },
      { case: 2, result: 'bloque' },
    ]);

    const progress = (await r.api.get(`campaigns/${r.campaign.id}/progress`).expect(200)).body as CampaignProgressDto;
    expect(progress).toMatchObject({ caseCount: 4, today: '2027-03-10', passRate: 66.7 });
    expect(progress.results).toEqual({ non_execute: 1, en_cours: 0, reussi: 2, echoue: 0, bloque: 1 });
    expect(progress.days).toHaveLength(12);
    expect(progress.days[0]).toEqual({ date: '2027-03-08', planned: 0, run: 0 });
    expect(progress.days[2]!.run).toBe(3);
    expect(progress.days[3]!.run).toBeNull();
    expect(progress.days.at(-1)!.planned).toBe(4);

    // « Mes tests »: the key user's cases, overdue first once the period is over.
    let mine = (await r.keyUser.get('/api/me/acceptance-tests').expect(200)).body as MyAcceptanceTestDto[];
    expect(mine.filter((row) => row.campaignId === r.campaign.id).map((row) => [row.reference, row.latestResult, row.toRun, row.overdue])).toEqual([
      ['CT-004', null, true, false],
      ['CT-001', 'reussi', false, false],
      ['CT-002', 'reussi', false, false],
      ['CT-003', 'bloque', false, false],
    ]);
    testApp.app.get(Clock).set('2027-03-25T09:00:00Z');
    try {
      mine = (await r.keyUser.get('/api/me/acceptance-tests').expect(200)).body as MyAcceptanceTestDto[];
      expect(mine[0]).toMatchObject({ reference: 'CT-004', overdue: true, projectId: r.projectId });
    } finally {
      testApp.app.get(Clock).set('2027-03-10T09:00:00Z');
    }
    expect((await r.otherKeyUser.get('/api/me/acceptance-tests').expect(200)).body).toEqual([]);

    // A delivery touching EXG-001 re-runs CT-001 (touched), CT-003 (blocked) and CT-004 (not run); CT-002 keeps its result.
    const iteration = (await r.api.post(`campaigns/${r.campaign.id}/iterations`, { label: 'Livraison 2', deliveredOn: '2027-03-11', touchedRequirementIds: [r.requirementIds[0]] }).expect(201)).body;
    expect(iteration.number).toBe(2);
    const references = new Map(r.campaign.cases.map((row) => [row.id, row.reference]));
    expect(iteration.rerun.map((entry: { campaignCaseId: string; reason: string }) => [references.get(entry.campaignCaseId), entry.reason])).toEqual([
      ['CT-001', 'touched'],
      ['CT-003', 'failed'],
      ['CT-004', 'not_run'],
    ]);
    const after = (await r.api.get(`campaigns/${r.campaign.id}`).expect(200)).body as CampaignDto;
    expect(after.cases.map((row) => [row.reference, row.toRun])).toEqual([
      ['CT-001', true],
      ['CT-002', false],
      ['CT-003', true],
      ['CT-004', true],
    ]);
  });

  it('should export the traceability matrix as an .xlsx that opens and reads back', async () => {
    const r = await recette(2, [
      { reference: 'EXG-001', cases: [0] },
      { reference: 'EXG-002', cases: [0, 1] },
    ]);
    await run(r, r.keyUser, 0, ['reussi', 'echoue']);
    const response = await r.as(r.viewer).get(`traceability.xlsx?campaignId=${r.campaign.id}`).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/^attachment;.*\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Matrice')!;
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
    const headerIndex = values.findIndex((row) => row[0] === 'Exigence');
    expect(values[headerIndex]).toEqual(['Exigence', 'Titre', 'Priorité', 'Version', 'Couverture', 'CT-001', 'CT-002']);
    expect(values[headerIndex + 1]).toEqual(['EXG-001', 'Exigence EXG-001', 'Indispensable', '1', 'KO', 'Échoué']);
    expect(values[headerIndex + 2]).toEqual(['EXG-002', 'Exigence EXG-002', 'Indispensable', '1', 'KO', 'Échoué', 'À exécuter']);
    expect(workbook.getWorksheet('Liens')!.rowCount).toBeGreaterThan(headerIndex + 2);
  });

  it('should refuse writes to roles without the permission and hide the recette from other projects', async () => {
    const r = await recette(1);
    for (const agent of [r.viewer, r.vendor]) {
      await r.as(agent).post('campaigns', { name: 'X', type: 'vabf', startDate: '2027-04-01', endDate: '2027-04-10' }).expect(403);
      await r.as(agent).patch(`campaigns/${r.campaign.id}`, { version: r.campaign.version, name: 'Y' }).expect(403);
      await r.as(agent).post(`campaigns/${r.campaign.id}/iterations`, { label: 'L', deliveredOn: '2027-03-11' }).expect(403);
      await r.as(agent).get(`campaigns/${r.campaign.id}`).expect(200);
    }
    // A key user writes campaigns too (issue: the project manager and key users write the recette).
    await r.as(r.keyUser).patch(`campaigns/${r.campaign.id}`, { version: r.campaign.version, status: 'en_cours' }).expect(200);
    const outsider = await memberOf(testApp.app, (await newProject(testApp.app)).id, 'project_manager');
    const foreign = recetteOf(outsider, r.projectId);
    await foreign.get('campaigns').expect(404);
    await foreign.get('coverage').expect(404);
    await foreign.get('traceability.xlsx').expect(404);
    await foreign.post('defects', { executionId: r.campaign.cases[0]!.id, stepIndex: 0, severity: 'mineure' }).expect(404);
    // A campaign with runs is kept; one without is deleted.
    await run(r, r.keyUser, 0, ['reussi']);
    const current = (await r.api.get(`campaigns/${r.campaign.id}`).expect(200)).body as CampaignDto;
    await r.api.delete(`campaigns/${r.campaign.id}?version=${current.version}`).expect(409);
    const spare = (await r.api.post('campaigns', { name: 'Pilote', type: 'pilote', startDate: '2027-04-01', endDate: '2027-04-10' }).expect(201)).body as CampaignDto;
    await r.api.delete(`campaigns/${spare.id}?version=${spare.version}`).expect(204);
    await r.api.get(`campaigns/${spare.id}`).expect(404);
  });
});

describe('Acceptance demo campaign (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_DEMO: 'true' });
  });
  afterAll(() => testApp.close());

  it('should seed a VABF over the Recette phase, half run by the key user, with a defect of each severity for the vendor, one awaiting re-test', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const users = new Map(
      ((await dataSource.query(`SELECT id, email FROM app_user`)) as Array<{ id: string; email: string }>).map((row) => [row.email, row.id]),
    );
    const [project] = (await dataSource.query(`SELECT id FROM project`)) as Array<{ id: string }>;
    const [campaign] = (await dataSource.query(
      `SELECT c.id, c.type, c.status, ph.name AS phase FROM acceptance_campaign c LEFT JOIN plan_phase ph ON ph.id = c.phase_id WHERE c.project_id = $1`,
      [project!.id],
    )) as Array<{ id: string; type: string; status: string; phase: string }>;
    expect(campaign).toMatchObject({ type: 'vabf', status: 'en_cours', phase: 'Recette' });
    const cases = (await dataSource.query(`SELECT assignee_user_id AS assignee, latest_result AS result FROM acceptance_campaign_case WHERE campaign_id = $1`, [
      campaign!.id,
    ])) as Array<{ assignee: string; result: string | null }>;
    expect(cases).toHaveLength(30);
    expect(cases.filter((row) => row.assignee === users.get('key.user@demo.jalon.fr')).length).toBeGreaterThan(20);
    const finished = cases.filter((row) => ['reussi', 'echoue', 'bloque'].includes(row.result ?? ''));
    expect(finished.length).toBeGreaterThanOrEqual(12);
    expect(finished.length).toBeLessThanOrEqual(18);
    expect(cases.filter((row) => row.result === 'echoue').length).toBeGreaterThanOrEqual(2);
    const defects = (await dataSource.query(
      `SELECT severity, status, assignee_user_id AS assignee, found_by_user_id AS finder, step_index AS "stepIndex", expected, actual FROM acceptance_defect WHERE project_id = $1`,
      [project!.id],
    )) as Array<{ severity: string; status: string; assignee: string; finder: string; stepIndex: number; expected: string; actual: string }>;
    expect(new Set(defects.map((row) => row.severity))).toEqual(new Set(['bloquante', 'majeure', 'mineure']));
    expect(defects.every((row) => row.assignee === users.get('vendor@demo.jalon.fr') && row.expected !== '' && row.actual !== '')).toBe(true);
    const awaiting = defects.filter((row) => row.status === 'corrigee');
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]!.finder).toBe(users.get('key.user@demo.jalon.fr'));
    // What the demo accounts see through the API.
    const keyUser = await signIn(testApp.app, { id: users.get('key.user@demo.jalon.fr')!, email: 'key.user@demo.jalon.fr', password: 'jalon-demo' });
    const mine = (await keyUser.get('/api/me/acceptance-tests').expect(200)).body as MyAcceptanceTestDto[];
    expect(mine.filter((row) => row.toRun).length).toBeGreaterThanOrEqual(10);
    const vendor = await signIn(testApp.app, { id: users.get('vendor@demo.jalon.fr')!, email: 'vendor@demo.jalon.fr', password: 'jalon-demo' });
    const theirs = (await vendor.get(`/api/projects/${project!.id}/acceptance/defects`).expect(200)).body as DefectDto[];
    expect(theirs).toHaveLength(defects.length);
    const coverage = (await keyUser.get(`/api/projects/${project!.id}/acceptance/coverage?campaignId=${campaign!.id}`).expect(200)).body as CoverageDto;
    expect(coverage.counts.ok).toBeGreaterThan(0);
    expect(coverage.counts.ko).toBeGreaterThan(0);
  });
});
