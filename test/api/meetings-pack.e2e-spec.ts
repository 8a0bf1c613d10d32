import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  AgendaDto,
  AgendaProposalDto,
  BaselineSummaryDto,
  MeetingPackDto,
  MeetingPackSummaryDto,
  MyWorkDto,
  ProjectOverviewDto,
  RetroPlanningDto,
} from '@jalon/domain';
import { canonicalJson } from '@jalon/meetings';
import type { RiskDto } from '@jalon/risks';
import { memberOf, newProject, type ApiAgent } from '../support/actors';
import { auditRows, planOf, taskNamed, workedExample } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { Clock } from '../../api/src/clock/clock';

const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

/** supertest: collect a binary body as a Buffer. */
const binary = (response: NodeJS.ReadableStream & { setEncoding(encoding: string): void }, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The PDF's pages rendered by poppler (or counted from its page tree without it), and its text. */
function inspectPdf(pdf: Buffer): { pages: number; text: string } {
  if (!hasPoppler) {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    return { pages, text: '' };
  }
  const folder = mkdtempSync(join(tmpdir(), 'jalon-pack-'));
  try {
    const file = join(folder, 'pack.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '40', '-png', file, join(folder, 'page')]);
    const pages = readdirSync(folder).filter((name) => name.endsWith('.png')).length;
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return { pages, text };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('Agenda proposal, COPIL pack and overview (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    // Monday 11 January 2027, 9:00 in Paris.
    testApp.app.get(Clock).set('2027-01-11T08:00:00Z');
  });
  afterAll(() => testApp.close());

  /**
   * The worked example (A → B → M, go-live 2027-05-19), a baseline frozen at a closed COPIL on
   * 5 January with a decision and two actions, the next COPIL in draft on 2 February, a weather,
   * a risk linked to M, then the go-live moved a week later: M slips 5 working days.
   */
  async function copilProject() {
    const { projectId, pm, plan } = await workedExample(testApp.app);
    const api = planOf(pm, projectId);
    const baseline = (await api.post('baselines', { name: 'COPIL de janvier' }).expect(201)).body as BaselineSummaryDto;
    const m = taskNamed(plan, 'M');
    const risk = (
      await pm
        .post(`/api/projects/${projectId}/risks`)
        .send({
          title: 'Retard de livraison de l’opérateur',
          category: 'vendor',
          inherent: { probability: 4, impact: 4 },
          residual: { probability: 3, impact: 4 },
          target: { probability: 2, impact: 2 },
          linkedTaskIds: [m.id],
        })
        .expect(201)
    ).body as RiskDto;
    const [previous] = (await dataSource.query(
      `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status, baseline_id)
       VALUES ($1, 'copil', 'COPIL de janvier', '2027-01-05T09:00:00Z', 120, 'en_cours', $2) RETURNING id`,
      [projectId, baseline.id],
    )) as Array<{ id: string }>;
    await dataSource.query(
      `INSERT INTO meeting_decision (project_id, meeting_id, text, decided_by, impact_time, decided_at)
       VALUES ($1, $2, 'Décaler la formation des superviseurs', 'COPIL', true, '2027-01-05T10:30:00Z')`,
      [projectId, previous!.id],
    );
    await dataSource.query(
      `INSERT INTO meeting_action (project_id, meeting_id, title, owner_user_id, due_date, status)
       VALUES ($1, $2, 'Relancer l’opérateur', $3, '2027-01-08', 'a_faire'), ($1, $2, 'Planifier la VABF', $3, '2027-03-01', 'en_cours')`,
      [projectId, previous!.id, pm.user.id],
    );
    await dataSource.query(`UPDATE meeting SET status = 'cloturee', minutes_frozen_at = '2027-01-05T11:00:00Z' WHERE id = $1`, [previous!.id]);
    const [next] = (await dataSource.query(
      `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status, organiser_user_id)
       VALUES ($1, 'copil', 'COPIL de février', '2027-02-02T09:00:00Z', 120, 'brouillon', $2) RETURNING id`,
      [projectId, pm.user.id],
    )) as Array<{ id: string }>;
    await dataSource.query(`INSERT INTO meeting_participant (project_id, meeting_id, user_id, name) VALUES ($1, $2, $3, 'Cheffe de projet')`, [
      projectId,
      next!.id,
      pm.user.id,
    ]);
    await dataSource.query(
      `INSERT INTO project_weather (project_id, weather, comment, set_at, set_by_name) VALUES
         ($1, 'ensoleille', 'Lancement serein', '2026-12-01T10:00:00Z', 'Cheffe de projet'),
         ($1, 'nuageux', 'Livraison opérateur incertaine', '2027-01-05T10:00:00Z', 'Cheffe de projet')`,
      [projectId],
    );
    const settings = (await api.read()).settings;
    await api.patch('settings', { version: settings.version, targetGoLive: '2027-05-26' }).expect(200);
    const base = `/api/projects/${projectId}/meetings/${next!.id}`;
    return { projectId, pm, api, baseline, risk, previousId: previous!.id, nextId: next!.id, base };
  }

  const downloadPdf = async (agent: ApiAgent, url: string) => {
    const response = await agent.get(url).buffer(true).parse(binary as never).expect(200);
    return { response, pdf: response.body as Buffer };
  };

  describe('agenda proposal', () => {
    it('should propose the COPIL agenda from live data: weather, slipped milestones, materialising risk, decisions, overdue actions', async () => {
      const { pm, base, baseline, previousId } = await copilProject();
      const proposal = (await pm.get(`${base}/agenda/proposal`).expect(200)).body as AgendaProposalDto;
      expect(proposal.previousCopil?.id).toBe(previousId);
      expect(proposal.baseline?.id).toBe(baseline.id);
      expect(proposal.items.map((item) => item.kind)).toEqual(['weather', 'milestones', 'critical_path', 'risks', 'decisions_pending', 'actions_overdue']);
      const byKind = new Map(proposal.items.map((item) => [item.kind, item]));
      expect(byKind.get('weather')?.details).toEqual(['Météo actuelle : nuageux — Livraison opérateur incertaine']);
      expect(byKind.get('milestones')).toMatchObject({ title: 'Jalons clés : 1 glissement', details: ['M : 26/05/2027 (+5 j), critique'], durationMinutes: 15 });
      expect(byKind.get('risks')?.counts['materialising']).toBe(1);
      expect(byKind.get('risks')?.details[0]).toContain('R-001 Retard de livraison');
      expect(byKind.get('decisions_pending')?.details).toEqual(['Geler une nouvelle référence du plan (1 jalon clé a glissé)']);
      expect(byKind.get('actions_overdue')?.details).toEqual([expect.stringMatching(/^Relancer l’opérateur — .*, échéance 08\/01\/2027$/)]);
      expect(proposal.totalMinutes).toBe(proposal.items.reduce((total, item) => total + item.durationMinutes, 0));
      expect(proposal.meetingMinutes).toBe(120);
    });

    it('should propose the lighter COPROJ agenda', async () => {
      const { projectId, pm } = await copilProject();
      const [coproj] = (await dataSource.query(
        `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes) VALUES ($1, 'coproj', 'COPROJ', '2027-01-14T13:00:00Z', 60) RETURNING id`,
        [projectId],
      )) as Array<{ id: string }>;
      const proposal = (await pm.get(`/api/projects/${projectId}/meetings/${coproj!.id}/agenda/proposal`).expect(200)).body as AgendaProposalDto;
      expect(proposal.items.map((item) => item.kind)).toEqual(['tasks_in_progress', 'actions_due', 'risks']);
      expect(proposal.items[1]?.counts).toEqual({ due: 1, overdue: 1 });
    });

    it('should replace a draft meeting’s agenda with the proposal, audited, and refuse it for a closed one or a viewer', async () => {
      const { projectId, pm, base, previousId } = await copilProject();
      await dataSource.query(`INSERT INTO meeting_agenda_item (project_id, meeting_id, position, title) VALUES ($1, $2, 0, 'Ancien point')`, [
        projectId,
        base.split('/').at(-1),
      ]);
      const agenda = (await pm.post(`${base}/agenda/apply`).send({}).expect(200)).body as AgendaDto;
      expect(agenda.items.map((item) => [item.position, item.kind])).toEqual([
        [0, 'weather'],
        [1, 'milestones'],
        [2, 'critical_path'],
        [3, 'risks'],
        [4, 'decisions_pending'],
        [5, 'actions_overdue'],
      ]);
      expect(agenda.totalMinutes).toBe(agenda.items.reduce((total, item) => total + item.durationMinutes, 0));
      const stored = (await dataSource.query(`SELECT title FROM meeting_agenda_item WHERE meeting_id = $1 ORDER BY position`, [base.split('/').at(-1)])) as Array<{
        title: string;
      }>;
      expect(stored.map((row) => row.title)).toEqual(agenda.items.map((item) => item.title));
      const audit = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'agenda_item');
      expect(audit.map((row) => row.action)).toEqual(['delete', ...agenda.items.map(() => 'create')]);

      // A closed meeting, a stale version, a viewer, a bad body: refused, nothing written.
      const closed = await pm.post(`/api/projects/${projectId}/meetings/${previousId}/agenda/apply`).send({}).expect(409);
      expect(closed.body.code).toBe('meeting_closed');
      expect((await pm.post(`${base}/agenda/apply`).send({ version: 99 }).expect(409)).body.code).toBe('stale_version');
      const viewer = await memberOf(testApp.app, projectId, 'viewer');
      await viewer.get(`${base}/agenda/proposal`).expect(200);
      expect((await viewer.post(`${base}/agenda/apply`).send({}).expect(403)).body.code).toBe('forbidden');
      const bad = await pm.post(`${base}/agenda/apply`).send({ version: 'un' }).expect(400);
      expect(bad.body.fields.map((field: { field: string }) => field.field)).toEqual(['version']);
      expect(((await dataSource.query(`SELECT count(*)::int AS n FROM meeting_agenda_item WHERE meeting_id = $1`, [base.split('/').at(-1)])) as Array<{ n: number }>)[0]?.n).toBe(6);
    });
  });

  describe('COPIL pack', () => {
    it('should store the pack frozen: its PDF hash matches its bytes, the footer carries the snapshot hash, and later plan edits change nothing', async () => {
      const { projectId, pm, api, base, nextId } = await copilProject();
      const summary = (await pm.post(`${base}/pack`).send({}).expect(201)).body as MeetingPackSummaryDto;
      expect(summary).toMatchObject({ meetingId: nextId, baselineId: null });
      expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);

      const { response, pdf } = await downloadPdf(pm, `${base}/packs/${summary.id}.pdf`);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(/^attachment;/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(sha256(pdf)).toBe(summary.sha256);
      expect(pdf.length).toBe(summary.pdfBytes);

      const pack = (await pm.get(`${base}/packs/${summary.id}`).expect(200)).body as MeetingPackDto;
      expect(sha256(canonicalJson(pack.snapshot))).toBe(summary.snapshotSha256);
      expect(pack.snapshot.milestones).toEqual([
        expect.objectContaining({ name: 'M', referenceFinish: '2027-05-19', currentFinish: '2027-05-26', slippage: 5, critical: true }),
      ]);
      expect(pack.snapshot.weather).toMatchObject({ weather: 'nuageux', comment: 'Livraison opérateur incertaine' });
      expect(pack.snapshot.weatherHistory).toHaveLength(2);
      expect(pack.snapshot.decisions.map((decision) => decision.text)).toEqual(['Décaler la formation des superviseurs']);
      expect(pack.snapshot.decisions[0]?.impacts).toEqual(['time']);
      expect(pack.snapshot.actions).toMatchObject({ total: 2, overdue: 1 });
      expect(pack.snapshot.actions.open[0]).toMatchObject({ title: 'Relancer l’opérateur', overdue: true });
      expect(pack.snapshot.risks.open).toBe(1);
      expect(pack.snapshot.risks.matrix.find((cell) => cell.probability === 3 && cell.impact === 4)).toEqual({ probability: 3, impact: 4, band: 'high', count: 1 });
      expect(pack.snapshot.risks.top[0]).toMatchObject({ reference: 'R-001', materialising: true });
      expect(pack.snapshot.gantt.rows.map((row) => row.kind)).toContain('milestone');
      expect(pack.snapshot.milestoneTrend.milestones[0]).toMatchObject({ name: 'M', forecasts: ['2027-05-19'], current: '2027-05-26' });
      expect(pack.snapshot.acceptance).toBeNull();

      const { pages, text } = inspectPdf(pdf);
      expect(pages).toBeGreaterThanOrEqual(2);
      if (hasPoppler) {
        expect(text).toContain('Dossier de COPIL — COPIL de février');
        expect(text).toContain('Jalons clés');
        expect(text).toContain('Décaler la formation des superviseurs');
        // Every page carries the snapshot's hash.
        expect(text.split('\f').filter((page) => page.trim() !== '').every((page) => page.includes(summary.snapshotSha256))).toBe(true);
      }

      // The plan changes after the pack: the pack stays as it was.
      const plan = (await api.read()) as RetroPlanningDto;
      await api.patch('settings', { version: plan.settings.version, targetGoLive: '2027-06-09' }).expect(200);
      const later = (await pm.get(`${base}/packs/${summary.id}`).expect(200)).body as MeetingPackDto;
      expect(later.snapshot).toEqual(pack.snapshot);
      expect(later.snapshotSha256).toBe(summary.snapshotSha256);
      expect(sha256((await downloadPdf(pm, `${base}/packs/${summary.id}.pdf`)).pdf)).toBe(summary.sha256);
      // A new pack shows the new slippage.
      const second = (await pm.post(`${base}/pack`).send({}).expect(201)).body as MeetingPackSummaryDto;
      const secondPack = (await pm.get(`${base}/packs/${second.id}`).expect(200)).body as MeetingPackDto;
      expect(secondPack.snapshot.milestones[0]?.slippage).toBe(15);
      expect(((await pm.get(`${base}/packs`).expect(200)).body as MeetingPackSummaryDto[]).map((entry) => entry.id)).toEqual([second.id, summary.id]);

      // The database refuses to change or delete a stored pack.
      await expect(dataSource.query(`UPDATE meeting_pack SET sha256 = repeat('0', 64) WHERE id = $1`, [summary.id])).rejects.toThrow(/immutable/);
      await expect(dataSource.query(`DELETE FROM meeting_pack WHERE id = $1`, [summary.id])).rejects.toThrow(/immutable/);
      const audit = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'meeting_pack');
      expect(audit.map((row) => [row.entityId, row.action])).toEqual([
        [summary.id, 'create'],
        [second.id, 'create'],
      ]);
    });

    it('should freeze a baseline of the plan in the same act, and the next COPIL compares with it', async () => {
      const { projectId, pm, base, nextId } = await copilProject();
      const summary = (await pm.post(`${base}/pack`).send({ freezeBaseline: true }).expect(201)).body as MeetingPackSummaryDto;
      expect(summary.baselineId).not.toBeNull();
      const baselines = (await pm.get(`/api/projects/${projectId}/plan/baselines`).expect(200)).body as BaselineSummaryDto[];
      expect(baselines.at(-1)).toMatchObject({ id: summary.baselineId, name: 'COPIL de février — 2027-02-02' });
      const [meeting] = (await dataSource.query(`SELECT baseline_id AS "baselineId", version FROM meeting WHERE id = $1`, [nextId])) as Array<{
        baselineId: string;
        version: number;
      }>;
      expect(meeting?.baselineId).toBe(summary.baselineId);
      const pack = (await pm.get(`${base}/packs/${summary.id}`).expect(200)).body as MeetingPackDto;
      // The pack shows the slippage against the previous reference, and names the one it froze.
      expect(pack.snapshot.milestones[0]?.slippage).toBe(5);
      expect(pack.snapshot.frozenBaseline?.id).toBe(summary.baselineId);

      // Once this COPIL is held, the next one measures from the baseline it froze, and sees the critical path it had.
      await dataSource.query(`UPDATE meeting SET status = 'cloturee', minutes_frozen_at = now() WHERE id = $1`, [nextId]);
      const [march] = (await dataSource.query(
        `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes) VALUES ($1, 'copil', 'COPIL de mars', '2027-03-02T09:00:00Z', 120) RETURNING id`,
        [projectId],
      )) as Array<{ id: string }>;
      const proposal = (await pm.get(`/api/projects/${projectId}/meetings/${march!.id}/agenda/proposal`).expect(200)).body as AgendaProposalDto;
      expect(proposal.baseline?.id).toBe(summary.baselineId);
      const byKind = new Map(proposal.items.map((item) => [item.kind, item]));
      expect(byKind.get('milestones')?.details).toEqual(['M : 26/05/2027 (0 j), critique']);
      expect(byKind.get('critical_path')?.details).toEqual(['Chemin critique inchangé depuis le COPIL précédent']);

      // A closed meeting can still get a pack, but no longer freeze a baseline with it.
      const refused = await pm.post(`${base}/pack`).send({ freezeBaseline: true }).expect(409);
      expect(refused.body).toMatchObject({ code: 'meeting_closed', fields: [{ field: 'freezeBaseline' }] });
      await pm.post(`${base}/pack`).send({}).expect(201);
    });

    it('should check roles and refuse bad input or another project’s meeting with nothing written', async () => {
      const { projectId, pm, base, nextId } = await copilProject();
      const viewer = await memberOf(testApp.app, projectId, 'viewer');
      const sponsor = await memberOf(testApp.app, projectId, 'sponsor');
      expect((await viewer.post(`${base}/pack`).send({}).expect(403)).body.code).toBe('forbidden');
      expect((await sponsor.post(`${base}/pack`).send({}).expect(403)).body.code).toBe('forbidden');
      const bad = await pm.post(`${base}/pack`).send({ freezeBaseline: 'oui', colour: 'red' }).expect(400);
      expect(bad.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['colour', 'freezeBaseline']);
      await pm.get(`${base}/packs/not-a-uuid`).expect(400);
      expect(((await dataSource.query(`SELECT count(*)::int AS n FROM meeting_pack WHERE meeting_id = $1`, [nextId])) as Array<{ n: number }>)[0]?.n).toBe(0);

      const summary = (await pm.post(`${base}/pack`).send({}).expect(201)).body as MeetingPackSummaryDto;
      // Every member reads packs; a viewer downloads the PDF.
      expect((await viewer.get(`${base}/packs`).expect(200)).body).toHaveLength(1);
      expect(sha256((await downloadPdf(viewer, `${base}/packs/${summary.id}.pdf`)).pdf)).toBe(summary.sha256);

      // Another project's manager: 404 on this project; this meeting under their own project: 404, nothing written.
      const other = await workedExample(testApp.app);
      expect((await other.pm.get(`${base}/packs`).expect(404)).body.code).toBe('not_found');
      const foreign = `/api/projects/${other.projectId}/meetings/${nextId}`;
      expect((await other.pm.post(`${foreign}/pack`).send({}).expect(404)).body.code).toBe('not_found');
      await other.pm.get(`${foreign}/packs/${summary.id}`).expect(404);
      await other.pm.get(`${foreign}/packs/${summary.id}.pdf`).expect(404);
      await other.pm.get(`${foreign}/agenda/proposal`).expect(404);
      await other.pm.post(`${foreign}/agenda/apply`).send({}).expect(404);
      expect(((await dataSource.query(`SELECT count(*)::int AS n FROM meeting_pack WHERE project_id = $1`, [other.projectId])) as Array<{ n: number }>)[0]?.n).toBe(0);
      // A pack of this project asked under another meeting of it: 404.
      const [otherMeeting] = (await dataSource.query(
        `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes) VALUES ($1, 'coproj', 'COPROJ', '2027-01-14T13:00:00Z', 60) RETURNING id`,
        [projectId],
      )) as Array<{ id: string }>;
      await pm.get(`/api/projects/${projectId}/meetings/${otherMeeting!.id}/packs/${summary.id}`).expect(404);
    });
  });

  describe('an empty project', () => {
    it('should still propose an agenda, make a pack whose PDF opens, and give an overview', async () => {
      const project = await newProject(testApp.app, { targetGoLive: '2027-09-14' });
      const pm = await memberOf(testApp.app, project.id, 'project_manager');
      const [meeting] = (await dataSource.query(
        `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes) VALUES ($1, 'copil', 'Premier COPIL', '2027-01-19T09:00:00Z', 90) RETURNING id, version`,
        [project.id],
      )) as Array<{ id: string; version: number }>;
      const base = `/api/projects/${project.id}/meetings/${meeting!.id}`;
      const proposal = (await pm.get(`${base}/agenda/proposal`).expect(200)).body as AgendaProposalDto;
      expect(proposal).toMatchObject({ previousCopil: null, baseline: null, meetingMinutes: 90 });
      expect(proposal.items.find((item) => item.kind === 'weather')?.details).toEqual(['Météo non renseignée : à fixer en séance']);
      const agenda = (await pm.post(`${base}/agenda/apply`).send({ version: meeting!.version }).expect(200)).body as AgendaDto;
      expect(agenda.items).toHaveLength(proposal.items.length);
      const summary = (await pm.post(`${base}/pack`).send({ freezeBaseline: true, baselineName: 'Référence du premier COPIL' }).expect(201)).body as MeetingPackSummaryDto;
      const pack = (await pm.get(`${base}/packs/${summary.id}`).expect(200)).body as MeetingPackDto;
      expect(pack.snapshot).toMatchObject({ weather: null, milestones: [], decisions: [], kpis: [], acceptance: null, frozenBaseline: { name: 'Référence du premier COPIL' } });
      const { pdf } = await downloadPdf(pm, `${base}/packs/${summary.id}.pdf`);
      expect(sha256(pdf)).toBe(summary.sha256);
      expect(inspectPdf(pdf).pages).toBeGreaterThanOrEqual(1);
      const overview = (await pm.get(`/api/projects/${project.id}/overview`).expect(200)).body as ProjectOverviewDto;
      expect(overview).toMatchObject({ weather: null, nextMilestones: [], topRisks: [], goLive: { date: '2027-09-14' }, latestPack: { id: summary.id } });
    });
  });

  describe('overview and Mon travail', () => {
    it('should give the sponsor the live overview: weather, milestones with slippage, go-live countdown, risks, meetings, decisions', async () => {
      const { projectId, pm, base, nextId } = await copilProject();
      await pm.post(`${base}/pack`).send({}).expect(201);
      const sponsor = await memberOf(testApp.app, projectId, 'sponsor');
      const overview = (await sponsor.get(`/api/projects/${projectId}/overview`).expect(200)).body as ProjectOverviewDto;
      expect(overview).toMatchObject({
        projectId,
        today: '2027-01-11',
        weather: { weather: 'nuageux', comment: 'Livraison opérateur incertaine' },
        goLive: { date: '2027-05-26', daysLeft: 135 },
        nextMilestones: [{ name: 'M', finish: '2027-05-26', referenceFinish: '2027-05-19', slippage: 5 }],
        topRisks: [{ reference: 'R-001', materialising: true }],
        nextMeetings: [{ id: nextId, title: 'COPIL de février', type: 'copil' }],
        myActions: [],
        latestDecisions: [{ text: 'Décaler la formation des superviseurs' }],
        latestPack: { meetingId: nextId },
      });
      expect(overview.goLive.workingDaysLeft).toBeGreaterThan(80);
      expect(overview.weatherHistory.map((entry) => entry.weather)).toEqual(['nuageux', 'ensoleille']);
      // The project manager's own actions, overdue first.
      const mine = (await pm.get(`/api/projects/${projectId}/overview`).expect(200)).body as ProjectOverviewDto;
      expect(mine.myActions.map((action) => [action.title, action.overdue])).toEqual([
        ['Relancer l’opérateur', true],
        ['Planifier la VABF', false],
      ]);
      const outsider = await workedExample(testApp.app);
      await outsider.pm.get(`/api/projects/${projectId}/overview`).expect(404);
    });

    it('should list « Mon travail » across projects, overdue first, with the next meetings', async () => {
      const { projectId, pm, api, nextId } = await copilProject();
      const plan = await api.read();
      const a = taskNamed(plan, 'A');
      await api.patch(`tasks/${a.id}`, { version: a.version, ownerUserId: pm.user.id }).expect(200);
      const work = (await pm.get('/api/me/work').expect(200)).body as MyWorkDto;
      expect(work.today).toBe('2027-01-11');
      expect(work.actions.map((action) => [action.title, action.overdue, action.projectId])).toEqual([
        ['Relancer l’opérateur', true, projectId],
        ['Planifier la VABF', false, projectId],
      ]);
      expect(work.nextMeetings.map((meeting) => meeting.id)).toEqual([nextId]);
      // A starts in May: not yet a task to report on.
      expect(work.tasks).toEqual([]);
      expect(work.treatments).toEqual([]);
      expect(work.acceptanceTests).toEqual([]);

      // A recette campaign ending on 8 January with a case assigned to the project manager, one passed.
      const [testCase] = (await dataSource.query(
        `INSERT INTO acceptance_test_case (project_id, reference, title, steps, status)
         VALUES ($1, 'CT-001', 'Appel entrant routé vers le bon groupe', '[{"action": "Appeler", "expected": "Routé"}]', 'pret'),
                ($1, 'CT-002', 'Fiche contact ouverte', '[{"action": "Décrocher", "expected": "Fiche ouverte"}]', 'pret') RETURNING id`,
        [projectId],
      )) as Array<{ id: string }>;
      const [campaign] = (await dataSource.query(
        `INSERT INTO acceptance_campaign (project_id, name, type, status, start_date, end_date)
         VALUES ($1, 'VABF', 'vabf', 'en_cours', '2027-01-04', '2027-01-08') RETURNING id`,
        [projectId],
      )) as Array<{ id: string }>;
      await dataSource.query(
        `INSERT INTO acceptance_campaign_case (project_id, campaign_id, test_case_id, assignee_user_id, latest_result)
         SELECT $1, $2, id, $3, CASE WHEN reference = 'CT-002' THEN 'reussi' END FROM acceptance_test_case WHERE project_id = $1`,
        [projectId, campaign!.id, pm.user.id],
      );
      const withTests = (await pm.get('/api/me/work').expect(200)).body as MyWorkDto;
      expect(withTests.acceptanceTests).toEqual([
        expect.objectContaining({ projectId, title: 'CT-001 Appel entrant routé vers le bon groupe', status: 'non_execute', dueDate: '2027-01-08', overdue: true }),
      ]);
      expect(testCase).toBeDefined();
      // The COPIL's proposed agenda now reviews the recette's progress.
      const proposal = (await pm.get(`/api/projects/${projectId}/meetings/${nextId}/agenda/proposal`).expect(200)).body as AgendaProposalDto;
      expect(proposal.items.find((item) => item.kind === 'acceptance')?.details[0]).toBe('Cas exécutés : 1/2 (1 réussi, 0 en échec, 0 bloqué)');
      testApp.app.get(Clock).set('2027-05-10T08:00:00Z');
      try {
        const may = (await pm.get('/api/me/work').expect(200)).body as MyWorkDto;
        expect(may.tasks.map((task) => task.name)).toEqual(['A']);
        expect(may.actions.every((action) => action.overdue)).toBe(true);
      } finally {
        testApp.app.get(Clock).set('2027-01-11T08:00:00Z');
      }
      // Someone else sees none of it.
      const stranger = await memberOf(testApp.app, projectId, 'contributor');
      const theirs = (await stranger.get('/api/me/work').expect(200)).body as MyWorkDto;
      expect(theirs.actions).toEqual([]);
      expect(theirs.nextMeetings).toEqual([]);
    });
  });
});

