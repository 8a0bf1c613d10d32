import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { Clock, calendarDateInParis } from '../clock/clock';

export type JobOutcome<T> = { ran: true; result: T } | { ran: false; claimedBy: string };

/** The occurrence key of an hourly job: the UTC hour, 'YYYY-MM-DDTHH'. */
export const hourlyOccurrence = (now: Date): string => now.toISOString().slice(0, 13);

/** The occurrence key of a daily job: the calendar day in Europe/Paris, 'YYYY-MM-DD'. */
export const dailyOccurrence = (now: Date): string => calendarDateInParis(now);

/**
 * Runs scheduled work once across every API instance sharing the database. Each instance's cron
 * fires; the first to insert the (job, occurrence) row of `job_run` runs the work, the others
 * find the row taken and skip. The row then says who ran it, when, and how it ended. Works the
 * same on PostgreSQL and on PGlite (a plain unique insert, no session-level lock).
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  /** This process, as written in job_run.instance. */
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` when this instance claims `occurrence` of `job`; otherwise does nothing. A
   * failure is recorded on the row (outcome 'failed') and thrown again; the occurrence is not
   * retried, the next one is.
   */
  async runOnce<T>(job: string, occurrence: string, work: () => Promise<T>): Promise<JobOutcome<T>> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO job_run (job, occurrence, instance, started_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (job, occurrence) DO NOTHING RETURNING instance`,
      [job, occurrence, this.instance, this.clock.now()],
    )) as Array<{ instance: string }>;
    if (claimed.length === 0) {
      const rows = (await this.dataSource.query(`SELECT instance FROM job_run WHERE job = $1 AND occurrence = $2`, [
        job,
        occurrence,
      ])) as Array<{ instance: string }>;
      return { ran: false, claimedBy: rows[0]?.instance ?? 'unknown' };
    }
    try {
      const result = await work();
      await this.finish(job, occurrence, 'done', typeof result === 'number' ? `count: ${result}` : null);
      return { ran: true, result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.finish(job, occurrence, 'failed', message.slice(0, 2000)).catch(() => undefined);
      this.logger.error({ message: 'Scheduled job failed', job, occurrence, error: message });
      throw error;
    }
  }

  /** Forgets the runs started before `days` ago (the table only has to outlive clock skew). */
  async pruneHistory(days = 90): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - days * 24 * 3600 * 1000);
    const rows = (await this.dataSource.query(`DELETE FROM job_run WHERE started_at < $1 RETURNING job`, [cutoff])) as
      | [unknown[], number]
      | unknown[];
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  }

  private async finish(job: string, occurrence: string, outcome: 'done' | 'failed', detail: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE job_run SET finished_at = $3, outcome = $4, detail = $5 WHERE job = $1 AND occurrence = $2`,
      [job, occurrence, this.clock.now(), outcome, detail],
    );
  }
}
