import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { JobsModule } from '../jobs/jobs.module';
import { BaselinesService } from './baselines.service';
import { PlanExportsService } from './plan-exports.service';
import { CalendarFeedController, PlanExportsController } from './plan-exports.controller';
import { MyTasksController } from './my-tasks.controller';
import { PlanBaselinesController } from './plan-baselines.controller';
import { PlanBulkService } from './plan-bulk.service';
import { PlanReader } from './plan-reader.service';
import { PlanRepository } from './plan-repository';
import { PlanSettingsService } from './plan-settings.service';
import { PlanStructureService } from './plan-structure.service';
import { PlanTasksService } from './plan-tasks.service';
import { PlanWriter } from './plan-writer.service';
import { PlanningController } from './planning.controller';
import { PlanStatusRefresh } from './plan-status-refresh';
import { PlanningService } from './planning.service';
import { TaskProgressController } from './task-progress.controller';
import { PlanningTemplates } from './templates/planning-templates.service';

/**
 * The retroplanning. Not global: the projects and demo modules import it to start a plan from a
 * template in their own transaction.
 */
@Module({
  imports: [AuditModule, JobsModule],
  controllers: [
    PlanningController,
    PlanBaselinesController,
    PlanExportsController,
    CalendarFeedController,
    TaskProgressController,
    MyTasksController,
  ],
  providers: [
    PlanRepository,
    PlanReader,
    PlanWriter,
    PlanSettingsService,
    PlanStructureService,
    PlanTasksService,
    PlanBulkService,
    PlanningService,
    BaselinesService,
    PlanExportsService,
    PlanningTemplates,
    PlanStatusRefresh,
  ],
  exports: [PlanningService, BaselinesService, PlanningTemplates],
})
export class PlanningModule {}
