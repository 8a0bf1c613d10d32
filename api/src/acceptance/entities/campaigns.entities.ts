import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type {
  AttachmentContentType,
  CampaignStatus,
  CampaignType,
  DefectSeverity,
  DefectStatus,
  ExecutionResult,
  RerunReason,
  StepStatus,
  TestStep,
} from '@jalon/domain';
import { EditableEntity } from '../../common/editable-entity';

/**
 * The tables of the acceptance run (migration 1796000000002), mapped for TypeORM. The services
 * write them with set-based SQL in one transaction; these classes name their columns.
 */

/** An acceptance campaign over the plan's Recette phase. */
@Entity({ name: 'acceptance_campaign' })
export class AcceptanceCampaignEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: CampaignType;

  @Column({ type: 'varchar', length: 20, default: 'preparation' })
  status!: CampaignStatus;

  @Column({ name: 'lot_id', type: 'uuid', nullable: true })
  lotId!: string | null;

  @Column({ name: 'phase_id', type: 'uuid', nullable: true })
  phaseId!: string | null;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;
}

/** A case in a campaign's scope, the member who runs it, and its latest run. */
@Entity({ name: 'acceptance_campaign_case' })
export class AcceptanceCampaignCaseEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'test_case_id', type: 'uuid' })
  testCaseId!: string;

  @Column({ name: 'assignee_user_id', type: 'uuid' })
  assigneeUserId!: string;

  @Column({ name: 'latest_execution_id', type: 'uuid', nullable: true })
  latestExecutionId!: string | null;

  @Column({ name: 'latest_result', type: 'varchar', length: 20, nullable: true })
  latestResult!: ExecutionResult | null;

  /** To run in the current iteration. */
  @Column({ type: 'boolean', default: true })
  pending!: boolean;
}

/** A vendor delivery and the cases it re-runs. */
@Entity({ name: 'acceptance_iteration' })
export class AcceptanceIterationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn!: string;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  rerun!: Array<{ campaignCaseId: string; reason: RerunReason }>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** One run of a campaign case, with the copy of its steps as they were run. */
@Entity({ name: 'acceptance_execution' })
export class AcceptanceExecutionEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'campaign_case_id', type: 'uuid' })
  campaignCaseId!: string;

  @Column({ name: 'iteration_id', type: 'uuid' })
  iterationId!: string;

  @Column({ name: 'test_case_revision', type: 'integer' })
  testCaseRevision!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', default: '' })
  preconditions!: string;

  @Column({ type: 'jsonb' })
  steps!: TestStep[];

  @Column({ type: 'varchar', length: 20, default: 'non_execute' })
  result!: ExecutionResult;

  @Column({ name: 'executed_by', type: 'uuid', nullable: true })
  executedBy!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/** The result of one step of an execution. */
@Entity({ name: 'acceptance_step_result' })
export class AcceptanceStepResultEntity {
  @PrimaryColumn({ name: 'execution_id', type: 'uuid' })
  executionId!: string;

  @PrimaryColumn({ name: 'step_index', type: 'smallint' })
  stepIndex!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: StepStatus;

  @Column({ type: 'text', default: '' })
  actual!: string;

  @Column({ type: 'text', default: '' })
  comment!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;
}

/** A screenshot or log of a step, stored in the database (any API instance serves it). */
@Entity({ name: 'acceptance_attachment' })
export class AcceptanceAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'execution_id', type: 'uuid' })
  executionId!: string;

  @Column({ name: 'step_index', type: 'smallint' })
  stepIndex!: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType!: AttachmentContentType;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  data!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** A defect (anomalie) raised from a failed step. */
@Entity({ name: 'acceptance_defect' })
export class AcceptanceDefectEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'varchar', length: 12 })
  reference!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 10 })
  severity!: DefectSeverity;

  @Column({ type: 'varchar', length: 20, default: 'nouvelle' })
  status!: DefectStatus;

  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  @Column({ name: 'found_by_user_id', type: 'uuid', nullable: true })
  foundByUserId!: string | null;

  @Column({ name: 'execution_id', type: 'uuid', nullable: true })
  executionId!: string | null;

  @Column({ name: 'step_index', type: 'smallint', nullable: true })
  stepIndex!: number | null;

  @Column({ type: 'text', default: '' })
  expected!: string;

  @Column({ type: 'text', default: '' })
  actual!: string;

  @Column({ type: 'text', default: '' })
  resolution!: string;
}

/** An execution that re-tested a defect. */
@Entity({ name: 'acceptance_defect_execution' })
export class AcceptanceDefectExecutionEntity {
  @PrimaryColumn({ name: 'defect_id', type: 'uuid' })
  defectId!: string;

  @PrimaryColumn({ name: 'execution_id', type: 'uuid' })
  executionId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The entities of the acceptance run, listed with the others of the module. */
export const CAMPAIGN_ENTITIES = [
  AcceptanceCampaignEntity,
  AcceptanceCampaignCaseEntity,
  AcceptanceIterationEntity,
  AcceptanceExecutionEntity,
  AcceptanceStepResultEntity,
  AcceptanceAttachmentEntity,
  AcceptanceDefectEntity,
  AcceptanceDefectExecutionEntity,
];
