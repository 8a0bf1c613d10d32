import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlanningModule } from '../planning/planning.module';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [AuditModule, PlanningModule],
  controllers: [ProjectsController],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
