import { Injectable } from '@nestjs/common';
import { PlanningTemplates } from '../planning/templates/planning-templates.service';
import { demoProjectOf, type DemoSeedContext, type DemoSeeder } from './demo-seeder';

/** The demo project's retroplanning: the contact-centre template, a baseline and the work already done. */
@Injectable()
export class DemoPlanSeeder implements DemoSeeder {
  constructor(private readonly templates: PlanningTemplates) {}

  async seed(context: DemoSeedContext): Promise<void> {
    const project = demoProjectOf(context);
    await this.templates.seedDemo(context.manager, project.id, project.targetGoLive, context.now);
  }
}
