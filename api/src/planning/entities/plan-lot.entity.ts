import { Column, Entity } from 'typeorm';
import { EditableEntity } from '../../common/editable-entity';

@Entity({ name: 'plan_lot' })
export class PlanLotEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'go_live', type: 'date', nullable: true })
  goLive!: string | null;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
