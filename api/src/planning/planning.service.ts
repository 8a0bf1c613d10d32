import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RetroPlanningDto } from '@jalon/domain';
import type { CreateLinkDto } from './dto/link.dto';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import type { PlanLinkEntity } from './entities/plan-link.entity';
import type { PlanSettingsEntity } from './entities/plan-settings.entity';
import type { PlanTaskEntity } from './entities/plan-task.entity';
import { PlanReader, type SerialisedPlan } from './plan-reader.service';
import { PlanRepository } from './plan-repository';
import { PlanTasksService } from './plan-tasks.service';
import { PlanWriter } from './plan-writer.service';

export type { SerialisedPlan } from './plan-reader.service';

/**
 * What the rest of the API uses of the planning module (templates, baselines, exports, jobs,
 * progress reports), in one place. The work is done by one service per job:
 * `PlanReader` (reading and cache), `PlanWriter` (the write transaction), `PlanSettingsService`,
 * `PlanStructureService` (lots and phases), `PlanTasksService` (tasks and links),
 * `PlanBulkService`, and `PlanRepository` (the plan's SQL).
 */
@Injectable()
export class PlanningService {
  constructor(
    private readonly reader: PlanReader,
    private readonly writer: PlanWriter,
    private readonly repository: PlanRepository,
    private readonly tasks: PlanTasksService,
  ) {}

  /** 'YYYY-MM-DD': the status date of plans that have none. */
  today(): string {
    return this.writer.today();
  }

  getPlan(projectId: string): Promise<RetroPlanningDto> {
    return this.reader.getPlan(projectId);
  }

  getSerialisedPlan(projectId: string): Promise<SerialisedPlan> {
    return this.reader.getSerialisedPlan(projectId);
  }

  /** Reads the plan through `manager` (the transaction's one inside a write). */
  readPlan(manager: EntityManager, projectId: string): Promise<RetroPlanningDto> {
    return this.repository.readPlan(manager, projectId);
  }

  lockPlan(manager: EntityManager, projectId: string): Promise<PlanSettingsEntity> {
    return this.writer.lockPlan(manager, projectId);
  }

  recompute(manager: EntityManager, projectId: string): Promise<void> {
    return this.writer.recompute(manager, projectId);
  }

  insertTask(manager: EntityManager, projectId: string, input: CreateTaskDto): Promise<PlanTaskEntity> {
    return this.tasks.insertTask(manager, projectId, input);
  }

  insertLink(manager: EntityManager, projectId: string, input: CreateLinkDto): Promise<PlanLinkEntity> {
    return this.tasks.insertLink(manager, projectId, input);
  }

  updateTask(projectId: string, taskId: string, input: UpdateTaskDto): Promise<RetroPlanningDto> {
    return this.tasks.updateTask(projectId, taskId, input);
  }
}
