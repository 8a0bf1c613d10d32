import { schedulePlan } from './schedule-plan';
import type {
  LinkType,
  PlanCalendar,
  PlanErrorCode,
  PlanInput,
  PlanIssue,
  PlanLinkInput,
  PlanMode,
  PlanResult,
  PlanTaskInput,
  PlanWarningCode,
  ScheduledTask,
} from './types';

/*
 * The one place where a stored plan (settings, lots, tasks, links, as the API reads them and as
 * it serves them to the web) becomes the engine's input. The API computes the dates it stores
 * with it, the web previews a drag with it and the test mocks serve plans computed with it, so
 * the three cannot drift apart (see libs/planning/README.md, "From a stored plan to the engine").
 */

/** What the engine needs of a stored plan. `RetroPlanningDto` of `@jalon/domain` is one. */
export interface SchedulablePlan {
  settings: {
    mode: PlanMode;
    /** The go-live ('YYYY-MM-DD'): the anchor of a backward plan. */
    targetGoLive: string;
    /** The anchor of a forward plan; required in forward mode. */
    projectStart: string | null;
    calendar?: PlanCalendar | null;
    /** 'YYYY-MM-DD'; without it, `today` is the status date. */
    statusDate: string | null;
  };
  lots: readonly SchedulableLot[];
  tasks: readonly SchedulableTask[];
  links: readonly SchedulableLink[];
}

export interface SchedulableLot {
  id: string;
  /** Names the lot's go-live in messages. */
  name?: string;
  /** The lot's own go-live, if it has one: its tasks must finish by it. */
  goLive: string | null;
}

export interface SchedulableTask {
  id: string;
  /** Names the task in messages instead of its id. */
  name?: string;
  duration: number;
  lotId: string | null;
  fixedDate: string | null;
  actualStart: string | null;
  actualFinish: string | null;
}

export interface SchedulableLink {
  fromTaskId: string;
  toTaskId: string;
  type: LinkType;
  lag: number;
}

/** The schedule of a stored plan: what the API stores and the web previews. */
export interface PlanSchedule {
  /** The engine's answer; `tasks` holds the plan's own tasks only. */
  result: PlanResult;
  /** The earliest start and latest finish of the plan's own tasks (`null` for no task or errors). */
  projectStart: string | null;
  projectFinish: string | null;
  /** The engine's issues with task names instead of ids; hidden tasks never appear in `taskIds`. */
  errors: PlanIssue<PlanErrorCode>[];
  warnings: PlanIssue<PlanWarningCode>[];
}

/** Id prefix of the hidden milestone that holds a lot's own go-live. */
export const LOT_GO_LIVE_ID_PREFIX = 'lot-go-live:';

/** Whether an id names a hidden lot go-live milestone added by `buildScheduleInput`. */
export function isLotGoLiveId(id: string): boolean {
  return id.startsWith(LOT_GO_LIVE_ID_PREFIX);
}

// In backward mode a first forward pass finds how far the work after the go-live reaches; it
// starts this far back so that the milestones fixed on the go-live hold it, not the anchor.
const FIRST_PASS_LEAD_YEARS = 10;

/**
 * The engine's input for a stored plan, on `today` ('YYYY-MM-DD', the status date when the
 * settings have none).
 *
 * - **A lot's own go-live**: every task of a lot that has one is linked (FS) to a hidden
 *   milestone fixed on that date (id `lot-go-live:<lotId>`), so the lot's work is planned to
 *   finish by it (backward) or gets negative float when it cannot (forward).
 * - **Work after the go-live** (backward mode): work hanging after a milestone fixed on or after
 *   the go-live (the incubation after « Mise en production ») keeps its full length after it: the
 *   anchor becomes the end of that work, found by a forward pass of the part of the plan those
 *   milestones lead to, where only they are pinned. Work before the go-live still finishes by
 *   it, since it leads to the fixed milestone.
 * - In forward mode the anchor is `settings.projectStart`; without one the engine answers an
 *   `invalid_date` error on the anchor (the API refuses such settings before).
 */
export function buildScheduleInput(plan: SchedulablePlan, today: string): PlanInput {
  const tasks: PlanTaskInput[] = plan.tasks.map((task) => ({
    id: task.id,
    duration: task.duration,
    actualStart: task.actualStart,
    actualFinish: task.actualFinish,
    fixedDate: task.fixedDate,
  }));
  const links: PlanLinkInput[] = plan.links.map((link) => ({
    from: link.fromTaskId,
    to: link.toTaskId,
    type: link.type,
    lag: link.lag,
  }));
  const lotGoLives = new Map<string, string>();
  for (const lot of plan.lots) if (lot.goLive !== null) lotGoLives.set(lot.id, lot.goLive);
  if (lotGoLives.size > 0) {
    const usedLots = new Set<string>();
    for (const task of plan.tasks) {
      if (task.lotId !== null && lotGoLives.has(task.lotId)) {
        usedLots.add(task.lotId);
        links.push({ from: task.id, to: LOT_GO_LIVE_ID_PREFIX + task.lotId, type: 'FS', lag: 0 });
      }
    }
    for (const lotId of usedLots) {
      tasks.push({ id: LOT_GO_LIVE_ID_PREFIX + lotId, duration: 0, fixedDate: lotGoLives.get(lotId) ?? null });
    }
  }
  const { settings } = plan;
  const input: PlanInput = {
    mode: settings.mode,
    anchor: settings.mode === 'forward' ? (settings.projectStart ?? '') : settings.targetGoLive,
    calendar: settings.calendar ?? null,
    tasks,
    links,
    statusDate: settings.statusDate ?? today,
  };
  return settings.mode === 'backward' ? { ...input, anchor: backwardAnchor(input) } : input;
}

