import { Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ClockModule } from '../clock/clock.module';
import { PlanningModule } from '../planning/planning.module';
import { RisksModule } from '../risks/risks.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { AcceptanceModule } from '../acceptance/acceptance.module';
import { GoNoGoModule } from '../go-no-go/go-no-go.module';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoPlanSeeder } from './demo-plan.seeder';
import { DemoProjectSeeder } from './demo-project.seeder';
import { DEMO_SEEDER_SOURCE, DemoSeedService, type DemoSeederSource } from './demo-seed.service';
import { DEMO_SEEDERS } from './demo-seeders';

@Module({
  imports: [PlanningModule, ClockModule, RisksModule, AcceptanceModule, MeetingsModule, GoNoGoModule],
  providers: [
    DemoSeedService,
    DemoProjectSeeder,
    DemoAccountsSeeder,
    DemoPlanSeeder,
    {
      provide: DEMO_SEEDER_SOURCE,
      inject: [ModuleRef],
      // Resolved when the seed runs, once every module is built; a seeder provided by another
      // module is found there (strict: false).
      useFactory: (moduleRef: ModuleRef): DemoSeederSource => () =>
        DEMO_SEEDERS.map((type) => moduleRef.get(type, { strict: false })),
    },
  ],
  exports: [DemoSeedService],
})
export class DemoModule {}
