import type { RetroPlanningDto } from '@jalon/domain';
import { formatCalendarDate } from '@jalon/planning';
import type { TaskNotice } from './task-table';

export type PlanAlertCode = 'in_the_past' | 'negative_float' | 'constraint_conflict' | 'non_working_date';

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
): { alerts: PlanAlert[]; byTask: Map<string, TaskNotice[]> } {
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
      text: t('planning.warnings.negativeFloat', { count: negative.length, date: frenchDate(goLive) }),
      taskIds: negative.map((task) => task.id),
    });
    for (const task of negative) note(task.id, { tone: 'error', text: t('planning.warnings.negativeFloatTask', { days: task.totalFloat }) });
  }

  const byCode = (code: string) => [...new Set(plan.warnings.filter((w) => w.code === code).flatMap((w) => w.taskIds))].filter((id) => tasks.has(id));

  const past = byCode('in_the_past');
  if (past.length > 0) {
    alerts.push({ code: 'in_the_past', tone: 'warn', text: t('planning.warnings.inThePast', { count: past.length }), taskIds: past });
    for (const id of past) {
      const task = tasks.get(id);
      if (task) note(id, { tone: 'warn', text: t('planning.warnings.inThePastTask', { date: frenchDate(task.start) }) });
    }
  }

  const conflicts = plan.warnings.filter((w) => w.code === 'constraint_conflict');
  if (conflicts.length > 0) {
    const ids = [...new Set(conflicts.flatMap((w) => w.taskIds))].filter((id) => tasks.has(id));
    alerts.push({ code: 'constraint_conflict', tone: 'error', text: t('planning.warnings.conflict', { count: conflicts.length }), taskIds: ids });
    for (const id of ids) note(id, { tone: 'error', text: t('planning.warnings.conflictTask') });
  }

  const nonWorking = byCode('non_working_date');
  if (nonWorking.length > 0) {
    alerts.push({ code: 'non_working_date', tone: 'warn', text: t('planning.warnings.nonWorking', { count: nonWorking.length }), taskIds: nonWorking });
  }
  return { alerts, byTask };
}
