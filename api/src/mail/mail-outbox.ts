import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { MailKind } from '@jalon/domain';
import { Clock } from '../clock/clock';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { headerSafe } from './mail-text';

/** A mail to send, as a feature writes it into the outbox. */
export interface OutgoingMail {
  projectId: string | null;
  kind: MailKind;
  recipient: { userId: string | null; email: string; name: string };
  subject: string;
  text: string;
  html: string;
  ics?: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
  /** A mail caused twice with the same key is written once (a re-run job, a repeated request). */
  dedupeKey?: string | null;
}

const ADDRESS = /^[^@\s<>()[\]\\,;:"]+@[^@\s<>()[\]\\,;:"]+\.[^@\s<>()[\]\\,;:"]+$/;

/** True for an address Jalon will hand to the SMTP relay. */
export const isMailAddress = (value: string): boolean => value.length <= 320 && ADDRESS.test(value);

/**
 * The transactional outbox: a feature calls `enqueue(manager, mail)` inside the transaction of
 * the change that causes the mail, so the mail exists if and only if the change committed. The
 * worker ({@link MailWorker}) sends it later, with retries. Never an in-memory queue.
 */
@Injectable()
export class MailOutbox {
  constructor(
    @Inject(ENVIRONMENT) private readonly environment: Environment,
    private readonly clock: Clock,
  ) {}

  /** The host part of Message-IDs and calendar UIDs (the public URL's host). */
  get host(): string {
    return new URL(this.environment.publicUrl).hostname;
  }

  /** Writes the mail in the caller's transaction; returns its id, or null when its dedupe key was already used or the address is unusable. */
  async enqueue(manager: EntityManager, mail: OutgoingMail): Promise<string | null> {
    const email = mail.recipient.email.trim();
    if (!isMailAddress(email)) return null;
    const id = randomUUID();
    const rows = (await manager.query(
      `INSERT INTO mail_outbox (id, project_id, kind, recipient_user_id, recipient_email, recipient_name, subject, text, html, ics, ics_method, message_id, dedupe_key, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        id,
        mail.projectId,
        mail.kind,
        mail.recipient.userId,
        email,
        headerSafe(mail.recipient.name).slice(0, 200),
        headerSafe(mail.subject).slice(0, 500),
        mail.text,
        mail.html,
        mail.ics?.content ?? null,
        mail.ics?.method ?? null,
        `<${id}@${this.host}>`,
        mail.dedupeKey ?? null,
        this.clock.now(),
      ],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }
}
