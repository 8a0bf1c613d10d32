import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../clock/clock.module';
import { CoverageService } from '../acceptance/coverage.service';
import { PlanningModule } from '../planning/planning.module';
import { RisksModule } from '../risks/risks.module';
import { GoNoGoController } from './go-no-go.controller';
import { GoNoGoDemoSeeder } from './go-no-go-demo.seeder';
import { GoNoGoSignalsController } from './go-no-go-signals';
import { GoNoGoService } from './go-no-go.service';

/** The signed go / no-go and the PV de recette (issue 16), under /api/projects/:projectId/go-no-go/…. */
@Module({
  imports: [AuditModule, ClockModule, PlanningModule, RisksModule],
  controllers: [GoNoGoController, GoNoGoSignalsController],
  // The acceptance's coverage, read as its own service computes it (it needs only the data source).
  providers: [GoNoGoService, CoverageService, GoNoGoDemoSeeder],
  exports: [GoNoGoService, GoNoGoDemoSeeder],
})
export class GoNoGoModule {}
