import type { EntityManager } from 'typeorm';

/**
 * What the seeders of the demo share while they run, in one transaction, on an empty database.
 * Seeders run in the order of `DEMO_SEEDERS` (demo-seeders.ts); each may read what the ones
 * before it left here.
 */
export interface DemoSeedContext {
  /** The seed's transaction: write only through it. */
  readonly manager: EntityManager;
  /** The instant of the seed, and its calendar date in Europe/Paris ('YYYY-MM-DD'). */
  readonly now: Date;
  readonly today: string;
  /** Set by the project seeder (first in the list). */
  project?: { id: string; name: string; targetGoLive: string };
  /** The demo accounts by e-mail, set by the accounts seeder. */
  readonly users: Map<string, { id: string; displayName: string }>;
}

/**
 * One module's share of the demo data. A module adds its demo by providing a class that
 * implements this in its own Nest module and appending the class to `DEMO_SEEDERS`.
 */
export interface DemoSeeder {
  seed(context: DemoSeedContext): Promise<void>;
  /**
   * Optional: runs once the seed's transaction has committed, in the order of `DEMO_SEEDERS`, for
   * demo data made through a module's own services, which read committed rows (a frozen COPIL
   * pack reads the plan, the risk register and the minutes like any pack).
   */
  afterSeed?(context: Omit<DemoSeedContext, 'manager'>): Promise<void>;
}

/** The demo project, or an error saying the project seeder must run first. */
export function demoProjectOf(context: DemoSeedContext): { id: string; name: string; targetGoLive: string } {
  if (!context.project) throw new Error('The demo project seeder must run before this seeder (see DEMO_SEEDERS)');
  return context.project;
}

/** A demo account by e-mail, or an error naming it. */
export function demoUserOf(context: DemoSeedContext, email: string): { id: string; displayName: string } {
  const user = context.users.get(email);
  if (!user) throw new Error(`Demo account ${email} is not seeded (the accounts seeder must run first)`);
  return user;
}
