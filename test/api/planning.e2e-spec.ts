import type { RetroPlanningDto } from '@jalon/domain';
import { memberOf, newProject, signedInUser, type ApiAgent } from '../support/actors';
import { auditRows, planOf, storedState, taskNamed, workedExample as planningExample } from '../support/planning-api-actors';
import { PlanningController } from '../../api/src/planning/planning.controller';
import { startTestApp, type TestApp } from '../support/test-app';

// The worked example of libs/planning/README.md: backward from Wednesday 2027-05-19, French calendar
// (Ascension 6 May and Whit Monday 17 May are days off).
const GO_LIVE = '2027-05-19';

describe(`${PlanningController.name} (/api/projects/:projectId/plan)`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const workedExample = () => planningExample(testApp.app, GO_LIVE);

  describe('GET', () => {
    it('should answer an empty plan with default settings for a new project', async () => {
      const project = await newProject(testApp.app, { targetGoLive: GO_LIVE });
      const viewer = await memberOf(testApp.app, project.id, 'viewer');
      const plan = await planOf(viewer, project.id).read();
      expect(plan).toMatchObject({
        projectId: project.id,
        settings: {
          mode: 'backward',
          targetGoLive: GO_LIVE,
          projectStart: null,
          calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: [] },
          statusDate: null,
          version: 1,
        },
        lots: [],
        phases: [],
        tasks: [],
        links: [],
      });
    });

    it('should answer 404 to a non-member and 401 to an anonymous caller', async () => {
      const { projectId } = await workedExample();
      const stranger = await signedInUser(testApp.app);
      await planOf(stranger, projectId).get().expect(404);
      const { default: request } = await import('supertest');
      await request(testApp.app.getHttpServer()).get(`/api/projects/${projectId}/plan`).expect(401);
    });
    it('should send the plan gzipped to a client that accepts it, and 304 to a conditional GET of the same revision', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const zipped = await api.get().set('Accept-Encoding', 'gzip').expect(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.body).toEqual(plan);
      const etag = zipped.headers['etag'] as string;
      expect(etag).toMatch(/^"plan-/);
      await api.get().set('If-None-Match', etag).expect(304);
      const plain = await api.get().set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-type']).toContain('application/json');
      expect(plain.body).toEqual(plan);
      // An edit makes a new revision: the old validator no longer matches.
      const b = taskNamed(plan, 'B');
      await api.patch(`tasks/${b.id}`, { version: b.version, duration: 4 }).expect(200);
      const fresh = await api.get().set('If-None-Match', etag).expect(200);
      expect(fresh.headers['etag']).not.toBe(etag);
      expect(taskNamed(fresh.body as RetroPlanningDto, 'B').duration).toBe(4);
    });
  });

  describe('tasks and links', () => {
    it('should retroplan the worked example from the go-live and store the dates', async () => {
      const { projectId, pm, plan } = await workedExample();
      expect(plan.projectStart).toBe('2027-05-05');
      expect(plan.projectFinish).toBe(GO_LIVE);
      expect(taskNamed(plan, 'M')).toMatchObject({ start: GO_LIVE, finish: GO_LIVE, isMilestone: true, keyMilestone: true, critical: true });
      expect(taskNamed(plan, 'B')).toMatchObject({ start: '2027-05-14', finish: GO_LIVE, totalFloat: 0 });
      expect(taskNamed(plan, 'A')).toMatchObject({ start: '2027-05-05', finish: '2027-05-13', totalFloat: 0 });
      // GET reads what the edit stored.
      expect(await planOf(pm, projectId).read()).toEqual(plan);
    });

    it('should recompute when a task changes and bump only that task’s version', async () => {
      const { projectId, pm, plan } = await workedExample();
      const b = taskNamed(plan, 'B');
      const a = taskNamed(plan, 'A');
      const after = (await planOf(pm, projectId).patch(`tasks/${b.id}`, { version: b.version, duration: 4, ownerName: 'Intégrateur' }).expect(200))
        .body as RetroPlanningDto;
      expect(taskNamed(after, 'B')).toMatchObject({ start: '2027-05-13', finish: GO_LIVE, duration: 4, ownerName: 'Intégrateur', version: b.version + 1 });
      expect(taskNamed(after, 'A')).toMatchObject({ start: '2027-05-04', finish: '2027-05-12', version: a.version });
      expect(after.projectStart).toBe('2027-05-04');
    });

    it('should update and delete a link, then delete a task with its links', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const link = plan.links.find((candidate) => candidate.fromTaskId === taskNamed(plan, 'A').id)!;
      let after = (await api.patch(`links/${link.id}`, { version: link.version, lag: 2 }).expect(200)).body as RetroPlanningDto;
      expect(after.links.find((candidate) => candidate.id === link.id)).toMatchObject({ lag: 2, version: link.version + 1 });
      expect(taskNamed(after, 'A').finish).toBe('2027-05-11');
      after = (await api.delete(`links/${link.id}?version=${link.version + 1}`).expect(200)).body;
      expect(after.links).toHaveLength(1);
      // Unlinked, A is planned as late as possible: on the go-live.
      expect(taskNamed(after, 'A').finish).toBe(GO_LIVE);
      const b = taskNamed(after, 'B');
      after = (await api.delete(`tasks/${b.id}?version=${b.version}`).expect(200)).body;
      expect(after.tasks.map((task) => task.name)).toEqual(['A', 'M']);
      expect(after.links).toEqual([]);
    });

    it('should create, rename, reorder and delete lots and phases, the tasks staying in the plan', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      let after = (await api.post('phases', { name: 'Cadrage' }).expect(201)).body as RetroPlanningDto;
      const phase = after.phases[0]!;
      after = (await api.post('lots', { name: 'Lot 1 voix' }).expect(201)).body;
      const lot = after.lots[0]!;
      const a = taskNamed(plan, 'A');
      after = (await api.patch(`tasks/${a.id}`, { version: a.version, phaseId: phase.id, lotId: lot.id }).expect(200)).body;
      expect(taskNamed(after, 'A')).toMatchObject({ phaseId: phase.id, lotId: lot.id });
      after = (await api.patch(`phases/${phase.id}`, { version: phase.version, name: 'Cadrage & besoins', position: 3 }).expect(200)).body;
      expect(after.phases[0]).toMatchObject({ name: 'Cadrage & besoins', position: 3, version: phase.version + 1 });
      after = (await api.patch(`lots/${lot.id}`, { version: lot.version, name: 'Lot 1' }).expect(200)).body;
      expect(after.lots[0]).toMatchObject({ name: 'Lot 1', version: lot.version + 1 });
      after = (await api.delete(`phases/${phase.id}?version=${phase.version + 1}`).expect(200)).body;
      after = (await api.delete(`lots/${lot.id}?version=${lot.version + 1}`).expect(200)).body;
      expect(after.phases).toEqual([]);
      expect(after.lots).toEqual([]);
      expect(taskNamed(after, 'A')).toMatchObject({ phaseId: null, lotId: null });
    });

    it('should plan the tasks of a lot with its own go-live to finish by it', async () => {
      const { projectId, pm } = await workedExample();
      const api = planOf(pm, projectId);
      let plan = (await api.post('lots', { name: 'Lot 1 voix', goLive: '2027-04-30' }).expect(201)).body as RetroPlanningDto;
      const lot = plan.lots[0]!;
      plan = (await api.post('tasks', { name: 'Paramétrage voix', duration: 5, lotId: lot.id }).expect(201)).body;
      plan = (await api.post('tasks', { name: 'Hors lot', duration: 5 }).expect(201)).body;
      expect(taskNamed(plan, 'Paramétrage voix')).toMatchObject({ start: '2027-04-26', finish: '2027-04-30' });
      expect(taskNamed(plan, 'Hors lot').finish).toBe(GO_LIVE);
      // The hidden go-live milestone never shows.
      expect(plan.tasks).toHaveLength(5);
      // Moving the lot's go-live moves its work.
      plan = (await api.patch(`lots/${lot.id}`, { version: lot.version, goLive: '2027-04-23' }).expect(200)).body;
      expect(taskNamed(plan, 'Paramétrage voix').finish).toBe('2027-04-23');
    });

    it('should record actuals and a fixed milestone, and report a task that should have started', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const settings = plan.settings;
      let after = (await api.patch('settings', { version: settings.version, statusDate: '2027-05-10' }).expect(200)).body as RetroPlanningDto;
      expect(after.warnings).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'in_the_past', taskIds: [taskNamed(plan, 'A').id] })]),
      );
      // The warning names the task, not only its id.
      expect(after.warnings.find((warning) => warning.code === 'in_the_past')?.message).toContain('« A »');
      const a = taskNamed(after, 'A');
      after = (await api.patch(`tasks/${a.id}`, { version: a.version, actualStart: '2027-05-03', progress: 40 }).expect(200)).body;
      expect(taskNamed(after, 'A')).toMatchObject({ start: '2027-05-03', actualStart: '2027-05-03', progress: 40 });
      expect(after.warnings.some((warning) => warning.code === 'in_the_past')).toBe(false);
      after = (await api.post('tasks', { name: 'COPIL', duration: 0, fixedDate: '2027-05-04' }).expect(201)).body;
      expect(taskNamed(after, 'COPIL')).toMatchObject({ start: '2027-05-04', finish: '2027-05-04', fixedDate: '2027-05-04' });
    });
    it('should assign a task to a member of the project', async () => {
      const { projectId, pm, plan } = await workedExample();
      const contributor = await memberOf(testApp.app, projectId, 'contributor');
      const a = taskNamed(plan, 'A');
      const after = (await planOf(pm, projectId).patch(`tasks/${a.id}`, { version: a.version, ownerUserId: contributor.user.id, ownerName: 'Intégrateur' }).expect(200))
        .body as RetroPlanningDto;
      expect(taskNamed(after, 'A')).toMatchObject({ ownerUserId: contributor.user.id, ownerName: 'Intégrateur' });
    });
  });

  describe('settings', () => {
    it('should move the plan and the project when the go-live moves', async () => {
      const { projectId, pm, plan } = await workedExample();
      const after = (await planOf(pm, projectId).patch('settings', { version: plan.settings.version, targetGoLive: '2027-05-26' }).expect(200))
        .body as RetroPlanningDto;
      expect(after.settings).toMatchObject({ targetGoLive: '2027-05-26', version: plan.settings.version + 1 });
      expect(taskNamed(after, 'M').finish).toBe('2027-05-26');
      const project = await pm.get(`/api/projects/${projectId}`).expect(200);
      expect(project.body.targetGoLive).toBe('2027-05-26');
    });

    it('should compute forward from the project start, with its own calendar', async () => {
      const { projectId, pm, plan } = await workedExample();
      const after = (
        await planOf(pm, projectId)
          .patch('settings', {
            version: plan.settings.version,
            mode: 'forward',
            projectStart: '2027-05-03',
            calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: ['2027-05-07'] },
          })
          .expect(200)
      ).body as RetroPlanningDto;
      expect(after.settings).toMatchObject({ mode: 'forward', projectStart: '2027-05-03', calendar: { extraHolidays: ['2027-05-07'] } });
      // 3, 4, 5, (6 Ascension, 7 closed), 10, 11, 12.
      expect(taskNamed(after, 'A')).toMatchObject({ start: '2027-05-03', finish: '2027-05-12' });
      expect(after.projectStart).toBe('2027-05-03');
      // A lot cannot go live before the project starts either.
      const lot = await planOf(pm, projectId).post('lots', { name: 'Lot 0', goLive: '2027-04-30' }).expect(400);
      expect(lot.body.fields).toEqual([{ field: 'goLive', messages: [expect.stringContaining('before the project start')] }]);
      expect((await planOf(pm, projectId).read()).lots).toEqual([]);
    });
  });

  describe('refusals', () => {
    it('should refuse a link that closes a cycle with 422 naming it, and write nothing', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const auditBefore = await auditRows(testApp.app, projectId);
      const [a, m] = [taskNamed(plan, 'A'), taskNamed(plan, 'M')];
      const response = await api.post('links', { fromTaskId: m.id, toTaskId: a.id }).expect(422);
      expect(response.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', code: 'plan_cycle' });
      expect(response.body.taskIds).toEqual(expect.arrayContaining([a.id, taskNamed(plan, 'B').id, m.id]));
      expect(response.body.message).toContain('« A »');
      expect(storedState(await api.read())).toEqual(storedState(plan));
      expect(await auditRows(testApp.app, projectId)).toEqual(auditBefore);
    });

    it('should answer 409 with the current version to a stale write, and keep the newer change', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const b = taskNamed(plan, 'B');
      await api.patch(`tasks/${b.id}`, { version: b.version, duration: 4 }).expect(200);
      const stale = await api.patch(`tasks/${b.id}`, { version: b.version, duration: 9 }).expect(409);
      expect(stale.body).toMatchObject({ statusCode: 409, currentVersion: b.version + 1 });
      expect(taskNamed(await api.read(), 'B').duration).toBe(4);
      await api.delete(`tasks/${b.id}?version=${b.version}`).expect(409);
      const staleSettings = await api.patch('settings', { version: plan.settings.version + 5, statusDate: '2027-01-04' }).expect(409);
      expect(staleSettings.body.currentVersion).toBe(plan.settings.version);
    });

    describe('bad input: a 4xx naming the field, the stored plan unchanged', () => {
      let projectId: string;
      let pm: ApiAgent;
      let plan: RetroPlanningDto;
      let otherTaskId: string;
      beforeAll(async () => {
        ({ projectId, pm, plan } = await workedExample());
        const other = await workedExample();
        otherTaskId = taskNamed(other.plan, 'A').id;
      });
      afterEach(async () => {
        expect(storedState(await planOf(pm, projectId).read())).toEqual(storedState(plan));
      });
      const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((field) => field.field);
      const unknownId = '6f1b1c7e-8d5e-4e9a-9a57-2a1f6a7c0b11';

      it.each([
        ['a fractional duration', { name: 'X', duration: 2.5 }, 'duration'],
        ['a negative duration', { name: 'X', duration: -1 }, 'duration'],
        ['a duration sent as text', { name: 'X', duration: '3' }, 'duration'],
        ['a malformed date', { name: 'X', duration: 0, fixedDate: '2027-02-30' }, 'fixedDate'],
        ['a date with a time', { name: 'X', duration: 2, actualStart: '2027-05-03T10:00:00Z' }, 'actualStart'],
        ['a fixed date on a task that is not a milestone', { name: 'X', duration: 2, fixedDate: '2027-05-04' }, 'fixedDate'],
        ['an actual finish before the actual start', { name: 'X', duration: 2, actualStart: '2027-05-04', actualFinish: '2027-05-03' }, 'actualFinish'],
        ['a progress above 100', { name: 'X', duration: 2, progress: 120 }, 'progress'],
        ['an unknown field', { name: 'X', duration: 2, colour: 'red' }, 'colour'],
      ])('should refuse a task with %s', async (_case, body, field) => {
        const response = await planOf(pm, projectId).post('tasks', body);
        expect(response.status).toBe(400);
        expect(fieldsOf(response.body)).toContain(field);
      });

      it('should refuse a phase or a lot that is not one of the project with 422', async () => {
        const phase = await planOf(pm, projectId).post('tasks', { name: 'X', duration: 1, phaseId: unknownId }).expect(422);
        expect(fieldsOf(phase.body)).toEqual(['phaseId']);
        const lot = await planOf(pm, projectId).post('tasks', { name: 'X', duration: 1, lotId: unknownId }).expect(422);
        expect(fieldsOf(lot.body)).toEqual(['lotId']);
      });

      it('should refuse an owner who is not a member of the project with 400 naming ownerUserId', async () => {
        const stranger = await signedInUser(testApp.app);
        const response = await planOf(pm, projectId).post('tasks', { name: 'X', duration: 1, ownerUserId: stranger.user.id }).expect(400);
        expect(fieldsOf(response.body)).toEqual(['ownerUserId']);
        expect(response.body).toMatchObject({ code: 'invalid_reference' });
      });

      it('should answer 404 to an unknown task, link, lot or phase in the URL, and 400 to a malformed id', async () => {
        const api = planOf(pm, projectId);
        await api.patch(`tasks/${unknownId}`, { version: 1, duration: 2 }).expect(404);
        await api.delete(`links/${unknownId}?version=1`).expect(404);
        await api.patch(`lots/${unknownId}`, { version: 1, name: 'x' }).expect(404);
        await api.patch(`phases/${unknownId}`, { version: 1, name: 'x' }).expect(404);
        await api.patch('tasks/not-a-uuid', { version: 1, duration: 2 }).expect(400);
      });

      it('should refuse a DELETE without a version', async () => {
        const b = taskNamed(plan, 'B');
        const response = await planOf(pm, projectId).delete(`tasks/${b.id}`).expect(400);
        expect(fieldsOf(response.body)).toEqual(['version']);
      });

      it('should refuse a link to itself, to an unknown task or to a task of another project', async () => {
        const api = planOf(pm, projectId);
        const a = taskNamed(plan, 'A');
        expect(fieldsOf((await api.post('links', { fromTaskId: a.id, toTaskId: a.id }).expect(400)).body)).toEqual(['toTaskId']);
        expect(fieldsOf((await api.post('links', { fromTaskId: unknownId, toTaskId: a.id }).expect(422)).body)).toEqual(['fromTaskId']);
        expect(fieldsOf((await api.post('links', { fromTaskId: a.id, toTaskId: otherTaskId }).expect(422)).body)).toEqual(['toTaskId']);
        expect(fieldsOf((await api.post('links', { fromTaskId: a.id, toTaskId: taskNamed(plan, 'B').id }).expect(422)).body)).toEqual([
          'toTaskId',
        ]);
        expect(fieldsOf((await api.post('links', { fromTaskId: a.id, toTaskId: taskNamed(plan, 'M').id, lag: 1.5 }).expect(400)).body)).toEqual([
          'lag',
        ]);
      });

      it('should refuse forward mode without a project start, or with a go-live before it', async () => {
        const api = planOf(pm, projectId);
        const version = plan.settings.version;
        expect(fieldsOf((await api.patch('settings', { version, mode: 'forward' }).expect(400)).body)).toEqual(['projectStart']);
        expect(
          fieldsOf((await api.patch('settings', { version, mode: 'forward', projectStart: '2027-06-01' }).expect(400)).body),
        ).toEqual(['targetGoLive']);
        expect(fieldsOf((await api.patch('settings', { version, targetGoLive: '2027-13-01' }).expect(400)).body)).toEqual(['targetGoLive']);
        expect(fieldsOf((await api.patch('settings', { version, calendar: { workingWeekdays: [] } }).expect(400)).body)).toEqual([
          'calendar.workingWeekdays',
        ]);
        expect(fieldsOf((await api.patch('settings', { version, calendar: { workingWeekdays: [0, 8] } }).expect(400)).body)).toContain(
          'calendar.workingWeekdays',
        );
      });

      it('should refuse a bulk edit naming the item at fault, applying none of it', async () => {
        const api = planOf(pm, projectId);
        const [a, b] = [taskNamed(plan, 'A'), taskNamed(plan, 'B')];
        const unknown = await api.post('bulk', { tasks: [{ id: a.id, version: a.version, duration: 2 }, { id: unknownId, version: 1, duration: 1 }] }).expect(422);
        expect(fieldsOf(unknown.body)).toEqual(['tasks.1.id']);
        const negative = await api.post('bulk', { tasks: [{ id: a.id, version: a.version, duration: 2 }, { id: b.id, version: b.version, duration: -2 }] }).expect(400);
        expect(fieldsOf(negative.body)).toEqual(['tasks.1.duration']);
        const stale = await api.post('bulk', { tasks: [{ id: a.id, version: a.version, duration: 2 }, { id: b.id, version: b.version + 1, duration: 2 }] }).expect(409);
        expect(stale.body.currentVersion).toBe(b.version);
        await api.post('bulk', { tasks: [{ id: otherTaskId, version: 1, duration: 2 }] }).expect(422);
      });
    });
  });

  describe('bulk', () => {
    it('should move several tasks and links in one transaction with one recompute', async () => {
      const { projectId, pm, plan } = await workedExample();
      const [a, b] = [taskNamed(plan, 'A'), taskNamed(plan, 'B')];
      const link = plan.links[0]!;
      const auditBefore = await auditRows(testApp.app, projectId);
      const after = (
        await planOf(pm, projectId)
          .post('bulk', {
            tasks: [
              { id: a.id, version: a.version, duration: 2 },
              { id: b.id, version: b.version, duration: 1, ownerName: 'DSI' },
            ],
            links: [{ id: link.id, version: link.version, type: 'SS', lag: 1 }],
          })
          .expect(200)
      ).body as RetroPlanningDto;
      expect(taskNamed(after, 'B')).toMatchObject({ start: GO_LIVE, finish: GO_LIVE, version: b.version + 1, ownerName: 'DSI' });
      // A → B is now SS +1: A starts one working day before B.
      expect(taskNamed(after, 'A')).toMatchObject({ start: '2027-05-18', version: a.version + 1 });
      expect(after.links[0]).toMatchObject({ type: 'SS', lag: 1, version: link.version + 1 });
      const audit = (await auditRows(testApp.app, projectId)).slice(auditBefore.length);
      expect(audit.map((row) => `${row.entity} ${row.action}`)).toEqual(['task update', 'task update', 'link update']);
    });
  });

  describe('concurrent edits', () => {
    it('should serialise two edits of one plan so the stored dates reflect both', async () => {
      const { projectId, pm, plan } = await workedExample();
      const api = planOf(pm, projectId);
      const [a, b] = [taskNamed(plan, 'A'), taskNamed(plan, 'B')];
      const [first, second] = await Promise.all([
        api.patch(`tasks/${a.id}`, { version: a.version, duration: 2 }),
        api.patch(`tasks/${b.id}`, { version: b.version, duration: 1 }),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const stored = await api.read();
      // B on the go-live alone, A the two working days before: what one recompute of both gives.
      expect(taskNamed(stored, 'B')).toMatchObject({ duration: 1, start: GO_LIVE, finish: GO_LIVE });
      expect(taskNamed(stored, 'A')).toMatchObject({ duration: 2, start: '2027-05-14', finish: '2027-05-18' });
    });
  });

  describe('access', () => {
    it('should let a viewer read and refuse them any edit with 403', async () => {
      const { projectId, plan } = await workedExample();
      const viewer = await memberOf(testApp.app, projectId, 'viewer');
      const api = planOf(viewer, projectId);
      await api.get().expect(200);
      const a = taskNamed(plan, 'A');
      await api.patch(`tasks/${a.id}`, { version: a.version, duration: 1 }).expect(403);
      await api.post('baselines', { name: 'COPIL' }).expect(403);
    });

    it('should never touch a task of another project used under this project’s URL', async () => {
      const mine = await workedExample();
      const theirs = await workedExample();
      const theirTask = taskNamed(theirs.plan, 'A');
      const api = planOf(mine.pm, mine.projectId);
      await api.patch(`tasks/${theirTask.id}`, { version: theirTask.version, duration: 40 }).expect(404);
      await api.delete(`tasks/${theirTask.id}?version=${theirTask.version}`).expect(404);
      const theirLink = theirs.plan.links[0]!;
      await api.patch(`links/${theirLink.id}`, { version: theirLink.version, lag: 3 }).expect(404);
      // Their plan is still theirs, unchanged; and they cannot read mine.
      expect(storedState(await planOf(theirs.pm, theirs.projectId).read())).toEqual(storedState(theirs.plan));
      await planOf(theirs.pm, mine.projectId).get().expect(404);
    });
  });

  describe('audit trail', () => {
    it('should record each change of plan data with its actor, and not the computed dates', async () => {
      const { projectId, pm, plan } = await workedExample();
      const rows = (await auditRows(testApp.app, projectId)).filter((row) => ['task', 'link'].includes(row.entity));
      expect(rows.filter((row) => row.entity === 'task' && row.action === 'create')).toHaveLength(3);
      expect(rows.filter((row) => row.entity === 'link' && row.action === 'create')).toHaveLength(2);
      expect(rows.every((row) => row.actorId === pm.user.id)).toBe(true);
      const b = taskNamed(plan, 'B');
      await planOf(pm, projectId).patch(`tasks/${b.id}`, { version: b.version, duration: 5 }).expect(200);
      const update = (await auditRows(testApp.app, projectId)).at(-1)!;
      expect(update).toMatchObject({ entity: 'task', entityId: b.id, action: 'update', changes: { duration: { before: 3, after: 5 } } });
      expect(Object.keys(update.changes)).toEqual(['duration']);
      await planOf(pm, projectId).delete(`tasks/${b.id}?version=${b.version + 1}&reconnect=false`).expect(200);
      const deletes = (await auditRows(testApp.app, projectId)).slice(-3);
      expect(deletes.map((row) => `${row.entity} ${row.action}`)).toEqual(['link delete', 'link delete', 'task delete']);
    });
  });
});
