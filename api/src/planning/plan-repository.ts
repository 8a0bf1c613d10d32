import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  PLAN_WARNING_CODES,
  type LinkDto,
  type LotDto,
  type PhaseDto,
  type PlanIssueDto,
  type PlanSettingsDto,
  type RetroPlanningDto,
  type TaskDto,
} from '@jalon/domain';

export const DEFAULT_PLAN_SETTINGS = {
  mode: 'backward',
  projectStart: null,
  workingWeekdays: [1, 2, 3, 4, 5],
  publicHolidays: 'fr',
  extraHolidays: [],
  statusDate: null,
  version: 1,
} as const;

/**
 * The columns of a task as the API sends it (`TaskDto`), for `FROM plan_task`. The one copy of
 * the task SELECT: the plan read, `GET /api/me/tasks` and anything else that sends tasks use it.
 */
export const TASK_DTO_COLUMNS = `id, phase_id AS "phaseId", lot_id AS "lotId", name, duration, duration = 0 AS "isMilestone",
  key_milestone AS "keyMilestone", fixed_date AS "fixedDate", owner_name AS "ownerName",
  owner_user_id AS "ownerUserId", progress, actual_start AS "actualStart", actual_finish AS "actualFinish",
  notes, position, version, start_date AS start, finish_date AS finish, early_start AS "earlyStart",
  early_finish AS "earlyFinish", late_start AS "lateStart", late_finish AS "lateFinish",
  COALESCE(total_float, 0) AS "totalFloat", COALESCE(critical, false) AS critical`;

interface SettingsRow {
  targetGoLive: string;
  mode: PlanSettingsDto['mode'] | null;
  projectStart: string | null;
  workingWeekdays: number[] | null;
  publicHolidays: PlanSettingsDto['calendar']['publicHolidays'] | null;
  extraHolidays: string[] | null;
  statusDate: string | null;
  version: number | null;
  computedStart: string | null;
  computedFinish: string | null;
  warnings: PlanIssueDto[] | null;
  computedAt: Date | string | null;
}

/** The plan's SQL: every query that reads a whole plan, or positions in it, lives here. */
@Injectable()
export class PlanRepository {
  /** Reads the plan through `manager` (the transaction's one inside a write). */
  async readPlan(manager: EntityManager, projectId: string): Promise<RetroPlanningDto> {
    const settingsRows = (await manager.query(
      `SELECT p.target_go_live AS "targetGoLive", s.mode, s.project_start AS "projectStart",
              s.working_weekdays AS "workingWeekdays", s.public_holidays AS "publicHolidays",
              s.extra_holidays AS "extraHolidays", s.status_date AS "statusDate", s.version,
              s.computed_start AS "computedStart", s.computed_finish AS "computedFinish",
              s.warnings, s.computed_at AS "computedAt"
         FROM project p LEFT JOIN plan_settings s ON s.project_id = p.id WHERE p.id = $1`,
      [projectId],
    )) as SettingsRow[];
    const settings = settingsRows[0];
    if (!settings) throw new NotFoundException(`Project ${projectId} not found`);
    const queries = [
      () =>
        manager.query(
          `SELECT id, name, go_live AS "goLive", position, version FROM plan_lot WHERE project_id = $1 ORDER BY position, name`,
          [projectId],
        ) as Promise<LotDto[]>,
      () =>
        manager.query(`SELECT id, name, position, version FROM plan_phase WHERE project_id = $1 ORDER BY position, name`, [
          projectId,
        ]) as Promise<PhaseDto[]>,
      () =>
        manager.query(`SELECT ${TASK_DTO_COLUMNS} FROM plan_task WHERE project_id = $1 ORDER BY position, id`, [
          projectId,
        ]) as Promise<TaskDto[]>,
      () =>
        manager.query(
          `SELECT id, from_task_id AS "fromTaskId", to_task_id AS "toTaskId", type, lag, version
             FROM plan_link WHERE project_id = $1 ORDER BY created_at, id`,
          [projectId],
        ) as Promise<LinkDto[]>,
    ] as const;
    // In parallel on the pool, one after the other inside a transaction (one shared connection).
    const inTransaction = manager.queryRunner?.isTransactionActive ?? false;
    const [lots, phases, tasks, links] = inTransaction
      ? [await queries[0](), await queries[1](), await queries[2](), await queries[3]()]
      : await Promise.all([queries[0](), queries[1](), queries[2](), queries[3]()]);
    const mode = settings.mode ?? DEFAULT_PLAN_SETTINGS.mode;
    const warnings = settings.warnings ?? [];
    const late = mode === 'backward' ? afterGoLive(settings.targetGoLive, lots, tasks, links) : null;
    return {
      projectId,
      settings: {
        mode,
        targetGoLive: settings.targetGoLive,
        projectStart: settings.projectStart,
        calendar: {
          workingWeekdays: settings.workingWeekdays ?? [...DEFAULT_PLAN_SETTINGS.workingWeekdays],
          publicHolidays: settings.publicHolidays ?? DEFAULT_PLAN_SETTINGS.publicHolidays,
          extraHolidays: settings.extraHolidays ?? [],
        },
        statusDate: settings.statusDate,
        version: settings.version ?? DEFAULT_PLAN_SETTINGS.version,
      },
      lots,
      phases,
      tasks,
      links,
      projectStart: settings.computedStart,
      projectFinish: settings.computedFinish,
      warnings: late ? [...warnings, late] : warnings,
      computedAt: new Date(settings.computedAt ?? Date.now()).toISOString(),
    };
  }

