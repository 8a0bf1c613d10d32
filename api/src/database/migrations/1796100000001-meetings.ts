import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Steering meetings (issue 13): series, meetings, participants, agendas, decisions, actions,
 * addenda, the project's weather, incubation KPIs and the frozen COPIL packs. Closed minutes and
 * packs are refused changes by the database itself.
 */
export class Meetings1796100000001 implements MigrationInterface {
  name = 'Meetings1796100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const editable = `
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1`;
    await queryRunner.query(`
      CREATE TABLE meeting_settings (
        project_id uuid PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
        incubation_green_weeks integer NOT NULL DEFAULT 4 CHECK (incubation_green_weeks BETWEEN 1 AND 52),
        ${editable}
      )
    `);
    await queryRunner.query(`
      CREATE TABLE meeting_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        type varchar(10) NOT NULL CHECK (type IN ('copil', 'coproj', 'atelier')),
        title varchar(200) NOT NULL,
        rrule varchar(500) NOT NULL,
        dtstart varchar(16) NOT NULL,
        time_zone varchar(60) NOT NULL DEFAULT 'Europe/Paris',
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
        place varchar(300) NOT NULL DEFAULT '',
        video_link varchar(1000) NOT NULL DEFAULT '',
        non_working_policy varchar(20) NOT NULL DEFAULT 'skip' CHECK (non_working_policy IN ('skip', 'next_working_day')),
        horizon date NOT NULL,
        ${editable},
        UNIQUE (project_id, id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        series_id uuid,
        occurrence_key date,
        detached boolean NOT NULL DEFAULT false,
        type varchar(10) NOT NULL CHECK (type IN ('copil', 'coproj', 'atelier')),
        title varchar(200) NOT NULL,
        starts_at timestamptz NOT NULL,
        time_zone varchar(60) NOT NULL DEFAULT 'Europe/Paris',
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
        place varchar(300) NOT NULL DEFAULT '',
        video_link varchar(1000) NOT NULL DEFAULT '',
        organiser_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        status varchar(12) NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'convoquee', 'en_cours', 'cloturee', 'annulee')),
        minutes_frozen_at timestamptz,
        baseline_id uuid REFERENCES plan_baseline(id) ON DELETE SET NULL,
        ${editable},
        UNIQUE (project_id, id),
        UNIQUE (series_id, occurrence_key),
        FOREIGN KEY (project_id, series_id) REFERENCES meeting_series(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX meeting_project_idx ON meeting (project_id, starts_at)`);
    await queryRunner.query(`CREATE INDEX meeting_series_idx ON meeting (series_id, starts_at)`);
    await queryRunner.query(`
      CREATE TABLE meeting_participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        email varchar(320),
        name varchar(200) NOT NULL,
        attendance varchar(10) CHECK (attendance IN ('present', 'excuse', 'absent')),
        ${editable},
        CHECK ((user_id IS NOT NULL) OR (email IS NOT NULL)),
        UNIQUE (meeting_id, user_id),
        UNIQUE (meeting_id, email),
        FOREIGN KEY (project_id, meeting_id) REFERENCES meeting(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`
      CREATE TABLE meeting_agenda_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        position integer NOT NULL,
        kind varchar(20) NOT NULL DEFAULT 'free' CHECK (kind IN ('weather', 'milestones', 'critical_path', 'risks', 'decisions_pending',
          'actions_overdue', 'acceptance', 'kpis', 'tasks_in_progress', 'actions_due', 'free')),
        title varchar(300) NOT NULL,
        duration_minutes integer NOT NULL DEFAULT 0 CHECK (duration_minutes BETWEEN 0 AND 1440),
        notes text NOT NULL DEFAULT '',
        carried_from_item_id uuid,
        carried_from_meeting_id uuid,
        ${editable},
        UNIQUE (project_id, id),
        FOREIGN KEY (project_id, meeting_id) REFERENCES meeting(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX meeting_agenda_item_meeting_idx ON meeting_agenda_item (meeting_id, position)`);
    await queryRunner.query(`
      CREATE TABLE meeting_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        agenda_item_id uuid REFERENCES meeting_agenda_item(id) ON DELETE SET NULL,
        text text NOT NULL,
        decided_by varchar(200) NOT NULL DEFAULT '',
        impact_scope boolean NOT NULL DEFAULT false,
        impact_time boolean NOT NULL DEFAULT false,
        impact_budget boolean NOT NULL DEFAULT false,
        linked_task_ids jsonb NOT NULL DEFAULT '[]',
        linked_risk_ids jsonb NOT NULL DEFAULT '[]',
        baseline_id uuid REFERENCES plan_baseline(id) ON DELETE SET NULL,
        accepted_risk_id uuid,
        decided_at timestamptz NOT NULL DEFAULT now(),
        ${editable},
        FOREIGN KEY (project_id, meeting_id) REFERENCES meeting(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX meeting_decision_project_idx ON meeting_decision (project_id, decided_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE meeting_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        agenda_item_id uuid REFERENCES meeting_agenda_item(id) ON DELETE SET NULL,
        title varchar(300) NOT NULL,
        owner_user_id uuid NOT NULL REFERENCES app_user(id),
        due_date date,
        status varchar(12) NOT NULL DEFAULT 'a_faire' CHECK (status IN ('a_faire', 'en_cours', 'faite', 'abandonnee')),
        carried_over_to_meeting_id uuid REFERENCES meeting(id) ON DELETE SET NULL,
        ${editable},
        FOREIGN KEY (project_id, meeting_id) REFERENCES meeting(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX meeting_action_project_idx ON meeting_action (project_id, due_date)`);
    await queryRunner.query(`CREATE INDEX meeting_action_owner_idx ON meeting_action (owner_user_id, status)`);
    await queryRunner.query(`CREATE INDEX meeting_action_meeting_idx ON meeting_action (meeting_id)`);
    await queryRunner.query(`CREATE INDEX meeting_action_carried_idx ON meeting_action (carried_over_to_meeting_id)`);
    await queryRunner.query(`
      CREATE TABLE meeting_addendum (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        text text NOT NULL,
        author_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        author_name varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (project_id, meeting_id) REFERENCES meeting(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`
      CREATE TABLE project_weather (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        weather varchar(12) NOT NULL CHECK (weather IN ('ensoleille', 'nuageux', 'orageux')),
        comment text NOT NULL DEFAULT '',
        set_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        set_by_name varchar(200),
        set_at timestamptz NOT NULL DEFAULT now(),
        meeting_id uuid REFERENCES meeting(id) ON DELETE SET NULL
      )
    `);
    await queryRunner.query(`CREATE INDEX project_weather_project_idx ON project_weather (project_id, set_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE project_kpi (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        unit varchar(40) NOT NULL DEFAULT '',
        target numeric NOT NULL,
        direction varchar(6) NOT NULL CHECK (direction IN ('higher', 'lower')),
        tolerance numeric NOT NULL DEFAULT 0 CHECK (tolerance >= 0),
        position integer NOT NULL DEFAULT 0,
        ${editable},
        UNIQUE (project_id, id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE project_kpi_value (
        project_id uuid NOT NULL,
        kpi_id uuid NOT NULL,
        week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
        value numeric NOT NULL,
        PRIMARY KEY (kpi_id, week_start),
        FOREIGN KEY (project_id, kpi_id) REFERENCES project_kpi(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`
      CREATE TABLE meeting_pack (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_by_name varchar(200),
        sha256 char(64) NOT NULL,
        pdf bytea NOT NULL,
        snapshot jsonb NOT NULL,
        FOREIGN KEY (project_id, meeting_id) REFERENCES meeting(project_id, id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`CREATE INDEX meeting_pack_meeting_idx ON meeting_pack (meeting_id, created_at DESC)`);

    // Packs and addenda are records: never changed, deleted only with their project.
    await queryRunner.query(`
      CREATE FUNCTION meeting_record_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM project WHERE id = OLD.project_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is immutable', TG_TABLE_NAME;
      END $$
    `);
    for (const table of ['meeting_pack', 'meeting_addendum']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION meeting_record_is_immutable()
      `);
    }
    // A closed meeting's minutes are frozen: its own fields may not change (only `version` and
    // `updated_at` bookkeeping), and it is not deleted while its project exists.
    await queryRunner.query(`
      CREATE FUNCTION meeting_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.minutes_frozen_at IS NULL THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT 1 FROM project WHERE id = OLD.project_id) THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'meeting % is closed: its minutes are frozen', OLD.id;
        END IF;
        IF (to_jsonb(NEW) - 'version' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'updated_at') THEN
          RAISE EXCEPTION 'meeting % is closed: its minutes are frozen', OLD.id;
        END IF;
        RETURN NEW;
      END $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER meeting_frozen BEFORE UPDATE OR DELETE ON meeting
      FOR EACH ROW EXECUTE FUNCTION meeting_frozen_guard()
    `);
    // The rows of closed minutes (participants and attendance, agenda and notes, decisions) are
    // frozen with it. Actions live on after the meeting: their status, owner and due date still
    // change, and they are carried over; their title and origin stay.
    await queryRunner.query(`
      CREATE FUNCTION meeting_minutes_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target_meeting uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.meeting_id ELSE OLD.meeting_id END;
        target_project uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.project_id ELSE OLD.project_id END;
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM project p WHERE p.id = target_project) THEN
          RETURN OLD;
        END IF;
        IF EXISTS (SELECT 1 FROM meeting m WHERE m.id = target_meeting AND m.minutes_frozen_at IS NOT NULL)
           OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = NEW.meeting_id AND m.minutes_frozen_at IS NOT NULL)) THEN
          -- Nested: NEW.title only exists on meeting_action rows.
          IF TG_TABLE_NAME = 'meeting_action' AND TG_OP = 'UPDATE' THEN
            IF NEW.title = OLD.title AND NEW.meeting_id = OLD.meeting_id
               AND NEW.agenda_item_id IS NOT DISTINCT FROM OLD.agenda_item_id THEN
              RETURN NEW;
            END IF;
          END IF;
          RAISE EXCEPTION '% of closed meeting %: the minutes are frozen', TG_TABLE_NAME, target_meeting;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$
    `);
    for (const table of ['meeting_participant', 'meeting_agenda_item', 'meeting_decision', 'meeting_action']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION meeting_minutes_row_guard()
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'meeting_pack',
      'project_kpi_value',
      'project_kpi',
      'project_weather',
      'meeting_addendum',
      'meeting_action',
      'meeting_decision',
      'meeting_agenda_item',
      'meeting_participant',
      'meeting',
      'meeting_series',
      'meeting_settings',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION meeting_minutes_row_guard`);
    await queryRunner.query(`DROP FUNCTION meeting_frozen_guard`);
    await queryRunner.query(`DROP FUNCTION meeting_record_is_immutable`);
  }
}
