import { FIRST_ISO_DAY, formatIsoDate, LAST_ISO_DAY } from './dates';
import { LINK_TYPES, type LinkGraph } from './link-graph';
import { isAbsent, readPlan, type DatedTask } from './read-plan';
import type {
  PlanErrorCode,
  PlanInput,
  PlanIssue,
  PlanResult,
  PlanTaskInput,
  PlanWarningCode,
  ScheduledTask,
} from './types';
import { plural } from './wording';
import { WorkingDayIndex } from './working-calendar';

/*
 * Everything below works in *instants*: the boundary before working day k is instant k.
 * A task starting on working day s with duration d spans instants s … s + d; a milestone is a
 * single instant m, shown as the date of working day m − 1 (it stands at the end of that day).
 * Dates are only converted to and from working-day numbers at the edges, so the two passes are
 * plain integer arithmetic over typed arrays.
 */

type PlanWarning = PlanIssue<PlanWarningCode>;

function failed(errors: PlanIssue<PlanErrorCode>[]): PlanResult {
  return { tasks: {}, projectStart: '', projectFinish: '', errors, warnings: [] };
}

/**
 * Schedules a plan as the scheduling contract (libs/planning/README.md) describes. Never throws:
 * a plan that cannot be computed comes back with `errors`, a computed plan that needs a human
 * with `warnings`.
 */
