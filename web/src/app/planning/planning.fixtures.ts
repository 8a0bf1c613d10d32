import type { LinkTypeCode, RetroPlanningDto, TaskDto } from '@jalon/domain';
import { previewPlan } from './plan-edit';

/** Small plans for the unit tests, dated by the real engine. Not part of the app bundle. */
export function fixturePlan(
  spec: {
    mode?: 'backward' | 'forward';
    anchor?: string;
    phases?: string[];
    tasks: Array<{ id: string; duration: number; phase?: string; progress?: number; actualStart?: string; fixedDate?: string; lotId?: string }>;
    links?: Array<{ id: string; from: string; to: string; type?: LinkTypeCode; lag?: number }>;
  },
): RetroPlanningDto {
  const mode = spec.mode ?? 'backward';
  const anchor = spec.anchor ?? '2027-05-19';
  const tasks: TaskDto[] = spec.tasks.map((task, position) => ({
    id: task.id,
    phaseId: task.phase ?? null,
    lotId: task.lotId ?? null,
    name: `Task ${task.id}`,
    duration: task.duration,
    isMilestone: task.duration === 0,
    keyMilestone: false,
    fixedDate: task.fixedDate ?? null,
    ownerName: '',
    ownerUserId: null,
    progress: task.progress ?? 0,
    actualStart: task.actualStart ?? null,
    actualFinish: null,
    notes: '',
    position,
    version: 1,
    start: '',
    finish: '',
    earlyStart: '',
    earlyFinish: '',
    lateStart: '',
    lateFinish: '',
    totalFloat: 0,
    critical: false,
  }));
  const plan: RetroPlanningDto = {
    projectId: 'p',
    settings: {
      mode,
      targetGoLive: anchor,
      projectStart: mode === 'forward' ? anchor : null,
      calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: [] },
      statusDate: '2020-01-01',
      version: 1,
    },
    lots: [],
    phases: (spec.phases ?? []).map((id, position) => ({ id, name: `Phase ${id}`, position, version: 1 })),
    tasks,
    links: (spec.links ?? []).map((link) => ({
      id: link.id,
      fromTaskId: link.from,
      toTaskId: link.to,
      type: link.type ?? 'FS',
      lag: link.lag ?? 0,
      version: 1,
    })),
    projectStart: null,
    projectFinish: null,
    warnings: [],
    computedAt: '',
  };
  return previewPlan(plan, '2020-01-01').plan;
}

export function taskOf(plan: RetroPlanningDto, id: string): TaskDto {
  const task = plan.tasks.find((candidate) => candidate.id === id);
  if (!task) throw new Error(`no task ${id}`);
  return task;
}
