import type {
  LinkDto,
  LotDto,
  PhaseDto,
  PlanSettingsDto,
  ProjectSummary,
  RetroPlanningDto,
  TaskDto,
} from '@jalon/domain';
import { computePlanSchedule } from '../lib/schedule-input';

/**
 * Plan objects for tests, shared by the API tests, the web unit tests and the browser mocks
 * instead of hand-built `TaskDto`s: each factory answers a complete, valid object with neutral
 * defaults, and a test names only what it is about. Framework-free (no Nest, no Angular).
 *
 * Ids are UUIDs (the API's routes parse them) unless a test gives its own, e.g. `newTask({ id: 'A' })`.
 */

let sequence = 0;

/** A fresh UUID-shaped id; `prefix` (hex, up to 8 characters) tells the kind of object apart when debugging. */
export function newId(prefix = '0'): string {
  sequence++;
  return `${prefix.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

/** A task of five working days, not scheduled yet (empty dates), with no lot, phase or owner. */
export function newTask(fields: Partial<TaskDto> = {}): TaskDto {
  const duration = fields.duration ?? 5;
  return {
    id: newId('b2'),
    phaseId: null,
    lotId: null,
    name: 'Tâche',
    duration,
    keyMilestone: false,
    fixedDate: null,
    ownerName: '',
    ownerUserId: null,
    progress: 0,
    actualStart: null,
    actualFinish: null,
    notes: '',
    position: 0,
    version: 1,
    start: '',
    finish: '',
    earlyStart: '',
    earlyFinish: '',
    lateStart: '',
    lateFinish: '',
    totalFloat: 0,
    critical: false,
    ...fields,
    isMilestone: (fields.duration ?? duration) === 0,
  };
}

/** A milestone (duration 0). */
export function newMilestone(fields: Partial<TaskDto> = {}): TaskDto {
  return newTask({ name: 'Jalon', ...fields, duration: 0 });
}

/** A finish-to-start link without lag from `from` to `to` (tasks or their ids). */
export function newLink(from: TaskDto | string, to: TaskDto | string, fields: Partial<LinkDto> = {}): LinkDto {
  return {
    id: newId('c3'),
    fromTaskId: typeof from === 'string' ? from : from.id,
    toTaskId: typeof to === 'string' ? to : to.id,
    type: 'FS',
    lag: 0,
    version: 1,
    ...fields,
  };
}

export function newPhase(fields: Partial<PhaseDto> = {}): PhaseDto {
  return { id: newId('a1'), name: 'Phase', position: 0, version: 1, ...fields };
}

/** A lot without its own go-live. */
export function newLot(fields: Partial<LotDto> = {}): LotDto {
  return { id: newId('d4'), name: 'Lot', goLive: null, position: 0, version: 1, ...fields };
}

/** Backward settings to a go-live on Wednesday 19 May 2027, French calendar, no status date. */
export function newSettings(fields: Partial<PlanSettingsDto> = {}): PlanSettingsDto {
  return {
    mode: 'backward',
    targetGoLive: '2027-05-19',
    projectStart: null,
    calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: [] },
    statusDate: null,
    version: 1,
    ...fields,
  };
}

/**
 * A plan, not scheduled: tasks get their position in the order given. Pass it to
 * `scheduledPlan` for the dates the API would serve.
 */
export function newPlan(
  fields: Partial<Omit<RetroPlanningDto, 'settings'>> & { settings?: Partial<PlanSettingsDto> } = {},
): RetroPlanningDto {
  const { settings, tasks, ...rest } = fields;
  return {
    projectId: newId('e5'),
    lots: [],
    phases: [],
    links: [],
    projectStart: null,
    projectFinish: null,
    warnings: [],
    computedAt: '',
    ...rest,
    settings: newSettings(settings),
    tasks: (tasks ?? []).map((task, position) => ({ ...task, position })),
  };
}

/**
 * The plan with the dates the API computes and serves on `today`: the same
 * `computePlanSchedule` as the API and the web preview. Throws on a plan the API would refuse,
 * with the engine's issue attached as `issue`.
 */
export function scheduledPlan(plan: RetroPlanningDto, today: string): RetroPlanningDto {
  const schedule = computePlanSchedule(plan, today);
  const error = schedule.errors[0];
  if (error) throw Object.assign(new Error(error.message), { issue: error });
  return {
    ...plan,
    tasks: plan.tasks.map((task) => ({ ...task, ...schedule.result.tasks[task.id]!, isMilestone: task.duration === 0 })),
    projectStart: schedule.projectStart,
    projectFinish: schedule.projectFinish,
    warnings: schedule.warnings,
    computedAt: new Date().toISOString(),
  };
}

/** A project as the projects list serves it, the caller being its project manager. */
export function newProjectSummary(fields: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id: newId('0d'),
    name: 'Déploiement plateforme relation client',
    company: 'Mutuelle Horizon',
    description: '',
    status: 'in_progress',
    weather: 'sunny',
    weatherComment: '',
    targetGoLive: '2027-05-19',
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    version: 1,
    myRole: 'project_manager',
    ...fields,
  };
}
