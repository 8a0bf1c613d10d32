import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { MailTransport, isPermanentFailure, type OutboxRow } from './mail-transport';

/** Delay before attempt n + 1 after n failed attempts: 1, 2, 4, 8… minutes, at most 6 hours. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failedAttempts - 1), 6 * 3600_000);
}

/** How long a PGlite claim ('sending') lasts before another pass may take the mail again. */
const LEASE_MS = 5 * 60_000;

/**
 * Sends the outbox. On PostgreSQL each mail is claimed with `FOR UPDATE SKIP LOCKED` in a
 * transaction that stays open while the relay takes it and marks it sent before committing: two
 * instances never take the same row, and a crash before the commit leaves it pending (sent again
 * with the same Message-ID, which the relay and clients recognise). On PGlite (one process, one
 * session shared by every request) a mail is leased ('sending', locked_until) in a short
 * transaction, sent, then marked, so a slow relay never holds the only session.
 */
@Injectable()
export class MailWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(MailWorker.name);
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
    private readonly clock: Clock,
    private readonly transport: MailTransport,
  ) {}

  private get holdsLockWhileSending(): boolean {
    return Boolean(this.environment.DATABASE_URL);
  }

  /** Every 15 s outside tests (they call drain() themselves). */
  @Interval('mail-outbox', 15_000)
  async poll(): Promise<void> {
    if (this.environment.NODE_ENV === 'test' || this.stopped) return;
    await this.drain().catch((error: unknown) => this.logger.error({ message: 'Mail outbox pass failed', error: String(error) }));
  }

  /** Sends every due mail (one pass at a time per process); returns how many were sent. */
  drain(limit = 500): Promise<number> {
    if (!this.running) {
      this.running = this.pass(limit).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async pass(limit: number): Promise<number> {
    let sent = 0;
    for (let handled = 0; handled < limit && !this.stopped; handled++) {
      const outcome = this.holdsLockWhileSending ? await this.sendOneLocked() : await this.sendOneLeased();
      if (outcome === 'none') break;
      if (outcome === 'sent') sent++;
    }
    return sent;
  }

  private async sendOneLocked(): Promise<'none' | 'sent' | 'failed'> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const rows = (await manager.query(
        `SELECT * FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
      )) as OutboxRow[];
      const row = rows[0];
      if (!row) return 'none';
      return this.attempt(manager, row, now);
    });
  }

  private async sendOneLeased(): Promise<'none' | 'sent' | 'failed'> {
    const now = this.clock.now();
    const claimed = (await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'sending', locked_until = $2
       WHERE id = (SELECT id FROM mail_outbox
                   WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND locked_until < $1)
                   ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, new Date(now.getTime() + LEASE_MS)],
    )) as [OutboxRow[], number] | OutboxRow[];
    const row = (Array.isArray(claimed[0]) ? claimed[0][0] : claimed[0]) as OutboxRow | undefined;
    if (!row) return 'none';
    return this.dataSource.transaction((manager) => this.attempt(manager, row, now));
  }

  private async attempt(manager: EntityManager, row: OutboxRow, now: Date): Promise<'sent' | 'failed'> {
    const attempts = row.attempts + 1;
    try {
      await this.transport.send(row, now);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const giveUp = attempts >= this.environment.JALON_MAIL_MAX_ATTEMPTS || isPermanentFailure(error);
      await manager.query(
        `UPDATE mail_outbox SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5, locked_until = NULL WHERE id = $1`,
        [row.id, giveUp ? 'failed' : 'pending', attempts, message, new Date(now.getTime() + backoffMs(attempts))],
      );
      this.logger.warn({ message: giveUp ? 'Mail given up' : 'Mail will be retried', mailId: row.id, attempts, error: message });
      return 'failed';
    }
    await manager.query(`UPDATE mail_outbox SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL, locked_until = NULL WHERE id = $1`, [row.id, attempts, now]);
    return 'sent';
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.transport.close();
  }
}
