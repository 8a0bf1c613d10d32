import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../clock/clock.module';
import { PlanningModule } from '../planning/planning.module';
import { MyRiskTreatmentsController } from './my-risk-treatments.controller';
import { RisksController } from './risks.controller';
import { RisksExport } from './risks-export';
import { RisksDemoSeeder } from './risks-demo.seeder';
import { RisksService } from './risks.service';

/** The risk register. Reads the plan through PlanningService and BaselinesService. */
@Module({
  imports: [AuditModule, ClockModule, PlanningModule],
  controllers: [RisksController, MyRiskTreatmentsController],
  providers: [RisksService, RisksExport, RisksDemoSeeder],
  exports: [RisksService, RisksDemoSeeder],
})
export class RisksModule {}
