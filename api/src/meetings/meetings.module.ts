import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../clock/clock.module';
import { PlanningModule } from '../planning/planning.module';
import { RisksModule } from '../risks/risks.module';

/**
 * Steering meetings (issue 13): series, meetings and minutes, decisions, actions, weather, KPIs;
 * the agenda proposal, the COPIL pack and the overview join it.
 */
@Module({
  imports: [AuditModule, ClockModule, PlanningModule, RisksModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class MeetingsModule {}
