import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../../api/src/clock/clock';
import { PlanStatusRefresh } from '../../api/src/planning/plan-status-refresh';
import { memberOf, newProject } from '../support/actors';
import { planOf } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe(PlanStatusRefresh.name, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const revisionOf = async (projectId: string): Promise<string> => {
    const rows = (await testApp.app
      .get<DataSource>(getDataSourceToken())
      .query(`SELECT revision FROM plan_settings WHERE project_id = $1`, [projectId])) as Array<{ revision: string }>;
    return String(rows[0]?.revision);
  };

  it('should recompute the plans that follow today, once a night, and leave those with a status date alone', async () => {
    const clock = testApp.app.get(Clock);
    clock.set('2026-11-30T09:00:00Z');
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
    const frozenRevision = await revisionOf(fixedDay.id);

    // A night passes… until the day after the task should have started (00:10 in Paris).
    clock.set('2027-05-31T22:10:00Z');
    const refresh = testApp.app.get(PlanStatusRefresh);
    expect(await refresh.nightly()).toEqual({ ran: true, result: [project.id] });
    const refreshed = await plan.read();
    expect(refreshed.warnings.filter((w) => w.code === 'in_the_past').map((w) => w.taskIds)).toEqual([
      [refreshed.tasks[0]!.id],
    ]);
    // The plan with a status date of its own was not even recomputed.
    expect(await revisionOf(fixedDay.id)).toBe(frozenRevision);
    expect((await frozen.read()).warnings.filter((w) => w.code === 'in_the_past')).toEqual([]);

    // The same night again (another instance's cron, or a restart) does nothing.
    expect(await refresh.nightly()).toMatchObject({ ran: false });
    clock.set(null);
  });
});
