import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../clock/clock.module';

/**
 * The acceptance (recette, issue 15): requirements, test cases, campaigns, executions, defects
 * and coverage, under /api/projects/:projectId/acceptance/….
 */
@Module({
  imports: [AuditModule, ClockModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class AcceptanceModule {}
