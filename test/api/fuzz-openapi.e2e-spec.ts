import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createUser, memberOf, newProject, signIn, type ApiAgent } from '../support/actors';
import { planOf } from '../support/planning-api-actors';
import { startPgliteTestApp, startTestApp, type TestApp } from '../support/test-app';

/**
 * Every write operation of the OpenAPI document, fed bad bodies and bad parameters as an
 * administrator (so requests get past the guard), on both engines. Fails on any 5xx, and on any
 * refused request that changed a table. A new module's write operations join by themselves.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<'post' | 'put' | 'patch' | 'delete', Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
/** Operations that would end the fuzzer's own session. */
const SKIPPED = new Set(['post /api/auth/logout']);
/** Requests per engine, at most: the run stays bounded in time. */
const MAX_REQUESTS = 400;

const deep = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
};

/** Values no field of the API may answer 5xx to. */
const BAD_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['int4 + 1', 2147483648],
  ['1e308', 1e308],
  ['negative', -2147483649],
  ['empty', ''],
  ['spaces', '   '],
  ['bidi', '\u202E\u202E'],
  ['object', { nested: true }],
  ['array', [1, 'two', null]],
  ['deep', deep(40)],
  ['boolean', true],
  ['long text', 'x'.repeat(20_000)],
  ['float', 1.5],
];

const BAD_PARAMETERS: Array<[string, string]> = [
  ['not a uuid', 'not-a-uuid'],
  ['NUL', 'ab%00cd'],
  ['huge', '99999999999999999999'],
  ['negative', '-1'],
  ['surrogate bytes', '%ED%A0%80'],
];

function resolveSchema(document: OpenApiDocument, schema: Schema | undefined, seen = 0): Schema {
  if (!schema || seen > 8) return {};
  if (schema.$ref) return resolveSchema(document, document.components?.schemas?.[schema.$ref.split('/').pop()!], seen + 1);
  if (schema.allOf) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf.map((item) => resolveSchema(document, item, seen + 1))) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return merged;
  }
  return schema;
}

/** A plausible value of a schema, so that one bad field at a time reaches deep validation. */
function plausible(document: OpenApiDocument, raw: Schema | undefined, depth = 0): unknown {
  const schema = resolveSchema(document, raw);
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date') return '2027-01-15';
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email') return `fuzz.${randomUUID().slice(0, 8)}@example.test`;
      return 'fuzz value 123';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : [plausible(document, schema.items, depth + 1)];
    case 'object':
    default: {
      if (!schema.properties || depth > 3) return {};
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = plausible(document, schema.properties[name], depth + 1);
      return value;
    }
  }
}

interface Probe {
  label: string;
  method: (typeof WRITE_METHODS)[number];
  path: string;
  body?: unknown;
  rawBody?: string;
}

function probesOf(document: OpenApiDocument, ids: (name: string) => string): Probe[] {
  const probes: Probe[] = [];
  let cycle = 0;
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = operations[method];
      if (!operation || SKIPPED.has(`${method} ${template}`)) continue;
      const pathParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      const queryParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      const realPath = template.replace(/\{(\w+)\}/g, (_match, name: string) => ids(name));
      const bodySchema = resolveSchema(document, operation.requestBody?.content?.['application/json']?.schema);
      const base = operation.requestBody ? plausible(document, bodySchema) : undefined;
      const label = `${method.toUpperCase()} ${template}`;

      // Whole-body problems.
      if (method !== 'delete') {
        probes.push({ label: `${label} malformed JSON`, method, path: realPath, rawBody: '{"name": "x",' });
        probes.push({ label: `${label} array body`, method, path: realPath, body: [base] });
        probes.push({ label: `${label} deep body`, method, path: realPath, body: deep(5000) });
        probes.push({ label: `${label} __proto__`, method, path: realPath, rawBody: JSON.stringify(base ?? {}).replace(/^\{/, '{"__proto__":{"isAdmin":true},').replace(',}', '}') });
      }
      // One bad field at a time, cycling through the bad values.
      const properties = Object.keys(bodySchema.properties ?? {});
      for (const property of properties) {
        for (let variant = 0; variant < 3; variant++) {
          const [name, value] = BAD_VALUES[cycle++ % BAD_VALUES.length]!;
          const body = { ...((base as Record<string, unknown>) ?? {}), [property]: value };
          probes.push({ label: `${label} ${property}=${name}`, method, path: realPath, body });
        }
      }
      // Bad path and query parameters, with a plausible body.
      for (const parameter of pathParameters) {
        const [name, value] = BAD_PARAMETERS[cycle++ % BAD_PARAMETERS.length]!;
        const path = template.replace(/\{(\w+)\}/g, (_match, other: string) => (other === parameter.name ? value : ids(other)));
        probes.push({ label: `${label} :${parameter.name}=${name}`, method, path, body: base });
      }
      for (const parameter of queryParameters) {
        for (let variant = 0; variant < 2; variant++) {
          const [name, value] = BAD_PARAMETERS[cycle++ % BAD_PARAMETERS.length]!;
          probes.push({ label: `${label} ?${parameter.name}=${name}`, method, path: `${realPath}?${parameter.name}=${value}`, body: base });
        }
      }
    }
  }
  return probes;
}

