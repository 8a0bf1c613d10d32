import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RetroPlanningDto } from '@jalon/domain';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldError } from '../common/api-errors';
import { editLoadedRow, type RowKind } from '../common/edit-row';
import type { UpdatePlanSettingsDto } from './dto/settings.dto';
import { PlanSettingsEntity } from './entities/plan-settings.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';
import { settingsSnapshot, TASK_ROWS } from './plan-snapshots';
import { PlanWriter } from './plan-writer.service';

/** The plan's settings: mode, go-live or start, calendar, status date. */
@Injectable()
export class PlanSettingsService {
  constructor(
    private readonly writer: PlanWriter,
    private readonly auditTrail: AuditTrail,
  ) {}

  async update(projectId: string, input: UpdatePlanSettingsDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager, settings) => {
      const project = (await manager.query(`SELECT target_go_live AS "targetGoLive" FROM project WHERE id = $1`, [
        projectId,
      ])) as { targetGoLive: string }[];
      const oldGoLive = project[0]?.targetGoLive ?? '';
      const goLive = input.targetGoLive ?? oldGoLive;
      // The go-live lives on the project row but is audited with the settings.
      let audited = oldGoLive;
      const kind: RowKind<PlanSettingsEntity> = {
        target: PlanSettingsEntity,
        entity: 'plan_settings',
        snapshot: (row) => settingsSnapshot(row, audited),
      };
      await editLoadedRow(manager, this.auditTrail, kind, { projectId, id: projectId }, settings, input.version, async (row) => {
        applySettings(row, input);
        if (row.mode === 'forward') {
          if (row.projectStart === null) throw fieldError(400, 'projectStart', 'projectStart is required in forward mode');
          if (goLive < row.projectStart) {
            throw fieldError(400, 'targetGoLive', `targetGoLive ${goLive} is before the project start ${row.projectStart}`);
          }
        }
        audited = goLive;
        if (goLive !== oldGoLive) {
          await manager.query(`UPDATE project SET target_go_live = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
            projectId,
            goLive,
          ]);
          await this.moveGoLiveMilestones(manager, projectId, oldGoLive, goLive);
        }
      });
    });
  }

  /**
   * Milestones fixed on the go-live (the template's "Mise en production") stand for the go-live
   * itself: they follow it when it moves, as user edits (new version, audited).
   */
  private async moveGoLiveMilestones(manager: EntityManager, projectId: string, from: string, to: string): Promise<void> {
    const pinned = await manager.find(PlanTaskEntity, { where: { projectId, fixedDate: from } });
    for (const task of pinned) {
      await editLoadedRow(manager, this.auditTrail, TASK_ROWS, { projectId, id: task.id }, task, null, (row) => {
        row.fixedDate = to;
      });
    }
  }
}

function applySettings(settings: PlanSettingsEntity, input: UpdatePlanSettingsDto): void {
  if (input.mode !== undefined) settings.mode = input.mode;
  if (input.projectStart !== undefined) settings.projectStart = input.projectStart;
  if (input.statusDate !== undefined) settings.statusDate = input.statusDate;
  const calendar = input.calendar;
  if (!calendar) return;
  if (calendar.workingWeekdays !== undefined) {
    if (calendar.workingWeekdays.length === 0) {
      throw fieldError(400, 'calendar.workingWeekdays', 'calendar.workingWeekdays needs at least one working weekday');
    }
    settings.workingWeekdays = [...calendar.workingWeekdays].sort((a, b) => a - b);
  }
  if (calendar.publicHolidays !== undefined) settings.publicHolidays = calendar.publicHolidays;
  if (calendar.extraHolidays !== undefined) settings.extraHolidays = [...new Set(calendar.extraHolidays)].sort();
}
