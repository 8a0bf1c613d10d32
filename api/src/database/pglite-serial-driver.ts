import { types } from '@electric-sql/pglite';
import { PGliteDriver } from 'typeorm-pglite';

type PoolCallback = (error: Error | null, client: unknown, release: (error?: unknown) => void) => void;
interface PGlitePoolLike {
  connect(callback: PoolCallback): Promise<void>;
}

/**
 * A FIFO lease on the one PGlite session.
 *
 * PGlite is a single Postgres session: two TypeORM query runners using it at once would run
 * their statements inside each other's transactions, so a rollback of one could discard the
 * other's committed write. Handing the session to one query runner at a time (from its first
 * query until it is released) gives PGlite the isolation a real connection pool gives Postgres.
 */
export class SessionLease {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  get queueLength(): number {
    return this.waiting.length;
  }
}

export interface PGliteDriverOptions {
  dataDir: string;
}

/**
 * The `driver` object TypeORM's postgres driver loads in place of `pg`: typeorm-pglite's pool,
 * with every connection leased through a {@link SessionLease}.
 */
export function createSerialPGliteDriver(options: PGliteDriverOptions): { Pool: new () => unknown } {
  const base = new PGliteDriver({
    dataDir: options.dataDir,
    // Keep `date` columns as 'YYYY-MM-DD' strings, as with `pg` below, so no time zone shifts them.
    parsers: { [types.DATE]: (value: string) => value },
  }).driver as unknown as { Pool: new () => PGlitePoolLike };
  const lease = new SessionLease();

  class SerialPGlitePool extends base.Pool {
    override async connect(callback: PoolCallback): Promise<void> {
      await lease.acquire();
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        lease.release();
      };
      await super.connect((error, client) => {
        if (error) release();
        callback(error, client, release);
      });
    }
  }

  return { Pool: SerialPGlitePool };
}
