import { Injectable } from '@nestjs/common';
import { ProjectEntity } from '../projects/entities/project.entity';
import { DEMO_PROJECT, demoGoLive } from './demo-project';
import type { DemoSeedContext, DemoSeeder } from './demo-seeder';

/** The demo project itself, its go-live about four months after the seed. */
@Injectable()
export class DemoProjectSeeder implements DemoSeeder {
  async seed(context: DemoSeedContext): Promise<void> {
    const projects = context.manager.getRepository(ProjectEntity);
    const project = await projects.save(projects.create({ ...DEMO_PROJECT, targetGoLive: demoGoLive(context.now) }));
    context.project = { id: project.id, name: project.name, targetGoLive: project.targetGoLive };
  }
}
