import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, calendarDateInParis } from '../clock/clock';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { UserEntity } from '../accounts/entities/user.entity';
import { ProjectEntity } from '../projects/entities/project.entity';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { DEMO_PROJECT } from './demo-project';
import type { DemoSeedContext, DemoSeeder } from './demo-seeder';

/** Gives the seeders of `DEMO_SEEDERS`, built by Nest in their own modules. */
export const DEMO_SEEDER_SOURCE = Symbol('DEMO_SEEDER_SOURCE');
export type DemoSeederSource = () => DemoSeeder[];

/**
 * Seeds the demo, once, on an empty database, by running every registered seeder in one
 * transaction, then their `afterSeed` steps once it has committed.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
    @Inject(DEMO_SEEDER_SOURCE) private readonly seeders: DemoSeederSource,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.environment.demoEnabled) return;
    const seeded = await this.seedIfEmpty(this.clock.now());
    if (seeded) this.logger.log({ message: 'Demo project seeded', project: DEMO_PROJECT.name });
    const demoUsers = await this.dataSource.getRepository(UserEntity).countBy({ email: DEMO_ACCOUNTS[0]!.email });
    if (demoUsers > 0) {
      this.logger.log({
        message: `Demo mode: sign in at /login with any of these accounts, password "${DEMO_PASSWORD}"`,
        accounts: DEMO_ACCOUNTS.map((account) => `${account.email} (${account.role})`),
      });
    }
  }

  /** Returns true when it seeded, false when the database already had a project. */
  async seedIfEmpty(now: Date): Promise<boolean> {
    const seeders = this.seeders();
    let seeded: DemoSeedContext | null = null;
    await this.dataSource.transaction(async (manager) => {
      if ((await manager.getRepository(ProjectEntity).count()) > 0) return;
      const context: DemoSeedContext = { manager, now, today: calendarDateInParis(now), users: new Map() };
      for (const seeder of seeders) await seeder.seed(context);
      seeded = context;
    });
    if (seeded === null) return false;
    const { manager: _committed, ...context } = seeded as DemoSeedContext;
    for (const seeder of seeders) if (seeder.afterSeed) await seeder.afterSeed(context);
    return true;
  }
}
