import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlanIssueDto, PublicHolidaySet, SchedulingMode } from '@jalon/domain';

@Entity({ name: 'plan_settings' })
export class PlanSettingsEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 10, default: 'backward' })
  mode!: SchedulingMode;

  @Column({ name: 'project_start', type: 'date', nullable: true })
  projectStart!: string | null;

  @Column({ name: 'working_weekdays', type: 'jsonb', default: [1, 2, 3, 4, 5] })
  workingWeekdays!: number[];

  @Column({ name: 'public_holidays', type: 'varchar', length: 10, default: 'fr' })
  publicHolidays!: PublicHolidaySet;

  @Column({ name: 'extra_holidays', type: 'jsonb', default: [] })
  extraHolidays!: string[];

  @Column({ name: 'status_date', type: 'date', nullable: true })
  statusDate!: string | null;

  @Column({ name: 'computed_start', type: 'date', nullable: true })
  computedStart!: string | null;

  @Column({ name: 'computed_finish', type: 'date', nullable: true })
  computedFinish!: string | null;

  @Column({ type: 'jsonb', default: [] })
  warnings!: PlanIssueDto[];

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;

  @Column({ type: 'bigint', default: 1 })
  revision!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
