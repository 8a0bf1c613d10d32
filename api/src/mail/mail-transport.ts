import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { headerSafe } from './mail-text';

/** A row of mail_outbox, as the worker and the pages read it. */
export interface OutboxRow {
  id: string;
  project_id: string | null;
  kind: string;
  recipient_user_id: string | null;
  recipient_email: string;
  recipient_name: string;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
  ics_method: 'REQUEST' | 'CANCEL' | null;
  status: string;
  attempts: number;
  message_id: string;
  created_at: Date;
  sent_at: Date | null;
}

/** An SMTP refusal that retrying will not cure (5xx: unknown mailbox, refused sender). */
export const isPermanentFailure = (error: unknown): boolean => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Hands mails to the SMTP relay of SMTP_URL, or, without it, writes each one as an `.eml` file
 * under `<JALON_DATA_DIR>/mail/` (folder mode: the embedded demo). The message is built the same
 * way in both modes, with the outbox row's stable Message-ID.
 */
@Injectable()
export class MailTransport {
  private readonly logger = new Logger(MailTransport.name);
  private smtp: Transporter | null = null;
  private readonly builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(@Inject(ENVIRONMENT) private readonly environment: Environment) {}

  get folderMode(): boolean {
    return !this.environment.SMTP_URL;
  }

  get folder(): string {
    return join(resolve(this.environment.JALON_DATA_DIR), 'mail');
  }

  /** The nodemailer message of an outbox row: text + HTML alternatives, and the calendar part with its method. */
  message(row: OutboxRow, date: Date): SendMailOptions {
    return {
      from: this.environment.mailFrom,
      to: { name: headerSafe(row.recipient_name), address: row.recipient_email },
      subject: headerSafe(row.subject),
      text: row.text,
      html: row.html,
      messageId: row.message_id,
      date,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Jalon-Mail-Kind': row.kind },
      ...(row.ics && row.ics_method
        ? { icalEvent: { method: row.ics_method, filename: row.ics_method === 'CANCEL' ? 'annulation.ics' : 'invitation.ics', content: row.ics } }
        : {}),
    };
  }

  /** The raw RFC 5322 message (what the recipient's client opens), e.g. for an .eml download. */
  async raw(row: OutboxRow, date: Date): Promise<Buffer> {
    const info = (await this.builder.sendMail(this.message(row, date))) as { message: Buffer };
    return info.message;
  }

  /** Sends (or files) one mail; throws on failure. */
  async send(row: OutboxRow, date: Date): Promise<void> {
    if (this.folderMode) {
      const raw = await this.raw(row, date);
      await mkdir(this.folder, { recursive: true });
      const target = join(this.folder, `${row.created_at.toISOString().slice(0, 10)}-${row.id}.eml`);
      await writeFile(`${target}.tmp`, raw);
      await rename(`${target}.tmp`, target);
      return;
    }
    await this.transporter().sendMail(this.message(row, date));
  }

  private transporter(): Transporter {
    if (!this.smtp) {
      this.smtp = nodemailer.createTransport({
        url: this.environment.SMTP_URL,
        requireTLS: this.environment.SMTP_REQUIRE_TLS,
        tls: { rejectUnauthorized: this.environment.SMTP_TLS_REJECT_UNAUTHORIZED },
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      } as never);
      this.logger.log({ message: 'Mail relay configured', relay: new URL(this.environment.SMTP_URL!).host });
    }
    return this.smtp;
  }

  close(): void {
    this.smtp?.close();
    this.smtp = null;
  }
}
