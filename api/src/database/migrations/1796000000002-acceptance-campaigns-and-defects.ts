import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The acceptance run (issue 15): campaigns over the Recette phase with the cases in scope, each
 * assigned to a member; iterations (vendor deliveries); executions that keep a copy of the steps
 * as they were run; step results; attachments stored in the database (several API instances serve
 * them); defects raised from failed steps, and the executions that re-tested them.
 */
export class AcceptanceCampaignsAndDefects1796000000002 implements MigrationInterface {
  name = 'AcceptanceCampaignsAndDefects1796000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE acceptance_campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        type varchar(20) NOT NULL CHECK (type IN ('vabf', 'vsr', 'pilote', 'non_regression')),
        status varchar(20) NOT NULL DEFAULT 'preparation' CHECK (status IN ('preparation', 'en_cours', 'terminee')),
        lot_id uuid REFERENCES plan_lot(id) ON DELETE SET NULL,
        phase_id uuid REFERENCES plan_phase(id) ON DELETE SET NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (end_date >= start_date),
        UNIQUE (project_id, id)
      )
    `);
    await queryRunner.query(`CREATE INDEX acceptance_campaign_project_idx ON acceptance_campaign (project_id)`);
    // project_id is repeated on the campaign's cases and executions so that the access guard can
    // check "the case is assigned to the caller" with one indexed lookup (OWNED_ENTITIES).
    await queryRunner.query(`
      CREATE TABLE acceptance_campaign_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        test_case_id uuid NOT NULL REFERENCES acceptance_test_case(id) ON DELETE CASCADE,
        assignee_user_id uuid NOT NULL REFERENCES app_user(id),
        latest_execution_id uuid,
        latest_result varchar(20) CHECK (latest_result IN ('non_execute', 'en_cours', 'reussi', 'echoue', 'bloque')),
        pending boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (campaign_id, test_case_id),
        UNIQUE (project_id, id),
        FOREIGN KEY (project_id, campaign_id) REFERENCES acceptance_campaign(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX acceptance_campaign_case_assignee_idx ON acceptance_campaign_case (assignee_user_id)`);
    await queryRunner.query(`CREATE INDEX acceptance_campaign_case_test_case_idx ON acceptance_campaign_case (test_case_id)`);
    await queryRunner.query(`
      CREATE TABLE acceptance_iteration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES acceptance_campaign(id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number >= 1),
        label varchar(200) NOT NULL,
        delivered_on date NOT NULL,
        rerun jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        UNIQUE (campaign_id, number)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE acceptance_execution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        campaign_case_id uuid NOT NULL,
        iteration_id uuid NOT NULL REFERENCES acceptance_iteration(id) ON DELETE CASCADE,
        test_case_revision integer NOT NULL,
        title varchar(300) NOT NULL,
        preconditions text NOT NULL DEFAULT '',
        steps jsonb NOT NULL,
        result varchar(20) NOT NULL DEFAULT 'non_execute' CHECK (result IN ('non_execute', 'en_cours', 'reussi', 'echoue', 'bloque')),
        executed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, id),
        FOREIGN KEY (project_id, campaign_case_id) REFERENCES acceptance_campaign_case(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX acceptance_execution_case_idx ON acceptance_execution (campaign_case_id, started_at DESC)`);
    await queryRunner.query(`
      ALTER TABLE acceptance_campaign_case ADD CONSTRAINT acceptance_campaign_case_latest_fk
        FOREIGN KEY (latest_execution_id) REFERENCES acceptance_execution(id) ON DELETE SET NULL
    `);
    await queryRunner.query(`
      CREATE TABLE acceptance_step_result (
        execution_id uuid NOT NULL REFERENCES acceptance_execution(id) ON DELETE CASCADE,
        step_index smallint NOT NULL CHECK (step_index >= 0),
        status varchar(10) NOT NULL CHECK (status IN ('reussi', 'echoue', 'bloque')),
        actual text NOT NULL DEFAULT '',
        comment text NOT NULL DEFAULT '',
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        recorded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        PRIMARY KEY (execution_id, step_index)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE acceptance_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        execution_id uuid NOT NULL,
        step_index smallint NOT NULL CHECK (step_index >= 0),
        file_name varchar(255) NOT NULL,
        content_type varchar(40) NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain')),
        size integer NOT NULL CHECK (size > 0 AND size <= 5242880),
        sha256 char(64) NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        FOREIGN KEY (project_id, execution_id) REFERENCES acceptance_execution(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX acceptance_attachment_execution_idx ON acceptance_attachment (execution_id, step_index)`);
    await queryRunner.query(`
      CREATE TABLE acceptance_defect (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        sequence integer NOT NULL,
        reference varchar(12) NOT NULL,
        title varchar(300) NOT NULL,
        description text NOT NULL DEFAULT '',
        severity varchar(10) NOT NULL CHECK (severity IN ('bloquante', 'majeure', 'mineure')),
        status varchar(20) NOT NULL DEFAULT 'nouvelle' CHECK (status IN ('nouvelle', 'en_correction', 'corrigee', 'verifiee', 'rejetee')),
        assignee_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        found_by_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        execution_id uuid REFERENCES acceptance_execution(id) ON DELETE SET NULL,
        step_index smallint CHECK (step_index >= 0),
        expected text NOT NULL DEFAULT '',
        actual text NOT NULL DEFAULT '',
        resolution text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, sequence),
        UNIQUE (project_id, id)
      )
    `);
    await queryRunner.query(`CREATE INDEX acceptance_defect_assignee_idx ON acceptance_defect (project_id, assignee_user_id)`);
    await queryRunner.query(`CREATE INDEX acceptance_defect_execution_idx ON acceptance_defect (execution_id)`);
    await queryRunner.query(`
      CREATE TABLE acceptance_defect_execution (
        defect_id uuid NOT NULL REFERENCES acceptance_defect(id) ON DELETE CASCADE,
        execution_id uuid NOT NULL REFERENCES acceptance_execution(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (defect_id, execution_id)
      )
    `);
    // Who owns an execution, for the access guard: the member its campaign case is assigned to.
    await queryRunner.query(`
      CREATE VIEW acceptance_execution_owner AS
        SELECT e.id, e.project_id, cc.assignee_user_id AS owner_user_id
          FROM acceptance_execution e JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW IF EXISTS acceptance_execution_owner`);
    for (const table of [
      'acceptance_defect_execution',
      'acceptance_defect',
      'acceptance_attachment',
      'acceptance_step_result',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await queryRunner.query(`ALTER TABLE acceptance_campaign_case DROP CONSTRAINT IF EXISTS acceptance_campaign_case_latest_fk`);
    for (const table of ['acceptance_execution', 'acceptance_iteration', 'acceptance_campaign_case', 'acceptance_campaign']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
