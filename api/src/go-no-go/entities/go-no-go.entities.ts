import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GoNoGoCriterionConfig, ReadinessCategory, ReadinessStatus } from '@jalon/domain';
import { EditableEntity } from '../../common/editable-entity';

/** One item of a lot's readiness checklist (training, prerequisites, migration, rollback…). */
@Entity({ name: 'gonogo_readiness_item' })
export class GoNoGoReadinessItemEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'lot_id', type: 'uuid', nullable: true })
  lotId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  category!: ReadinessCategory;

  @Column({ type: 'varchar', length: 300 })
  label!: string;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId!: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'a_faire' })
  status!: ReadinessStatus;

  @Column({ name: 'evidence_note', type: 'text', default: '' })
  evidenceNote!: string;

  @Column({ name: 'evidence_link', type: 'varchar', length: 2000, nullable: true })
  evidenceLink!: string | null;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}

/** The go / no-go criteria of a campaign, locked once it starts. */
@Entity({ name: 'gonogo_campaign_criteria' })
export class GoNoGoCampaignCriteriaEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'jsonb' })
  config!: GoNoGoCriterionConfig[];

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;

  @Column({ name: 'locked_by', type: 'uuid', nullable: true })
  lockedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** A réserve: a defect accepted at sign-off, with its owner and due date, until its levée. */
@Entity({ name: 'gonogo_reserve' })
export class GoNoGoReserveEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @Column({ name: 'defect_id', type: 'uuid' })
  defectId!: string;

  @Column({ name: 'owner_user_id', type: 'uuid' })
  ownerUserId!: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'levee_date', type: 'date', nullable: true })
  leveeDate!: string | null;

  @Column({ name: 'retest_execution_id', type: 'uuid', nullable: true })
  retestExecutionId!: string | null;
}

export const GO_NO_GO_ENTITIES = [GoNoGoReadinessItemEntity, GoNoGoCampaignCriteriaEntity, GoNoGoReserveEntity];
