import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsAndAudit1795100000000 implements MigrationInterface {
  name = 'AccountsAndAudit1795100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(320) NOT NULL,
        display_name varchar(200) NOT NULL,
        password_hash text NOT NULL,
        is_admin boolean NOT NULL DEFAULT false,
        is_active boolean NOT NULL DEFAULT true,
        ical_token varchar(64) NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_ical_token_key ON app_user (ical_token)`);
    await queryRunner.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash char(64) NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )
    `);
    await queryRunner.query(`CREATE INDEX user_session_user_idx ON user_session (user_id)`);
    await queryRunner.query(`
      CREATE TABLE project_member (
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role varchar(30) NOT NULL CHECK (role IN
          ('project_manager', 'sponsor', 'steering_member', 'key_user', 'contributor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (project_id, user_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX project_member_user_idx ON project_member (user_id)`);
    await queryRunner.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        project_id uuid,
        actor_id uuid,
        actor_email varchar(320),
        entity varchar(50) NOT NULL,
        entity_id varchar(100) NOT NULL,
        action varchar(10) NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        changes jsonb NOT NULL DEFAULT '{}'::jsonb
      )
    `);
    await queryRunner.query(`CREATE INDEX audit_event_project_idx ON audit_event (project_id, occurred_at DESC)`);
    // Append-only: the database itself refuses to change or remove an audit row.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only';
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_is_append_only`);
    await queryRunner.query(`DROP TABLE project_member`);
    await queryRunner.query(`DROP TABLE user_session`);
    await queryRunner.query(`DROP TABLE app_user`);
  }
}
