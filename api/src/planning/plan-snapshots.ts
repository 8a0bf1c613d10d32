import type { PlanLinkEntity } from './entities/plan-link.entity';
import type { PlanLotEntity } from './entities/plan-lot.entity';
import type { PlanPhaseEntity } from './entities/plan-phase.entity';
import type { PlanSettingsEntity } from './entities/plan-settings.entity';
import type { PlanTaskEntity } from './entities/plan-task.entity';

// What the audit trail records of each kind of plan data: the fields a user edits, never the
// computed dates (derived data, rewritten by every recompute).

export const taskSnapshot = (task: PlanTaskEntity): Record<string, unknown> => ({
  name: task.name,
  phaseId: task.phaseId,
  lotId: task.lotId,
  duration: task.duration,
  keyMilestone: task.keyMilestone,
  fixedDate: task.fixedDate,
  ownerName: task.ownerName,
  ownerUserId: task.ownerUserId,
  progress: task.progress,
  actualStart: task.actualStart,
  actualFinish: task.actualFinish,
  notes: task.notes,
  position: task.position,
});

export const linkSnapshot = (link: PlanLinkEntity): Record<string, unknown> => ({
  fromTaskId: link.fromTaskId,
  toTaskId: link.toTaskId,
  type: link.type,
  lag: link.lag,
});

export const lotSnapshot = (lot: PlanLotEntity): Record<string, unknown> => ({
  name: lot.name,
  goLive: lot.goLive,
  position: lot.position,
});

export const phaseSnapshot = (phase: PlanPhaseEntity): Record<string, unknown> => ({
  name: phase.name,
  position: phase.position,
});

export const settingsSnapshot = (
  settings: PlanSettingsEntity,
  targetGoLive: string,
): Record<string, unknown> => ({
  mode: settings.mode,
  targetGoLive,
  projectStart: settings.projectStart,
  calendar: {
    workingWeekdays: settings.workingWeekdays,
    publicHolidays: settings.publicHolidays,
    extraHolidays: settings.extraHolidays,
  },
  statusDate: settings.statusDate,
});
