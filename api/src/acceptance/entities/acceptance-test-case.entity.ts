import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { TestCaseCriticality, TestCaseStatus, TestStep } from '@jalon/domain';
import { EditableEntity } from '../../common/editable-entity';

/** A test case (cas de test): ordered steps, linked to the requirements it checks. */
@Entity({ name: 'acceptance_test_case' })
export class AcceptanceTestCaseEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 30 })
  reference!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', default: '' })
  preconditions!: string;

  @Column({ type: 'jsonb' })
  steps!: TestStep[];

  @Column({ type: 'varchar', length: 10, default: 'moyenne' })
  criticality!: TestCaseCriticality;

  @Column({ type: 'varchar', length: 20, default: 'brouillon' })
  status!: TestCaseStatus;

  @Column({ type: 'integer', default: 1 })
  revision!: number;
}

/** The content a test case had in one revision, kept when a later edit replaced it. Immutable. */
@Entity({ name: 'acceptance_test_case_revision' })
export class AcceptanceTestCaseRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'test_case_id', type: 'uuid' })
  testCaseId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  preconditions!: string;

  @Column({ type: 'jsonb' })
  steps!: TestStep[];

  @Column({ type: 'varchar', length: 10 })
  criticality!: TestCaseCriticality;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_name', type: 'varchar', length: 200, nullable: true })
  createdByName!: string | null;
}

/** A test case checks a requirement (many to many, inside one project). */
@Entity({ name: 'acceptance_case_requirement' })
export class AcceptanceCaseRequirementEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ name: 'test_case_id', type: 'uuid' })
  testCaseId!: string;

  @PrimaryColumn({ name: 'requirement_id', type: 'uuid' })
  requirementId!: string;
}
