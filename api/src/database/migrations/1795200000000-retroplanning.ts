import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RetroPlanning1795200000000 implements MigrationInterface {
  name = 'RetroPlanning1795200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per project, created on the first edit of its plan. `revision` moves on every
    // write of the plan, so a reader can tell a cached plan is still current with one cheap query.
    await queryRunner.query(`
      CREATE TABLE plan_settings (
        project_id uuid PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
        mode varchar(10) NOT NULL DEFAULT 'backward' CHECK (mode IN ('backward', 'forward')),
        project_start date,
        working_weekdays jsonb NOT NULL DEFAULT '[1,2,3,4,5]'::jsonb,
        public_holidays varchar(10) NOT NULL DEFAULT 'fr' CHECK (public_holidays IN ('fr', 'none')),
        extra_holidays jsonb NOT NULL DEFAULT '[]'::jsonb,
        status_date date,
        computed_start date,
        computed_finish date,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
        computed_at timestamptz NOT NULL DEFAULT now(),
        revision bigint NOT NULL DEFAULT 1,
        version integer NOT NULL DEFAULT 1
      )
    `);
    await queryRunner.query(`
      CREATE TABLE plan_lot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        go_live date,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE plan_phase (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, id)
      )
    `);
    // Composite foreign keys (project_id, …) make a task of project A pointing at a phase, a lot
    // or (for links) a task of project B impossible in the database itself, whatever the code does.
    await queryRunner.query(`
      CREATE TABLE plan_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        phase_id uuid,
        lot_id uuid,
        name varchar(300) NOT NULL,
        duration integer NOT NULL CHECK (duration >= 0),
        key_milestone boolean NOT NULL DEFAULT false,
        fixed_date date,
        owner_name varchar(200) NOT NULL DEFAULT '',
        owner_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        actual_start date,
        actual_finish date,
        notes text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        start_date date,
        finish_date date,
        early_start date,
        early_finish date,
        late_start date,
        late_finish date,
        total_float integer,
        critical boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (project_id, id),
        CHECK (fixed_date IS NULL OR duration = 0),
        FOREIGN KEY (project_id, phase_id) REFERENCES plan_phase(project_id, id) ON DELETE SET NULL (phase_id),
        FOREIGN KEY (project_id, lot_id) REFERENCES plan_lot(project_id, id) ON DELETE SET NULL (lot_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX plan_task_project_idx ON plan_task (project_id, position)`);
    await queryRunner.query(`
      CREATE TABLE plan_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        from_task_id uuid NOT NULL,
        to_task_id uuid NOT NULL,
        type varchar(2) NOT NULL DEFAULT 'FS' CHECK (type IN ('FS', 'SS', 'FF', 'SF')),
        lag integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (from_task_id <> to_task_id),
        UNIQUE (from_task_id, to_task_id),
        FOREIGN KEY (project_id, from_task_id) REFERENCES plan_task(project_id, id) ON DELETE CASCADE,
        FOREIGN KEY (project_id, to_task_id) REFERENCES plan_task(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX plan_link_project_idx ON plan_link (project_id)`);
    await queryRunner.query(`CREATE INDEX plan_link_to_idx ON plan_link (to_task_id)`);
    // Baselines are immutable: no version column, no update path; the per-task rows keep the
    // task's name so a baseline still reads after the task is deleted.
    await queryRunner.query(`
      CREATE TABLE plan_baseline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by_id uuid,
        created_by_name varchar(200),
        task_count integer NOT NULL DEFAULT 0
      )
    `);
    await queryRunner.query(`CREATE INDEX plan_baseline_project_idx ON plan_baseline (project_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE plan_baseline_task (
        baseline_id uuid NOT NULL REFERENCES plan_baseline(id) ON DELETE CASCADE,
        task_id uuid NOT NULL,
        name varchar(300) NOT NULL,
        duration integer NOT NULL,
        key_milestone boolean NOT NULL,
        start_date date NOT NULL,
        finish_date date NOT NULL,
        PRIMARY KEY (baseline_id, task_id)
      )
    `);
    // Immutable in the database itself, as the audit trail is: no update path, whatever the code.
    await queryRunner.query(`
      CREATE FUNCTION plan_baseline_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a baseline is immutable';
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER plan_baseline_immutable BEFORE UPDATE ON plan_baseline
      FOR EACH ROW EXECUTE FUNCTION plan_baseline_is_immutable()
    `);
    await queryRunner.query(`
      CREATE TRIGGER plan_baseline_task_immutable BEFORE UPDATE ON plan_baseline_task
      FOR EACH ROW EXECUTE FUNCTION plan_baseline_is_immutable()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE plan_baseline_task`);
    await queryRunner.query(`DROP TABLE plan_baseline`);
    await queryRunner.query(`DROP TABLE plan_link`);
    await queryRunner.query(`DROP TABLE plan_task`);
    await queryRunner.query(`DROP TABLE plan_phase`);
    await queryRunner.query(`DROP TABLE plan_lot`);
    await queryRunner.query(`DROP TABLE plan_settings`);
    await queryRunner.query(`DROP FUNCTION plan_baseline_is_immutable`);
  }
}
