/**
 * The virtual window: frappe-gantt draws every row it is given, and at a thousand rows that takes
 * seconds (bench/gantt-render.bench.mjs). It is given the rows in view plus OVERSCAN_ROWS above
 * and below; the chart shifts the SVG down to where those rows belong and a spacer keeps the full
 * scroll height.
 */
import type { RetroPlanningDto } from '@jalon/domain';
import type { FrappeTask } from 'frappe-gantt';
import { GANTT_ROW_HEIGHT, type GanttView } from './gantt-frappe';
import { mondayOf } from './gantt-geometry';

export const OVERSCAN_ROWS = 15;

/** The rows frappe-gantt draws: [first, first + count). */
export interface RowWindow {
  first: number;
  count: number;
}

export function windowAt(scrollTop: number, viewHeight: number, total: number): RowWindow {
  const count = Math.ceil(viewHeight / GANTT_ROW_HEIGHT) + 2 * OVERSCAN_ROWS;
  if (total <= count) return { first: 0, count: total };
  const first = Math.max(0, Math.min(total - count, Math.floor(scrollTop / GANTT_ROW_HEIGHT) - OVERSCAN_ROWS));
  return { first, count };
}

/** Whether the user scrolled near enough to an edge of the drawn rows to draw another window. */
export function needsAnotherWindow(window: RowWindow, scrollTop: number, viewHeight: number, total: number): boolean {
  const { first, count } = window;
  if (count >= total) return false;
  const top = Math.floor(scrollTop / GANTT_ROW_HEIGHT);
  const bottom = Math.ceil((scrollTop + viewHeight) / GANTT_ROW_HEIGHT);
  const margin = OVERSCAN_ROWS / 3;
  return (first > 0 && top < first + margin) || (first + count < total && bottom > first + count - margin);
}

/**
 * Two hidden bars spanning the whole plan, so that the time axis does not change as the window
 * moves. In the week view the first one starts on a Monday, so every column is a French week.
 */
export function rangeTasks(plan: RetroPlanningDto, goLive: string | null, view: GanttView): FrappeTask[] {
  let start = plan.projectStart ?? plan.settings.targetGoLive;
  let finish = plan.projectFinish ?? plan.settings.targetGoLive;
  for (const task of plan.tasks) {
    if (task.start && task.start < start) start = task.start;
    if (task.finish && task.finish > finish) finish = task.finish;
  }
  if (goLive && goLive > finish) finish = goLive;
  if (view === 'Week') start = mondayOf(start);
  return [
    { id: 'range:start', name: '', start, end: start, custom_class: 'jg-range', dependencies: [] },
    { id: 'range:finish', name: '', start: finish, end: finish, custom_class: 'jg-range', dependencies: [] },
  ];
}
