import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RequirementCategory, RequirementConformity, RequirementPriority, RequirementStatus } from '@jalon/domain';
import { EditableEntity } from '../../common/editable-entity';

/** A requirement of the cahier des charges (exigence), with its content revision. */
@Entity({ name: 'acceptance_requirement' })
export class AcceptanceRequirementEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 30 })
  reference!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: RequirementCategory;

  @Column({ type: 'varchar', length: 20 })
  priority!: RequirementPriority;

  @Column({ name: 'lot_id', type: 'uuid', nullable: true })
  lotId!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  conformity!: RequirementConformity | null;

  @Column({ type: 'varchar', length: 20, default: 'brouillon' })
  status!: RequirementStatus;

  @Column({ type: 'integer', default: 1 })
  revision!: number;
}

/** The content a requirement had in one revision, kept when a later edit replaced it. Immutable. */
@Entity({ name: 'acceptance_requirement_revision' })
export class AcceptanceRequirementRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'requirement_id', type: 'uuid' })
  requirementId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 30 })
  reference!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: RequirementCategory;

  @Column({ type: 'varchar', length: 20 })
  priority!: RequirementPriority;

  @Column({ type: 'varchar', length: 20, nullable: true })
  conformity!: RequirementConformity | null;

  /** When the content was replaced (the revision row is written then). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_name', type: 'varchar', length: 200, nullable: true })
  createdByName!: string | null;
}
