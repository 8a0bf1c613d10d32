import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../clock/clock';
import { JobRunner, dailyOccurrence, type JobOutcome } from '../jobs/job-runner';
import { MeetingsService } from './meetings.service';

/**
 * A series materialises its occurrences SERIES_HORIZON_MONTHS ahead when it is created or edited;
 * untouched, it would run dry. Each night, on one instance only, every series' horizon moves on
 * and the occurrences past the old horizon are created (MeetingsService.extendSeriesHorizons).
 */
@Injectable()
export class SeriesHorizonJob {
  private readonly logger = new Logger(SeriesHorizonJob.name);

  constructor(
    private readonly meetings: MeetingsService,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
  ) {}

  @Cron('20 0 * * *', { name: 'meeting-series-horizon', timeZone: 'Europe/Paris' })
  async daily(): Promise<JobOutcome<number>> {
    const outcome = await this.jobs.runOnce('meeting-series-horizon', dailyOccurrence(this.clock.now()), () => this.meetings.extendSeriesHorizons());
    if (outcome.ran && outcome.result > 0) this.logger.log({ message: 'Series occurrences created up to the horizon', count: outcome.result });
    return outcome;
  }
}
