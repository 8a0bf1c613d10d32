import {
  EDITABLE_TASK_FIELDS,
  type BulkLinkRequest,
  type BulkTaskRequest,
  type EditableTaskFields,
  type LinkTypeCode,
  type RetroPlanningDto,
  type TaskDto,
} from '@jalon/domain';
import { computePlanSchedule, localToday, type PlanSchedule, type ScheduledTask } from '@jalon/planning';

/**
 * The task fields a user edits (listed once, in @jalon/domain); the computed dates are never sent.
 * `ownerUserId` is optional here only until every form that builds the fields sets it.
 */
export type TaskFields = Omit<EditableTaskFields, 'ownerUserId'> & Partial<Pick<EditableTaskFields, 'ownerUserId'>>;

export interface LinkFields {
  type: LinkTypeCode;
  lag: number;
}

export type TaskEdit = { id: string } & Partial<TaskFields>;
export type LinkEdit = { id: string } & Partial<LinkFields>;

/**
 * One user change to existing tasks and links, without versions: versions are taken from the plan
 * at the moment of saving, so that an undo made after other saves is not refused as stale.
 */
export interface PlanEdit {
  tasks: TaskEdit[];
  links: LinkEdit[];
}

/** The bulk endpoint's body (`BulkPlanEditRequest` of @jalon/domain, both lists present). */
export interface BulkRequest {
  tasks: BulkTaskRequest[];
  links: BulkLinkRequest[];
}

const TASK_FIELDS: ReadonlyArray<keyof TaskFields> = EDITABLE_TASK_FIELDS;
const LINK_FIELDS: ReadonlyArray<keyof LinkFields> = ['type', 'lag'];

export function isEmptyEdit(edit: PlanEdit): boolean {
  return edit.tasks.length === 0 && edit.links.length === 0;
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}

/** The plan with the edit's fields merged in (computed dates unchanged: see `previewPlan`). */
export function applyEdit(plan: RetroPlanningDto, edit: PlanEdit): RetroPlanningDto {
  const taskEdits = new Map(edit.tasks.map((change) => [change.id, change]));
  const linkEdits = new Map(edit.links.map((change) => [change.id, change]));
  return {
    ...plan,
    tasks: plan.tasks.map((task) => {
      const change = taskEdits.get(task.id);
      if (!change) return task;
      const next: TaskDto = { ...task, ...pick(change, TASK_FIELDS) };
      next.isMilestone = next.duration === 0;
      return next;
    }),
    links: plan.links.map((link) => {
      const change = linkEdits.get(link.id);
      return change ? { ...link, ...pick(change, LINK_FIELDS) } : link;
    }),
  };
}

/** The edit that puts back what `edit` changes, read from the plan before it. */
export function inverseEdit(before: RetroPlanningDto, edit: PlanEdit): PlanEdit {
  const tasks = new Map(before.tasks.map((task) => [task.id, task]));
  const links = new Map(before.links.map((link) => [link.id, link]));
  return {
    tasks: edit.tasks.flatMap((change) => {
      const task = tasks.get(change.id);
      if (!task) return [];
      const keys = TASK_FIELDS.filter((key) => key in change);
      return [{ id: change.id, ...pick(task as TaskFields, keys) }];
    }),
    links: edit.links.flatMap((change) => {
      const link = links.get(change.id);
      if (!link) return [];
      const keys = LINK_FIELDS.filter((key) => key in change);
      return [{ id: change.id, ...pick(link as LinkFields, keys) }];
    }),
  };
}

/** The bulk endpoint's body, with each row's current version. Rows that vanished are dropped. */
export function toBulkRequest(plan: RetroPlanningDto, edit: PlanEdit): BulkRequest {
  const taskVersions = new Map(plan.tasks.map((task) => [task.id, task.version]));
  const linkVersions = new Map(plan.links.map((link) => [link.id, link.version]));
  return {
    tasks: edit.tasks.flatMap((change) => {
      const version = taskVersions.get(change.id);
      return version === undefined ? [] : [{ ...change, version }];
    }),
    links: edit.links.flatMap((change) => {
      const version = linkVersions.get(change.id);
      return version === undefined ? [] : [{ ...change, version }];
    }),
  };
}

/**
 * What the API will compute for this plan, computed here with the same function
 * (`computePlanSchedule` of `@jalon/planning`, which builds the engine's input the API's way:
 * lots' own go-lives, work after the go-live) so that a drag shows its consequences before
 * anything is saved. A plan the engine refuses keeps its dates. `today` is the status date when
 * the settings have none (the user's calendar date by default).
 */
export function previewPlan(plan: RetroPlanningDto, today: string = localToday()): { plan: RetroPlanningDto; schedule: PlanSchedule } {
  const schedule = computePlanSchedule(plan, today);
  if (schedule.errors.length > 0) return { plan, schedule };
  const dates = schedule.result.tasks;
  return {
    schedule,
    plan: {
      ...plan,
      // A task whose computed dates did not change stays the same object, so that the table and
      // the chart redraw only what moved (a drag at 5,000 tasks changes a few dozen).
      tasks: plan.tasks.map((task) => {
        const scheduled = dates[task.id];
        return scheduled && !sameSchedule(task, scheduled) ? Object.assign({}, task, scheduled) : task;
      }),
      projectStart: schedule.projectStart ?? plan.projectStart,
      projectFinish: schedule.projectFinish ?? plan.projectFinish,
      warnings: schedule.warnings,
    },
  };
}

/** Whether the engine gave the task the dates (and float) it already has. */
function sameSchedule(task: TaskDto, scheduled: ScheduledTask): boolean {
  const current = task as unknown as Record<string, unknown>;
  for (const key in scheduled) if (current[key] !== scheduled[key as keyof ScheduledTask]) return false;
  return true;
}

/** The fields of a task a user edits (what the panel shows and what an undone deletion recreates). */
export function editableFieldsOf(task: TaskDto): TaskFields {
  return {
    name: task.name,
    duration: task.duration,
    phaseId: task.phaseId,
    lotId: task.lotId,
    keyMilestone: task.keyMilestone,
    fixedDate: task.fixedDate,
    ownerName: task.ownerName,
    ownerUserId: task.ownerUserId,
    progress: task.progress,
    actualStart: task.actualStart,
    actualFinish: task.actualFinish,
    notes: task.notes,
    position: task.position,
  };
}
