import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MailKind, MailStatus, SentMailDto, SentMailListDto, SentMailSummaryDto } from '@jalon/domain';
import type { AuthenticatedUser } from '../access/access.decorators';
import { notFound, refuse } from '../common/api-errors';
import { Clock } from '../clock/clock';
import { MailTransport, type OutboxRow } from './mail-transport';

type Row = OutboxRow & { project_name: string | null; next_attempt_at: Date; last_error: string | null };

const SUMMARY_COLUMNS = `o.id, o.project_id, p.name AS project_name, o.kind, o.recipient_user_id, o.recipient_email, o.recipient_name, o.subject,
  o.status, o.attempts, o.ics_method, o.created_at, o.sent_at, o.next_attempt_at, o.last_error, o.message_id`;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function summary(row: Row): SentMailSummaryDto {
  return {
    id: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    kind: row.kind as MailKind,
    recipientUserId: row.recipient_user_id,
    recipientEmail: row.recipient_email,
    recipientName: row.recipient_name,
    subject: row.subject,
    status: row.status as MailStatus,
    attempts: row.attempts,
    icsMethod: row.ics_method,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    nextAttemptAt: row.status === 'pending' || row.status === 'sending' ? iso(row.next_attempt_at) : null,
    lastError: row.last_error,
    messageId: row.message_id,
  };
}

/** The outbox as people read it: administrators every mail, others the mails addressed to them (else 404). */
@Injectable()
export class SentMails {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthenticatedUser, status: MailStatus | undefined, limit: number): Promise<SentMailListDto> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (!user.isAdmin) {
      params.push(user.id);
      conditions.push(`o.recipient_user_id = $${params.length}`);
    }
    const scope = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    if (status) {
      params.push(status);
      conditions.push(`o.status = $${params.length}`);
    }
    params.push(limit);
    const rows = (await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM mail_outbox o LEFT JOIN project p ON p.id = o.project_id
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY o.created_at DESC, o.id LIMIT $${params.length}`,
      params,
    )) as Row[];
    const failed = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM mail_outbox o ${scope ? `${scope} AND` : 'WHERE'} o.status = 'failed'`,
      user.isAdmin ? [] : [user.id],
    )) as Array<{ n: number }>;
    return { mails: rows.map(summary), all: user.isAdmin, failed: failed[0]!.n, folderMode: this.transport.folderMode };
  }

  private async load(user: AuthenticatedUser, mailId: string): Promise<Row> {
    const rows = (await this.dataSource.query(
      `SELECT o.*, p.name AS project_name FROM mail_outbox o LEFT JOIN project p ON p.id = o.project_id WHERE o.id = $1`,
      [mailId],
    )) as Row[];
    const row = rows[0];
    if (!row || (!user.isAdmin && row.recipient_user_id !== user.id)) throw notFound('mail', mailId, `The mail ${mailId} does not exist or is not yours`);
    return row;
  }

  async one(user: AuthenticatedUser, mailId: string): Promise<SentMailDto> {
    const row = await this.load(user, mailId);
    return { ...summary(row), text: row.text, html: row.html, ics: row.ics };
  }

  async raw(user: AuthenticatedUser, mailId: string): Promise<Buffer> {
    const row = await this.load(user, mailId);
    return this.transport.raw(row, row.sent_at ?? row.created_at);
  }

  /** A failed mail goes back to the outbox, due now, with its attempts counted afresh (same Message-ID). */
  async retry(user: AuthenticatedUser, mailId: string): Promise<SentMailDto> {
    const row = await this.load(user, mailId);
    if (row.status !== 'failed') throw refuse(409, 'conflict', `The mail ${mailId} is ${row.status}: only a failed mail is retried`);
    await this.dataSource.query(`UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = $2, locked_until = NULL WHERE id = $1 AND status = 'failed'`, [
      mailId,
      this.clock.now(),
    ]);
    return this.one(user, mailId);
  }
}
