import { PlanStatusRefresh } from '../../api/src/planning/plan-status-refresh';
import { PlanningService } from '../../api/src/planning/planning.service';
import { memberOf, newProject } from '../support/actors';
import { planOf } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe(PlanStatusRefresh.name, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('should recompute the plans that follow today, so in_the_past warnings are of the day', async () => {
    const project = await newProject(testApp.app, { targetGoLive: '2027-06-01' });
    const manager = await memberOf(testApp.app, project.id, 'project_manager');
    const plan = planOf(manager, project.id);
    await plan.post('tasks', { name: 'Recette VABF', duration: 10 }).expect(201);
    const fixedDay = await newProject(testApp.app, { targetGoLive: '2027-06-01' });
    const otherManager = await memberOf(testApp.app, fixedDay.id, 'project_manager');
    const frozen = planOf(otherManager, fixedDay.id);
    await frozen.post('tasks', { name: 'Recette VABF', duration: 10 }).expect(201);
    const settings = (await frozen.read()).settings;
    await frozen.patch('settings', { version: settings.version, statusDate: '2026-11-20' }).expect(200);
    expect((await plan.read()).warnings.filter((w) => w.code === 'in_the_past')).toEqual([]);

    // A night passes… until the day after the task should have started.
    const later = jest.spyOn(testApp.app.get(PlanningService), 'today').mockReturnValue('2027-06-01');
    try {
      expect(await testApp.app.get(PlanStatusRefresh).refreshAll()).toBeGreaterThanOrEqual(1);
    } finally {
      later.mockRestore();
    }
    const refreshed = await plan.read();
    expect(refreshed.warnings.filter((w) => w.code === 'in_the_past').map((w) => w.taskIds)).toEqual([
      [refreshed.tasks[0]!.id],
    ]);
    // A plan with a status date of its own is left as it was.
    expect((await frozen.read()).warnings.filter((w) => w.code === 'in_the_past')).toEqual([]);
  });
});
