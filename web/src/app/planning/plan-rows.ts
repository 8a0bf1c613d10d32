import type { PhaseDto, RetroPlanningDto, TaskDto } from '@jalon/domain';
import type { FrappeTask } from 'frappe-gantt';

/** Tasks without a phase are grouped under this pseudo-phase id. */
export const NO_PHASE = 'none';
export const PHASE_ROW_PREFIX = 'phase:';

export interface PhaseRow {
  kind: 'phase';
  /** The Gantt bar id: `phase:<phaseId>`. */
  id: string;
  phaseId: string;
  phase: PhaseDto | null;
  name: string;
  start: string | null;
  finish: string | null;
  /** Duration-weighted progress of its tasks. */
  progress: number;
  taskCount: number;
  collapsed: boolean;
  critical: boolean;
}

export interface TaskRow {
  kind: 'task';
  id: string;
  task: TaskDto;
  phaseId: string;
  phaseName: string;
}

export type PlanRow = PhaseRow | TaskRow;

export interface RowOptions {
  /** Only the tasks of this lot, or those of no lot (`NO_LOT`); null = all. */
  lotId: string | null;
  collapsed: ReadonlySet<string>;
  noPhaseLabel: string;
}

/** The lot filter's value for the tasks that belong to no lot. */
export const NO_LOT = 'lot:none';

function byPosition<T extends { position: number; name: string }>(a: T, b: T): number {
  return a.position - b.position || a.name.localeCompare(b.name);
}

/**
 * The rows the table and the Gantt share, in the same order so that row i of one is row i of the
 * other: each phase as a summary row followed, unless collapsed, by its tasks.
 */
export function buildRows(plan: RetroPlanningDto, options: RowOptions): PlanRow[] {
  const lotId = options.lotId === NO_LOT ? null : options.lotId;
  const visible = options.lotId === null ? plan.tasks : plan.tasks.filter((task) => task.lotId === lotId);
  const byPhase = new Map<string, TaskDto[]>();
  for (const task of visible) {
    const key = task.phaseId ?? NO_PHASE;
    const list = byPhase.get(key);
    if (list) list.push(task);
    else byPhase.set(key, [task]);
  }
  const phases: Array<{ id: string; phase: PhaseDto | null; name: string }> = [...plan.phases]
    .sort(byPosition)
    .map((phase) => ({ id: phase.id, phase, name: phase.name }));
  if (byPhase.has(NO_PHASE)) phases.push({ id: NO_PHASE, phase: null, name: options.noPhaseLabel });

  const rows: PlanRow[] = [];
  for (const { id, phase, name } of phases) {
    const tasks = (byPhase.get(id) ?? []).sort(byPosition);
    if (tasks.length === 0 && options.lotId !== null) continue;
    const collapsed = options.collapsed.has(id);
    rows.push(summarise(id, phase, name, tasks, collapsed));
    if (collapsed) continue;
    for (const task of tasks) rows.push({ kind: 'task', id: task.id, task, phaseId: id, phaseName: name });
  }
  return rows;
}

/**
 * The rows of `after` when it is `before` with other dates (a drag's preview): the rows of the
 * unchanged tasks, and of the phases none of whose tasks changed, stay the same objects, so that
 * the table redraws only what moved. Anything that could change the rows' order or membership
 * (a task added, removed, renamed, moved to another phase or lot) builds them again.
 */
export function refreshRows(rows: readonly PlanRow[], before: RetroPlanningDto, after: RetroPlanningDto, options: RowOptions): PlanRow[] {
  if (before.tasks.length !== after.tasks.length || before.phases !== after.phases) return buildRows(after, options);
  const changed = new Map<string, TaskDto>();
  for (let i = 0; i < after.tasks.length; i++) {
    const next = after.tasks[i]!;
    const previous = before.tasks[i]!;
    if (next === previous) continue;
    if (next.id !== previous.id || next.position !== previous.position || next.phaseId !== previous.phaseId || next.lotId !== previous.lotId || next.name !== previous.name) {
      return buildRows(after, options);
    }
    changed.set(next.id, next);
  }
  if (changed.size === 0) return rows as PlanRow[];
  const lotId = options.lotId === NO_LOT ? null : options.lotId;
  const touched = new Map<string, TaskDto[]>();
  for (const task of changed.values()) if (options.lotId === null || task.lotId === lotId) touched.set(task.phaseId ?? NO_PHASE, []);
  for (const task of after.tasks) {
    if (options.lotId !== null && task.lotId !== lotId) continue;
    touched.get(task.phaseId ?? NO_PHASE)?.push(task);
  }
  return rows.map((row) => {
    if (row.kind === 'task') {
      const task = changed.get(row.id);
      return task ? { ...row, task } : row;
    }
    const tasks = touched.get(row.phaseId);
    return tasks ? summarise(row.phaseId, row.phase, row.name, tasks, row.collapsed) : row;
  });
}

function summarise(phaseId: string, phase: PhaseDto | null, name: string, tasks: TaskDto[], collapsed: boolean): PhaseRow {
  let start: string | null = null;
  let finish: string | null = null;
  let weighted = 0;
  let weight = 0;
  for (const task of tasks) {
    if (start === null || task.start < start) start = task.start;
    if (finish === null || task.finish > finish) finish = task.finish;
    const w = Math.max(task.duration, 1);
    weighted += task.progress * w;
    weight += w;
  }
  return {
    kind: 'phase',
    id: PHASE_ROW_PREFIX + phaseId,
    phaseId,
    phase,
    name,
    start,
    finish,
    progress: weight === 0 ? 0 : Math.round(weighted / weight),
    taskCount: tasks.length,
    collapsed,
    critical: tasks.some((task) => task.critical),
  };
}

/** The bar class, one token because frappe-gantt adds it with `classList.add`. */
export function barClass(row: PlanRow): string {
  if (row.kind === 'phase') return 'jg-phase';
  const { task } = row;
  const kind = task.isMilestone ? 'milestone' : task.actualFinish || task.progress >= 100 ? 'done' : 'task';
  return `jg-${kind}${task.critical && kind !== 'done' ? '-critical' : ''}`;
}

/** The Gantt's tasks for these rows; a phase without tasks gets an invisible one-day bar to keep rows aligned. */
export function toGanttTasks(rows: readonly PlanRow[], plan: RetroPlanningDto, fallbackDate: string): FrappeTask[] {
  const shown = new Set(rows.filter((row) => row.kind === 'task').map((row) => row.id));
  const predecessors = new Map<string, string[]>();
  for (const link of plan.links) {
    if (!shown.has(link.fromTaskId) || !shown.has(link.toTaskId)) continue;
    const list = predecessors.get(link.toTaskId);
    if (list) list.push(link.fromTaskId);
    else predecessors.set(link.toTaskId, [link.fromTaskId]);
  }
  return rows.map((row) => {
    if (row.kind === 'phase') {
      return {
        id: row.id,
        name: row.name,
        start: row.start ?? fallbackDate,
        end: row.finish ?? fallbackDate,
        progress: row.progress,
        custom_class: row.start ? 'jg-phase' : 'jg-empty',
        dependencies: [],
      };
    }
    const { task } = row;
    return {
      id: task.id,
      name: task.name,
      start: task.start,
      end: task.finish,
      progress: task.progress,
      custom_class: barClass(row),
      dependencies: predecessors.get(task.id) ?? [],
    };
  });
}
