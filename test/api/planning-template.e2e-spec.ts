import type { BaselineComparisonDto, BaselineSummaryDto, MilestoneTrendDto, RetroPlanningDto } from '@jalon/domain';
import { WorkingCalendar } from '@jalon/planning';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../api/src/demo/demo-accounts';
import { DEMO_BASELINE_NAME, PlanningTemplates } from '../../api/src/planning/templates/planning-templates.service';
import { signIn, signedInUser } from '../support/actors';
import { planOf, taskNamed } from '../support/planning-api-actors';
import { startPgliteTestApp, startTestApp, type TestApp } from '../support/test-app';

const PHASES = [
  'Cadrage',
  'Cahier des charges & consultation',
  'Spécifications',
  'Mise en œuvre',
  'Recette',
  'Formation',
  'Pilote & go-live',
  'Incubation',
];
const KEY_MILESTONES = [
  'Cadrage validé (COPIL)',
  'Choix du prestataire',
  'Spécifications validées',
  'PV de recette signé',
  'Go / No-Go',
  'Mise en production',
  'Fin d’incubation',
];
const calendar = new WorkingCalendar();

describe(`${PlanningTemplates.name}: the contact-centre template`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('should create a project whose plan is retroplanned from the go-live, incubation after it', async () => {
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const goLive = '2027-09-14';
    const project = await admin
      .post('/api/projects')
      .send({ name: 'Centre de contacts', targetGoLive: goLive, template: 'contact-centre' })
      .expect(201);
    const plan = await planOf(admin, project.body.id).read();

    expect(plan.phases.map((phase) => phase.name)).toEqual(PHASES);
    expect(plan.tasks.filter((task) => task.keyMilestone).map((task) => task.name)).toEqual(KEY_MILESTONES);
    for (const phase of plan.phases) expect(plan.tasks.some((task) => task.phaseId === phase.id)).toBe(true);
    expect(new Set(plan.links.map((link) => link.type))).toEqual(new Set(['FS', 'SS']));

    const goLiveMilestone = taskNamed(plan, 'Mise en production');
    expect(goLiveMilestone).toMatchObject({ start: goLive, finish: goLive, fixedDate: goLive, isMilestone: true });
    expect(taskNamed(plan, 'Go / No-Go').finish).toBe(calendar.addWorkingDays(goLive, -2));
    expect(taskNamed(plan, 'Formation des agents').finish).toBe(calendar.addWorkingDays(goLive, -1));
    // Six to eight weeks of incubation after the go-live, not squeezed before it.
    const endOfIncubation = taskNamed(plan, 'Fin d’incubation').finish;
    expect(calendar.workingDaysBetween(goLive, endOfIncubation)).toBe(40);
    expect(plan.projectFinish).toBe(endOfIncubation);
    // Everything before the go-live leads to it with no slack on the critical path, and the
    // whole plan holds: about six months from the cadrage to production.
    expect(plan.tasks.every((task) => task.totalFloat >= 0)).toBe(true);
    expect(taskNamed(plan, 'Recueil des besoins auprès des directions métier')).toMatchObject({ critical: true });
    const months = calendar.workingDaysBetween(plan.projectStart!, goLive) / 21;
    expect(months).toBeGreaterThan(5);
    expect(months).toBeLessThan(7);
    expect(plan.warnings).toEqual([]);
  });

  it('should move the go-live milestone and the whole plan when the go-live moves', async () => {
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const project = await admin
      .post('/api/projects')
      .send({ name: 'Centre de contacts 2', targetGoLive: '2027-09-14', template: 'contact-centre' })
      .expect(201);
    const api = planOf(admin, project.body.id);
    const before = await api.read();
    const after = (await api.patch('settings', { version: before.settings.version, targetGoLive: '2027-10-12' }).expect(200))
      .body as RetroPlanningDto;
    expect(taskNamed(after, 'Mise en production')).toMatchObject({ finish: '2027-10-12', fixedDate: '2027-10-12' });
    expect(calendar.workingDaysBetween(before.projectStart!, after.projectStart!)).toBe(
      calendar.workingDaysBetween('2027-09-14', '2027-10-12'),
    );
  });

  it('should refuse an unknown template, naming the field', async () => {
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const response = await admin.post('/api/projects').send({ name: 'X', targetGoLive: '2027-09-14', template: 'erp' }).expect(400);
    expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual(['template']);
  });
});

