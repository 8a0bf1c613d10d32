import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Go / no-go, continued (issue 16):
 * - addenda: every change of a campaign's executions (a new execution, a result that changes) made
 *   once a decision of that campaign was proposed or signed is written, by a trigger in the same
 *   transaction as the change, as an addendum of the campaign's latest decision still in force
 *   (who, when, execution, case, previous → new result). The frozen decision and its hash never
 *   change; the addenda are append-only (UPDATE and DELETE refused, except with the project);
 * - evidence files of readiness items (bytea, 5 MiB, type told by content, as the acceptance
 *   attachments).
 */
export class GoNoGoAddendaEvidence1796400000001 implements MigrationInterface {
  name = 'GoNoGoAddendaEvidence1796400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE gonogo_decision_addendum (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        decision_id uuid NOT NULL REFERENCES gonogo_decision(id) ON DELETE CASCADE,
        decision_status varchar(20) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('new_execution', 'result_changed')),
        execution_id uuid NOT NULL,
        campaign_case_id uuid NOT NULL,
        case_reference varchar(100) NOT NULL,
        case_title varchar(300) NOT NULL,
        previous_result varchar(20),
        new_result varchar(20) NOT NULL,
        changed_by uuid,
        changed_by_name varchar(200),
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )
    `);
    await queryRunner.query(`CREATE INDEX gonogo_decision_addendum_decision_idx ON gonogo_decision_addendum (decision_id, changed_at, id)`);
    await queryRunner.query(`
      CREATE FUNCTION gonogo_addendum_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM project WHERE id = OLD.project_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'gonogo_decision_addendum is append-only: an addendum can never be changed or deleted';
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER gonogo_decision_addendum_immutable BEFORE UPDATE OR DELETE ON gonogo_decision_addendum
      FOR EACH ROW EXECUTE FUNCTION gonogo_addendum_is_immutable()
    `);
    // An execution's change after a decision: recorded on the campaign's latest decision that is
    // awaiting its signatures or signed (a refused one is no longer in force).
    await queryRunner.query(`
      CREATE FUNCTION gonogo_record_execution_addendum() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target record;
        item record;
        actor_name varchar(200);
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.result IS NOT DISTINCT FROM OLD.result THEN
          RETURN NEW;
        END IF;
        SELECT d.id, d.status INTO target
          FROM gonogo_decision d JOIN acceptance_campaign_case cc ON cc.campaign_id = d.campaign_id
         WHERE cc.id = NEW.campaign_case_id AND d.status IN ('proposee', 'signee')
         ORDER BY d.proposed_at DESC, d.created_at DESC LIMIT 1;
        IF NOT FOUND THEN
          RETURN NEW;
        END IF;
        SELECT tc.reference, tc.title INTO item
          FROM acceptance_campaign_case cc JOIN acceptance_test_case tc ON tc.id = cc.test_case_id WHERE cc.id = NEW.campaign_case_id;
        SELECT display_name INTO actor_name FROM app_user WHERE id = NEW.executed_by;
        INSERT INTO gonogo_decision_addendum (project_id, decision_id, decision_status, kind, execution_id, campaign_case_id, case_reference, case_title,
                                              previous_result, new_result, changed_by, changed_by_name)
        VALUES (NEW.project_id, target.id, target.status, CASE TG_OP WHEN 'INSERT' THEN 'new_execution' ELSE 'result_changed' END, NEW.id,
                NEW.campaign_case_id, coalesce(item.reference, ''), left(coalesce(NEW.title, item.title, ''), 300),
                CASE TG_OP WHEN 'INSERT' THEN NULL ELSE OLD.result END, NEW.result, NEW.executed_by, actor_name);
        RETURN NEW;
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER acceptance_execution_gonogo_addendum AFTER INSERT OR UPDATE OF result ON acceptance_execution
      FOR EACH ROW EXECUTE FUNCTION gonogo_record_execution_addendum()
    `);
    await queryRunner.query(`
      CREATE TABLE gonogo_readiness_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES gonogo_readiness_item(id) ON DELETE CASCADE,
        file_name varchar(255) NOT NULL,
        content_type varchar(40) NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain')),
        size integer NOT NULL CHECK (size > 0 AND size <= 5242880),
        sha256 char(64) NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL
      )
    `);
    await queryRunner.query(`CREATE INDEX gonogo_readiness_evidence_item_idx ON gonogo_readiness_evidence (item_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS gonogo_readiness_evidence`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS acceptance_execution_gonogo_addendum ON acceptance_execution`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS gonogo_record_execution_addendum()`);
    await queryRunner.query(`DROP TABLE IF EXISTS gonogo_decision_addendum`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS gonogo_addendum_is_immutable()`);
  }
}
