/**
 * The retroplanning as the API serves it and the web edits it. Dates are 'YYYY-MM-DD' calendar
 * days; durations, lags, float and slippage are whole working days.
 */
export const SCHEDULING_MODES = ['backward', 'forward'] as const;
export type SchedulingMode = (typeof SCHEDULING_MODES)[number];

export const LINK_TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
export type LinkTypeCode = (typeof LINK_TYPES)[number];

export const PUBLIC_HOLIDAY_SETS = ['fr', 'none'] as const;
export type PublicHolidaySet = (typeof PUBLIC_HOLIDAY_SETS)[number];

export interface PlanCalendarDto {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingWeekdays: number[];
  publicHolidays: PublicHolidaySet;
  extraHolidays: string[];
}

export interface PlanSettingsDto {
  mode: SchedulingMode;
  /** The go-live (backward mode): the project's target go-live. */
  targetGoLive: string;
  /** The project start (forward mode); null in backward mode unless set. */
  projectStart: string | null;
  calendar: PlanCalendarDto;
  /** Null means "today" at each computation. */
  statusDate: string | null;
  /** Version of the plan settings, for optimistic concurrency. */
  version: number;
}

export interface LotDto {
  id: string;
  name: string;
  /** The lot's own go-live, when it differs from the project's. */
  goLive: string | null;
  position: number;
  version: number;
}

export interface PhaseDto {
  id: string;
  name: string;
  position: number;
  version: number;
}

export interface ComputedDatesDto {
  start: string;
  finish: string;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  totalFloat: number;
  critical: boolean;
}

export interface TaskDto extends ComputedDatesDto {
  id: string;
  phaseId: string | null;
  lotId: string | null;
  name: string;
  /** 0 for a milestone (jalon). */
  duration: number;
  isMilestone: boolean;
  /** Key milestones are reviewed by the COPIL and tracked in the milestone trend. */
  keyMilestone: boolean;
  /** Milestones only: a date that cannot move (e.g. a COPIL). */
  fixedDate: string | null;
  ownerName: string;
  ownerUserId: string | null;
  /** 0–100. */
  progress: number;
  actualStart: string | null;
  actualFinish: string | null;
  notes: string;
  position: number;
  version: number;
}

export interface LinkDto {
  id: string;
  fromTaskId: string;
  toTaskId: string;
  type: LinkTypeCode;
  lag: number;
  version: number;
}

export interface PlanIssueDto {
  code: string;
  message: string;
  taskIds: string[];
}

export interface RetroPlanningDto {
  projectId: string;
  settings: PlanSettingsDto;
  lots: LotDto[];
  phases: PhaseDto[];
  tasks: TaskDto[];
  links: LinkDto[];
  projectStart: string | null;
  projectFinish: string | null;
  warnings: PlanIssueDto[];
  /** When the stored dates were last computed (ISO date-time). */
  computedAt: string;
}

export interface BaselineSummaryDto {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string | null;
  taskCount: number;
}

/** One task or milestone compared between two states of the plan. */
export interface SlippageDto {
  taskId: string;
  name: string;
  isMilestone: boolean;
  keyMilestone: boolean;
  /** Null when the task did not exist on that side. */
  referenceStart: string | null;
  referenceFinish: string | null;
  currentStart: string | null;
  currentFinish: string | null;
  /** Finish slippage in working days, current minus reference; positive = late. */
  finishSlippage: number | null;
  startSlippage: number | null;
}

export interface BaselineComparisonDto {
  reference: { kind: 'baseline'; id: string; name: string };
  current: { kind: 'plan' } | { kind: 'baseline'; id: string; name: string };
  rows: SlippageDto[];
}

/** Milestone trend analysis: per key milestone, its forecast date at each baseline. */
export interface MilestoneTrendDto {
  baselines: Array<{ id: string; name: string; createdAt: string }>;
  milestones: Array<{
    taskId: string;
    name: string;
    /** One entry per baseline, in the same order; null when the milestone did not exist then. */
    forecasts: Array<string | null>;
    current: string | null;
  }>;
}

// ------------------------------------------------------------------------- requests (the contract)
// The API's DTO classes `implements` these; the web sends them. Every edit answers with the whole
// recomputed `RetroPlanningDto`.

/** The fields a user edits on a task, listed once: requests, audit snapshots and the web use this list. */
export const EDITABLE_TASK_FIELDS = [
  'name',
  'duration',
  'phaseId',
  'lotId',
  'keyMilestone',
  'fixedDate',
  'ownerName',
  'ownerUserId',
  'progress',
  'actualStart',
  'actualFinish',
  'notes',
  'position',
] as const satisfies ReadonlyArray<keyof TaskDto>;
export type EditableTaskField = (typeof EDITABLE_TASK_FIELDS)[number];
export type EditableTaskFields = Pick<TaskDto, EditableTaskField>;

