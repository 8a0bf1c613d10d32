import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { COMPACT_PLAN_MEDIA_TYPE, compactPlan, type LinkTypeCode, type ProjectRole, type ProjectSummary, type RetroPlanningDto, type SessionInfo, type TaskDto } from '@jalon/domain';
import { newLink, newPhase, newTask, scheduledPlan } from '@jalon/planning/testing';
import { demoBaseline } from './planning-fixtures';
import { BUILT_DIR } from './jalon-server';

/**
 * The planning API played inside the browser context, over the built web app: the page can be
 * exercised and photographed before (or without) the real API. Every change is recomputed with
 * `computePlanSchedule` of `@jalon/planning`, the function the API stores its dates with,
 * versions are checked like the API does, and a refusal can be forced.
 */
export const MOCK_ORIGIN = 'http://jalon.test';
const WEB_ROOT = resolve(BUILT_DIR, 'web/browser');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

export interface MockPlanningApi {
  plan: RetroPlanningDto;
  role: ProjectRole | null;
  /** The next mutating call answers this instead. */
  refuseNext: { status: number; body: unknown } | null;
  requests: Array<{ method: string; path: string; body: unknown }>;
  withBaseline: boolean;
}

export async function installMockPlanningApi(
  context: BrowserContext,
  project: ProjectSummary,
  plan: RetroPlanningDto,
  options: { role?: ProjectRole | null; withBaseline?: boolean; latencyMs?: number } = {},
): Promise<MockPlanningApi> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error(`${WEB_ROOT} is missing: build the web app first`);
  // Today in France, as the API takes it (todayInFrance), not the UTC date.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const state: MockPlanningApi = { plan, role: options.role ?? 'project_manager', refuseNext: null, requests: [], withBaseline: options.withBaseline ?? true };
  const baseline = () => demoBaseline(state.plan);
  const json = (route: Route, body: unknown, status = 200) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

  await context.route(`${MOCK_ORIGIN}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const path = url.pathname;
    if (!path.startsWith('/api/')) {
      const file = join(WEB_ROOT, path === '/' ? 'index.html' : path);
      const target = existsSync(file) && !file.endsWith('/') && extname(file) ? file : join(WEB_ROOT, 'index.html');
      return route.fulfill({ status: 200, contentType: TYPES[extname(target)] ?? 'application/octet-stream', body: readFileSync(target) });
    }
    const method = request.method();
    const body = request.postData() ? (JSON.parse(request.postData()!) as Record<string, unknown>) : null;
    state.requests.push({ method, path, body });
    if (options.latencyMs) await new Promise((wait) => setTimeout(wait, options.latencyMs));
    const summary = { ...project, myRole: state.role };
    if (path === '/api/projects') return json(route, [summary]);
    if (path === `/api/projects/${project.id}`) return json(route, summary);
    if (path === '/api/auth/me') {
      const session: SessionInfo = {
        user: { id: 'u1', email: 'pm@demo.jalon.fr', displayName: 'Demo', isAdmin: false },
        memberships: state.role ? [{ projectId: project.id, role: state.role }] : [],
      };
      return json(route, session);
    }
    const base = `/api/projects/${project.id}/plan`;
    if (!path.startsWith(base)) return json(route, { statusCode: 404, message: 'Not found' }, 404);
    const rest = path.slice(base.length);
    if (method === 'GET') {
      if (rest === '') {
        // The page may ask for the compact plan, as the API serves it.
        const compact = (request.headers()['accept'] ?? '').includes(COMPACT_PLAN_MEDIA_TYPE);
        return compact
          ? route.fulfill({ status: 200, contentType: COMPACT_PLAN_MEDIA_TYPE, body: JSON.stringify(compactPlan(state.plan)) })
          : json(route, state.plan);
      }
      if (rest === '/baselines') return json(route, state.withBaseline ? [baseline().summary] : []);
      if (rest.startsWith('/baselines/') && rest.endsWith('/comparison')) return json(route, baseline().comparison);
      if (rest === '/milestone-trend') return json(route, state.withBaseline ? baseline().trend : { baselines: [], milestones: [] });
      return json(route, { statusCode: 404, message: 'Not found' }, 404);
    }
    if (state.role !== 'project_manager') return json(route, { statusCode: 403, message: 'Forbidden' }, 403);
    if (state.refuseNext) {
      const refusal = state.refuseNext;
      state.refuseNext = null;
      return json(route, refusal.body, refusal.status);
    }
    try {
      const next = mutate(state.plan, method, rest, body ?? {}, url.searchParams);
      if ('status' in next) return json(route, next.body, next.status);
      // The dates the API would store: the same computePlanSchedule as the API.
      state.plan = scheduledPlan(next, today);
      return json(route, state.plan);
    } catch (error) {
      const issue = (error as { issue?: { code: string; message: string; taskIds: string[] } }).issue;
      if (issue?.code === 'cycle') return json(route, { statusCode: 422, message: issue.message, code: 'cycle', taskIds: issue.taskIds }, 422);
      return json(route, { statusCode: 400, message: (error as Error).message }, 400);
    }
  });
  return state;
}

let created = 0;

function mutate(
  plan: RetroPlanningDto,
  method: string,
  rest: string,
  body: Record<string, unknown>,
  query: URLSearchParams,
): RetroPlanningDto | { status: number; body: unknown } {
  const stale = (current: number) => ({ status: 409, body: { statusCode: 409, message: 'Stale version', currentVersion: current } });
  if (method === 'POST' && rest === '/bulk') {
    const tasks = (body['tasks'] as Array<Record<string, unknown>> | undefined) ?? [];
    const links = (body['links'] as Array<Record<string, unknown>> | undefined) ?? [];
    for (const change of tasks) {
      const task = plan.tasks.find((candidate) => candidate.id === change['id']);
      if (!task) return { status: 404, body: { statusCode: 404, message: 'Unknown task' } };
      if (task.version !== change['version']) return stale(task.version);
    }
    for (const change of links) {
      const link = plan.links.find((candidate) => candidate.id === change['id']);
      if (!link) return { status: 404, body: { statusCode: 404, message: 'Unknown link' } };
      if (link.version !== change['version']) return stale(link.version);
    }
    return {
      ...plan,
      tasks: plan.tasks.map((task) => {
        const change = tasks.find((candidate) => candidate['id'] === task.id);
        return change ? ({ ...task, ...change, version: task.version + 1 } as TaskDto) : task;
      }),
      links: plan.links.map((link) => {
        const change = links.find((candidate) => candidate['id'] === link.id);
        return change ? { ...link, ...change, version: link.version + 1 } : link;
      }),
    };
  }
  if (method === 'POST' && rest === '/tasks') {
    created++;
    const task = newTask({
      id: `f6000000-0000-4000-8000-${String(created).padStart(12, '0')}`,
      phaseId: (body['phaseId'] as string | null) ?? null,
      lotId: (body['lotId'] as string | null) ?? null,
      name: String(body['name']),
      duration: Number(body['duration']),
      keyMilestone: Boolean(body['keyMilestone']),
      position: Number(body['position'] ?? plan.tasks.length),
    });
    return { ...plan, tasks: [...plan.tasks, task] };
  }
  if (method === 'POST' && rest === '/links') {
    created++;
    const link = newLink(String(body['fromTaskId']), String(body['toTaskId']), {
      id: `f7000000-0000-4000-8000-${String(created).padStart(12, '0')}`,
      type: (body['type'] as LinkTypeCode | undefined) ?? 'FS',
      lag: Number(body['lag'] ?? 0),
    });
    return { ...plan, links: [...plan.links, link] };
  }
  const taskMatch = /^\/tasks\/([^/]+)$/.exec(rest);
  if (method === 'DELETE' && taskMatch) {
    const task = plan.tasks.find((candidate) => candidate.id === taskMatch[1]);
    if (!task) return { status: 404, body: { statusCode: 404, message: 'Unknown task' } };
    if (String(task.version) !== query.get('version')) return stale(task.version);
    return {
      ...plan,
      tasks: plan.tasks.filter((candidate) => candidate.id !== task.id),
      links: plan.links.filter((link) => link.fromTaskId !== task.id && link.toTaskId !== task.id),
    };
  }
  const linkMatch = /^\/links\/([^/]+)$/.exec(rest);
  if (method === 'DELETE' && linkMatch) {
    return { ...plan, links: plan.links.filter((link) => link.id !== linkMatch[1]) };
  }
  if (method === 'POST' && rest === '/phases') {
    created++;
    const phase = newPhase({ id: `f8000000-0000-4000-8000-${String(created).padStart(12, '0')}`, name: String(body['name']), position: plan.phases.length });
    return { ...plan, phases: [...plan.phases, phase] };
  }
  return { status: 404, body: { statusCode: 404, message: `No mock for ${method} ${rest}` } };
}
