import { Global, Module } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module';
import { JobsModule } from '../jobs/jobs.module';
import { MailController } from './mail.controller';
import { MailJobs } from './mail-jobs';
import { MailOutbox } from './mail-outbox';
import { MailPreferences } from './mail-preferences';
import { MailTransport } from './mail-transport';
import { MailWorker } from './mail-worker';
import { MEETING_MAIL, MeetingMail } from './meeting-mail';
import { SentMails } from './sent-mails';

/**
 * Mail (issue 14): the transactional outbox and its worker, invitations / updates / cancellations
 * and minutes of meetings (through the {@link MEETING_MAIL} hook the meetings service calls in its
 * transactions), scheduled mails, « Courriels envoyés » and each user's preferences. Global, so
 * any module can enqueue a mail in its own transaction.
 */
@Global()
@Module({
  imports: [ClockModule, JobsModule],
  controllers: [MailController],
  providers: [MailJobs, MailOutbox, MailTransport, MailWorker, MailPreferences, SentMails, MeetingMail, { provide: MEETING_MAIL, useExisting: MeetingMail }],
  exports: [MailJobs, MailOutbox, MailWorker, MailPreferences, MEETING_MAIL],
})
export class MailModule {}
