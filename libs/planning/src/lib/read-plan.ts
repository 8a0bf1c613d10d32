import { parseIsoDate } from './dates';
import { buildGraph, findCycles, LINK_TYPES, topologicalOrder, type LinkGraph } from './link-graph';
import type { PlanErrorCode, PlanInput, PlanIssue, PlanLinkInput, PlanTaskInput } from './types';
import { describe, plural } from './wording';
import { readCalendar, type CalendarRules } from './working-calendar';

/**
 * Larger durations or lags cannot fit between 0001-01-01 and 9999-12-31 anyway; the bound keeps
 * sums along long chains exact in float64.
 */
const MAX_WORKING_DAYS = 5_000_000;

type PlanError = PlanIssue<PlanErrorCode>;

function linkName(from: unknown, to: unknown): string {
  return `link ${describe(from)} → ${describe(to)}`;
}

/** Optional inputs arrive as `undefined` or, from databases and JSON, as `null`. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** A task's dates as given, before the calendar turns them into instants. */
export interface DatedTask {
  index: number;
  actualStart: number | undefined;
  actualFinish: number | undefined;
  fixedDate: number | undefined;
}

/** A plan that passed validation, as numbers: tasks are numbered in input order. */
export interface ValidPlan {
  forward: boolean;
  anchorDay: number;
  statusDay: number | undefined;
  rules: CalendarRules;
  tasks: readonly PlanTaskInput[];
  ids: string[];
  /** Working days; a finished task's may still change to what its actual dates say. */
  duration: Float64Array;
  /** The tasks with actual or fixed dates. */
  dated: DatedTask[];
  /** The span of the dates given, to size the calendar. */
  lowestDay: number;
  highestDay: number;
  graph: LinkGraph;
  order: Int32Array;
}

/**
 * Validates a plan and reads it into typed arrays. Every problem is reported, not only the
 * first, so that one answer tells the user everything to fix.
 */
