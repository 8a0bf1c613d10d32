import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { ProjectEntity } from '../projects/entities/project.entity';
import { DEMO_PROJECT, demoGoLive } from './demo-project';

/** Seeds the demo project of the domain guide, once, on an empty database. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.environment.demoEnabled) return;
    const seeded = await this.seedIfEmpty(new Date());
    if (seeded) this.logger.log({ message: 'Demo project seeded', project: DEMO_PROJECT.name });
  }

  /** Returns true when it seeded, false when the database already had a project. */
  async seedIfEmpty(today: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const projects = manager.getRepository(ProjectEntity);
      if ((await projects.count()) > 0) return false;
      await projects.save(projects.create({ ...DEMO_PROJECT, targetGoLive: demoGoLive(today) }));
      return true;
    });
  }
}
