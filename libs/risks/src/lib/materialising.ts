/**
 * "En train de se matérialiser": a risk linked to the plan shows up before anyone asks when one of
 * the tasks it threatens is in trouble. Three causes, each reported with the task at fault.
 */

export const DEFAULT_FLOAT_THRESHOLD = 5;

/** What the rule needs of a task of the stored plan (a subset of `TaskDto`). */
export interface PlanTaskFacts {
  id: string;
  isMilestone: boolean;
  /** Working days. */
  totalFloat: number;
  progress: number;
  actualFinish: string | null;
}

/** What the rule needs of the stored plan (a subset of `RetroPlanningDto`). */
export interface PlanFacts {
  tasks: readonly PlanTaskFacts[];
  warnings: ReadonlyArray<{ code: string; taskIds: readonly string[] }>;
}

export type MaterialisingCause =
  /** A linked task's total float is below the threshold. */
  | { cause: 'low_float'; taskId: string; totalFloat: number; threshold: number }
  /** A linked milestone's finish is later than in the latest baseline. */
  | { cause: 'milestone_slipped'; taskId: string; slippage: number }
  /** A linked task should have started and has not (the engine's `in_the_past` warning). */
  | { cause: 'not_started'; taskId: string };

function isDone(task: PlanTaskFacts): boolean {
  return task.actualFinish !== null || task.progress >= 100;
}

/**
 * The causes that make a risk linked to `linkedTaskIds` materialise, in the order of the links,
 * none when it is not. A finished task threatens nothing any more; links to tasks no longer in the
 * plan are ignored. `slippageByTask` is the finish slippage (working days, positive = late) of
 * each task against the latest baseline; an empty map when there is no baseline.
 */
export function materialisingCauses(
  linkedTaskIds: readonly string[],
  plan: PlanFacts,
  slippageByTask: ReadonlyMap<string, number | null>,
  threshold: number = DEFAULT_FLOAT_THRESHOLD,
): MaterialisingCause[] {
  return materialisingIndex(plan, slippageByTask, threshold).causesOf(linkedTaskIds);
}

/**
 * The same rule prepared once for a whole register: index the plan once, then ask per risk.
 */
export function materialisingIndex(
  plan: PlanFacts,
  slippageByTask: ReadonlyMap<string, number | null>,
  threshold: number = DEFAULT_FLOAT_THRESHOLD,
): { causesOf(linkedTaskIds: readonly string[]): MaterialisingCause[] } {
  const tasks = new Map(plan.tasks.map((task) => [task.id, task]));
  const inThePast = new Set<string>();
  for (const warning of plan.warnings) {
    if (warning.code === 'in_the_past') for (const id of warning.taskIds) inThePast.add(id);
  }
  return {
    causesOf(linkedTaskIds) {
      const causes: MaterialisingCause[] = [];
      for (const taskId of linkedTaskIds) {
        const task = tasks.get(taskId);
        if (!task || isDone(task)) continue;
        if (task.totalFloat < threshold) causes.push({ cause: 'low_float', taskId, totalFloat: task.totalFloat, threshold });
        const slippage = slippageByTask.get(taskId);
        if (task.isMilestone && typeof slippage === 'number' && slippage > 0) causes.push({ cause: 'milestone_slipped', taskId, slippage });
        if (inThePast.has(taskId)) causes.push({ cause: 'not_started', taskId });
      }
      return causes;
    },
  };
}
