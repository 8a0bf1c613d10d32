import { memberOf, newProject } from '../support/actors';
import { planOf, taskNamed } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Progress reported by a contributor', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('should let a contributor update the tasks assigned to them, and only those', async () => {
    const project = await newProject(testApp.app, { targetGoLive: '2027-06-01' });
    const manager = await memberOf(testApp.app, project.id, 'project_manager');
    const vendor = await memberOf(testApp.app, project.id, 'contributor');
    const plan = planOf(manager, project.id);
    await plan.post('tasks', { name: 'Paramétrage', duration: 10, ownerUserId: vendor.user.id }).expect(201);
    await plan.post('tasks', { name: 'Migration des données', duration: 5 }).expect(201);
    const current = await plan.read();
    const mine = taskNamed(current, 'Paramétrage');
    const other = taskNamed(current, 'Migration des données');
    const progressOf = (taskId: string) => `/api/projects/${project.id}/plan/tasks/${taskId}/progress`;

    const reported = await vendor.patch(progressOf(mine.id)).send({ version: mine.version, progress: 40 }).expect(200);
    expect(taskNamed(reported.body, 'Paramétrage').progress).toBe(40);
    const refused = await vendor.patch(progressOf(other.id)).send({ version: other.version, progress: 40 }).expect(403);
    expect(refused.body.message).toMatch(/assigned to them/);
    // Progress only: the duration of their own task stays the project manager's decision.
    await vendor.patch(progressOf(mine.id)).send({ version: mine.version + 1, duration: 2 }).expect(400);
    await vendor.patch(`/api/projects/${project.id}/plan/tasks/${mine.id}`).send({ version: mine.version + 1, duration: 2 }).expect(403);
    await vendor.patch(progressOf(mine.id)).send({ version: mine.version, progress: 50 }).expect(409);
    await manager.patch(progressOf(other.id)).send({ version: other.version, progress: 10 }).expect(200);
    const viewer = await memberOf(testApp.app, project.id, 'viewer');
    await viewer.patch(progressOf(mine.id)).send({ version: mine.version + 1, progress: 90 }).expect(403);
  });
});