  /** The next free position among the rows of `table` of the project (append at the end). */
  async nextPosition(manager: EntityManager, table: 'plan_task' | 'plan_lot' | 'plan_phase', projectId: string): Promise<number> {
    const rows = (await manager.query(`SELECT COALESCE(MAX(position) + 1, 0) AS next FROM ${table} WHERE project_id = $1`, [
      projectId,
    ])) as { next: number | string }[];
    return Number(rows[0]?.next ?? 0);
  }

  /** Makes room at `position` by moving every task at or after it one place down (not a user edit). */
  async shiftTaskPositions(manager: EntityManager, projectId: string, position: number): Promise<void> {
    await manager.query(`UPDATE plan_task SET position = position + 1 WHERE project_id = $1 AND position >= $2`, [
      projectId,
      position,
    ]);
  }
}

/**
 * Backward plans: the tasks that end after the go-live (their lot's own go-live when it has one)
 * although nothing pins them there. Work hanging after a milestone fixed on or after the go-live
 * (the incubation after « Mise en production ») is meant to come after it and is not reported.
 */
export function afterGoLive(
  targetGoLive: string,
  lots: Pick<LotDto, 'id' | 'goLive'>[],
  tasks: Pick<TaskDto, 'id' | 'name' | 'lotId' | 'fixedDate' | 'finish'>[],
  links: Pick<LinkDto, 'fromTaskId' | 'toTaskId'>[],
): PlanIssueDto | null {
  const goLiveOfLot = new Map(lots.map((lot) => [lot.id, lot.goLive]));
  const goLiveOf = (task: Pick<TaskDto, 'lotId'>): string => (task.lotId ? goLiveOfLot.get(task.lotId) : null) ?? targetGoLive;
  const successors = new Map<string, string[]>();
  for (const link of links) {
    const list = successors.get(link.fromTaskId);
    if (list) list.push(link.toTaskId);
    else successors.set(link.fromTaskId, [link.toTaskId]);
  }
  // Everything downstream of a milestone pinned on or after the go-live may end after it.
  const pinnedAfter = new Set<string>();
  const stack = tasks.filter((task) => task.fixedDate !== null && task.fixedDate >= goLiveOf(task)).map((task) => task.id);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (pinnedAfter.has(id)) continue;
    pinnedAfter.add(id);
    for (const next of successors.get(id) ?? []) stack.push(next);
  }
  const late = tasks.filter((task) => task.finish !== null && task.finish > goLiveOf(task) && !pinnedAfter.has(task.id));
  if (late.length === 0) return null;
  return {
    code: PLAN_WARNING_CODES.afterGoLive,
    message: `${late.map((task) => `« ${task.name} »`).join(', ')} end${late.length > 1 ? '' : 's'} after the go-live`,
    taskIds: late.map((task) => task.id),
  };
}
