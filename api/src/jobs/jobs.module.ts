import { Module } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module';
import { JobHistoryPrune } from './job-history-prune';
import { JobRunner } from './job-runner';

/**
 * Scheduled work that runs once across instances. A job is a provider with an `@Cron` method
 * that wraps its work in `JobRunner.runOnce(name, occurrence, work)`; import this module where
 * the job lives.
 */
@Module({
  imports: [ClockModule],
  providers: [JobRunner, JobHistoryPrune],
  exports: [JobRunner, ClockModule],
})
export class JobsModule {}
