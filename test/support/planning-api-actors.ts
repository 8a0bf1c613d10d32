import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RetroPlanningDto, TaskDto } from '@jalon/domain';
import { memberOf, newProject, type ApiAgent } from './actors';

/** The plan routes of one project, for one signed-in caller. */
export function planOf(agent: ApiAgent, projectId: string) {
  const base = `/api/projects/${projectId}/plan`;
  return {
    base,
    get: () => agent.get(base),
    post: (path: string, body: object) => agent.post(`${base}/${path}`).send(body),
    patch: (path: string, body: object) => agent.patch(`${base}/${path}`).send(body),
    delete: (path: string) => agent.delete(`${base}/${path}`),
    /** The plan as stored, failing the test when the GET does not answer 200. */
    read: async (): Promise<RetroPlanningDto> => {
      const response = await agent.get(base);
      if (response.status !== 200) throw new Error(`GET plan: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as RetroPlanningDto;
    },
  };
}

export const taskNamed = (plan: RetroPlanningDto, name: string): TaskDto => {
  const task = plan.tasks.find((candidate) => candidate.name === name);
  if (!task) throw new Error(`No task named ${name} in the plan`);
  return task;
};

/** What a refused change must leave untouched: the user data and the computed dates. */
export const storedState = (plan: RetroPlanningDto) => ({
  settings: plan.settings,
  lots: plan.lots,
  phases: plan.phases,
  tasks: plan.tasks,
  links: plan.links,
  projectStart: plan.projectStart,
  projectFinish: plan.projectFinish,
});

export async function auditRows(
  app: INestApplication,
  projectId: string,
): Promise<Array<{ entity: string; entityId: string; action: string; actorId: string | null; changes: Record<string, unknown> }>> {
  return app
    .get<DataSource>(getDataSourceToken())
    .query(
      `SELECT entity, entity_id AS "entityId", action, actor_id AS "actorId", changes FROM audit_event WHERE project_id = $1 ORDER BY id`,
      [projectId],
    );
}

/**
 * A project holding the worked example of libs/planning/README.md, retroplanned from Wednesday
 * 2027-05-19: A (6 days) → B (3 days) → M (key milestone), and its project manager.
 */
export async function workedExample(
  app: INestApplication,
  goLive = '2027-05-19',
): Promise<{ projectId: string; pm: ApiAgent; plan: RetroPlanningDto }> {
  const project = await newProject(app, { targetGoLive: goLive });
  const pm = await memberOf(app, project.id, 'project_manager');
  const api = planOf(pm, project.id);
  await expectStatus(api.post('tasks', { name: 'A', duration: 6 }), 201);
  await expectStatus(api.post('tasks', { name: 'B', duration: 3 }), 201);
  let plan = await expectStatus(api.post('tasks', { name: 'M', duration: 0, keyMilestone: true }), 201);
  const [a, b, m] = ['A', 'B', 'M'].map((name) => taskNamed(plan, name));
  await expectStatus(api.post('links', { fromTaskId: a!.id, toTaskId: b!.id }), 201);
  plan = await expectStatus(api.post('links', { fromTaskId: b!.id, toTaskId: m!.id, type: 'FS', lag: 0 }), 201);
  return { projectId: project.id, pm, plan };
}

async function expectStatus(call: PromiseLike<{ status: number; body: unknown }>, status: number): Promise<RetroPlanningDto> {
  const response = await call;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as RetroPlanningDto;
}
