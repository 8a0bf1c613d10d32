import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795000000000 implements MigrationInterface {
  name = 'InitialSchema1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        company varchar(200) NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL DEFAULT 'cadrage'
          CHECK (status IN ('cadrage', 'in_progress', 'incubation', 'closed')),
        weather varchar(10) NOT NULL DEFAULT 'sunny' CHECK (weather IN ('sunny', 'cloudy', 'stormy')),
        weather_comment text NOT NULL DEFAULT '',
        target_go_live date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE project`);
  }
}
