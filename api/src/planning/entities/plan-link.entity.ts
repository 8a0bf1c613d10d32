import { Column, Entity } from 'typeorm';
import { EditableEntity } from '../../common/editable-entity';
import type { LinkTypeCode } from '@jalon/domain';

@Entity({ name: 'plan_link' })
export class PlanLinkEntity extends EditableEntity {
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
}
