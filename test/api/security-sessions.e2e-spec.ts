import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createUser, signIn, signedInUser } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

const cookieOf = (response: request.Response, name: string): string | undefined =>
  ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => decodeURIComponent(pair.slice(name.length + 1)))
    .pop();

/** Sign-in limits, sessions, CSRF binding and what anonymous callers see (issue 10, items 6, 8, 9 and low). */
describe('Sessions and sign-in', () => {
  let testApp: TestApp;
  const http = () => request(testApp.app.getHttpServer());
  const login = (body: object, forwardedFor?: string) => {
    const call = http().post('/api/auth/login');
    if (forwardedFor) call.set('X-Forwarded-For', forwardedFor);
    return call.send(body);
  };

  beforeAll(async () => {
    testApp = await startTestApp({ JALON_LOGIN_MAX_ATTEMPTS: '3', JALON_LOGIN_WINDOW_SECONDS: '60', JALON_SESSION_MAX_HOURS: '2' });
  });
  afterAll(() => testApp.close());

  it('should not let a forged X-Forwarded-For escape the sign-in limit', async () => {
    const target = await createUser(testApp.app);
    const statuses: number[] = [];
    for (let guess = 0; guess < 6; guess++) {
      statuses.push((await login({ email: target.email, password: `guess-${guess}` }, `203.0.113.${guess + 1}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const refused = await login({ email: target.email, password: 'another guess' }, '198.51.100.7');
    expect(refused.body).toMatchObject({ code: 'too_many_requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('should count failures only, not successful sign-ins', async () => {
    const user = await createUser(testApp.app);
    for (let attempt = 0; attempt < 6; attempt++) {
      await login({ email: user.email, password: user.password }).expect(200);
    }
  });

  it('should throttle wrong current passwords on /auth/password', async () => {
    const agent = await signedInUser(testApp.app);
    const statuses: number[] = [];
    for (let guess = 0; guess < 5; guess++) {
      statuses.push((await agent.post('/api/auth/password').send({ currentPassword: `guess-${guess}`, newPassword: 'a long new password' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('should rotate the session and the calendar feed token on a password change', async () => {
    const user = await createUser(testApp.app);
    const signedIn = await login({ email: user.email, password: user.password }).expect(200);
    const oldSession = cookieOf(signedIn, 'jalon_session')!;
    const oldXsrf = cookieOf(signedIn, 'XSRF-TOKEN')!;
    const feedTokenBefore: Array<{ token: string }> = await testApp.app
      .get<DataSource>(getDataSourceToken())
      .query('SELECT ical_token AS token FROM app_user WHERE id = $1', [user.id]);
    const changed = await http()
      .post('/api/auth/password')
      .set('Cookie', `jalon_session=${oldSession}; XSRF-TOKEN=${oldXsrf}`)
      .set('X-XSRF-TOKEN', oldXsrf)
      .send({ currentPassword: user.password, newPassword: 'a rotated password' })
      .expect(204);
    const newSession = cookieOf(changed, 'jalon_session')!;
    const feedTokenNow: Array<{ token: string }> = await testApp.app
      .get<DataSource>(getDataSourceToken())
      .query('SELECT ical_token AS token FROM app_user WHERE id = $1', [user.id]);
    expect(feedTokenNow[0]!.token).not.toBe(feedTokenBefore[0]!.token);
    expect(newSession).toBeDefined();
    expect(newSession).not.toBe(oldSession);
    await http().get('/api/auth/me').set('Cookie', `jalon_session=${oldSession}`).expect(401);
    await http().get('/api/auth/me').set('Cookie', `jalon_session=${newSession}`).expect(200);
  });

  it("should bind the CSRF token to the session: another session's token is refused", async () => {
    const [alice, bob] = [await createUser(testApp.app), await createUser(testApp.app)];
    const aliceLogin = await login({ email: alice.email, password: alice.password }).expect(200);
    const bobLogin = await login({ email: bob.email, password: bob.password }).expect(200);
    const bobXsrf = cookieOf(bobLogin, 'XSRF-TOKEN')!;
    const aliceSession = cookieOf(aliceLogin, 'jalon_session')!;
    const forged = await http()
      .post('/api/auth/logout')
      .set('Cookie', `jalon_session=${aliceSession}; XSRF-TOKEN=${bobXsrf}`)
      .set('X-XSRF-TOKEN', bobXsrf);
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('csrf_invalid');
  });

  it('should end a session after its absolute lifetime, however active', async () => {
    const agent = await signedInUser(testApp.app);
    await agent.get('/api/auth/me').expect(200);
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    await dataSource.query(`UPDATE user_session SET created_at = now() - interval '3 hours', last_seen_at = now() WHERE user_id = $1`, [agent.user.id]);
    await agent.get('/api/auth/me').expect(401);
  });

  it('should let an administrator reset a password, audited, ending the sessions of the user', async () => {
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const user = await createUser(testApp.app);
    const session = await signIn(testApp.app, user);
    const plain = await signedInUser(testApp.app);
    await plain.post(`/api/users/${user.id}/password`).send({ newPassword: 'reset by someone' }).expect(403);
    await admin.post(`/api/users/${user.id}/password`).send({ newPassword: 'short' }).expect(400);
    await admin.post(`/api/users/${user.id}/password`).send({ newPassword: 'reset by the admin' }).expect(204);
    await session.get('/api/auth/me').expect(401);
    await login({ email: user.email, password: 'reset by the admin' }).expect(200);
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const audit: unknown[] = await dataSource.query(`SELECT 1 FROM audit_event WHERE entity = 'user' AND entity_id = $1 AND action = 'update'`, [user.id]);
    expect(audit.length).toBe(1);
  });

  it('should keep health minimal for anonymous callers and detailed for administrators', async () => {
    const anonymous = await http().get('/api/health').expect(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const detailed = await admin.get('/api/health').expect(200);
    expect(detailed.body).toMatchObject({ status: 'ok', database: { engine: 'postgres', reachable: true } });
  });

  it('should mark API answers Cache-Control: no-store', async () => {
    const agent = await signedInUser(testApp.app);
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const refused = await http().get('/api/auth/me').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('should not ask browsers to upgrade to HTTPS over plain HTTP, whatever the host name', async () => {
    const response = await http().get('/api/health').set('Host', 'jalon.intra:3000').expect(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('Sessions over HTTPS', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_PUBLIC_URL: 'https://jalon.example.com' });
  });
  afterAll(() => testApp.close());

  it('should ask browsers to upgrade to HTTPS when Jalon is served over HTTPS', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
    expect(String(response.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });
});

describe('Demo accounts', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    // A PostgreSQL start (DATABASE_URL set) with no JALON_DEMO: the demo is off by default.
    testApp = await startTestApp({ JALON_DEMO: '' });
  });
  afterAll(() => testApp.close());

  it('should publish no password when the demo is off, as by default with DATABASE_URL', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/auth/config').expect(200);
    expect(response.body).toEqual({ demo: false, demoAccounts: [] });
    expect(response.text).not.toContain('jalon-demo');
  });
});
