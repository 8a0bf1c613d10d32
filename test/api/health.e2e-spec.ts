import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { createEmptyDatabase } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /api/health', () => {
  describe('on a migrated PostgreSQL database', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    it('should report the database reachable and no pending migration', async () => {
      const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
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
      const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(503);
      expect(response.body.status).toBe('error');
      // Without the migrations table the check cannot even read the applied list.
      expect(response.body.database.reachable).toBe(false);
      expect(response.body.database.error).toMatch(/migrations/);
    });
  });

  describe('when the API starts on an empty database', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp({}, await createEmptyDatabase());
    });
    afterAll(() => testApp.close());

    it('should have applied every migration at start-up', async () => {
      const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
      expect(response.body.migrations.pending).toEqual([]);
      const dataSourceMigrations = testApp.app.get(getDataSourceToken()).migrations.map((m: { name?: string }) => m.name);
      expect(response.body.migrations.applied).toBe(dataSourceMigrations.length);
    });
  });
});

