import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MailLanguage, MailPreferencesDto, MailPreferencesInput, OptionalMailKind } from '@jalon/domain';
import { staleVersion } from '../common/api-errors';

const DEFAULTS: MailPreferencesDto = { language: 'fr', agenda: true, minutes: true, digest: true, agenda_reminder: true, version: 0 };

/** Each user's choice of mails (invitations always reach them) and language; no row means the defaults. */
@Injectable()
export class MailPreferences {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(userId: string, manager: EntityManager = this.dataSource.manager): Promise<MailPreferencesDto> {
    const rows = (await manager.query(`SELECT language, agenda, minutes, digest, agenda_reminder, version FROM mail_preference WHERE user_id = $1`, [userId])) as MailPreferencesDto[];
    return rows[0] ?? { ...DEFAULTS };
  }

  async update(userId: string, input: MailPreferencesInput): Promise<MailPreferencesDto> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO mail_preference (user_id, version) VALUES ($1, 0) ON CONFLICT (user_id) DO NOTHING`, [userId]);
      const current = (await manager.query(`SELECT language, agenda, minutes, digest, agenda_reminder, version FROM mail_preference WHERE user_id = $1 FOR UPDATE`, [userId])) as MailPreferencesDto[];
      const row = current[0]!;
      if (row.version !== input.version) throw staleVersion('mail_preference', userId, row.version);
      const next = { ...row, ...Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== 'version' && value !== undefined)) } as MailPreferencesDto;
      await manager.query(
        `UPDATE mail_preference SET language = $2, agenda = $3, minutes = $4, digest = $5, agenda_reminder = $6, version = version + 1, updated_at = now() WHERE user_id = $1`,
        [userId, next.language, next.agenda, next.minutes, next.digest, next.agenda_reminder],
      );
      return this.get(userId, manager);
    });
  }

  /** The language of each user (French unless they chose English). */
  async languages(manager: EntityManager, userIds: Array<string | null>): Promise<Map<string, MailLanguage>> {
    const ids = userIds.filter((id): id is string => Boolean(id));
    const result = new Map<string, MailLanguage>(ids.map((id) => [id, 'fr']));
    if (ids.length === 0) return result;
    const rows = (await manager.query(`SELECT user_id, language FROM mail_preference WHERE user_id = ANY($1)`, [ids])) as Array<{ user_id: string; language: MailLanguage }>;
    for (const row of rows) result.set(row.user_id, row.language);
    return result;
  }

  /** The users among `userIds` who receive `kind`, with their language. */
  async wanting(manager: EntityManager, kind: OptionalMailKind, userIds: Array<string | null>): Promise<Map<string, MailLanguage>> {
    const ids = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
    if (ids.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT u.id, coalesce(p.language, 'fr') AS language, coalesce(p.${kind}, true) AS wanted
         FROM app_user u LEFT JOIN mail_preference p ON p.user_id = u.id WHERE u.id = ANY($1) AND u.is_active`,
      [ids],
    )) as Array<{ id: string; language: MailLanguage; wanted: boolean }>;
    return new Map(rows.filter((row) => row.wanted).map((row) => [row.id, row.language]));
  }
}
