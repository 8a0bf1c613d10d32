import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlanningService } from './planning.service';

/**
 * Plans whose status date is "today" are computed when they are edited, so their in_the_past
 * warnings would age on a plan nobody touches. Each night they are recomputed against the new
 * day, one transaction per plan, so the COPIL reads warnings of the day.
 */
@Injectable()
export class PlanStatusRefresh {
  private readonly logger = new Logger(PlanStatusRefresh.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planning: PlanningService,
  ) {}

  @Cron('10 0 * * *', { name: 'plan-status-refresh', timeZone: 'Europe/Paris' })
  async nightly(): Promise<void> {
    const refreshed = await this.refreshAll();
    if (refreshed > 0) this.logger.log({ message: 'Plans recomputed for the new status date', count: refreshed });
  }

  /** Recomputes every plan that follows today; returns how many. */
  async refreshAll(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT project_id AS "projectId" FROM plan_settings WHERE status_date IS NULL ORDER BY project_id`,
    )) as Array<{ projectId: string }>;
    for (const { projectId } of rows) {
      await this.dataSource.transaction(async (manager) => {
        await this.planning.lockPlan(manager, projectId);
        await this.planning.recompute(manager, projectId);
      });
    }
    return rows.length;
  }
}
