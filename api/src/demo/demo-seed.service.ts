import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { AccountsService } from '../accounts/accounts.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { MembershipsService } from '../accounts/memberships.service';
import { PlanningTemplates } from '../planning/templates/planning-templates.service';
import { ProjectEntity } from '../projects/entities/project.entity';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { DEMO_PROJECT, demoGoLive } from './demo-project';

/** Seeds the demo project of the domain guide, once, on an empty database. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
    private readonly accounts: AccountsService,
    private readonly memberships: MembershipsService,
    // Optional only so that code building the seeder by hand (tests) keeps compiling; Nest always injects it.
    @Optional() private readonly planTemplates?: PlanningTemplates,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.environment.demoEnabled) return;
    const seeded = await this.seedIfEmpty(new Date());
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
  async seedIfEmpty(today: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const projects = manager.getRepository(ProjectEntity);
      if ((await projects.count()) > 0) return false;
      const project = await projects.save(projects.create({ ...DEMO_PROJECT, targetGoLive: demoGoLive(today) }));
      await this.seedDemoAccounts(manager, project.id);
      await this.planTemplates?.seedDemo(manager, project.id, project.targetGoLive, today);
      return true;
    });
  }

  /** One demo user per role on the demo project, plus an instance administrator. */
  private async seedDemoAccounts(manager: EntityManager, projectId: string): Promise<void> {
    for (const account of DEMO_ACCOUNTS) {
      const user = await this.accounts.createUser(
        { email: account.email, displayName: account.displayName, password: DEMO_PASSWORD, isAdmin: account.role === 'admin' },
        manager,
      );
      if (account.role !== 'admin') await this.memberships.setRole(projectId, user.id, account.role, manager);
    }
  }
}
