import type { LinkDto, RetroPlanningDto, TaskDto } from '@jalon/domain';
import type { WorkingCalendar } from '@jalon/planning';
import type { LinkEdit, PlanEdit, TaskEdit } from './plan-edit';

/**
 * What a user did to a bar, in dates: frappe-gantt reports the new first and last day.
 * `move` keeps the width, `resize` changes one end, `progress` drags the progress handle.
 */
export type DragGesture =
  | { kind: 'move'; taskId: string; start: string }
  | { kind: 'resize'; taskId: string; start: string; finish: string }
  | { kind: 'progress'; taskId: string; progress: number };

export type DragRefusal = 'no_driving_link' | 'no_change' | 'unknown_task';

export type DragOutcome = { ok: true; edit: PlanEdit; summary: DragSummary } | { ok: false; reason: DragRefusal };

/** What the change means, for the message shown while dragging and after the drop. */
export type DragSummary =
  | { kind: 'lag'; days: number; linkCount: number }
  | { kind: 'actual'; days: number }
  | { kind: 'fixed_date'; date: string }
  /**
   * `pinned`: the end the plan holds while the other moves. In a retroplanning a task sits against
   * its successors, so a longer task keeps its finish and starts earlier; forward, it keeps its start.
   */
  | { kind: 'duration'; duration: number; pinned: 'start' | 'finish' }
  | { kind: 'progress'; progress: number };

const ORIGIN = '2000-01-03';

function addCalendarDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Working days in [start, finish], both included. */
export function workingDaysIn(calendar: WorkingCalendar, start: string, finish: string): number {
  return calendar.workingDaysBetween(start, addCalendarDays(finish, 1));
}

/** A task's start and finish as instants (libs/planning/README.md): boundaries between working days. */
function instants(calendar: WorkingCalendar, task: TaskDto): { start: number; finish: number } {
  const finish = calendar.workingDaysBetween(ORIGIN, addCalendarDays(task.finish, 1));
  if (task.duration === 0) return { start: finish, finish };
  return { start: calendar.workingDaysBetween(ORIGIN, task.start), finish };
}

/** How far a link is from binding, in working days (0 = it holds the successor exactly). */
export function linkSlack(calendar: WorkingCalendar, link: LinkDto, from: TaskDto, to: TaskDto): number {
  const p = instants(calendar, from);
  const s = instants(calendar, to);
  switch (link.type) {
    case 'SS':
      return s.start - p.start - link.lag;
    case 'FF':
      return s.finish - p.finish - link.lag;
    case 'SF':
      return s.finish - p.start - link.lag;
    default:
      return s.start - p.finish - link.lag;
  }
}

/**
 * Turns a gesture on a computed plan into the smallest edit of the inputs that makes the engine
 * put the bar where it was dropped.
 *
 * The dates are computed, so a bar has no date of its own to move. Moving it changes what holds
 * it there: in a retroplanning (backward, as late as possible) a task sits against its successors,
 * so the lags of its outgoing links change; forward, it sits after its predecessors, so the lags
 * of its incoming links change. Only the links that must change do: those that would be violated,
 * and the tightest one so that the task lands exactly where it was dropped. A started task moves
 * its actual start (a finished one both actual dates); a milestone is pinned to the dropped date.
 * Resizing sets the duration in working days; the progress handle sets the progress.
 */
export function gestureToEdit(plan: RetroPlanningDto, gesture: DragGesture, calendar: WorkingCalendar): DragOutcome {
  const task = plan.tasks.find((candidate) => candidate.id === gesture.taskId);
  if (!task) return { ok: false, reason: 'unknown_task' };

  if (gesture.kind === 'progress') {
    const progress = Math.max(0, Math.min(100, Math.round(gesture.progress)));
    if (progress === task.progress) return { ok: false, reason: 'no_change' };
    return done([{ id: task.id, progress }], [], { kind: 'progress', progress });
  }

  if (gesture.kind === 'resize') {
    if (task.duration === 0) return { ok: false, reason: 'no_change' };
    const duration = Math.max(1, workingDaysIn(calendar, gesture.start, gesture.finish));
    if (task.actualFinish) {
      const change: TaskEdit = { id: task.id, actualFinish: calendar.previousWorkingDay(gesture.finish) };
      if (gesture.start !== task.start) change.actualStart = calendar.nextWorkingDay(gesture.start);
      // Actual dates are where the work happened: both ends go where they were dropped.
      return done([change], [], { kind: 'duration', duration, pinned: gesture.start === task.start ? 'start' : 'finish' });
    }
    if (duration === task.duration) return { ok: false, reason: 'no_change' };
    const pinned = task.actualStart || plan.settings.mode === 'forward' ? 'start' : 'finish';
    return done([{ id: task.id, duration }], [], { kind: 'duration', duration, pinned });
  }

  const target = calendar.nextWorkingDay(gesture.start);
  const days = calendar.workingDaysBetween(task.start, target);

  if (task.duration === 0) {
    const date = calendar.previousWorkingDay(gesture.start);
    if (task.actualFinish) {
      if (date === task.actualFinish) return { ok: false, reason: 'no_change' };
      return done([{ id: task.id, actualFinish: date }], [], { kind: 'fixed_date', date });
    }
    if (date === (task.fixedDate ?? task.finish)) return { ok: false, reason: 'no_change' };
    return done([{ id: task.id, fixedDate: date }], [], { kind: 'fixed_date', date });
  }

  if (days === 0) return { ok: false, reason: 'no_change' };

  if (task.actualStart || task.actualFinish) {
    const change: TaskEdit = { id: task.id };
    if (task.actualStart) change.actualStart = calendar.addWorkingDays(task.actualStart, days);
    if (task.actualFinish) change.actualFinish = calendar.addWorkingDays(task.actualFinish, days);
    return done([change], [], { kind: 'actual', days });
  }

  const links = drivingLinkEdits(plan, task, days, calendar);
  if (links.length === 0) return { ok: false, reason: 'no_driving_link' };
  return done([], links, { kind: 'lag', days, linkCount: links.length });
}

function drivingLinkEdits(plan: RetroPlanningDto, task: TaskDto, days: number, calendar: WorkingCalendar): LinkEdit[] {
  const backward = plan.settings.mode === 'backward';
  const tasks = new Map(plan.tasks.map((candidate) => [candidate.id, candidate]));
  const candidates = plan.links.flatMap((link) => {
    if ((backward ? link.fromTaskId : link.toTaskId) !== task.id) return [];
    const from = tasks.get(link.fromTaskId);
    const to = tasks.get(link.toTaskId);
    if (!from || !to) return [];
    // Moving the task later by `days` eats that much of an outgoing link's slack and adds to an incoming one's.
    const after = linkSlack(calendar, link, from, to) + (backward ? -days : days);
    return [{ link, after }];
  });
  if (candidates.length === 0) return [];
  const tightest = Math.min(...candidates.map((candidate) => candidate.after));
  return candidates
    .filter((candidate) => candidate.after < 0 || candidate.after === tightest)
    .map(({ link, after }) => ({ id: link.id, lag: link.lag + after }));
}

function done(tasks: TaskEdit[], links: LinkEdit[], summary: DragSummary): DragOutcome {
  return { ok: true, edit: { tasks, links }, summary };
}