describe('Demo: the past COPIL’s pack and the next COPIL’s proposed agenda', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_DEMO: 'true' });
  });
  afterAll(() => testApp.close());

  it('should seed the closed COPIL with its frozen pack and the next draft COPIL with the agenda proposed from live data', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const packs = (await dataSource.query(
      `SELECT p.sha256, p.pdf, m.status, m.type FROM meeting_pack p JOIN meeting m ON m.id = p.meeting_id`,
    )) as Array<{ sha256: string; pdf: Buffer; status: string; type: string }>;
    expect(packs).toHaveLength(1);
    expect(packs[0]).toMatchObject({ status: 'cloturee', type: 'copil' });
    expect(sha256(packs[0]!.pdf)).toBe(packs[0]!.sha256);
    expect(inspectPdf(packs[0]!.pdf).pages).toBeGreaterThanOrEqual(2);
    const [next] = (await dataSource.query(
      `SELECT m.id, count(i.id)::int AS items, array_agg(i.kind ORDER BY i.position) AS kinds
         FROM meeting m JOIN meeting_agenda_item i ON i.meeting_id = m.id
        WHERE m.type = 'copil' AND m.status = 'brouillon' GROUP BY m.id, m.starts_at ORDER BY m.starts_at LIMIT 1`,
    )) as Array<{ id: string; items: number; kinds: string[] }>;
    expect(next?.kinds.slice(0, 6)).toEqual(['weather', 'milestones', 'critical_path', 'risks', 'decisions_pending', 'actions_overdue']);
  });
});
