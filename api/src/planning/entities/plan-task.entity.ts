import { Column, Entity } from 'typeorm';
import { EditableEntity } from '../../common/editable-entity';

@Entity({ name: 'plan_task' })
export class PlanTaskEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'phase_id', type: 'uuid', nullable: true })
  phaseId!: string | null;

  @Column({ name: 'lot_id', type: 'uuid', nullable: true })
  lotId!: string | null;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'integer' })
  duration!: number;

  @Column({ name: 'key_milestone', type: 'boolean', default: false })
  keyMilestone!: boolean;

  @Column({ name: 'fixed_date', type: 'date', nullable: true })
  fixedDate!: string | null;

  @Column({ name: 'owner_name', type: 'varchar', length: 200, default: '' })
  ownerName!: string;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId!: string | null;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ name: 'actual_start', type: 'date', nullable: true })
  actualStart!: string | null;

  @Column({ name: 'actual_finish', type: 'date', nullable: true })
  actualFinish!: string | null;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ type: 'integer', default: 0 })
  position!: number;

  // The computed schedule: derived data, rewritten by every recompute without touching
  // `version`, so moving one task never makes the other tasks' versions stale in the Gantt.
  @Column({ name: 'start_date', type: 'date', nullable: true })
  start!: string | null;

  @Column({ name: 'finish_date', type: 'date', nullable: true })
  finish!: string | null;

  @Column({ name: 'early_start', type: 'date', nullable: true })
  earlyStart!: string | null;

  @Column({ name: 'early_finish', type: 'date', nullable: true })
  earlyFinish!: string | null;

  @Column({ name: 'late_start', type: 'date', nullable: true })
  lateStart!: string | null;

  @Column({ name: 'late_finish', type: 'date', nullable: true })
  lateFinish!: string | null;

  @Column({ name: 'total_float', type: 'integer', nullable: true })
  totalFloat!: number | null;

  @Column({ type: 'boolean', nullable: true })
  critical!: boolean | null;
}
