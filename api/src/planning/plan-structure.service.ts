import { Injectable } from '@nestjs/common';
import type { RetroPlanningDto } from '@jalon/domain';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldError } from '../common/api-errors';
import { createRow, deleteRow, editRow } from '../common/edit-row';
import type { CreateLotDto, UpdateLotDto } from './dto/lot.dto';
import type { CreatePhaseDto, UpdatePhaseDto } from './dto/phase.dto';
import { PlanLotEntity } from './entities/plan-lot.entity';
import { PlanPhaseEntity } from './entities/plan-phase.entity';
import type { PlanSettingsEntity } from './entities/plan-settings.entity';
import { PlanRepository } from './plan-repository';
import { LOT_ROWS, PHASE_ROWS } from './plan-snapshots';
import { PlanWriter } from './plan-writer.service';

/** Lots (each may have its own go-live) and phases of a plan. */
@Injectable()
export class PlanStructureService {
  constructor(
    private readonly writer: PlanWriter,
    private readonly repository: PlanRepository,
    private readonly auditTrail: AuditTrail,
  ) {}

  // ----- lots

  createLot(projectId: string, input: CreateLotDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager, settings) => {
      checkLotGoLive(settings, input.goLive ?? null);
      const lot = manager.create(PlanLotEntity, {
        projectId,
        name: input.name,
        goLive: input.goLive ?? null,
        position: input.position ?? (await this.repository.nextPosition(manager, 'plan_lot', projectId)),
      });
      await createRow(manager, this.auditTrail, LOT_ROWS, projectId, lot);
    });
  }

  updateLot(projectId: string, lotId: string, input: UpdateLotDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager, settings) => {
      await editRow(manager, this.auditTrail, LOT_ROWS, { projectId, id: lotId, where: { id: lotId, projectId } }, input.version, (lot) => {
        if (input.name !== undefined) lot.name = input.name;
        if (input.goLive !== undefined) lot.goLive = input.goLive;
        if (input.position !== undefined) lot.position = input.position;
        checkLotGoLive(settings, lot.goLive);
      });
    });
  }

  deleteLot(projectId: string, lotId: string, version: number): Promise<RetroPlanningDto> {
    // Its tasks stay in the plan, without a lot (ON DELETE SET NULL).
    return this.writer.write(projectId, async (manager) => {
      await deleteRow(manager, this.auditTrail, LOT_ROWS, { projectId, id: lotId, where: { id: lotId, projectId } }, version);
    });
  }

  // ----- phases

  createPhase(projectId: string, input: CreatePhaseDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      const phase = manager.create(PlanPhaseEntity, {
        projectId,
        name: input.name,
        position: input.position ?? (await this.repository.nextPosition(manager, 'plan_phase', projectId)),
      });
      await createRow(manager, this.auditTrail, PHASE_ROWS, projectId, phase);
    });
  }

  updatePhase(projectId: string, phaseId: string, input: UpdatePhaseDto): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      const ref = { projectId, id: phaseId, where: { id: phaseId, projectId } };
      await editRow(manager, this.auditTrail, PHASE_ROWS, ref, input.version, (phase) => {
        if (input.name !== undefined) phase.name = input.name;
        if (input.position !== undefined) phase.position = input.position;
      });
    });
  }

  deletePhase(projectId: string, phaseId: string, version: number): Promise<RetroPlanningDto> {
    return this.writer.write(projectId, async (manager) => {
      await deleteRow(manager, this.auditTrail, PHASE_ROWS, { projectId, id: phaseId, where: { id: phaseId, projectId } }, version);
    });
  }
}

function checkLotGoLive(settings: PlanSettingsEntity, goLive: string | null): void {
  if (goLive !== null && settings.mode === 'forward' && settings.projectStart !== null && goLive < settings.projectStart) {
    throw fieldError(400, 'goLive', `goLive ${goLive} is before the project start ${settings.projectStart}`);
  }
}
