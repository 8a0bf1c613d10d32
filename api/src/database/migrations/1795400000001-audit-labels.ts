import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_event.label: the changed object's name when the change was made (a task's name, « A → B »
 * for a link), so the change log names what changed even after the object is renamed or deleted.
 * Adding a column does not touch the existing rows, which stay append-only.
 */
export class AuditLabels1795400000001 implements MigrationInterface {
  name = 'AuditLabels1795400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event ADD COLUMN label varchar(500)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event DROP COLUMN label`);
  }
}