/** What a contributor may report on a task assigned to them. */
export const PROGRESS_TASK_FIELDS = ['progress', 'actualStart', 'actualFinish'] as const satisfies ReadonlyArray<EditableTaskField>;

/** `POST /plan/tasks`. */
export interface CreateTaskRequest extends Partial<EditableTaskFields> {
  name: string;
  duration: number;
  /**
   * Insert the new task right after this one, between it and its successors (as MS Project does):
   * the links leaving that task now leave the new task, and that task links to the new one (FS).
   * The new task takes that task's phase and lot unless given, and the next position.
   */
  insertAfterTaskId?: string;
}

/** `PATCH /plan/tasks/:taskId`: `version` is the one read; a stale one gets 409 `stale_version`. */
export interface UpdateTaskRequest extends Partial<EditableTaskFields> {
  version: number;
}

export interface BulkTaskRequest extends UpdateTaskRequest {
  id: string;
}

/** `PATCH /plan/tasks/:taskId/progress`. */
export interface TaskProgressRequest extends Partial<Pick<TaskDto, (typeof PROGRESS_TASK_FIELDS)[number]>> {
  version: number;
}

/** `DELETE /plan/tasks/:taskId?version=N&reconnect=true`. */
export interface DeleteTaskQuery {
  version: number;
  /**
   * Default true: each predecessor of the deleted task is linked to each of its successors (FS,
   * no lag), so a deletion never leaves work unconnected to the go-live.
   */
  reconnect?: boolean;
}

export interface CreateLinkRequest {
  fromTaskId: string;
  toTaskId: string;
  type?: LinkTypeCode;
  lag?: number;
}

export interface UpdateLinkRequest {
  version: number;
  type?: LinkTypeCode;
  lag?: number;
}

export interface BulkLinkRequest extends UpdateLinkRequest {
  id: string;
}

/** `POST /plan/bulk`: several tasks and links changed at once (a Gantt drag), one recompute. */
export interface BulkPlanEditRequest {
  tasks?: BulkTaskRequest[];
  links?: BulkLinkRequest[];
}

export interface CreateLotRequest {
  name: string;
  goLive?: string | null;
  position?: number;
}

export interface UpdateLotRequest extends Partial<CreateLotRequest> {
  version: number;
}

export interface CreatePhaseRequest {
  name: string;
  position?: number;
}

export interface UpdatePhaseRequest extends Partial<CreatePhaseRequest> {
  version: number;
}

export interface UpdatePlanSettingsRequest {
  version: number;
  mode?: SchedulingMode;
  targetGoLive?: string;
  projectStart?: string | null;
  calendar?: Partial<PlanCalendarDto>;
  statusDate?: string | null;
}

/**
 * Warning codes the API adds to `RetroPlanningDto.warnings` besides the engine's. The web
 * translates them by code; `taskIds` names the tasks.
 */
export const PLAN_WARNING_CODES = {
  /** Backward plan: these tasks end after the go-live (and are not the work planned after it on purpose). */
  afterGoLive: 'after_go_live',
} as const;

/** One task assigned to the caller, as `GET /api/me/tasks` lists them (across their projects). */
export interface MyTaskDto {
  projectId: string;
  projectName: string;
  taskId: string;
  name: string;
  isMilestone: boolean;
  phaseName: string | null;
  start: string | null;
  finish: string | null;
  progress: number;
  actualStart: string | null;
  actualFinish: string | null;
  /** The task's version, to send with `PATCH /api/projects/:projectId/plan/tasks/:taskId/progress`. */
  version: number;
}

// ------------------------------------------------------------------------ the compact plan (GET)
// `GET /plan` with `Accept: application/vnd.jalon.plan-compact+json` answers the same plan in
// about a third of the bytes: one array per task and per link instead of objects repeating every
// key, tasks' phase and lot as indexes, links' tasks as indexes into `tasks`, and each calendar
// date and owner name written once. Dates stay 'YYYY-MM-DD' strings (only interned, never turned
// into instants). `expandPlan(compactPlan(plan))` gives back `plan` exactly; the web calls
// `expandPlan` on the answer.

export const COMPACT_PLAN_MEDIA_TYPE = 'application/vnd.jalon.plan-compact+json';

/** The order of the values in a compact task row (documentation; the row types below follow it). */
export const COMPACT_TASK_COLUMNS = [
  'id',
  'phase',
  'lot',
  'name',
  'duration',
  'keyMilestone',
  'fixedDate',
  'ownerName',
  'ownerUserId',
  'progress',
  'actualStart',
  'actualFinish',
  'notes',
  'position',
  'version',
  'start',
  'finish',
  'earlyStart',
  'earlyFinish',
  'lateStart',
  'lateFinish',
  'totalFloat',
  'critical',
] as const;

type DateRef = number | null;

