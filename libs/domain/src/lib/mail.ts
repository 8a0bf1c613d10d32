/**
 * Mail (issue 14): what Jalon sends, as listed on « Courriels envoyés », and each user's choice
 * of the mails they receive. Instants are ISO 8601 strings in UTC.
 */

export const MAIL_KINDS = ['invitation', 'cancellation', 'agenda', 'minutes', 'digest', 'agenda_reminder', 'test'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** pending → sending → sent; after JALON_MAIL_MAX_ATTEMPTS failed attempts, failed (an administrator may retry). */
export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** The kinds a user may turn off (invitations and cancellations always reach the invited). */
export const OPTIONAL_MAIL_KINDS = ['agenda', 'minutes', 'digest', 'agenda_reminder'] as const;
export type OptionalMailKind = (typeof OPTIONAL_MAIL_KINDS)[number];

export const MAIL_LANGUAGES = ['fr', 'en'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export interface SentMailSummaryDto {
  id: string;
  projectId: string | null;
  projectName: string | null;
  kind: MailKind;
  recipientUserId: string | null;
  recipientEmail: string;
  recipientName: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  /** The invitation's calendar method, when the mail carries one. */
  icsMethod: 'REQUEST' | 'CANCEL' | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string;
}

/** One mail as its recipient sees it: the HTML (built by Jalon from escaped text), the text and the calendar part. */
export interface SentMailDto extends SentMailSummaryDto {
  text: string;
  html: string;
  ics: string | null;
}

export interface SentMailListDto {
  mails: SentMailSummaryDto[];
  /** True for an administrator, who sees everyone's mail; others see their own. */
  all: boolean;
  /** How many mails are failed (administrators: all; others: theirs). */
  failed: number;
  /** Folder mode: mails are written as .eml files under the data directory instead of sent. */
  folderMode: boolean;
}

export interface MailPreferencesDto {
  language: MailLanguage;
  agenda: boolean;
  minutes: boolean;
  digest: boolean;
  agenda_reminder: boolean;
  version: number;
}

export interface MailPreferencesInput extends Partial<Omit<MailPreferencesDto, 'version'>> {
  version: number;
}
