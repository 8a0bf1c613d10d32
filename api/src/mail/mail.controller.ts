import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { MailPreferencesDto, SentMailDto, SentMailListDto } from '@jalon/domain';
import { AdminOnly, Authenticated, CurrentUser, ProjectAccess, type AuthenticatedUser } from '../access/access.decorators';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MeetingMail } from './meeting-mail';
import { fieldError } from '../common/api-errors';
import { attachmentDisposition } from '../exports/content-disposition';
import { MailListQueryDto, MailPreferencesDtoIn } from './dto/mail.dto';
import { MailPreferences } from './mail-preferences';
import { SentMails } from './sent-mails';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });

/** « Courriels envoyés »: administrators see every mail, each user their own; failures retried by an administrator. */
@ApiTags('mail')
@Controller()
export class MailController {
  constructor(
    private readonly mails: SentMails,
    private readonly preferences: MailPreferences,
    private readonly meetingMail: MeetingMail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Sends a series as one recurring invitation (RRULE, EXDATEs, moved occurrences as overrides) to its next occurrence's participants. */
  @Post('projects/:projectId/meeting-series/:seriesId/invitation')
  @ProjectAccess('meeting.manage')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ recipients, sequence }: the invitations written to the outbox' })
  inviteSeries(@Param('projectId', uuid('projectId')) projectId: string, @Param('seriesId', uuid('seriesId')) seriesId: string): Promise<{ recipients: number; sequence: number }> {
    return this.dataSource.transaction((manager) => this.meetingMail.inviteSeries(manager, projectId, seriesId));
  }

  @Get('mail')
  @Authenticated()
  @ApiOkResponse({ description: 'SentMailListDto of @jalon/domain' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: MailListQueryDto): Promise<SentMailListDto> {
    return this.mails.list(user, query.status, query.limit ?? 200);
  }

  @Get('mail/:mailId')
  @Authenticated()
  @ApiOkResponse({ description: 'SentMailDto of @jalon/domain: the mail as its recipient sees it' })
  one(@CurrentUser() user: AuthenticatedUser, @Param('mailId', uuid('mailId')) mailId: string): Promise<SentMailDto> {
    return this.mails.one(user, mailId);
  }

  /** The raw message (RFC 5322), as Outlook or Thunderbird open it. */
  @Get('mail/:mailId/eml')
  @Authenticated()
  async eml(@CurrentUser() user: AuthenticatedUser, @Param('mailId', uuid('mailId')) mailId: string, @Res() response: Response): Promise<void> {
    const raw = await this.mails.raw(user, mailId);
    response.setHeader('Content-Type', 'message/rfc822');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Disposition', attachmentDisposition(`courriel-${mailId.slice(0, 8)}.eml`));
    response.status(200).end(raw);
  }

  @Post('mail/:mailId/retry')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ description: 'SentMailDto: the failed mail back in the outbox, due now' })
  retry(@CurrentUser() user: AuthenticatedUser, @Param('mailId', uuid('mailId')) mailId: string): Promise<SentMailDto> {
    return this.mails.retry(user, mailId);
  }

  @Get('me/mail-preferences')
  @Authenticated()
  @ApiOkResponse({ description: 'MailPreferencesDto of @jalon/domain' })
  myPreferences(@CurrentUser() user: AuthenticatedUser): Promise<MailPreferencesDto> {
    return this.preferences.get(user.id);
  }

  @Put('me/mail-preferences')
  @Authenticated()
  @ApiOkResponse({ description: 'MailPreferencesDto of @jalon/domain' })
  setPreferences(@CurrentUser() user: AuthenticatedUser, @Body() input: MailPreferencesDtoIn): Promise<MailPreferencesDto> {
    return this.preferences.update(user.id, input);
  }
}
