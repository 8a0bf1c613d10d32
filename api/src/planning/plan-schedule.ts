import type { EntityManager } from 'typeorm';
import { computePlanSchedule, WorkingCalendar, type PlanResult, type SchedulablePlan } from '@jalon/planning';
import type { PlanIssueDto } from '@jalon/domain';
import { fieldError, planNotComputable } from './plan-errors';
import type { PlanSettingsEntity } from './entities/plan-settings.entity';

export interface ScheduleTaskRow {
  id: string;
  name: string;
  duration: number;
  lotId: string | null;
  fixedDate: string | null;
  actualStart: string | null;
  actualFinish: string | null;
}

export interface ScheduleLinkRow {
  fromTaskId: string;
  toTaskId: string;
  type: 'FS' | 'SS' | 'FF' | 'SF';
  lag: number;
}

export interface ScheduleLotRow {
  id: string;
  name: string;
  goLive: string | null;
}

export interface ScheduleSource {
  settings: Pick<
    PlanSettingsEntity,
    'mode' | 'projectStart' | 'workingWeekdays' | 'publicHolidays' | 'extraHolidays' | 'statusDate'
  >;
  targetGoLive: string;
  tasks: ScheduleTaskRow[];
  links: ScheduleLinkRow[];
  lots: ScheduleLotRow[];
  /** 'YYYY-MM-DD', used as the status date when the settings have none. */
  today: string;
}

export interface ComputedSchedule {
  result: PlanResult;
  projectStart: string | null;
  projectFinish: string | null;
  warnings: PlanIssueDto[];
}

export function calendarOf(settings: ScheduleSource['settings']): WorkingCalendar {
  return new WorkingCalendar({
    workingWeekdays: settings.workingWeekdays,
    publicHolidays: settings.publicHolidays,
    extraHolidays: settings.extraHolidays,
  });
}

/** The stored rows in the shape `@jalon/planning` schedules (the same shape the web previews). */
export function schedulablePlanOf(source: ScheduleSource): SchedulablePlan {
  const { settings } = source;
  return {
    settings: {
      mode: settings.mode,
      targetGoLive: source.targetGoLive,
      projectStart: settings.projectStart,
      calendar: {
        workingWeekdays: settings.workingWeekdays,
        publicHolidays: settings.publicHolidays,
        extraHolidays: settings.extraHolidays,
      },
      statusDate: settings.statusDate,
    },
    lots: source.lots,
    tasks: source.tasks,
    links: source.links,
  };
}

/**
 * Runs the engine on the stored plan through `computePlanSchedule` of `@jalon/planning`, the
 * function the web's preview uses too. Throws a 422 naming the problem (a cycle with its tasks)
 * when the plan cannot be computed: the caller is inside the write transaction, which then
 * rolls back, so a change the engine refuses stores nothing.
 */
export function computeSchedule(source: ScheduleSource): ComputedSchedule {
  if (source.settings.mode === 'forward' && source.settings.projectStart === null) {
    throw fieldError(400, 'projectStart', 'projectStart is required in forward mode');
  }
  const schedule = computePlanSchedule(schedulablePlanOf(source), source.today);
  const firstError = schedule.errors[0];
  if (firstError) throw planNotComputable(firstError);
  return {
    result: schedule.result,
    projectStart: schedule.projectStart,
    projectFinish: schedule.projectFinish,
    warnings: schedule.warnings,
  };
}

// Built once: constructing an Intl formatter costs far more than formatting with it.
const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** Today in France, where the projects run, as 'YYYY-MM-DD'. */
export function todayInFrance(now: Date = new Date()): string {
  return PARIS_DATE.format(now);
}

/**
 * Recomputes the schedule of a project and stores the dates on its task rows, inside the
 * caller's transaction. Only rows whose dates changed are written; versions are left alone
 * because computed dates are not user edits.
 */