/**
 * One task: id, phase index, lot index, name, duration, key milestone (0/1), fixed date, owner
 * name (index into `owners`), owner user id, progress, actual start, actual finish, notes,
 * position, version, start, finish, early start, early finish, late start, late finish, total
 * float, critical (0/1). Dates are indexes into `dates`; a null date or reference stays null.
 */
export type CompactTaskRow = [
  string,
  number | null,
  number | null,
  string,
  number,
  0 | 1,
  DateRef,
  number,
  string | null,
  number,
  DateRef,
  DateRef,
  string,
  number,
  number,
  DateRef,
  DateRef,
  DateRef,
  DateRef,
  DateRef,
  DateRef,
  number,
  0 | 1,
];

/** One link: id, index of its predecessor in `tasks`, of its successor, type (index in LINK_TYPES), lag, version. */
export type CompactLinkRow = [string, number, number, number, number, number];

export interface CompactPlanDto extends Omit<RetroPlanningDto, 'tasks' | 'links'> {
  encoding: 'rows-1';
  /** Every calendar date the tasks use, once. */
  dates: string[];
  /** Every owner name the tasks use, once. */
  owners: string[];
  tasks: CompactTaskRow[];
  links: CompactLinkRow[];
}

/** Interns values: each distinct value gets the index of its first appearance. */
class Interned<T> {
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();
  ref(value: T): number {
    let found = this.index.get(value);
    if (found === undefined) {
      found = this.values.length;
      this.values.push(value);
      this.index.set(value, found);
    }
    return found;
  }
}

export function compactPlan(plan: RetroPlanningDto): CompactPlanDto {
  const { tasks, links, ...rest } = plan;
  const dates = new Interned<string>();
  const owners = new Interned<string>();
  const date = (value: string | null): DateRef => (value === null ? null : dates.ref(value));
  const phaseIndex = new Map(plan.phases.map((phase, index) => [phase.id, index]));
  const lotIndex = new Map(plan.lots.map((lot, index) => [lot.id, index]));
  const taskIndex = new Map(tasks.map((task, index) => [task.id, index]));
  return {
    ...rest,
    encoding: 'rows-1',
    tasks: tasks.map((task): CompactTaskRow => [
      task.id,
      task.phaseId === null ? null : (phaseIndex.get(task.phaseId) ?? null),
      task.lotId === null ? null : (lotIndex.get(task.lotId) ?? null),
      task.name,
      task.duration,
      task.keyMilestone ? 1 : 0,
      date(task.fixedDate),
      owners.ref(task.ownerName),
      task.ownerUserId,
      task.progress,
      date(task.actualStart),
      date(task.actualFinish),
      task.notes,
      task.position,
      task.version,
      date(task.start),
      date(task.finish),
      date(task.earlyStart),
      date(task.earlyFinish),
      date(task.lateStart),
      date(task.lateFinish),
      task.totalFloat,
      task.critical ? 1 : 0,
    ]),
    links: links.map((link): CompactLinkRow => [
      link.id,
      taskIndex.get(link.fromTaskId) ?? -1,
      taskIndex.get(link.toTaskId) ?? -1,
      LINK_TYPES.indexOf(link.type),
      link.lag,
      link.version,
    ]),
    dates: dates.values,
    owners: owners.values,
  };
}

export function expandPlan(compact: CompactPlanDto): RetroPlanningDto {
  const { tasks: rows, links: linkRows, dates, owners, encoding: _encoding, ...rest } = compact;
  // Computed dates are null only on a plan never computed; TaskDto types them as strings.
  const date = (ref: DateRef): string => (ref === null ? null : dates[ref]) as string;
  const tasks = rows.map(
    (row): TaskDto => ({
      id: row[0],
      phaseId: row[1] === null ? null : (compact.phases[row[1]]?.id ?? null),
      lotId: row[2] === null ? null : (compact.lots[row[2]]?.id ?? null),
      name: row[3],
      duration: row[4],
      isMilestone: row[4] === 0,
      keyMilestone: row[5] === 1,
      fixedDate: row[6] === null ? null : date(row[6]),
      ownerName: owners[row[7]] ?? '',
      ownerUserId: row[8],
      progress: row[9],
      actualStart: row[10] === null ? null : date(row[10]),
      actualFinish: row[11] === null ? null : date(row[11]),
      notes: row[12],
      position: row[13],
      version: row[14],
      start: date(row[15]),
      finish: date(row[16]),
      earlyStart: date(row[17]),
      earlyFinish: date(row[18]),
      lateStart: date(row[19]),
      lateFinish: date(row[20]),
      totalFloat: row[21],
      critical: row[22] === 1,
    }),
  );
  const links = linkRows.map(
    (row): LinkDto => ({
      id: row[0],
      fromTaskId: tasks[row[1]]?.id ?? '',
      toTaskId: tasks[row[2]]?.id ?? '',
      type: LINK_TYPES[row[3]] ?? 'FS',
      lag: row[4],
      version: row[5],
    }),
  );
  return { ...rest, tasks, links };
}
