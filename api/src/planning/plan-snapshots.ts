import type { EntityManager } from 'typeorm';
import { EDITABLE_TASK_FIELDS } from '@jalon/domain';
import type { RowKind } from '../common/edit-row';
import { PlanLinkEntity } from './entities/plan-link.entity';
import { PlanLotEntity } from './entities/plan-lot.entity';
import { PlanPhaseEntity } from './entities/plan-phase.entity';
import type { PlanSettingsEntity } from './entities/plan-settings.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';

// What the audit trail records of each kind of plan data: the fields a user edits, never the
// computed dates (derived data, rewritten by every recompute).

export const taskSnapshot = (task: PlanTaskEntity): Record<string, unknown> =>
  Object.fromEntries(EDITABLE_TASK_FIELDS.map((field) => [field, task[field]]));

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

/** « Atelier routage → Recette »: a link named by its two tasks, for the change log. */
export async function linkLabel(link: Pick<PlanLinkEntity, 'fromTaskId' | 'toTaskId'>, manager: EntityManager): Promise<string> {
  const rows = (await manager.query(`SELECT id, name FROM plan_task WHERE id IN ($1, $2)`, [link.fromTaskId, link.toTaskId])) as {
    id: string;
    name: string;
  }[];
  const name = (id: string) => rows.find((row) => row.id === id)?.name ?? '?';
  return `${name(link.fromTaskId)} → ${name(link.toTaskId)}`;
}

// The kinds of plan rows, for the shared edit helper (`api/src/common/edit-row.ts`).

export const TASK_ROWS: RowKind<PlanTaskEntity> = {
  target: PlanTaskEntity,
  entity: 'task',
  snapshot: taskSnapshot,
  label: (task) => task.name,
};

export const LINK_ROWS: RowKind<PlanLinkEntity> = {
  target: PlanLinkEntity,
  entity: 'link',
  snapshot: linkSnapshot,
  label: linkLabel,
};

export const LOT_ROWS: RowKind<PlanLotEntity> = {
  target: PlanLotEntity,
  entity: 'lot',
  snapshot: lotSnapshot,
  label: (lot) => lot.name,
};

export const PHASE_ROWS: RowKind<PlanPhaseEntity> = {
  target: PlanPhaseEntity,
  entity: 'phase',
  snapshot: phaseSnapshot,
  label: (phase) => phase.name,
};
