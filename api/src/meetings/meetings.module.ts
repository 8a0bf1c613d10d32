import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../clock/clock.module';
import { JobsModule } from '../jobs/jobs.module';
import { PlanningModule } from '../planning/planning.module';
import { RisksModule } from '../risks/risks.module';
import { MeetingFactsReader } from './agenda-proposal-state';
import { AgendaProposalController } from './agenda-proposal.controller';
import { AgendaProposalService } from './agenda-proposal.service';
import { MyWorkController, ProjectOverviewController } from './overview.controller';
import { OverviewService } from './overview.service';
import { MeetingPackController } from './pack.controller';
import { PackDemoSeeder } from './pack-demo.seeder';
import { MeetingPackService } from './pack.service';
import { MeetingSeriesController, MeetingsController } from './meetings.controller';
import { MeetingsExport } from './meetings-export';
import { MeetingsDemoSeeder } from './meetings-demo.seeder';
import { MeetingsService } from './meetings.service';
import { SeriesHorizonJob } from './series-horizon.job';
import { MyActionsController, SteeringRecordsController } from './steering-records.controller';
import { SteeringRecordsService } from './steering-records.service';

/**
 * Steering meetings (issue 13): series, meetings and minutes, decisions, actions, weather, KPIs;
 * the agenda proposal, the COPIL pack and the overview join it.
 */
@Module({
  imports: [AuditModule, ClockModule, JobsModule, PlanningModule, RisksModule],
  controllers: [MeetingSeriesController, MeetingsController, SteeringRecordsController, MyActionsController, AgendaProposalController, MeetingPackController, ProjectOverviewController, MyWorkController],
  providers: [MeetingsService, SteeringRecordsService, MeetingsExport, MeetingsDemoSeeder, MeetingFactsReader, AgendaProposalService, MeetingPackService, OverviewService, PackDemoSeeder, SeriesHorizonJob],
  exports: [MeetingsService, SteeringRecordsService, MeetingsDemoSeeder, MeetingPackService, PackDemoSeeder],
})
export class MeetingsModule {}