export async function recomputeAndStore(
  manager: EntityManager,
  projectId: string,
  today: string,
): Promise<ComputedSchedule & { revision: string }> {
  // One after the other: inside a transaction they share one connection, which node-postgres
  // does not let two queries use at once.
  const settingsRows = (await manager.query(
    `SELECT mode, project_start AS "projectStart", working_weekdays AS "workingWeekdays",
            public_holidays AS "publicHolidays", extra_holidays AS "extraHolidays", status_date AS "statusDate"
       FROM plan_settings WHERE project_id = $1`,
    [projectId],
  )) as ScheduleSource['settings'][];
  const projectRows = (await manager.query(`SELECT target_go_live AS "targetGoLive" FROM project WHERE id = $1`, [
    projectId,
  ])) as { targetGoLive: string }[];
  const tasks = (await manager.query(
    `SELECT id, name, duration, lot_id AS "lotId", fixed_date AS "fixedDate", actual_start AS "actualStart",
            actual_finish AS "actualFinish", start_date AS start, finish_date AS finish, early_start AS "earlyStart",
            early_finish AS "earlyFinish", late_start AS "lateStart", late_finish AS "lateFinish",
            total_float AS "totalFloat", critical
       FROM plan_task WHERE project_id = $1 ORDER BY position, id`,
    [projectId],
  )) as (ScheduleTaskRow & StoredDates)[];
  const links = (await manager.query(
    `SELECT from_task_id AS "fromTaskId", to_task_id AS "toTaskId", type, lag FROM plan_link WHERE project_id = $1`,
    [projectId],
  )) as ScheduleLinkRow[];
  const lots = (await manager.query(`SELECT id, name, go_live AS "goLive" FROM plan_lot WHERE project_id = $1`, [
    projectId,
  ])) as ScheduleLotRow[];
  const settings = settingsRows[0];
  const project = projectRows[0];
  if (!settings || !project) throw new Error(`Plan settings of project ${projectId} are missing`);
  const computed = computeSchedule({ settings, targetGoLive: project.targetGoLive, tasks, links, lots, today });

  const changed: Array<StoredDates & { id: string }> = [];
  for (const task of tasks) {
    const dates = computed.result.tasks[task.id];
    if (!dates) continue;
    if (
      task.start !== dates.start ||
      task.finish !== dates.finish ||
      task.earlyStart !== dates.earlyStart ||
      task.earlyFinish !== dates.earlyFinish ||
      task.lateStart !== dates.lateStart ||
      task.lateFinish !== dates.lateFinish ||
      task.totalFloat !== dates.totalFloat ||
      task.critical !== dates.critical
    ) {
      changed.push({ id: task.id, ...dates });
    }
  }
  if (changed.length > 0) {
    // One statement for the whole plan; JSON rather than array parameters because PGlite and
    // node-postgres serialise arrays differently.
    await manager.query(
      `UPDATE plan_task t
          SET start_date = v.start, finish_date = v.finish, early_start = v."earlyStart",
              early_finish = v."earlyFinish", late_start = v."lateStart", late_finish = v."lateFinish",
              total_float = v."totalFloat", critical = v.critical
         FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, start date, finish date, "earlyStart" date,
              "earlyFinish" date, "lateStart" date, "lateFinish" date, "totalFloat" integer, critical boolean)
        WHERE t.id = v.id AND t.project_id = $1`,
      [projectId, JSON.stringify(changed)],
    );
  }
  const revisions = (await manager.query(
    `UPDATE plan_settings
        SET computed_start = $2, computed_finish = $3, warnings = $4::jsonb, computed_at = now(), revision = revision + 1
      WHERE project_id = $1
      RETURNING revision`,
    [projectId, computed.projectStart, computed.projectFinish, JSON.stringify(computed.warnings)],
  )) as [Array<{ revision: string }>, number] | Array<{ revision: string }>;
  return { ...computed, revision: revisionOf(revisions) };
}

/** TypeORM answers an UPDATE … RETURNING with [rows, count] on node-postgres and with rows on PGlite. */
function revisionOf(result: [Array<{ revision: string }>, number] | Array<{ revision: string }>): string {
  const first = result[0];
  const row = Array.isArray(first) ? first[0] : first;
  if (!row) throw new Error('The plan settings row vanished during the recompute');
  return String(row.revision);
}

interface StoredDates {
  start: string | null;
  finish: string | null;
  earlyStart: string | null;
  earlyFinish: string | null;
  lateStart: string | null;
  lateFinish: string | null;
  totalFloat: number | null;
  critical: boolean | null;
}
