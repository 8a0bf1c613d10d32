import type { EntityManager } from 'typeorm';
import { schedulePlan, WorkingCalendar, type PlanInput, type PlanIssue, type PlanResult } from '@jalon/planning';
import type { PlanIssueDto } from '@jalon/domain';
import { fieldError, planNotComputable } from './plan-errors';
import type { PlanSettingsEntity } from './entities/plan-settings.entity';

/** The id of the hidden milestone that holds a lot's go-live (see `buildPlanInput`). */
const LOT_GO_LIVE_PREFIX = 'lot-go-live:';

// In backward mode a first forward pass finds how far work pinned after the go-live reaches
// (incubation after a go-live milestone fixed on that date); it starts this far back so that
// nothing before the go-live is squeezed by it.
const FIRST_PASS_LEAD_YEARS = 10;

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

/**
 * Maps the stored plan to the engine's input.
 *
 * A lot's own go-live: every task of a lot that has one is linked (FS) to a hidden milestone
 * fixed on that date, so in backward mode the lot's work is planned to finish by it, and in
 * forward mode a lot that cannot make it gets negative float and a warning, as for any fixed
 * milestone. The hidden milestones never leave this function's caller.
 */
export function buildPlanInput(source: ScheduleSource): PlanInput {
  const tasks: PlanInput['tasks'][number][] = source.tasks.map((task) => ({
    id: task.id,
    duration: task.duration,
    actualStart: task.actualStart,
    actualFinish: task.actualFinish,
    fixedDate: task.fixedDate,
  }));
  const links: PlanInput['links'][number][] = source.links.map((link) => ({
    from: link.fromTaskId,
    to: link.toTaskId,
    type: link.type,
    lag: link.lag,
  }));
  const lotsWithGoLive = new Map(
    source.lots.filter((lot) => lot.goLive !== null).map((lot) => [lot.id, lot.goLive as string]),
  );
  const usedLots = new Set<string>();
  for (const task of source.tasks) {
    if (task.lotId !== null && lotsWithGoLive.has(task.lotId)) {
      usedLots.add(task.lotId);
      links.push({ from: task.id, to: LOT_GO_LIVE_PREFIX + task.lotId, type: 'FS', lag: 0 });
    }
  }
  for (const lotId of usedLots) {
    tasks.push({ id: LOT_GO_LIVE_PREFIX + lotId, duration: 0, fixedDate: lotsWithGoLive.get(lotId) ?? null });
  }
  const { settings } = source;
  const calendar = {
    workingWeekdays: settings.workingWeekdays,
    publicHolidays: settings.publicHolidays,
    extraHolidays: settings.extraHolidays,
  };
  if (settings.mode === 'forward') {
    if (settings.projectStart === null) {
      throw fieldError(400, 'projectStart', 'projectStart is required in forward mode');
    }
    return { mode: 'forward', anchor: settings.projectStart, calendar, tasks, links, statusDate: settings.statusDate ?? source.today };
  }
  return { mode: 'backward', anchor: source.targetGoLive, calendar, tasks, links, statusDate: settings.statusDate ?? source.today };
}

/**
 * Backward mode anchors the plan's finish on the go-live. Work that must come after the go-live
 * (incubation, hanging after a milestone fixed on the go-live) would then be squeezed before it;
 * instead the anchor becomes the end of that post-go-live work, found by a forward pass started
 * well before everything: tasks before the go-live still finish by it because they lead to the
 * fixed milestone, and tasks after it keep their true duration.
 */
function backwardAnchor(input: PlanInput): string {
  const pinnedAfterGoLive = (fixedDate: string | null | undefined): boolean =>
    typeof fixedDate === 'string' && fixedDate >= input.anchor;
  if (!input.tasks.some((task) => pinnedAfterGoLive(task.fixedDate))) return input.anchor;
  // Only milestones fixed on or after the go-live may push the finish: actuals and earlier fixed
  // dates are left out, otherwise a late plan would silently move its finish instead of showing
  // negative float.
  const year = Number(input.anchor.slice(0, 4)) - FIRST_PASS_LEAD_YEARS;
  const firstPass = schedulePlan({
    ...input,
    mode: 'forward',
    anchor: `${String(year).padStart(4, '0')}${input.anchor.slice(4, 7)}-01`,
    tasks: input.tasks.map((task) => ({
      id: task.id,
      duration: task.duration,
      fixedDate: pinnedAfterGoLive(task.fixedDate) ? task.fixedDate : null,
    })),
    statusDate: null,
  });
  if (firstPass.errors.length > 0 || firstPass.projectFinish === '') return input.anchor;
  return firstPass.projectFinish > input.anchor ? firstPass.projectFinish : input.anchor;
}

function describeIssue(
  issue: PlanIssue,
  names: ReadonlyMap<string, string>,
): PlanIssueDto {
  let message = issue.message;
  const taskIds: string[] = [];
  for (const id of issue.taskIds) {
    const name = names.get(id);
    if (name !== undefined) message = message.split(id).join(name);
    if (!id.startsWith(LOT_GO_LIVE_PREFIX)) taskIds.push(id);
  }
  return { code: issue.code, message, taskIds };
}

/**
 * Runs the engine on the stored plan. Throws a 422 naming the problem (a cycle with its tasks)
 * when the plan cannot be computed: the caller is inside the write transaction, which then
 * rolls back, so a change the engine refuses stores nothing.
 */
export function computeSchedule(source: ScheduleSource): ComputedSchedule {
  const input = buildPlanInput(source);
  const anchor = input.mode === 'backward' ? backwardAnchor(input) : input.anchor;
  const result = schedulePlan({ ...input, anchor });
  const names = new Map<string, string>(source.tasks.map((task) => [task.id, `« ${task.name} »`]));
  for (const lot of source.lots) names.set(LOT_GO_LIVE_PREFIX + lot.id, `go-live du lot « ${lot.name} »`);
  const firstError = result.errors[0];
  if (firstError) {
    throw planNotComputable(describeIssue(firstError, names));
  }
  let projectStart: string | null = null;
  let projectFinish: string | null = null;
  for (const task of source.tasks) {
    const dates = result.tasks[task.id];
    if (!dates) continue;
    if (projectStart === null || dates.start < projectStart) projectStart = dates.start;
    if (projectFinish === null || dates.finish > projectFinish) projectFinish = dates.finish;
  }
  return {
    result,
    projectStart,
    projectFinish,
    warnings: result.warnings.map((warning) => describeIssue(warning, names)),
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