/** See `buildScheduleInput`: the go-live, or the end of the work pinned after it. */
function backwardAnchor(input: PlanInput): string {
  const goLive = input.anchor;
  const pinnedAfterGoLive = (fixedDate: string | null | undefined): boolean =>
    typeof fixedDate === 'string' && fixedDate >= goLive;
  // The work that hangs after the go-live: what links lead to from milestones fixed on or after
  // it. Only that part of the plan goes through the first pass, so it costs next to nothing on a
  // large plan, and work before the go-live, however long, cannot push the finish.
  const reached = new Set<string>();
  for (const task of input.tasks) if (pinnedAfterGoLive(task.fixedDate)) reached.add(task.id);
  if (reached.size === 0) return goLive;
  const successors = new Map<string, string[]>();
  for (const link of input.links) {
    const list = successors.get(link.from);
    if (list === undefined) successors.set(link.from, [link.to]);
    else list.push(link.to);
  }
  const queue = [...reached];
  while (queue.length > 0) {
    for (const next of successors.get(queue.pop() as string) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  // Only milestones fixed on or after the go-live are pinned: actuals and earlier fixed dates are
  // left out, otherwise a late plan would silently move its finish instead of showing negative
  // float. Links from work before the go-live are left out too: that work ends by the go-live.
  const year = Number(goLive.slice(0, 4)) - FIRST_PASS_LEAD_YEARS;
  if (!(year >= 1)) return goLive;
  const firstPass = schedulePlan({
    ...input,
    mode: 'forward',
    anchor: `${String(year).padStart(4, '0')}${goLive.slice(4, 7)}-01`,
    tasks: input.tasks
      .filter((task) => reached.has(task.id))
      .map((task) => ({
        id: task.id,
        duration: task.duration,
        fixedDate: pinnedAfterGoLive(task.fixedDate) ? task.fixedDate : null,
      })),
    links: input.links.filter((link) => reached.has(link.from) && reached.has(link.to)),
    statusDate: null,
  });
  if (firstPass.errors.length > 0 || firstPass.projectFinish === '') return goLive;
  return firstPass.projectFinish > goLive ? firstPass.projectFinish : goLive;
}

/**
 * Schedules a stored plan: `buildScheduleInput`, the engine, then the answer in the plan's
 * terms (hidden lot go-lives removed from the tasks and from `taskIds`, ids replaced by names
 * in messages). Never throws; the API refuses a plan with `errors`, the web keeps its dates.
 */
export function computePlanSchedule(plan: SchedulablePlan, today: string): PlanSchedule {
  const result = schedulePlan(buildScheduleInput(plan, today));
  const names = new Map<string, string>();
  for (const task of plan.tasks) if (task.name !== undefined) names.set(task.id, `« ${task.name} »`);
  for (const lot of plan.lots) {
    names.set(LOT_GO_LIVE_ID_PREFIX + lot.id, lot.name === undefined ? 'go-live du lot' : `go-live du lot « ${lot.name} »`);
  }
  const errors = result.errors.map((issue) => describeIssue(issue, names));
  const warnings = result.warnings.map((issue) => describeIssue(issue, names));

  let tasks = result.tasks;
  if (Object.keys(tasks).length !== plan.tasks.length) {
    tasks = {};
    for (const task of plan.tasks) {
      const dates: ScheduledTask | undefined = result.tasks[task.id];
      if (dates !== undefined) Object.defineProperty(tasks, task.id, { value: dates, enumerable: true, configurable: true, writable: true });
    }
  }
  let projectStart: string | null = null;
  let projectFinish: string | null = null;
  for (const task of plan.tasks) {
    const dates = tasks[task.id];
    if (dates === undefined) continue;
    if (projectStart === null || dates.start < projectStart) projectStart = dates.start;
    if (projectFinish === null || dates.finish > projectFinish) projectFinish = dates.finish;
  }
  return {
    result: {
      ...result,
      tasks,
      projectStart: projectStart ?? result.projectStart,
      projectFinish: projectFinish ?? result.projectFinish,
      errors,
      warnings,
    },
    projectStart,
    projectFinish,
    errors,
    warnings,
  };
}

/** Above this many tasks, an issue's message is named in one ordered scan (see `describeIssue`). */
const MANY_TASKS = 20;

function describeIssue<Code extends PlanErrorCode | PlanWarningCode>(
  issue: PlanIssue<Code>,
  names: ReadonlyMap<string, string>,
): PlanIssue<Code> {
  const taskIds = issue.taskIds.filter((id) => !isLotGoLiveId(id));
  let message = issue.message;
  if (issue.taskIds.length <= MANY_TASKS) {
    // Every mention, wherever it is (a cycle names its first task twice).
    for (const id of issue.taskIds) {
      const name = names.get(id);
      if (name !== undefined) message = message.split(id).join(name);
    }
  } else {
    // A long list (« in_the_past » on a late plan names thousands of tasks): the ids appear in
    // order, so one scan replaces them, where replacing each everywhere would take quadratic time.
    let named = '';
    let cursor = 0;
    for (const id of issue.taskIds) {
      const name = names.get(id);
      if (name === undefined) continue;
      const at = message.indexOf(id, cursor);
      if (at < 0) continue;
      named += message.slice(cursor, at) + name;
      cursor = at + id.length;
    }
    message = named + message.slice(cursor);
  }
  return { code: issue.code, message, taskIds };
}
