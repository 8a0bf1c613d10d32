import type { RetroPlanningDto } from '@jalon/domain';
import { formatCalendarDate } from '@jalon/planning';
import { pluralKey } from './plural';
import type { TaskNotice } from './task-table';

export type PlanAlertCode = 'after_go_live' | 'in_the_past' | 'negative_float' | 'constraint_conflict' | 'non_working_date';

export interface PlanAlert {
  code: PlanAlertCode;
  tone: 'warn' | 'error';
  text: string;
  taskIds: string[];
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

const frenchDate = (iso: string): string => formatCalendarDate(iso, 'fr', 'short');

/**
 * The engine's warnings and the negative float, said where they matter: one alert per kind above
 * the plan, and on each task concerned. Negative float comes first: it is the go-live at risk.
 */
export function planNotices(
  plan: RetroPlanningDto,
  t: Translate,
  goLive: string,
  language = 'fr',
): { alerts: PlanAlert[]; byTask: Map<string, TaskNotice[]> } {
  const plural = (key: string, count: number) => pluralKey(key, count, language);
  const byTask = new Map<string, TaskNotice[]>();
  const tasks = new Map(plan.tasks.map((task) => [task.id, task]));
  const note = (taskId: string, notice: TaskNotice) => {
    const list = byTask.get(taskId);
    if (list) list.push(notice);
    else byTask.set(taskId, [notice]);
  };
  const alerts: PlanAlert[] = [];

  const negative = plan.tasks.filter((task) => task.totalFloat < 0).sort((a, b) => a.totalFloat - b.totalFloat);
  if (negative.length > 0) {
    alerts.push({
      code: 'negative_float',
      tone: 'error',
      text: t(plural('planning.warnings.negativeFloat', negative.length), { count: negative.length, date: frenchDate(goLive) }),
      taskIds: negative.map((task) => task.id),
    });
    for (const task of negative) note(task.id, { tone: 'error', text: t('planning.warnings.negativeFloatTask', { days: task.totalFloat }) });
  }

  const late = afterGoLive(plan);
  if (late.length > 0) {
    alerts.push({
      code: 'after_go_live',
      tone: 'error',
      text: t(plural('planning.warnings.afterGoLive', late.length), { count: late.length }),
      taskIds: late.map(({ task }) => task.id),
    });
    for (const { task, goLive: due } of late) {
      note(task.id, { tone: 'error', text: t('planning.warnings.afterGoLiveTask', { date: frenchDate(task.finish), goLive: frenchDate(due) }) });
    }
  }

  const byCode = (code: string) => [...new Set(plan.warnings.filter((w) => w.code === code).flatMap((w) => w.taskIds))].filter((id) => tasks.has(id));

  const past = byCode('in_the_past');
  if (past.length > 0) {
    alerts.push({ code: 'in_the_past', tone: 'warn', text: t(plural('planning.warnings.inThePast', past.length), { count: past.length }), taskIds: past });
    for (const id of past) {
      const task = tasks.get(id);
      if (task) note(id, { tone: 'warn', text: t('planning.warnings.inThePastTask', { date: frenchDate(task.start) }) });
    }
  }

  const conflicts = plan.warnings.filter((w) => w.code === 'constraint_conflict');
  if (conflicts.length > 0) {
    const ids = [...new Set(conflicts.flatMap((w) => w.taskIds))].filter((id) => tasks.has(id));
    alerts.push({ code: 'constraint_conflict', tone: 'error', text: t(plural('planning.warnings.conflict', conflicts.length), { count: conflicts.length }), taskIds: ids });
    for (const id of ids) note(id, { tone: 'error', text: t('planning.warnings.conflictTask') });
  }

  const nonWorking = byCode('non_working_date');
  if (nonWorking.length > 0) {
    alerts.push({ code: 'non_working_date', tone: 'warn', text: t(plural('planning.warnings.nonWorking', nonWorking.length), { count: nonWorking.length }), taskIds: nonWorking });
  }
  return { alerts, byTask };
}

/**
 * In a retroplanning, the work that ends after its go-live (its lot's, or the project's) without
 * being meant to: what follows a milestone fixed on or after the go-live (the incubation after
 * « Mise en production ») belongs there; anything else was pushed there by a link, e.g. a task
 * added after the last one of a phase, and would go unnoticed in a long plan.
 */
export function afterGoLive(plan: RetroPlanningDto): Array<{ task: RetroPlanningDto['tasks'][number]; goLive: string }> {
  if (plan.settings.mode !== 'backward') return [];
  const projectGoLive = plan.settings.targetGoLive;
  const lotGoLive = new Map(plan.lots.map((lot) => [lot.id, lot.goLive ?? projectGoLive]));
  const goLiveOf = (lotId: string | null) => (lotId === null ? projectGoLive : (lotGoLive.get(lotId) ?? projectGoLive));
  const successors = new Map<string, string[]>();
  for (const link of plan.links) {
    const list = successors.get(link.fromTaskId);
    if (list) list.push(link.toTaskId);
    else successors.set(link.fromTaskId, [link.toTaskId]);
  }
  const meantAfter = new Set<string>();
  const queue = plan.tasks
    .filter((task) => task.isMilestone && task.fixedDate !== null && task.fixedDate >= goLiveOf(task.lotId))
    .map((task) => task.id);
  for (const id of queue) meantAfter.add(id);
  while (queue.length > 0) {
    for (const next of successors.get(queue.pop()!) ?? []) {
      if (!meantAfter.has(next)) {
        meantAfter.add(next);
        queue.push(next);
      }
    }
  }
  return plan.tasks
    .filter((task) => !meantAfter.has(task.id) && task.finish !== '' && task.finish > goLiveOf(task.lotId))
    .map((task) => ({ task, goLive: goLiveOf(task.lotId) }));
}
