import { COMPACT_PLAN_MEDIA_TYPE, expandPlan, type AuditLogPage, type CompactPlanDto, type LinkDto, type MyTaskDto, type RetroPlanningDto } from '@jalon/domain';
import { memberOf, newProject, signedInUser } from '../support/actors';
import { auditRows, planOf, taskNamed, workedExample as planningExample } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../../api/src/clock/clock';
import { PlanningTemplates } from '../../api/src/planning/templates/planning-templates.service';

// Backward from Wednesday 2027-05-19 (the worked example: A 6 days → B 3 days → M key milestone).
const GO_LIVE = '2027-05-19';

const linkBetween = (plan: RetroPlanningDto, from: string, to: string): LinkDto | undefined =>
  plan.links.find((link) => link.fromTaskId === taskNamed(plan, from).id && link.toTaskId === taskNamed(plan, to).id);

const namesInOrder = (plan: RetroPlanningDto): string[] => plan.tasks.map((task) => task.name);

describe('Plan edits: insert between, delete and reconnect, assignment, named change log', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const workedExample = () => planningExample(testApp.app, GO_LIVE);

  describe('« + Tâche » after a task', () => {
    it('should insert the new task between the task and its successor, in one request and one audit entry', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const [a, b] = [taskNamed(plan, 'A'), taskNamed(plan, 'B')];
      const oldLink = linkBetween(plan, 'A', 'B')!;
      const auditBefore = (await auditRows(testApp.app, projectId)).length;

      const after = (await api.post('tasks', { name: 'N', duration: 2, insertAfterTaskId: a.id }).expect(201)).body as RetroPlanningDto;

      const n = taskNamed(after, 'N');
      expect(namesInOrder(after)).toEqual(['A', 'N', 'B', 'M']);
      expect(linkBetween(after, 'A', 'N')).toMatchObject({ type: 'FS', lag: 0 });
      // The link that left A now leaves N, same id, type and lag, new version.
      expect(linkBetween(after, 'N', 'B')).toMatchObject({ id: oldLink.id, type: oldLink.type, lag: oldLink.lag, version: oldLink.version + 1 });
      expect(linkBetween(after, 'A', 'B')).toBeUndefined();
      // Before B, so before the go-live, and A moves earlier to make room.
      expect(n.finish < taskNamed(after, 'B').start).toBe(true);
      expect(n.finish <= GO_LIVE).toBe(true);
      expect(taskNamed(after, 'A').finish < a.finish).toBe(true);
      expect(after.projectFinish).toBe(GO_LIVE);
      expect(after.warnings.map((warning) => warning.code)).not.toContain('after_go_live');
      // One audit entry, naming the task it follows.
      const audit = (await auditRows(testApp.app, projectId)).slice(auditBefore);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity: 'task', entityId: n.id, action: 'create' });
      expect(audit[0]!.changes['insertedAfter']).toEqual({ before: null, after: 'A' });
      expect(b.version).toBe(taskNamed(after, 'B').version);
    });

    it('should refuse an insertAfterTaskId that is not a task of the project, naming it, and write nothing', async () => {
      const { projectId, pm, plan } = await workedExample();
      const other = await workedExample();
      const response = await planOf(pm, projectId)
        .post('tasks', { name: 'N', duration: 2, insertAfterTaskId: taskNamed(other.plan, 'A').id })
        .expect(422);
      expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual(['insertAfterTaskId']);
      expect((await planOf(pm, projectId).read()).tasks).toEqual(plan.tasks);
    });
  });

  describe('deleting a task', () => {
    it('should reconnect its predecessors to its successors by default, and not when asked not to', async () => {
      const first = await workedExample();
      const b = taskNamed(first.plan, 'B');
      const reconnected = (await planOf(first.pm, first.projectId).delete(`tasks/${b.id}?version=${b.version}`).expect(200))
        .body as RetroPlanningDto;
      expect(linkBetween(reconnected, 'A', 'M')).toMatchObject({ type: 'FS', lag: 0 });
      expect(taskNamed(reconnected, 'A').finish <= GO_LIVE).toBe(true);
      const audit = (await auditRows(testApp.app, first.projectId)).slice(-4);
      expect(audit.map((row) => `${row.entity} ${row.action}`)).toEqual(['link delete', 'link delete', 'link create', 'task delete']);

      const second = await workedExample();
      const b2 = taskNamed(second.plan, 'B');
      const alone = (await planOf(second.pm, second.projectId).delete(`tasks/${b2.id}?version=${b2.version}&reconnect=false`).expect(200))
        .body as RetroPlanningDto;
      expect(alone.links).toEqual([]);
      await planOf(second.pm, second.projectId).delete(`tasks/${taskNamed(alone, 'A').id}?version=1&reconnect=maybe`).expect(400);
    });

    it('should not duplicate a link that already joins a predecessor to a successor', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const [a, b, m] = ['A', 'B', 'M'].map((name) => taskNamed(plan, name));
      await api.post('links', { fromTaskId: a!.id, toTaskId: m!.id, type: 'SS', lag: 2 }).expect(201);
      const after = (await api.delete(`tasks/${b!.id}?version=${b!.version}`).expect(200)).body as RetroPlanningDto;
      expect(after.links).toHaveLength(1);
      expect(linkBetween(after, 'A', 'M')).toMatchObject({ type: 'SS', lag: 2 });
    });
  });

  describe('the after_go_live warning (backward plans)', () => {
    it('should name a task that ends after the go-live, but not the work planned after a milestone fixed on it', async () => {
      const project = await newProject(testApp.app, { targetGoLive: GO_LIVE });
      const pm = await memberOf(testApp.app, project.id, 'project_manager');
      const api = planOf(pm, project.id);
      await api.post('tasks', { name: 'Build', duration: 5 }).expect(201);
      await api.post('tasks', { name: 'MEP', duration: 0, fixedDate: GO_LIVE }).expect(201);
      let plan = (await api.post('tasks', { name: 'Incubation', duration: 10 }).expect(201)).body as RetroPlanningDto;
      await api.post('links', { fromTaskId: taskNamed(plan, 'Build').id, toTaskId: taskNamed(plan, 'MEP').id }).expect(201);
      plan = (await api.post('links', { fromTaskId: taskNamed(plan, 'MEP').id, toTaskId: taskNamed(plan, 'Incubation').id }).expect(201))
        .body as RetroPlanningDto;
      expect(taskNamed(plan, 'Incubation').finish > GO_LIVE).toBe(true);
      expect(plan.warnings.map((warning) => warning.code)).not.toContain('after_go_live');

      // A task hanging after Build only, as « + Tâche » used to create it: planned as late as the incubation.
      plan = (await api.post('tasks', { name: 'Orphan', duration: 2 }).expect(201)).body as RetroPlanningDto;
      plan = (await api.post('links', { fromTaskId: taskNamed(plan, 'Build').id, toTaskId: taskNamed(plan, 'Orphan').id }).expect(201))
        .body as RetroPlanningDto;
      expect(taskNamed(plan, 'Orphan').finish > GO_LIVE).toBe(true);
      const warning = plan.warnings.find((candidate) => candidate.code === 'after_go_live');
      expect(warning?.taskIds).toEqual([taskNamed(plan, 'Orphan').id]);
      expect((await api.read()).warnings).toContainEqual(warning);
    });
  });

  describe('assignment and « Mes tâches »', () => {
    it('should assign a task to a member and list it, with the version to report on, in their GET /api/me/tasks', async () => {
      const { projectId, pm, plan } = await workedExample();
      const contributor = await memberOf(testApp.app, projectId, 'contributor');
      const a = taskNamed(plan, 'A');
      const assigned = (await planOf(pm, projectId).patch(`tasks/${a.id}`, { version: a.version, ownerUserId: contributor.user.id }).expect(200))
        .body as RetroPlanningDto;
      const mine = (await contributor.get('/api/me/tasks').expect(200)).body as MyTaskDto[];
      const stored = taskNamed(assigned, 'A');
      expect(mine).toEqual([
        expect.objectContaining({
          projectId,
          taskId: a.id,
          name: 'A',
          isMilestone: false,
          start: stored.start,
          finish: stored.finish,
          progress: 0,
          actualStart: null,
          actualFinish: null,
          version: stored.version,
        }),
      ]);
      expect(typeof mine[0]!.projectName).toBe('string');
      // The version listed is the one the progress report expects.
      await contributor.patch(`/api/projects/${projectId}/plan/tasks/${a.id}/progress`).send({ version: mine[0]!.version, progress: 40 }).expect(200);
      expect(((await contributor.get('/api/me/tasks').expect(200)).body as MyTaskDto[])[0]).toMatchObject({ progress: 40 });
      // Nobody else sees it; the list needs a session.
      expect((await pm.get('/api/me/tasks').expect(200)).body).toEqual([]);
      const { default: request } = await import('supertest');
      await request(testApp.app.getHttpServer()).get('/api/me/tasks').expect(401);
    });

    it('should keep a free-text owner and refuse an owner who is not a member with 400 naming ownerUserId', async () => {
      const { projectId, pm, plan } = await workedExample();
      const stranger = await signedInUser(testApp.app);
      const a = taskNamed(plan, 'A');
      const refused = await planOf(pm, projectId).patch(`tasks/${a.id}`, { version: a.version, ownerUserId: stranger.user.id }).expect(400);
      expect(refused.body.fields).toEqual([expect.objectContaining({ field: 'ownerUserId' })]);
      const named = (await planOf(pm, projectId).patch(`tasks/${a.id}`, { version: a.version, ownerName: 'Intégrateur' }).expect(200))
        .body as RetroPlanningDto;
      expect(taskNamed(named, 'A')).toMatchObject({ ownerName: 'Intégrateur', ownerUserId: null });
    });
  });

  describe('refusals with their own code', () => {
    it('should refuse a duplicate link with 422 duplicate_link', async () => {
      const { projectId, pm, plan } = await workedExample();
      const response = await planOf(pm, projectId)
        .post('links', { fromTaskId: taskNamed(plan, 'A').id, toTaskId: taskNamed(plan, 'B').id })
        .expect(422);
      expect(response.body).toMatchObject({ code: 'duplicate_link' });
    });

    it('should refuse a template on a plan that has tasks with 409 plan_not_empty, writing nothing', async () => {
      const { projectId, pm, plan } = await workedExample();
      const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
      const templates = testApp.app.get(PlanningTemplates);
      await expect(dataSource.transaction((manager) => templates.apply(manager, projectId, GO_LIVE))).rejects.toMatchObject({
        body: { statusCode: 409, code: 'plan_not_empty' },
      });
      expect((await planOf(pm, projectId).read()).tasks).toEqual(plan.tasks);
    });

    it('should answer 409 stale_version with the current version for every edited kind of plan row', async () => {
      const { projectId, pm } = await workedExample();
      const api = planOf(pm, projectId);
      await api.post('lots', { name: 'Lot 1' }).expect(201);
      const plan = (await api.post('phases', { name: 'Cadrage' }).expect(201)).body as RetroPlanningDto;
      const stale = async (call: PromiseLike<{ status: number; body: Record<string, unknown> }>, entity: string, currentVersion: number) => {
        const response = await call;
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ code: 'stale_version', entity, currentVersion });
      };
      const [lot, phase, task, link] = [plan.lots[0]!, plan.phases[0]!, plan.tasks[0]!, plan.links[0]!];
      await stale(api.patch('settings', { version: plan.settings.version + 1, statusDate: GO_LIVE }), 'plan_settings', plan.settings.version);
      await stale(api.patch(`lots/${lot.id}`, { version: lot.version + 1, name: 'x' }), 'lot', lot.version);
      await stale(api.delete(`phases/${phase.id}?version=${phase.version + 1}`), 'phase', phase.version);
      await stale(api.patch(`tasks/${task.id}`, { version: task.version + 1, name: 'x' }), 'task', task.version);
      await stale(api.post('bulk', { links: [{ id: link.id, version: link.version + 1, lag: 1 }] }), 'link', link.version);
    });
  });

  describe('the change log', () => {
    it('should name the object and the actor, and filter on the shared entity names', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      await api.patch('settings', { version: plan.settings.version, statusDate: '2027-01-04' }).expect(200);
      const page = (await pm.get(`/api/projects/${projectId}/audit`).expect(200)).body as AuditLogPage;
      const displayName = pm.user.email.split('@')[0];
      const linkCreate = page.events.find((event) => event.entity === 'link' && event.action === 'create' && event.label === 'A → B');
      expect(linkCreate).toMatchObject({ actorId: pm.user.id, actorName: displayName });
      expect(page.events.find((event) => event.entity === 'task' && event.entityId === taskNamed(plan, 'M').id)).toMatchObject({ label: 'M' });
      // Calendar dates stay 'YYYY-MM-DD' strings in the changes.
      const settings = (await pm.get(`/api/projects/${projectId}/audit?entity=plan_settings`).expect(200)).body as AuditLogPage;
      expect(settings.events).toHaveLength(1);
      expect(settings.events[0]!.changes['statusDate']).toEqual({ before: null, after: '2027-01-04' });
      const wrong = await pm.get(`/api/projects/${projectId}/audit?entity=settings`).expect(400);
      expect(wrong.body.fields).toEqual([expect.objectContaining({ field: 'entity' })]);
    });

    it('should refuse the journal to a viewer with 403 (not an empty page) and to a non-member with 404', async () => {
      const { projectId } = await workedExample();
      const viewer = await memberOf(testApp.app, projectId, 'viewer');
      expect((await viewer.get(`/api/projects/${projectId}/audit`).expect(403)).body).toMatchObject({ code: 'forbidden' });
      const stranger = await signedInUser(testApp.app);
      await stranger.get(`/api/projects/${projectId}/audit`).expect(404);
    });
  });

  describe('today', () => {
    it("should compute a plan without a status date against the app's Clock", async () => {
      const { projectId, pm, plan } = await workedExample();
      const b = taskNamed(plan, 'B');
      expect(plan.warnings.map((warning) => warning.code)).not.toContain('in_the_past');
      const clock = testApp.app.get(Clock);
      clock.set('2027-05-10');
      try {
        const later = (await planOf(pm, projectId).patch(`tasks/${b.id}`, { version: b.version, notes: 'x' }).expect(200)).body as RetroPlanningDto;
        const warning = later.warnings.find((candidate) => candidate.code === 'in_the_past');
        expect(warning?.taskIds).toContain(taskNamed(later, 'A').id);
      } finally {
        clock.set(null);
      }
    });
  });

  describe('the compact plan', () => {
    it('should send the same plan in fewer bytes when asked by Accept, with its own validator', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      await api.post('lots', { name: 'Lot 1', goLive: '2027-05-12' }).expect(201);
      const a = taskNamed(plan, 'A');
      await api.patch(`tasks/${a.id}`, { version: a.version, actualStart: '2027-05-03', notes: '<i>note</i>', ownerName: 'Équipe' }).expect(200);
      const full = await api.read();
      const plain = await api.get().set('Accept-Encoding', 'identity').expect(200);
      const compact = await api.get().set('Accept', COMPACT_PLAN_MEDIA_TYPE).set('Accept-Encoding', 'identity').expect(200);
      expect(compact.headers['content-type']).toContain(COMPACT_PLAN_MEDIA_TYPE);
      expect(compact.headers['vary']).toContain('Accept');
      expect((compact.body as CompactPlanDto).encoding).toBe('rows-1');
      expect(expandPlan(compact.body as CompactPlanDto)).toEqual(full);
      expect(Number(compact.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']));
      expect(compact.headers['etag']).not.toBe(plain.headers['etag']);
      await api.get().set('Accept', COMPACT_PLAN_MEDIA_TYPE).set('If-None-Match', compact.headers['etag'] as string).expect(304);
      const zipped = await api.get().set('Accept', COMPACT_PLAN_MEDIA_TYPE).set('Accept-Encoding', 'gzip').expect(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(expandPlan(zipped.body as CompactPlanDto)).toEqual(full);
    });
  });
});
