import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SessionsService } from './sessions.service';

@Injectable()
export class SessionPurge {
  private readonly logger = new Logger(SessionPurge.name);

  constructor(private readonly sessions: SessionsService) {}

  @Cron(CronExpression.EVERY_HOUR)
  async purge(): Promise<void> {
    const purged = await this.sessions.purgeExpired();
    if (purged > 0) this.logger.log({ message: 'Expired sessions purged', count: purged });
  }
}
