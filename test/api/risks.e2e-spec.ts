import ExcelJS from 'exceljs';
import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CompactRiskRegisterDto, MyRiskTreatmentDto, RiskDto, RiskRegisterDto, RiskReviewDto, RiskSettingsDto } from '@jalon/risks';
import { COMPACT_REGISTER_MEDIA_TYPE, addDays, expandRegister } from '@jalon/risks';
import { memberOf, newProject, signedInUser, type ApiAgent } from '../support/actors';
import { auditRows, taskNamed, workedExample } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { RisksService } from '../../api/src/risks/risks.service';
import { Clock } from '../../api/src/clock/clock';

/** The risk routes of one project, for one signed-in caller. */
function risksOf(agent: ApiAgent, projectId: string) {
  const base = `/api/projects/${projectId}/risks`;
  return {
    base,
    register: async (): Promise<RiskRegisterDto> => {
      const response = await agent.get(base);
      if (response.status !== 200) throw new Error(`GET risks: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as RiskRegisterDto;
    },
    create: (body: object) => agent.post(base).send(body),
    patch: (path: string, body: object) => agent.patch(`${base}/${path}`).send(body),
    post: (path: string, body: object) => agent.post(`${base}/${path}`).send(body),
    put: (path: string, body: object) => agent.put(`${base}/${path}`).send(body),
  };
}

const minimalRisk = (overrides: object = {}) => ({
  title: 'Prérequis techniques non validés',
  category: 'technical',
  inherent: { probability: 4, impact: 5 },
  residual: { probability: 3, impact: 4 },
  target: { probability: 2, impact: 2 },
  ...overrides,
});

describe('Risk register (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => testApp.close());

  async function projectWithManager() {
    const project = await newProject(testApp.app);
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    return { projectId: project.id, pm, api: risksOf(pm, project.id) };
  }

  describe('risks and their scores', () => {
    it('should number risks R-001, R-002… per project, score P × I, band each assessment, and audit the creation', async () => {
      const { projectId, api } = await projectWithManager();
      const first = (await api.create(minimalRisk()).expect(201)).body as RiskDto;
      const second = (await api.create(minimalRisk({ title: 'RGPD oublié', category: 'gdpr_compliance', inherent: { probability: 1, impact: 2 } })).expect(201))
        .body as RiskDto;
      expect(first).toMatchObject({
        reference: 'R-001',
        status: 'identified',
        strategy: 'reduce',
        inherent: { probability: 4, impact: 5, score: 20, band: 'critical' },
        residual: { probability: 3, impact: 4, score: 12, band: 'high' },
        target: { probability: 2, impact: 2, score: 4, band: 'low' },
        materialising: [],
        version: 1,
      });
      expect(second.reference).toBe('R-002');
      // Another project starts again at R-001.
      const other = await projectWithManager();
      expect(((await other.api.create(minimalRisk()).expect(201)).body as RiskDto).reference).toBe('R-001');
      const audit = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'risk');
      expect(audit.map((row) => [row.entityId, row.action])).toEqual([
        [first.id, 'create'],
        [second.id, 'create'],
      ]);
      expect(audit[0]!.changes['reference']).toEqual({ before: null, after: 'R-001' });
    });

    it('should refuse bad input with a 4xx naming the field, and write nothing', async () => {
      const { projectId, api } = await projectWithManager();
      const outsider = await newProject(testApp.app);
      const outsiderPm = await memberOf(testApp.app, outsider.id, 'project_manager');
      const stranger = outsiderPm.user.id;
      const foreign = await workedExample(testApp.app);
      const foreignTask = taskNamed(foreign.plan, 'A').id;

      const fields = async (body: object, status: number) => {
        const response = await api.create(body).expect(status);
        return (response.body.fields as Array<{ field: string }>).map((entry) => entry.field);
      };
      expect(await fields(minimalRisk({ inherent: { probability: 6, impact: 3 } }), 400)).toEqual(['inherent.probability']);
      expect(await fields(minimalRisk({ residual: { probability: 3, impact: 0 } }), 400)).toEqual(['residual.impact']);
      expect(await fields(minimalRisk({ target: { probability: 2.5, impact: 1 } }), 400)).toEqual(['target.probability']);
      expect(await fields(minimalRisk({ category: 'weather' }), 400)).toEqual(['category']);
      expect(await fields(minimalRisk({ ownerUserId: stranger }), 422)).toEqual(['ownerUserId']);
      expect(await fields(minimalRisk({ linkedTaskIds: [foreignTask] }), 422)).toEqual(['linkedTaskIds']);
      expect(await fields(minimalRisk({ status: 'occurred' }), 400)).toEqual(['occurredOn']);
      expect(await fields(minimalRisk({ strategy: 'accept' }), 400)).toEqual(['strategy']);
      expect((await api.register()).risks).toEqual([]);
      expect((await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'risk')).toEqual([]);

      // A refused edit leaves the risk as it was; a stale version gets 409 with the current one.
      const risk = (await api.create(minimalRisk()).expect(201)).body as RiskDto;
      await api.patch(risk.id, { version: 1, residual: { probability: 5, impact: 5 }, ownerUserId: stranger }).expect(422);
      await api.patch(risk.id, { version: 1, title: 'Renommé' }).expect(200);
      const stale = await api.patch(risk.id, { version: 1, title: 'Encore' }).expect(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', entity: 'risk', id: risk.id, currentVersion: 2 });
      const [after] = (await api.register()).risks;
      expect(after).toMatchObject({ title: 'Renommé', residual: risk.residual, version: 2 });
      // The sequence is not consumed by refused creations.
      expect(after!.reference).toBe('R-001');
    });

    it('should band with the project’s own thresholds, and refuse a configuration with a gap or an overlap', async () => {
      const { api } = await projectWithManager();
      const risk = (await api.create(minimalRisk({ residual: { probability: 3, impact: 4 } })).expect(201)).body as RiskDto;
      expect(risk.residual.band).toBe('high');
      const settings = (await api.register()).settings;
      expect(settings.bands).toEqual([
        { band: 'low', min: 1, max: 4 },
        { band: 'medium', min: 5, max: 9 },
        { band: 'high', min: 10, max: 16 },
        { band: 'critical', min: 17, max: 25 },
      ]);
      const gap = await api.put('settings', { version: settings.version, bands: [
        { band: 'low', min: 1, max: 3 },
        { band: 'medium', min: 5, max: 9 },
        { band: 'high', min: 10, max: 11 },
        { band: 'critical', min: 12, max: 25 },
      ] }).expect(400);
      expect(gap.body.fields.map((field: { field: string }) => field.field)).toEqual(['bands.1.min']);
      const overlap = await api.put('settings', { version: settings.version, bands: [
        { band: 'low', min: 1, max: 4 },
        { band: 'medium', min: 4, max: 9 },
        { band: 'high', min: 10, max: 11 },
        { band: 'critical', min: 12, max: 25 },
      ] }).expect(400);
      expect(overlap.body.fields.map((field: { field: string }) => field.field)).toEqual(['bands.1.min']);
      expect((await api.register()).risks[0]!.residual.band).toBe('high');

      const updated = (await api.put('settings', { version: settings.version, bands: [
        { band: 'low', min: 1, max: 4 },
        { band: 'medium', min: 5, max: 9 },
        { band: 'high', min: 10, max: 11 },
        { band: 'critical', min: 12, max: 25 },
      ] }).expect(200)).body as RiskSettingsDto;
      expect(updated.version).toBe(settings.version + 1);
      expect((await api.register()).risks[0]!.residual).toEqual({ probability: 3, impact: 4, score: 12, band: 'critical' });
      await api.put('settings', { version: settings.version, floatThreshold: 3 }).expect(409);
    });
  });

  describe('permissions', () => {
    it('should let every member read, the manager and COPIL members edit, and viewers only read', async () => {
      const { projectId, api } = await projectWithManager();
      const risk = (await api.create(minimalRisk()).expect(201)).body as RiskDto;
      for (const role of ['sponsor', 'steering_member'] as const) {
        const member = risksOf(await memberOf(testApp.app, projectId, role), projectId);
        await member.create(minimalRisk()).expect(201);
      }
      for (const role of ['key_user', 'contributor', 'viewer'] as const) {
        const member = risksOf(await memberOf(testApp.app, projectId, role), projectId);
        expect((await member.register()).risks.length).toBe(3);
        const refused = await member.create(minimalRisk()).expect(403);
        expect(refused.body.code).toBe('forbidden');
        await member.patch(risk.id, { version: 1, title: 'x' }).expect(403);
        await member.post('reviews', {}).expect(403);
        await member.post(`${risk.id}/treatments`, { title: 'Plan' }).expect(403);
      }
      expect((await api.register()).risks.length).toBe(3);
    });

    it('should let a risk’s owner update its treatments, but not those of other risks', async () => {
      const { projectId, api } = await projectWithManager();
      const vendor = await memberOf(testApp.app, projectId, 'contributor');
      const own = (await api.create(minimalRisk({ ownerUserId: vendor.user.id })).expect(201)).body as RiskDto;
      const other = (await api.create(minimalRisk()).expect(201)).body as RiskDto;
      const asVendor = risksOf(vendor, projectId);
      const withTreatment = (await asVendor.post(`${own.id}/treatments`, { title: 'Audit réseau', dueDate: '2020-01-10', ownerUserId: vendor.user.id }).expect(201))
        .body as RiskDto;
      const treatment = withTreatment.treatments[0]!;
      expect(treatment).toMatchObject({ title: 'Audit réseau', status: 'planned', overdue: true, ownerUserId: vendor.user.id });
      expect(withTreatment.overdueTreatments).toBe(1);
      const done = (await asVendor.patch(`${own.id}/treatments/${treatment.id}`, { version: treatment.version, status: 'done' }).expect(200)).body as RiskDto;
      expect(done.treatments[0]).toMatchObject({ status: 'done', overdue: false, version: 2 });
      expect(done.overdueTreatments).toBe(0);
      await asVendor.post(`${other.id}/treatments`, { title: 'Pas à moi' }).expect(403);
      // Owners change treatments, not the risk itself.
      await asVendor.patch(own.id, { version: own.version, residual: { probability: 1, impact: 1 } }).expect(403);
      const audit = (await auditRows(testApp.app, projectId)).filter((row) => row.entity === 'risk_treatment');
      expect(audit.map((row) => [row.action, row.actorId])).toEqual([
        ['create', vendor.user.id],
        ['update', vendor.user.id],
      ]);
    });

    it('should record an acceptance, and let only the sponsor or the project manager accept an élevé or critique risk', async () => {
      const { projectId, api } = await projectWithManager();
      const copil = risksOf(await memberOf(testApp.app, projectId, 'steering_member'), projectId);
      const sponsor = await memberOf(testApp.app, projectId, 'sponsor');
      const high = (await api.create(minimalRisk({ residual: { probability: 3, impact: 4 } })).expect(201)).body as RiskDto;
      const medium = (await api.create(minimalRisk({ residual: { probability: 2, impact: 3 } })).expect(201)).body as RiskDto;

      const refused = await copil.post(`${high.id}/acceptance`, { version: high.version, justification: 'On fait avec' }).expect(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', fields: [{ field: 'residual' }] });
      expect((await api.register()).risks.find((risk) => risk.id === high.id)).toMatchObject({ strategy: 'reduce', acceptance: null });

      await copil.post(`${medium.id}/acceptance`, { version: medium.version, justification: 'Impact limité' }).expect(201);
      await risksOf(sponsor, projectId).post(`${high.id}/acceptance`, { version: high.version, justification: '' }).expect(400);
      const accepted = (await risksOf(sponsor, projectId).post(`${high.id}/acceptance`, { version: high.version, justification: 'Coût du traitement hors de proportion' }).expect(201))
        .body as RiskDto;
      expect(accepted.strategy).toBe('accept');
      expect(accepted.acceptance).toMatchObject({
        acceptedBy: sponsor.user.id,
        acceptedByRole: 'sponsor',
        justification: 'Coût du traitement hors de proportion',
        residual: { probability: 3, impact: 4, score: 12, band: 'high' },
      });
      // The act keeps the scores of its moment, whatever happens to the risk afterwards.
      await api.patch(high.id, { version: accepted.version, residual: { probability: 5, impact: 5 } }).expect(200);
      expect((await api.register()).risks.find((risk) => risk.id === high.id)!.acceptance!.residual.score).toBe(12);
      await expect(dataSource.query(`UPDATE risk_acceptance SET justification = 'autre' WHERE risk_id = $1`, [high.id])).rejects.toThrow(/immutable/);
    });
  });

  describe('reviews', () => {
    it('should snapshot every open risk, refuse a second review of the same day, and show the trend and arrows between reviews', async () => {
      const { pm, api } = await projectWithManager();
      const service = testApp.app.get(RisksService);
      const today = service.today();
      const rising = (await api.create(minimalRisk({ title: 'Monte', residual: { probability: 2, impact: 4 } })).expect(201)).body as RiskDto;
      const falling = (await api.create(minimalRisk({ title: 'Baisse', residual: { probability: 4, impact: 4 } })).expect(201)).body as RiskDto;
      const closing = (await api.create(minimalRisk({ title: 'Clos', residual: { probability: 2, impact: 2 } })).expect(201)).body as RiskDto;

      const first = (await api.post('reviews', { title: 'COPIL de mars', heldOn: addDays(today, -30) }).expect(201)).body as RiskReviewDto;
      expect(first).toMatchObject({ title: 'COPIL de mars', riskCount: 3, heldBy: pm.user.id });
      expect(first.items.map((item) => [item.reference, item.residual.score])).toEqual([
        ['R-001', 8],
        ['R-002', 16],
        ['R-003', 4],
      ]);
      expect(first.movements.map((movement) => movement.trend)).toEqual(['new', 'new', 'new']);
      let register = await api.register();
      expect(register.risks.map((risk) => risk.trend)).toEqual(['new', 'new', 'new']);
      expect(register.risks.every((risk) => risk.movement.residual === null)).toBe(true);

      await api.patch(rising.id, { version: rising.version, residual: { probability: 4, impact: 4 } }).expect(200);
      await api.patch(falling.id, { version: falling.version, residual: { probability: 2, impact: 4 } }).expect(200);
      await api.patch(closing.id, { version: closing.version, status: 'closed' }).expect(200);
      const added = (await api.create(minimalRisk({ title: 'Nouveau' })).expect(201)).body as RiskDto;
      // Before the next review the matrix already shows the new cell, but no arrow yet.
      register = await api.register();
      expect(register.risks.find((risk) => risk.id === rising.id)).toMatchObject({ residual: { probability: 4, impact: 4 }, movement: { residual: null } });

      const second = (await api.post('reviews', {}).expect(201)).body as RiskReviewDto;
      expect(second).toMatchObject({ heldOn: today, riskCount: 3 });
      const trends = Object.fromEntries(second.movements.map((movement) => [movement.reference, [movement.trend, movement.reRated]]));
      expect(trends).toEqual({ 'R-001': ['up', true], 'R-002': ['down', true], 'R-003': ['closed', false], 'R-004': ['new', false] });

      register = await api.register();
      const byId = new Map(register.risks.map((risk) => [risk.id, risk]));
      expect(byId.get(rising.id)).toMatchObject({
        trend: 'up',
        lastReviewedOn: today,
        movement: { residual: { from: { probability: 2, impact: 4 }, to: { probability: 4, impact: 4 } }, inherent: null },
      });
      expect(byId.get(falling.id)!.trend).toBe('down');
      expect(byId.get(added.id)!.trend).toBe('new');
      expect(register.latestReviews.map((review) => review.id)).toEqual([second.id, first.id]);

      const again = await api.post('reviews', { title: 'Doublon' }).expect(409);
      expect(again.body).toMatchObject({ code: 'conflict', fields: [{ field: 'heldOn' }] });
      await api.post('reviews', { heldOn: addDays(today, 1) }).expect(400);
      await api.post('reviews', { heldOn: addDays(today, -40) }).expect(400);
      expect((await pm.get(`${api.base}/reviews`).expect(200)).body).toHaveLength(2);
    });

    it('should keep a review immutable: no route changes it, and the database refuses updates and deletes', async () => {
      const { projectId, pm, api } = await projectWithManager();
      const risk = (await api.create(minimalRisk()).expect(201)).body as RiskDto;
      const review = (await api.post('reviews', {}).expect(201)).body as RiskReviewDto;
      await pm.patch(`${api.base}/reviews/${review.id}`).send({ title: 'Autre' }).expect(404);
      await pm.delete(`${api.base}/reviews/${review.id}`).expect(404);
      await expect(dataSource.query(`UPDATE risk_review SET title = 'Autre' WHERE id = $1`, [review.id])).rejects.toThrow(/immutable/);
      await expect(dataSource.query(`UPDATE risk_review_item SET residual_probability = 1 WHERE review_id = $1`, [review.id])).rejects.toThrow(/immutable/);
      await expect(dataSource.query(`DELETE FROM risk_review_item WHERE review_id = $1`, [review.id])).rejects.toThrow(/immutable/);
      await expect(dataSource.query(`DELETE FROM risk_review WHERE id = $1`, [review.id])).rejects.toThrow(/immutable/);
      // Later edits of the risk leave the snapshot as taken.
      await api.patch(risk.id, { version: risk.version, residual: { probability: 1, impact: 1 }, title: 'Changé' }).expect(200);
      const read = (await pm.get(`${api.base}/reviews/${review.id}`).expect(200)).body as RiskReviewDto;
      expect(read.items).toEqual(review.items);
      // Deleting the project still removes its reviews with it.
      await dataSource.query(`DELETE FROM project WHERE id = $1`, [projectId]);
      expect(await dataSource.query(`SELECT 1 FROM risk_review_item WHERE project_id = $1`, [projectId])).toEqual([]);
    });

    it('should put a risk whose next review date has passed in the "à revoir" queue', async () => {
      const { projectId, api } = await projectWithManager();
      const critical = (await api.create(minimalRisk({ residual: { probability: 5, impact: 4 } })).expect(201)).body as RiskDto;
      const low = (await api.create(minimalRisk({ residual: { probability: 1, impact: 3 } })).expect(201)).body as RiskDto;
      const today = testApp.app.get(RisksService).today();
      await api.post('reviews', { heldOn: addDays(today, -20) }).expect(201);
      const risks = new Map((await api.register()).risks.map((risk) => [risk.id, risk]));
      expect(risks.get(critical.id)).toMatchObject({ nextReviewOn: addDays(today, -6), reviewOverdue: true });
      expect(risks.get(low.id)!.reviewOverdue).toBe(false);
      expect(projectId).toBeTruthy();
    });
    it('should make a critical risk "à revoir" once two weeks have passed since its review, by the clock', async () => {
      const { api } = await projectWithManager();
      const clock = testApp.app.get(Clock);
      try {
        clock.set('2027-03-01');
        const risk = (await api.create(minimalRisk({ residual: { probability: 5, impact: 5 } })).expect(201)).body as RiskDto;
        await api.post('reviews', {}).expect(201);
        clock.set('2027-03-15');
        expect((await api.register()).risks.find((candidate) => candidate.id === risk.id)).toMatchObject({ lastReviewedOn: '2027-03-01', nextReviewOn: '2027-03-15', reviewOverdue: false });
        clock.set('2027-03-16');
        expect((await api.register()).risks.find((candidate) => candidate.id === risk.id)!.reviewOverdue).toBe(true);
      } finally {
        clock.set(null);
      }
    });
  });

  describe('my treatments falling due (« Mes tâches »)', () => {
    it('should list the caller’s open treatments due within two weeks or overdue, across their projects only', async () => {
      const clock = testApp.app.get(Clock);
      try {
        clock.set('2027-03-01');
        const { projectId, api } = await projectWithManager();
        const owner = await memberOf(testApp.app, projectId, 'contributor');
        const risk = (await api.create(minimalRisk({ ownerUserId: owner.user.id })).expect(201)).body as RiskDto;
        const add = (title: string, dueDate: string, ownerUserId = owner.user.id) =>
          api.post(`${risk.id}/treatments`, { title, dueDate, ownerUserId }).expect(201);
        await add('Audit réseau', '2027-02-20');
        await add('Recette des flux', '2027-03-10');
        await add('Plus tard', '2027-04-30');
        const done = ((await add('Déjà fait', '2027-02-01')).body as RiskDto).treatments.find((t) => t.title === 'Déjà fait')!;
        await api.patch(`${risk.id}/treatments/${done.id}`, { version: done.version, status: 'done' }).expect(200);
        await add('Pas à moi', '2027-02-20', (await memberOf(testApp.app, projectId, 'key_user')).user.id);
        const mine = (await owner.get('/api/me/risk-treatments').expect(200)).body as MyRiskTreatmentDto[];
        expect(mine.map((row) => [row.title, row.dueDate, row.overdue, row.riskReference, row.projectId])).toEqual([
          ['Audit réseau', '2027-02-20', true, 'R-001', projectId],
          ['Recette des flux', '2027-03-10', false, 'R-001', projectId],
        ]);
        // A member of another project sees nothing of this one, only their own treatments.
        const other = await projectWithManager();
        const stranger = await memberOf(testApp.app, other.projectId, 'contributor');
        expect((await stranger.get('/api/me/risk-treatments').expect(200)).body).toEqual([]);
        const theirs = (await other.api.create(minimalRisk({ ownerUserId: stranger.user.id })).expect(201)).body as RiskDto;
        await other.api.post(`${theirs.id}/treatments`, { title: 'Chez nous', dueDate: '2027-02-27', ownerUserId: stranger.user.id }).expect(201);
        expect(((await stranger.get('/api/me/risk-treatments').expect(200)).body as MyRiskTreatmentDto[]).map((row) => [row.title, row.projectId])).toEqual([
          ['Chez nous', other.projectId],
        ]);
        // A closed risk's treatments leave the list.
        const current = (await api.register()).risks.find((candidate) => candidate.id === risk.id)!;
        await api.patch(risk.id, { version: current.version, status: 'closed' }).expect(200);
        expect((await owner.get('/api/me/risk-treatments').expect(200)).body).toEqual([]);
      } finally {
        clock.set(null);
      }
    });

    it('should refuse an anonymous caller', async () => {
      await request(testApp.app.getHttpServer()).get('/api/me/risk-treatments').expect(401);
    });
  });

  describe('links to the plan', () => {
    it('should flag a risk linked to a task without float as materialising, and refuse links to another project', async () => {
      const { projectId, pm, plan } = await workedExample(testApp.app);
      const api = risksOf(pm, projectId);
      const a = taskNamed(plan, 'A');
      expect(a.totalFloat).toBeLessThan(5);
      const risk = (await api.create(minimalRisk({ linkedTaskIds: [a.id] })).expect(201)).body as RiskDto;
      expect(risk.linkedTaskIds).toEqual([a.id]);
      expect(risk.materialising).toEqual([{ cause: 'low_float', taskId: a.id, totalFloat: a.totalFloat, threshold: 5 }]);
      // A closed risk no longer materialises; the threshold is the project's.
      const settings = (await api.register()).settings;
      await api.put('settings', { version: settings.version, floatThreshold: 0 }).expect(200);
      expect((await api.register()).risks[0]!.materialising).toEqual([]);
      const other = await workedExample(testApp.app);
      const refused = await api.patch(risk.id, { version: risk.version, linkedTaskIds: [taskNamed(other.plan, 'B').id] }).expect(422);
      expect(refused.body).toMatchObject({ code: 'invalid_reference', fields: [{ field: 'linkedTaskIds' }] });
      // And the database refuses it too.
      await expect(
        dataSource.query(`INSERT INTO risk_task_link (project_id, risk_id, task_id) VALUES ($1, $2, $3)`, [projectId, risk.id, taskNamed(other.plan, 'B').id]),
      ).rejects.toThrow(/foreign key/);
    });
  });

  describe('export', () => {
    it('should export the register as an xlsx with French headers and dates as date cells', async () => {
      const { projectId, pm, api } = await projectWithManager();
      await api.create(minimalRisk({ proximity: '2027-03-15', title: 'Risque daté' })).expect(201);
      const response = await pm
        .get(`${api.base}/export.xlsx`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.headers['content-disposition']).toContain("filename*=UTF-8''Registre%20des%20risques");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet('Registre des risques')!;
      // The table starts under the header block: find its header row.
      let headerRow = 0;
      sheet.eachRow((row, number) => {
        if (!headerRow && row.getCell(1).value === 'Référence') headerRow = number;
      });
      expect(headerRow).toBeGreaterThan(1);
      const headers = (sheet.getRow(headerRow).values as unknown[]).slice(1);
      expect(headers).toEqual(expect.arrayContaining(['Référence', 'Titre', 'Catégorie', 'Proximité', 'Criticité', 'Prochaine revue', 'En train de se matérialiser']));
      const column = (header: string) => headers.indexOf(header) + 1;
      const row = sheet.getRow(headerRow + 1);
      expect(row.getCell(column('Référence')).value).toBe('R-001');
      expect(row.getCell(column('Catégorie')).value).toBe('Technique');
      const proximity = row.getCell(column('Proximité'));
      expect(proximity.type).toBe(ExcelJS.ValueType.Date);
      expect((proximity.value as Date).toISOString()).toBe('2027-03-15T00:00:00.000Z');
      expect(row.getCell(column('Prochaine revue')).type).toBe(ExcelJS.ValueType.Date);
      expect(row.getCell(column('Criticité')).value).toBe('Élevé');
      expect(projectId).toBeTruthy();
    });
  });
});

describe('Risk import (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');
  const HEADER = 'Titre;Catégorie;Responsable;Proximité;Probabilité inhérente;Impact inhérent;Probabilité résiduelle;Impact résiduel;Statut';

  it('should preview a CSV with per-row errors, write nothing while a row is rejected, and import the valid rows when asked', async () => {
    const project = await newProject(testApp.app);
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    const api = risksOf(pm, project.id);
    const content = csv([
      HEADER,
      `Prérequis non validés;Technique;${pm.user.email};15/03/2027;4;5;3 – Possible;4;En traitement`,
      'RGPD oublié;Météo;;;3;9;;;',
      'Formation trop tôt;humain / conduite du changement;inconnu@example.test;2027-02-30;2;3;;;',
      'Big bang;Planning;;;3;5;;;Identifié',
    ]);
    const preview = (await api.post('import', { fileName: 'registre.csv', content, preview: true }).expect(201)).body;
    expect(preview).toMatchObject({ valid: 2, rejected: 2, created: [] });
    expect(preview.rows.map((row: { row: number; valid: boolean }) => [row.row, row.valid])).toEqual([[2, true], [3, false], [4, false], [5, true]]);
    expect(preview.rows[1].errors.map((error: { column: string }) => error.column)).toEqual(['Catégorie', 'Impact inhérent']);
    expect(preview.rows[2].errors.map((error: { column: string }) => error.column)).toEqual(['Responsable', 'Proximité']);
    // Each problem carries a code and the cell's text, for the web to say it in the user's language.
    expect(preview.rows[2].errors.map((error: { code: string; value?: string }) => [error.code, error.value])).toEqual([
      ['not_member', 'inconnu@example.test'],
      ['not_date', '2027-02-30'],
    ]);
    expect((await api.register()).risks).toEqual([]);

    const refused = await api.post('import', { fileName: 'registre.csv', content }).expect(422);
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.fields.map((field: { field: string }) => field.field)).toEqual([
      'rows.3.Catégorie',
      'rows.3.Impact inhérent',
      'rows.4.Responsable',
      'rows.4.Proximité',
    ]);
    expect((await api.register()).risks).toEqual([]);
    expect((await auditRows(testApp.app, project.id)).filter((row) => row.entity === 'risk')).toEqual([]);

    const imported = (await api.post('import', { fileName: 'registre.csv', content, validOnly: true }).expect(201)).body;
    expect(imported.created).toEqual(['R-001', 'R-002']);
    const risks = (await api.register()).risks;
    expect(risks.map((risk) => [risk.reference, risk.title, risk.category, risk.status])).toEqual([
      ['R-001', 'Prérequis non validés', 'technical', 'in_treatment'],
      ['R-002', 'Big bang', 'planning', 'identified'],
    ]);
    expect(risks[0]).toMatchObject({ ownerUserId: pm.user.id, proximity: '2027-03-15', inherent: { score: 20 }, residual: { probability: 3, impact: 4 } });
  });

  it('should refuse a file with the wrong columns, naming them, and read back its own xlsx export', async () => {
    const project = await newProject(testApp.app);
    const pm = await memberOf(testApp.app, project.id, 'project_manager');
    const api = risksOf(pm, project.id);
    const wrong = await api.post('import', { fileName: 'registre.csv', content: csv(['Nom;Gravité', 'A;3']) }).expect(400);
    expect(wrong.body.fields).toEqual([{ field: 'columns', messages: [expect.stringContaining('« Titre »')] }]);
    await api.post('import', { fileName: 'registre.pdf', content: csv(['x']) }).expect(400);
    await memberOf(testApp.app, project.id, 'viewer').then((viewer) => risksOf(viewer, project.id).post('import', { fileName: 'a.csv', content: csv([HEADER]) }).expect(403));

    await api.create(minimalRisk({ proximity: '2027-03-31', ownerUserId: pm.user.id })).expect(201);
    const exported = await pm
      .get(`${api.base}/export.xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const other = await newProject(testApp.app);
    const otherPm = await memberOf(testApp.app, other.id, 'project_manager');
    // The owner is not a member of the other project: the row is rejected, naming the column.
    const preview = (await risksOf(otherPm, other.id).post('import', { fileName: 'export.xlsx', content: (exported.body as Buffer).toString('base64'), preview: true }).expect(201)).body;
    expect(preview.rows).toEqual([{ row: expect.any(Number), title: 'Prérequis techniques non validés', valid: false, errors: [{ column: 'Responsable', code: 'not_member', value: expect.any(String), message: expect.any(String) }] }]);
    const own = (await api.post('import', { fileName: 'export.xlsx', content: (exported.body as Buffer).toString('base64') }).expect(201)).body;
    expect(own.created).toEqual(['R-002']);
    const copy = (await api.register()).risks.find((risk) => risk.reference === 'R-002')!;
    expect(copy).toMatchObject({ proximity: '2027-03-31', inherent: { probability: 4, impact: 5 }, residual: { probability: 3, impact: 4 }, target: { probability: 2, impact: 2 } });
  });
});