export function schedulePlan(input: PlanInput): PlanResult {
  const { plan, errors } = readPlan(input);
  if (plan === undefined) return failed(errors);
  const { forward, anchorDay, statusDay, tasks, ids, duration, dated, graph, order } = plan;
  const taskCount = tasks.length;

  // From here on the plan is valid; only an out-of-range result can still fail it.
  const workingDays = new WorkingDayIndex(
    plan.rules,
    anchorDay,
    plan.lowestDay - 400,
    plan.highestDay + 400,
  );
  const warnings: PlanWarning[] = [];
  const isFixed = new Uint8Array(taskCount);
  const fixedStart = new Float64Array(taskCount);
  for (const task of dated) {
    fixTask(task, ids[task.index] as string, duration, isFixed, fixedStart, workingDays, warnings);
  }

  // The project bounds in instants: `lowerBound` for starts, `upperBound` for finishes.
  const earlyStart = new Float64Array(taskCount);
  const lateStart = new Float64Array(taskCount);
  let lowerBound: number;
  let upperBound: number;
  if (forward) {
    lowerBound = workingDays.indexOnOrAfter(anchorDay);
    earlyPass(graph, order, lowerBound, duration, isFixed, fixedStart, earlyStart);
    upperBound = taskCount === 0 ? lowerBound : -Infinity;
    for (let v = 0; v < taskCount; v++) {
      const finish = (isFixed[v] === 1 ? fixedStart[v]! : earlyStart[v]!) + duration[v]!;
      if (finish > upperBound) upperBound = finish;
    }
    latePass(graph, order, upperBound, duration, isFixed, fixedStart, lateStart);
  } else {
    upperBound = workingDays.indexOnOrBefore(anchorDay) + 1;
    latePass(graph, order, upperBound, duration, isFixed, fixedStart, lateStart);
    lowerBound = taskCount === 0 ? upperBound - 1 : Infinity;
    for (let v = 0; v < taskCount; v++) {
      if (lateStart[v]! < lowerBound) lowerBound = lateStart[v]!;
    }
    earlyPass(graph, order, lowerBound, duration, isFixed, fixedStart, earlyStart);
  }

  // Working days to show, six per task: start, finish, early start/finish, late start/finish.
  // A pinned task (actual dates, fixed milestone) holds its dates in both passes, like a
  // "must start on" constraint or a completed task: its early and late dates are its own dates
  // and its float is 0. A contradiction shows as negative float on the free work that does not
  // fit between pinned dates (and as a constraint_conflict warning), never on a finished task.
  const shown = new Float64Array(taskCount * 6);
  const scheduledStart = new Float64Array(taskCount);
  const totalFloat = new Float64Array(taskCount);
  const projectStartInstant = forward ? lowerBound : Number.NaN;
  let lowestShown = forward ? lowerBound : upperBound - 1;
  let highestShown = lowestShown;
  let firstStart = Infinity;
  let lastFinish = -Infinity;
  for (let v = 0; v < taskCount; v++) {
    const d = duration[v]!;
    const fixed = isFixed[v] === 1;
    let reportedEarly = earlyStart[v]!;
    let reportedLate = lateStart[v]!;
    let scheduled: number;
    if (fixed) {
      scheduled = reportedEarly = reportedLate = fixedStart[v]!;
    } else {
      scheduled = forward ? reportedEarly : reportedLate;
    }
    scheduledStart[v] = scheduled;
    totalFloat[v] = reportedLate - reportedEarly;
    const base = v * 6;
    if (d > 0) {
      shown[base] = scheduled;
      shown[base + 1] = scheduled + d - 1;
      shown[base + 2] = reportedEarly;
      shown[base + 3] = reportedEarly + d - 1;
      shown[base + 4] = reportedLate;
      shown[base + 5] = reportedLate + d - 1;
    } else {
      // A milestone stands at the end of the previous working day, except one at the
      // project start of a forward plan, which shows the project start date.
      const at = (instant: number): number =>
        !fixed && instant === projectStartInstant ? instant : instant - 1;
      shown[base] = shown[base + 1] = at(scheduled);
      shown[base + 2] = shown[base + 3] = at(reportedEarly);
      shown[base + 4] = shown[base + 5] = at(reportedLate);
    }
    for (let k = base; k < base + 6; k++) {
      const day = shown[k]!;
      if (day < lowestShown) lowestShown = day;
      if (day > highestShown) highestShown = day;
    }
    if (shown[base]! < firstStart) firstStart = shown[base]!;
    if (shown[base + 1]! > lastFinish) lastFinish = shown[base + 1]!;
  }
  if (taskCount === 0) firstStart = lastFinish = lowestShown;

  if (
    !workingDays.ensureIndices(lowestShown, highestShown) ||
    workingDays.dayAt(lowestShown) < FIRST_ISO_DAY ||
    workingDays.dayAt(highestShown) > LAST_ISO_DAY
  ) {
    return failed([
      {
        code: 'out_of_range',
        message: 'the schedule reaches beyond the dates 0001-01-01 … 9999-12-31',
        taskIds: [],
      },
    ]);
  }

  const dateCache: (string | undefined)[] = new Array<string | undefined>(
    highestShown - lowestShown + 1,
  );
  const dateOf = (index: number): string => {
    const slot = index - lowestShown;
    let date = dateCache[slot];
    if (date === undefined) {
      date = formatIsoDate(workingDays.dayAt(index));
      dateCache[slot] = date;
    }
    return date;
  };

  const scheduledTasks: Record<string, ScheduledTask> = {};
  for (let v = 0; v < taskCount; v++) {
    const base = v * 6;
    const float = totalFloat[v]!;
    const scheduledTask: ScheduledTask = {
      start: dateOf(shown[base]!),
      finish: dateOf(shown[base + 1]!),
      earlyStart: dateOf(shown[base + 2]!),
      earlyFinish: dateOf(shown[base + 3]!),
      lateStart: dateOf(shown[base + 4]!),
      lateFinish: dateOf(shown[base + 5]!),
      totalFloat: float,
      critical: float <= 0,
    };
    const id = ids[v] as string;
    if (id === '__proto__') {
      Object.defineProperty(scheduledTasks, id, {
        value: scheduledTask,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    } else {
      scheduledTasks[id] = scheduledTask;
    }
  }

  addConflictWarnings(graph, ids, duration, isFixed, scheduledStart, forward, lowerBound, upperBound, warnings);
  if (statusDay !== undefined) {
    const firstWorkingDayFromStatus = workingDays.indexOnOrAfter(statusDay);
    const late: string[] = [];
    for (let v = 0; v < taskCount; v++) {
      const task = tasks[v] as PlanTaskInput;
      if (!isAbsent(task.actualStart) || !isAbsent(task.actualFinish)) continue;
      if (shown[v * 6]! < firstWorkingDayFromStatus) late.push(ids[v] as string);
    }
    if (late.length > 0) {
      warnings.push({
        code: 'in_the_past',
        message: `${plural(late.length, 'task')} should already have begun by ${input.statusDate as string} but ${late.length === 1 ? 'has' : 'have'} no actual start: ${late.join(', ')}`,
        taskIds: late,
      });
    }
  }

  return {
    tasks: scheduledTasks,
    projectStart: dateOf(firstStart),
    projectFinish: dateOf(lastFinish),
    errors: [],
    warnings,
  };
}

/**
 * Pins a task with actual dates, or a milestone with a fixed date, to instants, warning about
 * dates that fall on a day off.
 */
function fixTask(
  task: DatedTask,
  id: string,
  duration: Float64Array,
  isFixed: Uint8Array,
  fixedStart: Float64Array,
  workingDays: WorkingDayIndex,
  warnings: PlanWarning[],
): void {
  const { index, actualStart, actualFinish, fixedDate } = task;
  const moved = (field: string, day: number, towards: 'next' | 'previous'): void => {
    if (workingDays.isWorkingDay(day)) return;
    warnings.push({
      code: 'non_working_date',
      message: `${id}: ${field} ${formatIsoDate(day)} is not a working day; it counts as the ${towards} working day`,
      taskIds: [id],
    });
  };
  if (duration[index] === 0) {
    // A milestone is an instant: whichever date names it, it stands at the end of that day.
    let day: number;
    let field: string;
    if (actualFinish !== undefined) {
      day = actualFinish;
      field = 'actualFinish';
    } else if (actualStart !== undefined) {
      day = actualStart;
      field = 'actualStart';
    } else if (fixedDate !== undefined) {
      day = fixedDate;
      field = 'fixedDate';
    } else {
      return;
    }
    moved(field, day, 'previous');
    isFixed[index] = 1;
    fixedStart[index] = workingDays.indexOnOrBefore(day) + 1;
    return;
  }
  if (actualFinish !== undefined) {
    moved('actualFinish', actualFinish, 'previous');
    const finish = workingDays.indexOnOrBefore(actualFinish) + 1;
    let start = finish - duration[index]!;
    if (actualStart !== undefined) {
      moved('actualStart', actualStart, 'next');
      start = workingDays.indexOnOrAfter(actualStart);
      // A finished task lasted what its dates say.
      duration[index] = finish - start;
    }
    isFixed[index] = 1;
    fixedStart[index] = start;
  } else if (actualStart !== undefined) {
    moved('actualStart', actualStart, 'next');
    isFixed[index] = 1;
    fixedStart[index] = workingDays.indexOnOrAfter(actualStart);
  }
}

/**
 * Earliest starts meeting every link, none before `lowerBound`. Pinned tasks keep their own
 * dates for their successors (what `earlyStart` records for a pinned task itself is unused).
 */
function earlyPass(
  graph: LinkGraph,
  order: Int32Array,
  lowerBound: number,
  duration: Float64Array,
  isFixed: Uint8Array,
  fixedStart: Float64Array,
  earlyStart: Float64Array,
): void {
  const { head, target, kind, lag } = graph;
  earlyStart.fill(lowerBound);
  for (let k = 0; k < order.length; k++) {
    const v = order[k]!;
    const start = isFixed[v] === 1 ? fixedStart[v]! : earlyStart[v]!;
    const finish = start + duration[v]!;
    const end = head[v + 1]!;
    for (let e = head[v]!; e < end; e++) {
      const w = target[e]!;
      const linkKind = kind[e]!;
      const required =
        ((linkKind & 1) === 0 ? finish : start) + lag[e]! - ((linkKind & 2) === 0 ? 0 : duration[w]!);
      if (required > earlyStart[w]!) earlyStart[w] = required;
    }
  }
}

/**
 * Latest starts meeting every link, none finishing after `upperBound`. Pinned tasks keep their
 * own dates, which is what their predecessors see.
 */
function latePass(
  graph: LinkGraph,
  order: Int32Array,
  upperBound: number,
  duration: Float64Array,
  isFixed: Uint8Array,
  fixedStart: Float64Array,
  lateStart: Float64Array,
): void {
  const { head, target, kind, lag } = graph;
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    if (isFixed[v] === 1) {
      lateStart[v] = fixedStart[v]!;
      continue;
    }
    const d = duration[v]!;
    let allowed = upperBound;
    const end = head[v + 1]!;
    for (let e = head[v]!; e < end; e++) {
      const w = target[e]!;
      const linkKind = kind[e]!;
      const successorStart = lateStart[w]!;
      const limit =
        ((linkKind & 2) === 0 ? successorStart : successorStart + duration[w]!) -
        lag[e]! +
        ((linkKind & 1) === 0 ? 0 : d);
      if (limit < allowed) allowed = limit;
    }
    lateStart[v] = allowed - d;
  }
}

/**
 * Warns about every link the scheduled dates violate (only actual or fixed dates can cause
 * that), and about actual or fixed dates outside the project bounds set by the anchor.
 */
function addConflictWarnings(
  graph: LinkGraph,
  ids: readonly string[],
  duration: Float64Array,
  isFixed: Uint8Array,
  scheduledStart: Float64Array,
  forward: boolean,
  lowerBound: number,
  upperBound: number,
  warnings: PlanWarning[],
): void {
  const { taskCount, head, target, kind, lag, link } = graph;
  const broken: { edge: number; from: number; shortBy: number }[] = [];
  for (let v = 0; v < taskCount; v++) {
    const fromStart = scheduledStart[v]!;
    const fromFinish = fromStart + duration[v]!;
    const end = head[v + 1]!;
    for (let e = head[v]!; e < end; e++) {
      const w = target[e]!;
      const linkKind = kind[e]!;
      const required = ((linkKind & 1) === 0 ? fromFinish : fromStart) + lag[e]!;
      const toInstant = (linkKind & 2) === 0 ? scheduledStart[w]! : scheduledStart[w]! + duration[w]!;
      if (toInstant < required) broken.push({ edge: e, from: v, shortBy: required - toInstant });
    }
  }
  // In the order the links were given, not the order of the graph.
  broken.sort((x, y) => link[x.edge]! - link[y.edge]!);
  for (const { edge, from, shortBy } of broken) {
    const fromId = ids[from] as string;
    const toId = ids[target[edge]!] as string;
    const lagValue = lag[edge]!;
    const lagText = lagValue === 0 ? '' : ` ${lagValue > 0 ? '+' : '−'}${Math.abs(lagValue)}`;
    warnings.push({
      code: 'constraint_conflict',
      message: `${fromId} → ${toId} (${LINK_TYPES[kind[edge]!]}${lagText}) is broken by ${plural(shortBy, 'working day')}: actual or fixed dates keep it from holding`,
      taskIds: [fromId, toId],
    });
  }
  for (let v = 0; v < taskCount; v++) {
    if (isFixed[v] !== 1) continue;
    const start = scheduledStart[v]!;
    const finish = start + duration[v]!;
    if (forward && start < lowerBound) {
      warnings.push({
        code: 'constraint_conflict',
        message: `${ids[v]} starts ${plural(lowerBound - start, 'working day')} before the project start`,
        taskIds: [ids[v] as string],
      });
    } else if (!forward && finish > upperBound) {
      warnings.push({
        code: 'constraint_conflict',
        message: `${ids[v]} finishes ${plural(finish - upperBound, 'working day')} after the project finish`,
        taskIds: [ids[v] as string],
      });
    }
  }
}
