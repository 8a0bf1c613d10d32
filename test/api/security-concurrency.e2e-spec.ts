import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { memberOf, newProject, signIn, createUser } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

/** The "keeps a manager / an administrator" rules hold under concurrency on PostgreSQL (issue 10, item 7). */
describe('Concurrent demotions on PostgreSQL', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => testApp.close());

  it('should leave a project manager when the last two demote each other at the same time (20 trials)', async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const project = await newProject(testApp.app);
      const first = await memberOf(testApp.app, project.id, 'project_manager');
      const second = await memberOf(testApp.app, project.id, 'project_manager');
      const [a, b] = await Promise.all([
        first.put(`/api/projects/${project.id}/members/${second.user.id}`).send({ role: 'viewer' }),
        second.put(`/api/projects/${project.id}/members/${first.user.id}`).send({ role: 'viewer' }),
      ]);
      const managers: unknown[] = await dataSource.query(
        `SELECT 1 FROM project_member WHERE project_id = $1 AND role = 'project_manager'`,
        [project.id],
      );
      expect(managers.length).toBe(1);
      outcomes.push([a.status, b.status].sort().join('/'));
      const refused = [a, b].find((response) => response.status === 409);
      if (refused) expect(refused.body.code).toBe('last_project_manager');
    }
    // One demotion wins, the other is refused (or finds itself no longer a manager: 403).
    for (const outcome of outcomes) expect(['204/409', '204/403']).toContain(outcome);
  });

  it('should keep an active administrator when the last two demote each other at the same time', async () => {
    // Make these two the only active administrators of this database.
    await dataSource.query('UPDATE app_user SET is_admin = false WHERE is_admin');
    const one = await createUser(testApp.app, { isAdmin: true });
    const two = await createUser(testApp.app, { isAdmin: true });
    const [oneAgent, twoAgent] = [await signIn(testApp.app, one), await signIn(testApp.app, two)];
    const [a, b] = await Promise.all([
      oneAgent.patch(`/api/users/${two.id}`).send({ version: 1, isAdmin: false }),
      twoAgent.patch(`/api/users/${one.id}`).send({ version: 1, isAdmin: false }),
    ]);
    const admins: unknown[] = await dataSource.query('SELECT 1 FROM app_user WHERE is_admin AND is_active');
    expect(admins.length).toBe(1);
    expect([a.status, b.status].sort()).toEqual([200, expect.any(Number)]);
    expect([a.status, b.status]).not.toEqual([200, 200]);
  });

  it('should not let the last active administrator demote or deactivate themselves', async () => {
    await dataSource.query('UPDATE app_user SET is_admin = false WHERE is_admin');
    const last = await createUser(testApp.app, { isAdmin: true });
    const agent = await signIn(testApp.app, last);
    const demoted = await agent.patch(`/api/users/${last.id}`).send({ version: 1, isAdmin: false });
    expect(demoted.status).toBe(409);
    expect(demoted.body.code).toBe('last_administrator');
    const deactivated = await agent.patch(`/api/users/${last.id}`).send({ version: 1, isActive: false });
    expect(deactivated.status).toBe(409);
    await agent.get('/api/auth/me').expect(200);
  });

  it("should honour the membership's version: a stale one gets 409 stale_version", async () => {
    const project = await newProject(testApp.app);
    const manager = await memberOf(testApp.app, project.id, 'project_manager');
    const member = await memberOf(testApp.app, project.id, 'viewer');
    const url = `/api/projects/${project.id}/members/${member.user.id}`;
    await manager.put(url).send({ role: 'key_user', version: 1 }).expect(204);
    const stale = await manager.put(url).send({ role: 'sponsor', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', entity: 'member', currentVersion: 2 });
    await manager.delete(`${url}?version=1`).expect(409);
    await manager.delete(`${url}?version=2`).expect(204);
  });
});
