import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail (issue 14). mail_outbox: every mail Jalon sends, written in the transaction of the change
 * that causes it and sent by a worker (rows claimed with FOR UPDATE SKIP LOCKED, marked sent in the
 * claiming transaction), with its attempts, backoff and last error; `dedupe_key` makes a mail
 * caused twice (a job re-run, a retried request) a single row. mail_calendar_event: per
 * iCalendar UID, the SEQUENCE last sent, what was sent (to re-send or cancel) and to whom.
 * mail_preference: per user, the kinds of mail they receive (invitations always) and their language.
 */
export class MailOutbox1796300000001 implements MigrationInterface {
  name = 'MailOutbox1796300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid REFERENCES project(id) ON DELETE SET NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('invitation', 'cancellation', 'agenda', 'minutes', 'digest', 'agenda_reminder', 'test')),
        recipient_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        recipient_email varchar(320) NOT NULL,
        recipient_name varchar(200) NOT NULL DEFAULT '',
        subject varchar(500) NOT NULL,
        text text NOT NULL,
        html text NOT NULL,
        ics text,
        ics_method varchar(10) CHECK (ics_method IN ('REQUEST', 'CANCEL')),
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        message_id varchar(300) NOT NULL UNIQUE,
        dedupe_key varchar(300) UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )
    `);
    await queryRunner.query(`CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`);
    await queryRunner.query(`CREATE INDEX mail_outbox_recipient_idx ON mail_outbox (recipient_user_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE mail_calendar_event (
        uid varchar(200) PRIMARY KEY,
        project_id uuid REFERENCES project(id) ON DELETE CASCADE,
        meeting_id uuid,
        series_id uuid,
        sequence integer NOT NULL DEFAULT 0,
        cancelled boolean NOT NULL DEFAULT false,
        event jsonb NOT NULL,
        attendees jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`CREATE INDEX mail_calendar_event_meeting_idx ON mail_calendar_event (meeting_id)`);
    await queryRunner.query(`
      CREATE TABLE mail_preference (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        language varchar(2) NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
        agenda boolean NOT NULL DEFAULT true,
        minutes boolean NOT NULL DEFAULT true,
        digest boolean NOT NULL DEFAULT true,
        agenda_reminder boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mail_preference`);
    await queryRunner.query(`DROP TABLE mail_calendar_event`);
    await queryRunner.query(`DROP TABLE mail_outbox`);
  }
}
