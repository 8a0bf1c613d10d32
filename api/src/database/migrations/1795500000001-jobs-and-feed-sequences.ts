import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * job_run: one row per occurrence of a scheduled job, claimed by the first instance that inserts
 * it, so a job runs once across instances. calendar_feed_event: the iCalendar SEQUENCE of each
 * key milestone, raised when its date moves.
 */
export class JobsAndFeedSequences1795500000001 implements MigrationInterface {
  name = 'JobsAndFeedSequences1795500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE job_run (
        job varchar(100) NOT NULL,
        occurrence varchar(100) NOT NULL,
        instance varchar(200) NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        outcome varchar(20) NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'done', 'failed')),
        detail text,
        PRIMARY KEY (job, occurrence)
      )
    `);
    await queryRunner.query(`CREATE INDEX job_run_started_idx ON job_run (started_at)`);
    await queryRunner.query(`
      CREATE TABLE calendar_feed_event (
        task_id uuid PRIMARY KEY REFERENCES plan_task(id) ON DELETE CASCADE,
        event_date date NOT NULL,
        sequence integer NOT NULL DEFAULT 0,
        stamped_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_feed_event`);
    await queryRunner.query(`DROP TABLE job_run`);
  }
}
