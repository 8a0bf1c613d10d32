import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { JobRunner, dailyOccurrence, type JobOutcome } from '../jobs/job-runner';
import { recomputeAndStore } from './plan-schedule';
import { PlanningService } from './planning.service';

/**
 * Plans whose status date is "today" are computed when they are edited, so their in_the_past
 * warnings would age on a plan nobody touches. Each night, on one instance only, they are
 * recomputed against the new day (the Clock's), one transaction per plan, so the COPIL reads
 * warnings of the day. Plans with a status date of their own are left alone.
 */
@Injectable()
export class PlanStatusRefresh {
  private readonly logger = new Logger(PlanStatusRefresh.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planning: PlanningService,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
  ) {}

  @Cron('10 0 * * *', { name: 'plan-status-refresh', timeZone: 'Europe/Paris' })
  async nightly(): Promise<JobOutcome<string[]>> {
    const outcome = await this.jobs.runOnce('plan-status-refresh', dailyOccurrence(this.clock.now()), () =>
      this.refreshAll(),
    );
    if (outcome.ran && outcome.result.length > 0) {
      this.logger.log({ message: 'Plans recomputed for the new status date', count: outcome.result.length });
    }
    return outcome;
  }

  /** Recomputes every plan that follows today; returns their project ids. */
  async refreshAll(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT project_id AS "projectId" FROM plan_settings WHERE status_date IS NULL ORDER BY project_id`,
    )) as Array<{ projectId: string }>;
    const today = this.clock.today();
    for (const { projectId } of rows) {
      await this.dataSource.transaction(async (manager) => {
        await this.planning.lockPlan(manager, projectId);
        await recomputeAndStore(manager, projectId, today);
      });
    }
    return rows.map((row) => row.projectId);
  }
}