describe.each([
  { engine: 'PostgreSQL', start: () => startTestApp({ JALON_DEMO: 'true' }) },
  { engine: 'PGlite', start: () => startPgliteTestApp({ JALON_DEMO: 'true' }) },
])('Demo project retroplanning on $engine', ({ start }) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await start();
  });
  afterAll(() => testApp.close());

  it('should show the template retroplanned to the demo go-live, with a first baseline to compare with', async () => {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'project_manager')!;
    const pm = await signIn(testApp.app, { id: '', email: account.email, password: DEMO_PASSWORD });
    const projects = (await pm.get('/api/projects').expect(200)).body as { id: string; targetGoLive: string }[];
    expect(projects).toHaveLength(1);
    const project = projects[0]!;
    const api = planOf(pm, project.id);
    const plan = await api.read();

    expect(plan.settings.mode).toBe('backward');
    expect(plan.phases.map((phase) => phase.name)).toEqual(PHASES);
    expect(taskNamed(plan, 'Mise en production').finish).toBe(project.targetGoLive);
    // The demo is under way: what should be behind us is recorded as started or done.
    expect(plan.warnings.filter((warning) => warning.code === 'in_the_past')).toEqual([]);
    expect(plan.tasks.some((task) => task.progress === 100 && task.actualFinish !== null)).toBe(true);

    const baselines = (await pm.get(`${api.base}/baselines`).expect(200)).body as BaselineSummaryDto[];
    expect(baselines.map((baseline) => baseline.name)).toEqual([DEMO_BASELINE_NAME]);
    const comparison = (await pm.get(`${api.base}/baselines/${baselines[0]!.id}/comparison?with=plan`).expect(200))
      .body as BaselineComparisonDto;
    expect(comparison.rows).toHaveLength(plan.tasks.length);
    expect(comparison.rows.every((row) => typeof row.finishSlippage === 'number')).toBe(true);
    const trend = (await pm.get(`${api.base}/milestone-trend`).expect(200)).body as MilestoneTrendDto;
    expect(trend.milestones.map((milestone) => milestone.name)).toEqual(KEY_MILESTONES);
    expect(trend.milestones.every((milestone) => milestone.forecasts.length === 1 && milestone.forecasts[0] !== null)).toBe(true);
  });

  it('should recompute the demo plan on an edit and refuse a cycle, writing nothing', async () => {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === 'project_manager')!;
    const pm = await signIn(testApp.app, { id: '', email: account.email, password: DEMO_PASSWORD });
    const projects = (await pm.get('/api/projects').expect(200)).body as { id: string }[];
    const api = planOf(pm, projects[0]!.id);
    const plan = await api.read();
    const pilot = taskNamed(plan, 'Pilote sur un périmètre restreint (période calme)');
    const after = (await api.patch(`tasks/${pilot.id}`, { version: pilot.version, duration: pilot.duration + 5 }).expect(200))
      .body as RetroPlanningDto;
    expect(calendar.workingDaysBetween(taskNamed(after, 'PV de recette signé').finish, taskNamed(plan, 'PV de recette signé').finish)).toBe(5);
    const first = taskNamed(after, 'Recueil des besoins auprès des directions métier');
    await api.post('links', { fromTaskId: taskNamed(after, 'Fin d’incubation').id, toTaskId: first.id }).expect(422);
    expect((await api.read()).links).toEqual(after.links);
  });
});
