import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../clock/clock';
import { JobRunner, dailyOccurrence } from './job-runner';

/** Once a night, across instances, drops job_run rows older than 90 days. */
@Injectable()
export class JobHistoryPrune {
  constructor(
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
  ) {}

  @Cron('40 3 * * *', { name: 'job-history-prune', timeZone: 'Europe/Paris' })
  async nightly(): Promise<void> {
    await this.jobs.runOnce('job-history-prune', dailyOccurrence(this.clock.now()), () => this.jobs.pruneHistory());
  }
}
