import request from 'supertest';
import { memberOf, newProject, signedInUser, type ApiAgent } from '../support/actors';
import { planOf, taskNamed } from '../support/planning-api-actors';
import { startTestApp, type TestApp } from '../support/test-app';

/** Bad input from any caller is a 4xx naming the field, never a 500 (issue 10, items 3, 4 and 5). */
describe('Bad input', () => {
  let testApp: TestApp;
  let admin: ApiAgent;
  let manager: ApiAgent;
  let projectId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signedInUser(testApp.app, { isAdmin: true });
    projectId = (await newProject(testApp.app)).id;
    manager = await memberOf(testApp.app, projectId, 'project_manager');
  });
  afterAll(() => testApp.close());

  const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((field) => field.field);

  describe('numbers beyond what the database stores', () => {
    it.each([
      ['position', 2147483648],
      ['position', 1e308],
      ['duration', 2147483648],
      ['progress', -1e20],
    ])('should refuse %s = %d with 400 naming it', async (field, value) => {
      const response = await planOf(manager, projectId).post('tasks', { name: 'Tâche', duration: 1, [field]: value });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain(field);
      expect(response.body.code).toBe('validation_failed');
    });

    it('should keep a project usable after the largest position it accepts', async () => {
      const plan = planOf(manager, projectId);
      const last = await plan.post('tasks', { name: 'Dernière', duration: 1, position: 2147483647 });
      expect(last.status).toBe(400);
      expect(fieldsOf(last.body)).toEqual(['position']);
      await plan.post('tasks', { name: 'Loin', duration: 1, position: 1_000_000 }).expect(201);
      await plan.post('tasks', { name: 'Suivante', duration: 1 }).expect(201);
    });

    it('should refuse a cursor beyond the database range with 400 naming it', async () => {
      const response = await manager.get(`/api/projects/${projectId}/audit?before=99999999999`);
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain('before');
    });
  });

  describe('text the database cannot store', () => {
    it('should refuse a NUL character in a name with 400 naming it', async () => {
      const response = await admin.post('/api/projects').send({ name: 'Pro\u0000jet', targetGoLive: '2027-06-01' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['name']);
    });

    it('should refuse a lone surrogate in an e-mail at sign-in with 400 naming it', async () => {
      const response = await request(testApp.app.getHttpServer())
        .post('/api/auth/login')
        .set('content-type', 'application/json')
        .send('{"email":"a\\ud800@example.test","password":"x"}');
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['email']);
    });

    it('should refuse a NUL character in a query parameter and in the calendar token', async () => {
      const query = await manager.get(`/api/projects/${projectId}/members/candidates?q=ab%00c`);
      expect(query.status).toBe(400);
      expect(fieldsOf(query.body)).toEqual(['q']);
      const token = await request(testApp.app.getHttpServer()).get('/api/calendar/abc%00def/milestones.ics');
      expect(token.status).toBe(400);
    });
  });

  describe('null, prototype keys and invisible names', () => {
    it.each([['name'], ['status'], ['weather'], ['company']])('should refuse %s: null on a project with 400 naming it', async (field) => {
      const project = await admin.post('/api/projects').send({ name: 'Nulls', targetGoLive: '2027-06-01' }).expect(201);
      const response = await admin.patch(`/api/projects/${project.body.id}`).send({ version: 1, [field]: null });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('should refuse null as a user display name', async () => {
      const user = await admin.post('/api/users').send({ email: `n${Date.now()}@example.test`, displayName: 'N', password: 'long-enough-1' }).expect(201);
      const response = await admin.patch(`/api/users/${user.body.id}`).send({ version: 1, displayName: null });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['displayName']);
    });

    it.each(['__proto__', 'constructor'])('should refuse a %s key with 400 naming it', async (key) => {
      const response = await admin
        .post('/api/projects')
        .set('content-type', 'application/json')
        .send(`{"name":"Proto","targetGoLive":"2027-06-01","${key}":{"isAdmin":true}}`);
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual([key]);
    });

    it.each([
      ['spaces', '   '],
      ['control characters', '\u0007\u0008'],
      ['a bidirectional override', 'abc\u202Edef'],
      ['zero-width characters only', '\u200B\u200C'],
    ])('should refuse a name made of %s', async (_label, name) => {
      const response = await admin.post('/api/projects').send({ name, targetGoLive: '2027-06-01' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['name']);
    });

    it('should trim a name', async () => {
      const response = await admin.post('/api/projects').send({ name: '  Projet rogné  ', targetGoLive: '2027-06-01' }).expect(201);
      expect(response.body.name).toBe('Projet rogné');
    });
  });

  describe('errors raised before a controller', () => {
    it('should refuse deeply nested JSON with 400 body_too_deep', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const response = await admin.post('/api/projects').set('content-type', 'application/json').send(`{"name":${deep}}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('body_too_deep');
    });

    it('should refuse a body too large with 413', async () => {
      const response = await admin.post('/api/projects').send({ name: 'x'.repeat(2 * 1024 * 1024), targetGoLive: '2027-06-01' });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    });

    it('should refuse a body that is not JSON, or not UTF-8, with 415', async () => {
      const form = await admin.post('/api/projects').set('content-type', 'application/x-www-form-urlencoded').send('name=x&targetGoLive=2027-06-01');
      expect(form.status).toBe(415);
      expect(form.body.code).toBe('unsupported_media_type');
      const latin1 = await admin.post('/api/projects').set('content-type', 'application/json; charset=latin1').send('{"name":"x"}');
      expect(latin1.status).toBe(415);
      expect(latin1.body.code).toBe('unsupported_media_type');
    });

    it('should refuse a sign-in posted as a form (login CSRF) with 415', async () => {
      const response = await request(testApp.app.getHttpServer())
        .post('/api/auth/login')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send('email=a%40example.test&password=secret-secret');
      expect(response.status).toBe(415);
    });

    it('should refuse a missing or wrong CSRF header with 403 csrf_invalid', async () => {
      const session = await signedInUser(testApp.app, { isAdmin: true });
      const cookies = await session.get('/api/auth/me').expect(200);
      expect(cookies.status).toBe(200);
      const forged = await session.post('/api/projects').set('X-XSRF-TOKEN', 'forged').send({ name: 'CSRF', targetGoLive: '2027-06-01' });
      expect(forged.status).toBe(403);
      expect(forged.body).toMatchObject({ statusCode: 403, code: 'csrf_invalid' });
    });

    it('should name the parameter of a malformed UUID', async () => {
      const response = await manager.patch(`/api/projects/${projectId}/plan/tasks/not-a-uuid`).send({ version: 1 });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['taskId']);
    });
  });

  describe('owner-or-permission', () => {
    it('should let a contributor report progress on their own task only, checked by the guard', async () => {
      const vendor = await memberOf(testApp.app, projectId, 'contributor');
      const plan = planOf(manager, projectId);
      await plan.post('tasks', { name: 'À moi', duration: 2, ownerUserId: vendor.user.id }).expect(201);
      await plan.post('tasks', { name: 'À un autre', duration: 2 }).expect(201);
      const current = await plan.read();
      const progress = (id: string) => `/api/projects/${projectId}/plan/tasks/${id}/progress`;
      const other = taskNamed(current, 'À un autre');
      const refused = await vendor.patch(progress(other.id)).send({ version: other.version, progress: 10 });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('forbidden');
      const missing = await vendor.patch(progress('6f1b1c7e-8d5e-4e9a-9a57-2a1f6a7c0b11')).send({ version: 1, progress: 10 });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('not_found');
      const mine = taskNamed(current, 'À moi');
      await vendor.patch(progress(mine.id)).send({ version: mine.version, progress: 30 }).expect(200);
    });
  });
});
