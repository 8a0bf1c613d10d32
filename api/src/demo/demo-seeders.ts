import type { Type } from '@nestjs/common';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoPlanSeeder } from './demo-plan.seeder';
import { DemoProjectSeeder } from './demo-project.seeder';
import type { DemoSeeder } from './demo-seeder';
import { RisksDemoSeeder } from '../risks/risks-demo.seeder';
import { MeetingsDemoSeeder } from '../meetings/meetings-demo.seeder';
import { PackDemoSeeder } from '../meetings/pack-demo.seeder';
import { RequirementsDemoSeeder } from '../acceptance/requirements-demo.seeder';
import { CampaignsDemoSeeder } from '../acceptance/campaigns-demo.seeder';
import { GoNoGoDemoSeeder } from '../go-no-go/go-no-go-demo.seeder';

/**
 * The demo, one seeder per feature, run in this order in one transaction on an empty database.
 * A new module appends its seeder class here and provides it in its own module (the demo
 * module imports that module so Nest can build it).
 */
export const DEMO_SEEDERS: ReadonlyArray<Type<DemoSeeder>> = [DemoProjectSeeder, DemoAccountsSeeder, DemoPlanSeeder, RisksDemoSeeder, RequirementsDemoSeeder, CampaignsDemoSeeder, GoNoGoDemoSeeder, MeetingsDemoSeeder, PackDemoSeeder];
