import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { ProjectRole } from '@jalon/domain';
import { AccountsService } from '../../api/src/accounts/accounts.service';
import { MembershipsService } from '../../api/src/accounts/memberships.service';
import { ProjectsService } from '../../api/src/projects/projects.service';
import type { ProjectDto } from '../../api/src/projects/dto/project.dto';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A signed-in browser, as far as the API can tell: it keeps the session cookie and sends the
 * CSRF header on every request, as the web app does.
 */
export interface ApiAgent {
  user: { id: string; email: string; password: string };
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

const XSRF_COOKIE = 'XSRF-TOKEN';
const XSRF_HEADER = 'X-XSRF-TOKEN';

let counter = 0;
export const uniqueEmail = (label = 'user'): string =>
  `${label}.${Date.now().toString(36)}.${++counter}.${randomBytes(2).toString('hex')}@example.test`;

/** Creates an active user directly through the accounts service. */
export async function createUser(
  app: INestApplication,
  options: { email?: string; password?: string; displayName?: string; isAdmin?: boolean } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const user = await app.get(AccountsService).createUser({
    email,
    password,
    displayName: options.displayName ?? email.split('@')[0]!,
    isAdmin: options.isAdmin ?? false,
  });
  return { id: user.id, email, password };
}

/** Signs in through POST /api/auth/login and returns an agent carrying the session. */
export async function signIn(
  app: INestApplication,
  user: { id: string; email: string; password: string },
): Promise<ApiAgent> {
  const agent = request.agent(app.getHttpServer());
  const response = await agent.post('/api/auth/login').send({ email: user.email, password: user.password });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  // The last XSRF cookie set wins, as in a browser.
  const xsrf = cookies.map((cookie) => cookie.split(";")[0]!).filter((pair) => pair.startsWith(`${XSRF_COOKIE}=`)).pop();
  const token = xsrf ? decodeURIComponent(xsrf.slice(XSRF_COOKIE.length + 1)) : '';
  const call = (method: Method) => (path: string) => agent[method](path).set(XSRF_HEADER, token);
  return { user, get: call('get'), post: call('post'), put: call('put'), patch: call('patch'), delete: call('delete') };
}

/** A new user, signed in. */
export async function signedInUser(app: INestApplication, options: { isAdmin?: boolean } = {}): Promise<ApiAgent> {
  return signIn(app, await createUser(app, options));
}

/** A new user with `role` on `projectId`, signed in; named `displayName` when the test prints names (PV, mails). */
export async function memberOf(app: INestApplication, projectId: string, role: ProjectRole, displayName?: string): Promise<ApiAgent> {
  const user = await createUser(app, { displayName });
  await app.get(MembershipsService).setRole(projectId, user.id, role);
  return signIn(app, user);
}

/** A project created directly through the service (no member yet). */
export async function newProject(
  app: INestApplication,
  overrides: Partial<{ name: string; targetGoLive: string }> = {},
): Promise<ProjectDto> {
  return app.get(ProjectsService).create({
    name: overrides.name ?? `Projet ${++counter}`,
    targetGoLive: overrides.targetGoLive ?? '2027-06-01',
  });
}
