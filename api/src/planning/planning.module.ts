import { Global, Module } from '@nestjs/common';
import { BaselinesService } from './baselines.service';
import { PlanExportsService } from './plan-exports.service';
import { CalendarFeedController, PlanExportsController } from './plan-exports.controller';
import { PlanningController } from './planning.controller';
import { PlanStatusRefresh } from './plan-status-refresh';
import { PlanningService } from './planning.service';
import { TaskProgressController } from './task-progress.controller';
import { PlanningTemplates } from './templates/planning-templates.service';

/**
 * Global so that project creation and the demo seed can start a plan from a template in their
 * own transaction without their modules importing this one.
 */
@Global()
@Module({
  controllers: [PlanningController, PlanExportsController, CalendarFeedController, TaskProgressController],
  providers: [PlanningService, BaselinesService, PlanExportsService, PlanningTemplates, PlanStatusRefresh],
  exports: [PlanningService, BaselinesService, PlanningTemplates],
})
export class PlanningModule {}
