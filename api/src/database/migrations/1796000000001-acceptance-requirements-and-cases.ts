import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The acceptance (recette, issue 15), first half: the requirements of the cahier des charges and
 * the test cases that check them, with the revisions of both (a revision row keeps the content a
 * later edit replaced, and the database refuses to change it).
 */
export class AcceptanceRequirementsAndCases1796000000001 implements MigrationInterface {
  name = 'AcceptanceRequirementsAndCases1796000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE acceptance_requirement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        reference varchar(30) NOT NULL,
        title varchar(300) NOT NULL,
        description text NOT NULL DEFAULT '',
        category varchar(20) NOT NULL CHECK (category IN ('fonctionnelle', 'technique', 'reporting', 'rgpd', 'formation', 'securite', 'autre')),
        priority varchar(20) NOT NULL CHECK (priority IN ('indispensable', 'souhaitable', 'facultatif')),
        lot_id uuid REFERENCES plan_lot(id) ON DELETE SET NULL,
        conformity varchar(20) CHECK (conformity IN ('standard', 'specifique', 'non_disponible')),
        status varchar(20) NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'validee', 'obsolete')),
        revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, id)
      )
    `);
    // References are unique per project as people read them (case aside).
    await queryRunner.query(`CREATE UNIQUE INDEX acceptance_requirement_reference_idx ON acceptance_requirement (project_id, upper(reference))`);
    await queryRunner.query(`
      CREATE TABLE acceptance_requirement_revision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requirement_id uuid NOT NULL REFERENCES acceptance_requirement(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        reference varchar(30) NOT NULL,
        title varchar(300) NOT NULL,
        description text NOT NULL,
        category varchar(20) NOT NULL,
        priority varchar(20) NOT NULL,
        conformity varchar(20),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_by_name varchar(200),
        UNIQUE (requirement_id, revision)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE acceptance_test_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        reference varchar(30) NOT NULL,
        title varchar(300) NOT NULL,
        preconditions text NOT NULL DEFAULT '',
        steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) >= 1),
        criticality varchar(10) NOT NULL DEFAULT 'moyenne' CHECK (criticality IN ('haute', 'moyenne', 'basse')),
        status varchar(20) NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'pret', 'obsolete')),
        revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, id)
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX acceptance_test_case_reference_idx ON acceptance_test_case (project_id, upper(reference))`);
    await queryRunner.query(`
      CREATE TABLE acceptance_test_case_revision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        test_case_id uuid NOT NULL REFERENCES acceptance_test_case(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        title varchar(300) NOT NULL,
        preconditions text NOT NULL,
        steps jsonb NOT NULL,
        criticality varchar(10) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_by_name varchar(200),
        UNIQUE (test_case_id, revision)
      )
    `);
    // The composite keys keep a link inside one project, whatever the API does.
    await queryRunner.query(`
      CREATE TABLE acceptance_case_requirement (
        project_id uuid NOT NULL,
        test_case_id uuid NOT NULL,
        requirement_id uuid NOT NULL,
        PRIMARY KEY (test_case_id, requirement_id),
        FOREIGN KEY (project_id, test_case_id) REFERENCES acceptance_test_case(project_id, id) ON DELETE CASCADE,
        FOREIGN KEY (project_id, requirement_id) REFERENCES acceptance_requirement(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX acceptance_case_requirement_requirement_idx ON acceptance_case_requirement (requirement_id)`);
    await queryRunner.query(`CREATE INDEX acceptance_case_requirement_project_idx ON acceptance_case_requirement (project_id)`);
    // A revision is a record: never changed (deleted only with its requirement or case).
    await queryRunner.query(`
      CREATE FUNCTION acceptance_revision_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is immutable', TG_TABLE_NAME;
      END $$
    `);
    for (const table of ['acceptance_requirement_revision', 'acceptance_test_case_revision']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION acceptance_revision_is_immutable()
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['acceptance_case_requirement', 'acceptance_test_case_revision', 'acceptance_test_case', 'acceptance_requirement_revision', 'acceptance_requirement']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION acceptance_revision_is_immutable`);
  }
}