describe('Demo risk register', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_DEMO: 'true' });
  });
  afterAll(() => testApp.close());

  it('should seed the domain’s risks with owners, treatments, links, two past reviews, movement and one materialising risk', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const [project] = (await dataSource.query(`SELECT id FROM project`)) as Array<{ id: string }>;
    const register = await testApp.app.get(RisksService).register(project!.id);
    expect(register.risks).toHaveLength(10);
    expect(register.risks[0]).toMatchObject({ reference: 'R-001', title: 'Lancement en big bang sans tests suffisants' });
    expect(register.risks.every((risk) => risk.ownerUserId !== null)).toBe(true);
    expect(register.latestReviews).toHaveLength(2);
    expect(register.risks.filter((risk) => risk.materialising.length > 0).length).toBeGreaterThanOrEqual(1);
    expect(register.risks.filter((risk) => risk.movement.residual !== null).length).toBeGreaterThanOrEqual(2);
    expect(register.risks.filter((risk) => risk.reviewOverdue).length).toBeGreaterThanOrEqual(1);
    expect(register.risks.filter((risk) => risk.overdueTreatments > 0).length).toBeGreaterThanOrEqual(1);
    expect(register.risks.find((risk) => risk.strategy === 'accept')!.acceptance).not.toBeNull();
    expect(register.risks.filter((risk) => risk.trend === 'new').map((risk) => risk.reference)).toEqual(['R-007']);
  });

  it('should answer the compact register when asked, the same register in fewer bytes, with its own ETag', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const [project] = (await dataSource.query(`SELECT id FROM project`)) as Array<{ id: string }>;
    // The demo register has every shape a risk can take: acceptance, treatments, materialising causes, moves.
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const path = `/api/projects/${project!.id}/risks`;
    const plain = await admin.get(path).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const compact = await admin.get(path).set('Accept', `${COMPACT_REGISTER_MEDIA_TYPE}, application/json;q=0.5`).set('Accept-Encoding', 'identity').expect(200);
    expect(compact.headers['content-type']).toContain(COMPACT_REGISTER_MEDIA_TYPE);
    expect(compact.headers['vary']).toContain('Accept');
    expect((compact.body as CompactRiskRegisterDto).encoding).toBe('risk-rows-1');
    expect(expandRegister(compact.body as CompactRiskRegisterDto)).toEqual(plain.body as RiskRegisterDto);
    // The demo's risks are mostly French prose, which both encodings carry as it is.
    expect(Number(compact.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']) * 0.6);
    expect(compact.headers['etag']).not.toBe(plain.headers['etag']);
    await admin.get(path).set('Accept', COMPACT_REGISTER_MEDIA_TYPE).set('If-None-Match', compact.headers['etag'] as string).expect(304);
    // The plain register's ETag does not validate the compact answer.
    await admin.get(path).set('Accept', COMPACT_REGISTER_MEDIA_TYPE).set('If-None-Match', plain.headers['etag'] as string).expect(200);
    // Gzip as browsers ask: the same bytes once decompressed.
    const gzipped = await admin.get(path).set('Accept', COMPACT_REGISTER_MEDIA_TYPE).set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body).toEqual(compact.body);
  });
});
