import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PROJECT_ROLES, roleAllows, type ProjectRole } from '@jalon/domain';
import { ACCESS_RULE, type AccessRule } from '../../api/src/access/access.decorators';
import { PROJECT_NOT_FOUND } from '../../api/src/access/access.guard';
import { createUser, memberOf, newProject, signIn, type ApiAgent } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  name: string;
  rule: AccessRule | undefined;
}

type Caller = 'anonymous' | 'non-member' | 'admin' | ProjectRole;
const CALLERS: Caller[] = ['anonymous', 'non-member', 'admin', ...PROJECT_ROLES];

/** Every route the application serves, read from the controllers Nest registered. */
function listEndpoints(app: INestApplication): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as new (...args: never[]) => unknown;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const rule =
          (Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined) ??
          (Reflect.getMetadata(ACCESS_RULE, controller) as AccessRule | undefined);
        const full = `/api/${[base, path].map((part) => part.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;
        endpoints.push({
          method: RequestMethod[method].toLowerCase() as Endpoint['method'],
          path: full,
          name: `${controller.name}.${key}`,
          rule,
        });
      }
    }
  }
  return endpoints.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
}

type Expectation = 'allowed' | 401 | 403 | 404;
/** What a call gave: a server error is never "allowed", it fails the matrix. */
type Outcome = Expectation | 'server error';

/** What the permission table says `caller` gets from an endpoint with `rule`. */
function expected(rule: AccessRule, caller: Caller): Expectation {
  if (rule.kind === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (rule.kind === 'authenticated') return 'allowed';
  if (rule.kind === 'admin') return caller === 'admin' ? 'allowed' : 403;
  if (caller === 'non-member') return 404;
  if (caller === 'admin') return 'allowed';
  return roleAllows(caller, rule.permission) ? 'allowed' : 403;
}

function outcome(status: number, body: { message?: unknown }): Outcome {
  if (status >= 500) return 'server error';
  if (status === 401 || status === 403) return status;
  if (status === 404 && body?.message === PROJECT_NOT_FOUND) return 404;
  return 'allowed';
}

describe('Access to every endpoint, by role', () => {
  let testApp: TestApp;
  let endpoints: Endpoint[];
  let projectId: string;
  const agents = new Map<Caller, ApiAgent | null>();
  const passwords: string[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    endpoints = listEndpoints(testApp.app);
    projectId = (await newProject(testApp.app)).id;
    agents.set('anonymous', null);
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      let agent: ApiAgent;
      if (caller === 'non-member') agent = await signIn(testApp.app, await createUser(testApp.app));
      else if (caller === 'admin') agent = await signIn(testApp.app, await createUser(testApp.app, { isAdmin: true }));
      else agent = await memberOf(testApp.app, projectId, caller);
      passwords.push(agent.user.password);
      agents.set(caller, agent);
    }
  });
  afterAll(() => testApp.close());

  it('should find the application endpoints, each declaring exactly one access rule', () => {
    expect(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual(
      expect.arrayContaining([
        'post /api/auth/login',
        'get /api/projects/:projectId',
        'put /api/projects/:projectId/members/:userId',
        'get /api/projects/:projectId/audit',
        'patch /api/users/:userId',
      ]),
    );
    const withoutRule = endpoints.filter((endpoint) => !endpoint.rule).map((e) => `${e.method} ${e.path} (${e.name})`);
    expect(withoutRule).toEqual([]);
  });

  it.each(['admin', 'project_manager'] as const)('should answer %s the same 404 for a project that does not exist or an id that is not one', async (caller) => {
    const agent = agents.get(caller)!;
    for (const unknown of [randomUUID(), 'not-a-project-id']) {
      const response = await agent.get(`/api/projects/${unknown}/risks`);
      expect({ status: response.status, message: response.body?.message }).toEqual({ status: 404, message: PROJECT_NOT_FOUND });
    }
    // (Before the matrix, which signs callers out and deletes the project.) The same caller is let
    // into the real project: the 404 above is about the project, not the route.
    expect((await agent.get(`/api/projects/${projectId}/risks`)).status).toBe(200);
  });

  it.each(CALLERS)('should give %s exactly what the permission table says', async (caller) => {
    const mismatches: string[] = [];
    for (const endpoint of endpoints) {
      const path = endpoint.path
        .replace(':projectId', projectId)
        .replace(/:token/g, 'f'.repeat(64))
        .replace(/:[A-Za-z]+/g, () => randomUUID());
      const agent = agents.get(caller);
      const call = agent ? agent[endpoint.method](path) : request(testApp.app.getHttpServer())[endpoint.method](path);
      const response = ['post', 'put', 'patch'].includes(endpoint.method) ? await call.send({}) : await call;
      const want = expected(endpoint.rule!, caller);
      const got = outcome(response.status, response.body);
      if (got !== want) mismatches.push(`${endpoint.method.toUpperCase()} ${endpoint.path}: expected ${want}, got ${response.status}`);
      const text = response.text ?? '';
      if (/argon2|password_?hash/i.test(text) || passwords.some((password) => text.includes(password))) {
        mismatches.push(`${endpoint.method.toUpperCase()} ${endpoint.path} returned a password or its hash`);
      }
    }
    expect(mismatches).toEqual([]);
  });

});
