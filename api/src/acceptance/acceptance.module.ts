import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../clock/clock.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { RequirementsController } from './requirements.controller';
import { RequirementsDemoSeeder } from './requirements-demo.seeder';
import { RequirementsService } from './requirements.service';

/**
 * The acceptance (recette, issue 15): requirements, test cases, campaigns, executions, defects
 * and coverage, under /api/projects/:projectId/acceptance/….
 */
@Module({
  imports: [AuditModule, ClockModule],
  controllers: [RequirementsController, CasesController],
  providers: [RequirementsService, CasesService, RequirementsDemoSeeder],
  exports: [RequirementsService, CasesService, RequirementsDemoSeeder],
})
export class AcceptanceModule {}
