import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning/planning.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [PlanningModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
