import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signed go / no-go (issue 16): readiness items per lot, criteria per campaign (locked once
 * it starts), decisions with their frozen evaluation and content hash, the signers they name,
 * signatures chained by SHA-256 and réserves followed to their levée. The database refuses any
 * UPDATE or DELETE of a signature, and of a decision once it left « proposée » (or its frozen
 * content at any time).
 */
export class GoNoGo1796200000001 implements MigrationInterface {
  name = 'GoNoGo1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const editable = `
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1`;
    await queryRunner.query(`
      CREATE TABLE gonogo_readiness_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        lot_id uuid REFERENCES plan_lot(id) ON DELETE SET NULL,
        category varchar(20) NOT NULL CHECK (category IN ('formation', 'technique', 'donnees', 'retour_arriere', 'communication', 'support', 'pilote', 'autre')),
        label varchar(300) NOT NULL,
        owner_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        due_date date,
        status varchar(20) NOT NULL DEFAULT 'a_faire' CHECK (status IN ('a_faire', 'en_cours', 'fait', 'non_applicable')),
        evidence_note text NOT NULL DEFAULT '',
        evidence_link varchar(2000),
        position integer NOT NULL DEFAULT 0,
        ${editable}
      )
    `);
    await queryRunner.query(`CREATE INDEX gonogo_readiness_item_project_idx ON gonogo_readiness_item (project_id, position)`);
    await queryRunner.query(`
      CREATE TABLE gonogo_campaign_criteria (
        campaign_id uuid PRIMARY KEY REFERENCES acceptance_campaign(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        config jsonb NOT NULL,
        locked_at timestamptz,
        locked_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        ${editable}
      )
    `);
    await queryRunner.query(`
      CREATE TABLE gonogo_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES acceptance_campaign(id) ON DELETE CASCADE,
        kind varchar(20) NOT NULL CHECK (kind IN ('go', 'go_reserves', 'no_go')),
        status varchar(20) NOT NULL DEFAULT 'proposee' CHECK (status IN ('proposee', 'signee', 'refusee')),
        comment text NOT NULL DEFAULT '',
        evaluation jsonb NOT NULL,
        content jsonb NOT NULL,
        content_hash char(64) NOT NULL,
        proposed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        proposed_by_name varchar(200) NOT NULL,
        proposed_at timestamptz NOT NULL,
        closed_at timestamptz,
        ${editable},
        UNIQUE (project_id, id)
      )
    `);
    await queryRunner.query(`CREATE INDEX gonogo_decision_campaign_idx ON gonogo_decision (campaign_id, proposed_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE gonogo_decision_signer (
        decision_id uuid NOT NULL REFERENCES gonogo_decision(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        role varchar(20) NOT NULL CHECK (role IN ('sponsor', 'key_user')),
        name varchar(200) NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (decision_id, user_id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE gonogo_signature (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        decision_id uuid NOT NULL REFERENCES gonogo_decision(id) ON DELETE CASCADE,
        sequence integer NOT NULL CHECK (sequence >= 1),
        signer_user_id uuid NOT NULL REFERENCES app_user(id),
        printed_name varchar(200) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('sponsor', 'key_user')),
        signed_at timestamptz NOT NULL,
        meaning varchar(200) NOT NULL,
        outcome varchar(10) NOT NULL CHECK (outcome IN ('approuve', 'refuse')),
        refusal_reason text,
        content_hash char(64) NOT NULL,
        previous_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        UNIQUE (decision_id, sequence),
        UNIQUE (decision_id, signer_user_id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE gonogo_reserve (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        decision_id uuid NOT NULL REFERENCES gonogo_decision(id) ON DELETE CASCADE,
        defect_id uuid NOT NULL REFERENCES acceptance_defect(id) ON DELETE CASCADE,
        owner_user_id uuid NOT NULL REFERENCES app_user(id),
        due_date date NOT NULL,
        levee_date date,
        retest_execution_id uuid REFERENCES acceptance_execution(id) ON DELETE SET NULL,
        ${editable},
        UNIQUE (decision_id, defect_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX gonogo_reserve_project_idx ON gonogo_reserve (project_id, due_date)`);
    // Signatures: never changed, never deleted (except with their project).
    await queryRunner.query(`
      CREATE FUNCTION gonogo_signature_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM project WHERE id = OLD.project_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'gonogo_signature is immutable: a signature can never be changed or deleted';
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER gonogo_signature_immutable BEFORE UPDATE OR DELETE ON gonogo_signature
      FOR EACH ROW EXECUTE FUNCTION gonogo_signature_is_immutable()
    `);
    // Decisions: the frozen content never changes; once signed or refused, nothing changes.
    await queryRunner.query(`
      CREATE FUNCTION gonogo_decision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT 1 FROM project WHERE id = OLD.project_id) THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'gonogo_decision % cannot be deleted', OLD.id;
        END IF;
        IF OLD.status <> 'proposee' THEN
          RAISE EXCEPTION 'gonogo_decision % is % : it can no longer change', OLD.id, OLD.status;
        END IF;
        IF NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
           OR NEW.evaluation IS DISTINCT FROM OLD.evaluation OR NEW.kind IS DISTINCT FROM OLD.kind
           OR NEW.campaign_id IS DISTINCT FROM OLD.campaign_id OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at THEN
          RAISE EXCEPTION 'gonogo_decision % : its frozen content cannot change', OLD.id;
        END IF;
        RETURN NEW;
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER gonogo_decision_frozen BEFORE UPDATE OR DELETE ON gonogo_decision
      FOR EACH ROW EXECUTE FUNCTION gonogo_decision_guard()
    `);
    // The signers a decision names are part of it: never changed.
    await queryRunner.query(`
      CREATE FUNCTION gonogo_signer_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM gonogo_decision WHERE id = OLD.decision_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'gonogo_decision_signer is immutable';
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER gonogo_decision_signer_immutable BEFORE UPDATE OR DELETE ON gonogo_decision_signer
      FOR EACH ROW EXECUTE FUNCTION gonogo_signer_is_immutable()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['gonogo_reserve', 'gonogo_signature', 'gonogo_decision_signer', 'gonogo_decision', 'gonogo_campaign_criteria', 'gonogo_readiness_item']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const fn of ['gonogo_signature_is_immutable', 'gonogo_decision_guard', 'gonogo_signer_is_immutable']) {
      await queryRunner.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
  }
}
