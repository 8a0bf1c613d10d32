import { signedInUser, type ApiAgent } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Request validation', () => {
  let testApp: TestApp;
  let admin: ApiAgent;
  const validProject = { name: 'Projet test', targetGoLive: '2027-06-01' };

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signedInUser(testApp.app, { isAdmin: true });
  });
  afterAll(() => testApp.close());

  const post = (body: string | object) =>
    admin
      .post('/api/projects')
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  it('should refuse an unknown field with 400 naming it', async () => {
    const response = await post({ ...validProject, budget: 12 }).expect(400);
    expect(response.body.fields).toEqual([{ field: 'budget', messages: ['property budget should not exist'] }]);
    expect(response.body.message).toContain('budget');
    expect(response.body.code).toBe('validation_failed');
  });

  it('should refuse a malformed JSON body with 400, not 500', async () => {
    const response = await post('{"name": "Projet', ).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'malformed_json' });
  });

  it('should name every missing or malformed field', async () => {
    const response = await post({ targetGoLive: '2027-02-30x' }).expect(400);
    const fields = response.body.fields.map((field: { field: string }) => field.field).sort();
    expect(fields).toEqual(['name', 'targetGoLive']);
  });

  it('should refuse a value outside the allowed set, naming the field', async () => {
    const response = await post({ ...validProject, weather: 'rainy' }).expect(400);
    expect(response.body.fields[0].field).toBe('weather');
  });

  it('should create a valid project and return it', async () => {
    const response = await post(validProject).expect(201);
    expect(response.body).toMatchObject({ ...validProject, weather: 'sunny', version: 1, myRole: 'project_manager' });
    await admin.get(`/api/projects/${response.body.id}`).expect(200);
  });

  it('should answer 404 for a malformed or unknown project id', async () => {
    await admin.patch('/api/projects/not-a-uuid').send({ version: 1 }).expect(404);
    const unknown = await admin.get('/api/projects/6f1b1c7e-8d5e-4e9a-9a57-2a1f6a7c0b11').expect(404);
    expect(unknown.body.code).toBe('not_found');
  });

  it('should answer a stale project version with 409 stale_version and the current version', async () => {
    const created = await post(validProject).expect(201);
    const stale = await admin.patch(`/api/projects/${created.body.id}`).send({ version: 99, name: 'Autre' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', entity: 'project', id: created.body.id, currentVersion: 1 });
  });

  it('should answer a missing route with 404 route_not_found', async () => {
    const response = await admin.get('/api/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'route_not_found' });
  });
});
