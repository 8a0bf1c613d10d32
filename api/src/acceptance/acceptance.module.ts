import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../clock/clock.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { RequirementsController } from './requirements.controller';
import { RequirementsDemoSeeder } from './requirements-demo.seeder';
import { RequirementsService } from './requirements.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsDemoSeeder } from './campaigns-demo.seeder';
import { CampaignsService } from './campaigns.service';
import { CoverageController } from './coverage.controller';
import { CoverageExport } from './coverage-export';
import { CoverageService } from './coverage.service';
import { DefectsController } from './defects.controller';
import { DefectsService } from './defects.service';
import { ExecutionsController } from './executions.controller';
import { ExecutionsService } from './executions.service';
import { MyAcceptanceTestsController } from './my-acceptance-tests.controller';

/**
 * The acceptance (recette, issue 15): requirements, test cases, campaigns, executions, defects
 * and coverage, under /api/projects/:projectId/acceptance/….
 */
@Module({
  imports: [AuditModule, ClockModule],
  controllers: [RequirementsController, CasesController, CampaignsController, ExecutionsController, DefectsController, CoverageController, MyAcceptanceTestsController],
  providers: [RequirementsService, CasesService, RequirementsDemoSeeder, CampaignsService, ExecutionsService, DefectsService, CoverageService, CoverageExport, CampaignsDemoSeeder],
  exports: [RequirementsService, CasesService, RequirementsDemoSeeder, CampaignsDemoSeeder],
})
export class AcceptanceModule {}