/** Every table's rows, except sessions (touched by reading) and background jobs' bookkeeping. */
async function dumpTables(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const dump: Record<string, string> = {};
  for (const { name } of tables) {
    if (/session|job|lock|migrations/.test(name)) continue;
    const rows: unknown[] = await dataSource.query(`SELECT * FROM "${name}"`);
    dump[name] = rows.map((row) => JSON.stringify(row)).sort().join('\n');
  }
  return dump;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]);
}

async function fuzz(testApp: TestApp): Promise<{ sent: number; failures: string[] }> {
  const app = testApp.app;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const admin: ApiAgent = await signIn(app, await createUser(app, { isAdmin: true }));
  const project = await newProject(app, { targetGoLive: '2027-06-01' });
  const manager = await memberOf(app, project.id, 'project_manager');
  const plan = planOf(manager, project.id);
  await plan.post('tasks', { name: 'Fuzz A', duration: 3 });
  await plan.post('tasks', { name: 'Fuzz B', duration: 2 });
  const current = (await plan.get()).body as { tasks?: Array<{ id: string }>; links?: Array<{ id: string }> };
  const taskIds = (current.tasks ?? []).map((task) => task.id);
  const ids = (name: string): string => {
    if (name === 'projectId') return project.id;
    if (name === 'taskId') return taskIds[0] ?? randomUUID();
    if (name === 'userId') return manager.user.id;
    if (name === 'token') return 'f'.repeat(64);
    return randomUUID();
  };
  const document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body as OpenApiDocument;
  const probes = probesOf(document, ids);
  expect(probes.length).toBeGreaterThan(50);
  const selected = probes.length > MAX_REQUESTS ? probes.filter((_probe, index) => index % Math.ceil(probes.length / MAX_REQUESTS) === 0) : probes;

  const failures: string[] = [];
  let baseline = await dumpTables(dataSource);
  for (const probe of selected) {
    const call = admin[probe.method](probe.path);
    const response = probe.rawBody !== undefined
      ? await call.set('content-type', 'application/json').send(probe.rawBody)
      : probe.body === undefined ? await call : await call.send(probe.body as object);
    if (response.status >= 500) {
      failures.push(`${probe.label}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
      baseline = await dumpTables(dataSource);
      continue;
    }
    if (response.status >= 400 && typeof response.body?.code !== 'string') {
      failures.push(`${probe.label}: ${response.status} without a code`);
    }
    const after = await dumpTables(dataSource);
    if (response.status >= 400) {
      const changed = changedTables(baseline, after);
      if (changed.length > 0) failures.push(`${probe.label}: refused with ${response.status} but changed ${changed.join(', ')}`);
    }
    baseline = after;
  }
  return { sent: selected.length, failures };
}

describe.each([
  { engine: 'PostgreSQL', start: () => startTestApp() },
  { engine: 'PGlite', start: () => startPgliteTestApp() },
])('Fuzzing every write operation of the OpenAPI document on $engine', ({ start }) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await start();
  });
  afterAll(() => testApp.close());

  it('should answer every bad request with a 4xx that has a code, and change nothing when refusing', async () => {
    const { sent, failures } = await fuzz(testApp);
    expect(sent).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});
