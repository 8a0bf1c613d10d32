import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { HealthService } from '../../api/src/health/health.service';
import { createUser } from '../support/actors';
import { createEmptyDatabase } from '../support/test-database';
import type { TestApp as App } from '../support/test-app';

/** Health details are for administrators; anonymous callers get the status only. */
async function asAdmin(testApp: App): Promise<request.Agent> {
  const user = await createUser(testApp.app, { isAdmin: true });
  const agent = request.agent(testApp.app.getHttpServer());
  await agent.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
  return agent;
}
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /api/health', () => {
  describe('on a migrated PostgreSQL database', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    it('should answer anonymous callers with the status only', async () => {
      const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('should report the database reachable and no pending migration', async () => {
      const response = await (await asAdmin(testApp)).get('/api/health').expect(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        database: { engine: 'postgres', reachable: true },
        migrations: { pending: [] },
      });
      expect(response.body.migrations.applied).toBeGreaterThanOrEqual(1);
    });

    it('should list the API in the OpenAPI document', async () => {
      const response = await request(testApp.app.getHttpServer()).get('/api/docs-json').expect(200);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining(['/api/health', '/api/projects', '/api/projects/{projectId}']),
      );
    });
  });

  describe('when migrations were not applied', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp({ JALON_MIGRATE_ON_START: 'false' }, await createEmptyDatabase());
    });
    afterAll(() => testApp.close());

    it('should answer 503 and name the pending migrations', async () => {
      // Without the migrations table nobody can sign in: anonymous callers see the status only.
      const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(503);
      expect(response.body).toEqual({ status: 'error' });
      const details = await testApp.app.get(HealthService).report();
      // Without the migrations table the check cannot even read the applied list.
      expect(details.database.reachable).toBe(false);
      expect(details.database.error).toMatch(/migrations/);
    });
  });

  describe('when the API starts on an empty database', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp({}, await createEmptyDatabase());
    });
    afterAll(() => testApp.close());

    it('should have applied every migration at start-up', async () => {
      const response = await (await asAdmin(testApp)).get('/api/health').expect(200);
      expect(response.body.migrations.pending).toEqual([]);
      const dataSourceMigrations = testApp.app.get(getDataSourceToken()).migrations.map((m: { name?: string }) => m.name);
      expect(response.body.migrations.applied).toBe(dataSourceMigrations.length);
    });
  });
});

