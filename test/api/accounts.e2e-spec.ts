import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../../api/src/accounts/accounts.service';
import { AuditTrail } from '../../api/src/audit/audit-trail.service';
import { RequestContext } from '../../api/src/common/request-context';
import { createUser, memberOf, newProject, signIn, signedInUser } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Sign-in and sessions', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JALON_LOGIN_MAX_ATTEMPTS: '3', JALON_LOGIN_WINDOW_SECONDS: '60' });
  });
  afterAll(() => testApp.close());

  const login = (body: object) => request(testApp.app.getHttpServer()).post('/api/auth/login').send(body);

  it('should give a wrong password and an unknown e-mail the same answer', async () => {
    const user = await createUser(testApp.app);
    const wrongPassword = await login({ email: user.email, password: 'not the password' });
    const unknownEmail = await login({ email: `nobody-${user.email}`, password: 'not the password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('should accept the e-mail in any case and never return the password', async () => {
    const user = await createUser(testApp.app);
    const response = await login({ email: user.email.toUpperCase(), password: user.password }).expect(200);
    expect(response.body.user.email).toBe(user.email);
    expect(JSON.stringify(response.body)).not.toMatch(/password|argon2/i);
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('jalon_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('should refuse more sign-in attempts than allowed for one e-mail, without blocking another', async () => {
    const target = await createUser(testApp.app);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push((await login({ email: target.email, password: 'guess' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Even the right password waits for the window to pass.
    expect((await login({ email: target.email, password: target.password })).status).toBe(429);
    const other = await createUser(testApp.app);
    expect((await login({ email: other.email, password: other.password })).status).toBe(200);
  });

  it('should end the session on logout', async () => {
    const agent = await signedInUser(testApp.app);
    await agent.get('/api/auth/me').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('should refuse a write without the CSRF header', async () => {
    const agent = await signedInUser(testApp.app);
    const user = agent.user;
    const raw = request.agent(testApp.app.getHttpServer());
    await raw.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const response = await raw.post('/api/auth/password').send({ currentPassword: user.password, newPassword: 'a new long password' });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/XSRF/);
  });

  it('should change the password, ending the other sessions but not this one', async () => {
    const user = await createUser(testApp.app);
    const here = await signIn(testApp.app, user);
    const elsewhere = await signIn(testApp.app, user);
    await here.post('/api/auth/password').send({ currentPassword: 'wrong', newPassword: 'a brand new password' }).expect(401);
    await here.post('/api/auth/password').send({ currentPassword: user.password, newPassword: 'short' }).expect(400);
    await here.post('/api/auth/password').send({ currentPassword: user.password, newPassword: 'a brand new password' }).expect(204);
    await here.get('/api/auth/me').expect(200);
    await elsewhere.get('/api/auth/me').expect(401);
    await signIn(testApp.app, { ...user, password: 'a brand new password' });
    expect(await testApp.app.get(AccountsService).verifyCredentials(user.email, user.password)).toBeNull();
  });

  it('should let an administrator create and deactivate a user, whose sessions then end', async () => {
    const admin = await signedInUser(testApp.app, { isAdmin: true });
    const created = await admin
      .post('/api/users')
      .send({ email: 'new.user@example.test', displayName: 'New User', password: 'long enough password' })
      .expect(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const newcomer = await signIn(testApp.app, { id: created.body.id, email: 'new.user@example.test', password: 'long enough password' });
    await admin.patch(`/api/users/${created.body.id}`).send({ version: created.body.version, isActive: false }).expect(200);
    await newcomer.get('/api/auth/me').expect(401);
    expect((await login({ email: 'new.user@example.test', password: 'long enough password' })).status).toBe(401);
    await admin.patch(`/api/users/${created.body.id}`).send({ version: created.body.version, isActive: true }).expect(409);
    await admin.post('/api/users').send({ email: 'NEW.user@example.test', displayName: 'Twin', password: 'long enough password' }).expect(409);
  });
});

describe('Sessions across API restarts and instances', () => {
  it('should accept one session on two instances sharing a database, and after a restart', async () => {
    const first = await startTestApp();
    const second = await startTestApp({}, { ...first.database, drop: async () => undefined });
    try {
      const user = await createUser(first.app);
      const login = await request(first.app.getHttpServer()).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
      const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
      await request(second.app.getHttpServer()).get('/api/auth/me').set('Cookie', cookies).expect(200);
      await first.app.close();
      const restarted = await startTestApp({}, { ...first.database, drop: async () => undefined });
      try {
        const me = await request(restarted.app.getHttpServer()).get('/api/auth/me').set('Cookie', cookies).expect(200);
        expect(me.body.user.email).toBe(user.email);
      } finally {
        await restarted.app.close();
      }
    } finally {
      await second.app.close();
      await first.database.drop();
    }
  });
});

describe('Project membership and the audit trail', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('should show members their projects only, with their role', async () => {
    const mine = await newProject(testApp.app, { name: 'Mon projet' });
    await newProject(testApp.app, { name: 'Projet d’un autre' });
    const viewer = await memberOf(testApp.app, mine.id, 'viewer');
    const list = await viewer.get('/api/projects').expect(200);
    expect(list.body.map((p: { name: string; myRole: string }) => [p.name, p.myRole])).toEqual([['Mon projet', 'viewer']]);
  });

  it('should let a project manager invite, change and remove members, keeping one manager', async () => {
    const project = await newProject(testApp.app);
    const manager = await memberOf(testApp.app, project.id, 'project_manager');
    const invitee = await createUser(testApp.app);
    const candidates = await manager.get(`/api/projects/${project.id}/members/candidates?q=${invitee.email.slice(0, 12)}`).expect(200);
    expect(candidates.body.map((c: { id: string }) => c.id)).toContain(invitee.id);
    // Members are never candidates; nobody lists the whole instance with a short or empty search.
    const notMembers = await manager.get(`/api/projects/${project.id}/members/candidates?q=${manager.user.email.slice(0, 12)}`).expect(200);
    expect(notMembers.body.map((c: { id: string }) => c.id)).not.toContain(manager.user.id);
    for (const short of ['', '?q=', '?q=ex', '?q=%20%20ab%20']) {
      const refused = await manager.get(`/api/projects/${project.id}/members/candidates${short}`).expect(400);
      expect(refused.body.fields).toEqual([{ field: 'q', messages: [expect.stringContaining('3')] }]);
    }
    await manager.get(`/api/projects/${project.id}/members/candidates?q=%25%25%25`).expect(200).expect((r) => expect(r.body).toEqual([]));
    await manager.put(`/api/projects/${project.id}/members/${invitee.id}`).send({ role: 'key_user' }).expect(204);
    await manager.put(`/api/projects/${project.id}/members/${invitee.id}`).send({ role: 'king' }).expect(400);
    const members = await manager.get(`/api/projects/${project.id}/members`).expect(200);
    expect(members.body.find((m: { userId: string }) => m.userId === invitee.id).role).toBe('key_user');
    await manager.delete(`/api/projects/${project.id}/members/${manager.user.id}`).expect(409);
    await manager.delete(`/api/projects/${project.id}/members/${invitee.id}`).expect(204);
    const invited = await signIn(testApp.app, invitee);
    await invited.get(`/api/projects/${project.id}`).expect(404);
  });

  it('should record who changed what, before and after, readable with filters', async () => {
    const project = await newProject(testApp.app);
    const manager = await memberOf(testApp.app, project.id, 'project_manager');
    await manager.patch(`/api/projects/${project.id}`).send({ version: project.version, weather: 'stormy', weatherComment: 'Retard réseau' }).expect(200);
    await manager.patch(`/api/projects/${project.id}`).send({ version: project.version, weather: 'sunny' }).expect(409);
    const audit = await manager.get(`/api/projects/${project.id}/audit?entity=project&action=update`).expect(200);
    expect(audit.body.events).toHaveLength(1);
    expect(audit.body.events[0]).toMatchObject({
      actorId: manager.user.id,
      actorEmail: manager.user.email,
      entity: 'project',
      entityId: project.id,
      action: 'update',
      changes: { weather: { before: 'sunny', after: 'stormy' }, weatherComment: { before: '', after: 'Retard réseau' } },
    });
    const viewer = await memberOf(testApp.app, project.id, 'viewer');
    await viewer.get(`/api/projects/${project.id}/audit`).expect(403);
  });

  it('should write the audit row in the change’s transaction: none when the change fails', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    const audit = testApp.app.get(AuditTrail);
    const project = await newProject(testApp.app);
    const failing = RequestContext.runAs(null, () =>
      dataSource.transaction(async (manager) => {
        await audit.record(manager, { projectId: project.id, entity: 'task', entityId: 'x', action: 'create', after: { name: 'A' } });
        throw new Error('the change itself failed');
      }),
    );
    await expect(failing).rejects.toThrow('the change itself failed');
    const rows: unknown[] = await dataSource.query(`SELECT 1 FROM audit_event WHERE project_id = $1 AND entity = 'task'`, [project.id]);
    expect(rows).toHaveLength(0);
  });

  it('should keep audit rows append-only, even for SQL run by the application', async () => {
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    await newProject(testApp.app);
    await expect(dataSource.query(`UPDATE audit_event SET entity = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });
});