export function readPlan(input: PlanInput): { plan: ValidPlan; errors: [] } | { plan: undefined; errors: PlanError[] } {
  const errors: PlanError[] = [];
  const error = (code: PlanErrorCode, message: string, taskIds: string[] = []): void => {
    errors.push({ code, message, taskIds });
  };
  if (input === null || typeof input !== 'object') {
    return { plan: undefined, errors: [{ code: 'invalid_input', message: 'the plan must be an object', taskIds: [] }] };
  }

  const mode = input.mode;
  if (mode !== 'backward' && mode !== 'forward') {
    error('invalid_input', `mode must be 'backward' or 'forward', got ${describe(mode)}`);
  }
  const anchorDay = parseIsoDate(input.anchor);
  if (anchorDay === undefined) {
    error('invalid_date', `anchor must be a 'YYYY-MM-DD' date, got ${describe(input.anchor)}`);
  }
  const calendar = readCalendar(input.calendar);
  errors.push(...calendar.issues);
  let statusDay: number | undefined;
  if (!isAbsent(input.statusDate)) {
    statusDay = parseIsoDate(input.statusDate);
    if (statusDay === undefined) {
      error('invalid_date', `statusDate must be a 'YYYY-MM-DD' date, got ${describe(input.statusDate)}`);
    }
  }
  let tasks: readonly PlanTaskInput[] = [];
  if (Array.isArray(input.tasks)) tasks = input.tasks;
  else error('invalid_input', 'tasks must be an array');
  let links: readonly PlanLinkInput[] = [];
  if (Array.isArray(input.links)) links = input.links;
  else error('invalid_input', 'links must be an array');

  const taskCount = tasks.length;
  const ids: string[] = new Array<string>(taskCount);
  const indexById = new Map<string, number>();
  const duration = new Float64Array(taskCount);
  const dated: DatedTask[] = [];
  let lowestDay = anchorDay ?? 0;
  let highestDay = anchorDay ?? 0;
  const readDate = (value: unknown, field: string, id: string): number | undefined => {
    if (isAbsent(value)) return undefined;
    const day = parseIsoDate(value);
    if (day === undefined) {
      error('invalid_date', `${id}: ${field} must be a 'YYYY-MM-DD' date, got ${describe(value)}`, [id]);
    } else {
      if (day < lowestDay) lowestDay = day;
      if (day > highestDay) highestDay = day;
    }
    return day;
  };
  for (let i = 0; i < taskCount; i++) {
    const task = tasks[i] as PlanTaskInput | null | undefined;
    if (task === null || typeof task !== 'object') {
      error('invalid_input', `task #${i + 1} must be an object, got ${describe(task)}`);
      ids[i] = '';
      continue;
    }
    const id = task.id;
    if (typeof id !== 'string' || id === '') {
      error('invalid_input', `task #${i + 1} needs a non-empty string id, got ${describe(id)}`);
      ids[i] = '';
      continue;
    }
    ids[i] = id;
    // One hash operation per task instead of has-then-set: this loop is on the hot path.
    const knownTasks = indexById.size;
    if (indexById.set(id, i).size === knownTasks) {
      error('duplicate_task', `task id ${JSON.stringify(id)} is used by more than one task`, [id]);
    }
    const days = task.duration;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
      error(
        'invalid_duration',
        `${id}: duration must be a whole number of working days (0 for a milestone), got ${describe(days)}`,
        [id],
      );
    } else {
      duration[i] = days;
    }
    if (isAbsent(task.actualStart) && isAbsent(task.actualFinish) && isAbsent(task.fixedDate)) {
      continue;
    }
    const actualStart = readDate(task.actualStart, 'actualStart', id);
    const actualFinish = readDate(task.actualFinish, 'actualFinish', id);
    const fixedDate = readDate(task.fixedDate, 'fixedDate', id);
    if (!isAbsent(task.fixedDate) && typeof days === 'number' && days > 0) {
      error(
        'invalid_fixed_date',
        `${id}: only a milestone (duration 0) can have a fixedDate; this task lasts ${plural(days, 'working day')}`,
        [id],
      );
    }
    if (actualStart !== undefined && actualFinish !== undefined && actualFinish < actualStart) {
      error(
        'invalid_date',
        `${id}: actualFinish ${String(task.actualFinish)} is before actualStart ${String(task.actualStart)}`,
        [id],
      );
    }
    dated.push({ index: i, actualStart, actualFinish, fixedDate });
  }

  const linkCount = links.length;
  const linkFrom = new Int32Array(linkCount).fill(-1);
  const linkTo = new Int32Array(linkCount);
  const linkKind = new Uint8Array(linkCount);
  const linkLag = new Float64Array(linkCount);
  for (let j = 0; j < linkCount; j++) {
    const link = links[j] as PlanLinkInput | null | undefined;
    if (link === null || typeof link !== 'object') {
      error('invalid_link', `link #${j + 1} must be an object, got ${describe(link)}`);
      continue;
    }
    const { from, to } = link;
    const fromIndex = indexById.get(from);
    const toIndex = indexById.get(to);
    if (fromIndex === undefined || toIndex === undefined) {
      const unknown = [from, to].filter((id) => !indexById.has(id)).map((id) => String(id));
      error(
        'unknown_task',
        `${linkName(from, to)} names ${unknown.length === 1 ? 'an unknown task' : 'unknown tasks'}: ${unknown.map((id) => JSON.stringify(id)).join(', ')}`,
        [...new Set(unknown)],
      );
      continue;
    }
    let kind = 0; // FS
    const type = link.type;
    if (!isAbsent(type)) {
      kind = LINK_TYPES.indexOf(type);
      if (kind < 0) {
        error('invalid_link', `${linkName(from, to)}: type must be FS, SS, FF or SF, got ${describe(type)}`, [from, to]);
        continue;
      }
    }
    let lag = 0;
    if (!isAbsent(link.lag)) {
      lag = link.lag;
      if (typeof lag !== 'number' || !Number.isInteger(lag) || Math.abs(lag) > MAX_WORKING_DAYS) {
        error('invalid_link', `${linkName(from, to)}: lag must be a whole number of working days, got ${describe(lag)}`, [from, to]);
        continue;
      }
    }
    linkFrom[j] = fromIndex;
    linkTo[j] = toIndex;
    linkKind[j] = kind;
    linkLag[j] = lag;
  }

  // The graph is analysed even when other errors exist, so that one answer lists them all.
  const graph = buildGraph(taskCount, linkFrom, linkTo, linkKind, linkLag);
  const order = topologicalOrder(graph);
  if (order.length < taskCount) {
    for (const cycle of findCycles(graph, order)) {
      const names = cycle.map((index) => ids[index] as string);
      error('cycle', `dependency cycle: ${[...names, names[0]].join(' → ')}`, names);
    }
  }

  if (errors.length > 0 || anchorDay === undefined) return { plan: undefined, errors };
  return {
    plan: {
      forward: mode === 'forward',
      anchorDay,
      statusDay,
      rules: calendar.rules,
      tasks,
      ids,
      duration,
      dated,
      lowestDay,
      highestDay,
      graph,
      order,
    },
    errors: [],
  };
}
