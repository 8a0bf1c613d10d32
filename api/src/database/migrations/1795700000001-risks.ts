import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The risk register (issue 12): risks with three assessments, their links to the plan's tasks,
 * treatments, acceptances, and reviews whose snapshots the database keeps immutable.
 */
export class Risks1795700000001 implements MigrationInterface {
  name = 'Risks1795700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per project, created on its first risk write. It carries the project's banding,
    // the next reference number, and `revision`, moved by every write of the register (readers
    // tell a cached register is current with one cheap query; writers lock it to serialise).
    await queryRunner.query(`
      CREATE TABLE risk_settings (
        project_id uuid PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
        bands jsonb NOT NULL,
        labels jsonb,
        review_intervals jsonb NOT NULL,
        float_threshold integer NOT NULL DEFAULT 5 CHECK (float_threshold BETWEEN 0 AND 250),
        next_sequence integer NOT NULL DEFAULT 1,
        revision bigint NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )
    `);
    const level = (column: string) => `${column} smallint NOT NULL CHECK (${column} BETWEEN 1 AND 5)`;
    await queryRunner.query(`
      CREATE TABLE risk (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        sequence integer NOT NULL,
        reference varchar(12) NOT NULL,
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        category varchar(30) NOT NULL CHECK (category IN ('planning', 'budget', 'technical', 'people_change', 'organisation', 'vendor', 'gdpr_compliance')),
        cause text NOT NULL DEFAULT '',
        consequence text NOT NULL DEFAULT '',
        owner_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        proximity date,
        trigger_sign text NOT NULL DEFAULT '',
        strategy varchar(10) NOT NULL DEFAULT 'reduce' CHECK (strategy IN ('avoid', 'reduce', 'transfer', 'accept')),
        contingency_plan text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL DEFAULT 'identified' CHECK (status IN ('identified', 'in_treatment', 'closed', 'occurred')),
        occurred_on date,
        occurrence_note text NOT NULL DEFAULT '',
        ${level('inherent_probability')}, ${level('inherent_impact')},
        ${level('residual_probability')}, ${level('residual_impact')},
        ${level('target_probability')}, ${level('target_impact')},
        last_reviewed_on date,
        created_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, sequence),
        UNIQUE (project_id, id)
      )
    `);
    // The composite key keeps a link inside one project, whatever the API does.
    await queryRunner.query(`
      CREATE TABLE risk_task_link (
        project_id uuid NOT NULL,
        risk_id uuid NOT NULL,
        task_id uuid NOT NULL,
        PRIMARY KEY (risk_id, task_id),
        FOREIGN KEY (project_id, risk_id) REFERENCES risk(project_id, id) ON DELETE CASCADE,
        FOREIGN KEY (project_id, task_id) REFERENCES plan_task(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX risk_task_link_project_idx ON risk_task_link (project_id)`);
    await queryRunner.query(`
      CREATE TABLE risk_treatment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        risk_id uuid NOT NULL,
        title varchar(200) NOT NULL,
        owner_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        due_date date,
        status varchar(20) NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
        effect varchar(20) NOT NULL DEFAULT 'probability' CHECK (effect IN ('probability', 'impact', 'both')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        FOREIGN KEY (project_id, risk_id) REFERENCES risk(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX risk_treatment_project_idx ON risk_treatment (project_id, risk_id)`);
    await queryRunner.query(`CREATE INDEX risk_treatment_owner_idx ON risk_treatment (owner_user_id, due_date)`);
    await queryRunner.query(`
      CREATE TABLE risk_acceptance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        risk_id uuid NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        accepted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        accepted_by_name varchar(200) NOT NULL,
        accepted_by_role varchar(30) NOT NULL,
        justification text NOT NULL,
        scores jsonb NOT NULL,
        FOREIGN KEY (project_id, risk_id) REFERENCES risk(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX risk_acceptance_project_idx ON risk_acceptance (project_id, risk_id, accepted_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE risk_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        held_on date NOT NULL,
        title varchar(200) NOT NULL,
        held_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        held_by_name varchar(200) NOT NULL,
        risk_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, held_on),
        UNIQUE (project_id, id)
      )
    `);
    // A snapshot outlives its risk: no key to the risk row.
    await queryRunner.query(`
      CREATE TABLE risk_review_item (
        project_id uuid NOT NULL,
        review_id uuid NOT NULL,
        risk_id uuid NOT NULL,
        reference varchar(12) NOT NULL,
        title varchar(200) NOT NULL,
        status varchar(20) NOT NULL,
        owner_user_id uuid,
        owner_name varchar(200),
        inherent_probability smallint NOT NULL, inherent_impact smallint NOT NULL,
        residual_probability smallint NOT NULL, residual_impact smallint NOT NULL,
        target_probability smallint NOT NULL, target_impact smallint NOT NULL,
        PRIMARY KEY (review_id, risk_id),
        FOREIGN KEY (project_id, review_id) REFERENCES risk_review(project_id, id) ON DELETE CASCADE
      )
    `);
    // Reviews and acceptances are records: the database refuses to change them, and to delete
    // them while their project exists (deleting the project removes them with it).
    await queryRunner.query(`
      CREATE FUNCTION risk_record_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM project WHERE id = OLD.project_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is immutable', TG_TABLE_NAME;
      END $$
    `);
    for (const table of ['risk_review', 'risk_review_item', 'risk_acceptance']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION risk_record_is_immutable()
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['risk_review_item', 'risk_review', 'risk_acceptance', 'risk_treatment', 'risk_task_link', 'risk', 'risk_settings']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION risk_record_is_immutable`);
  }
}
