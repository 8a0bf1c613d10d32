import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LinkTypeCode } from '@jalon/domain';

@Entity({ name: 'plan_link' })
export class PlanLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'from_task_id', type: 'uuid' })
  fromTaskId!: string;

  @Column({ name: 'to_task_id', type: 'uuid' })
  toTaskId!: string;

  @Column({ type: 'varchar', length: 2, default: 'FS' })
  type!: LinkTypeCode;

  @Column({ type: 'integer', default: 0 })
  lag!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
