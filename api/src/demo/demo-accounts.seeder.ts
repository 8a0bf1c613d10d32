import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { MembershipsService } from '../accounts/memberships.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { demoProjectOf, type DemoSeedContext, type DemoSeeder } from './demo-seeder';

/** One demo user per role on the demo project, plus an instance administrator. */
@Injectable()
export class DemoAccountsSeeder implements DemoSeeder {
  constructor(
    private readonly accounts: AccountsService,
    private readonly memberships: MembershipsService,
  ) {}

  async seed(context: DemoSeedContext): Promise<void> {
    const project = demoProjectOf(context);
    for (const account of DEMO_ACCOUNTS) {
      const user = await this.accounts.createUser(
        { email: account.email, displayName: account.displayName, password: DEMO_PASSWORD, isAdmin: account.role === 'admin' },
        context.manager,
      );
      context.users.set(account.email, { id: user.id, displayName: user.displayName });
      if (account.role !== 'admin') await this.memberships.setRole(project.id, user.id, account.role, context.manager);
    }
  }
}
