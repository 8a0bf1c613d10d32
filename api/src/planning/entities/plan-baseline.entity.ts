import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'plan_baseline' })
export class PlanBaselineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false })
  createdAt!: Date;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ name: 'created_by_name', type: 'varchar', length: 200, nullable: true })
  createdByName!: string | null;

  @Column({ name: 'task_count', type: 'integer', default: 0 })
  taskCount!: number;
}

/** The dates of one task at the moment the baseline was frozen. */
@Entity({ name: 'plan_baseline_task' })
export class PlanBaselineTaskEntity {
  @PrimaryColumn({ name: 'baseline_id', type: 'uuid' })
  baselineId!: string;

  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'integer' })
  duration!: number;

  @Column({ name: 'key_milestone', type: 'boolean' })
  keyMilestone!: boolean;

  @Column({ name: 'start_date', type: 'date' })
  start!: string;

  @Column({ name: 'finish_date', type: 'date' })
  finish!: string;
}
