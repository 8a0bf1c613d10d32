import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock } from '../clock/clock';
import { JobRunner, hourlyOccurrence, type JobOutcome } from '../jobs/job-runner';
import { SessionsService } from './sessions.service';

/** Every hour, on one instance only, deletes the sessions past their expiry. */
@Injectable()
export class SessionPurge {
  private readonly logger = new Logger(SessionPurge.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'session-purge' })
  async purge(): Promise<JobOutcome<number>> {
    const outcome = await this.jobs.runOnce('session-purge', hourlyOccurrence(this.clock.now()), () =>
      this.sessions.purgeExpired(),
    );
    if (outcome.ran && outcome.result > 0) this.logger.log({ message: 'Expired sessions purged', count: outcome.result });
    return outcome;
  }
}
