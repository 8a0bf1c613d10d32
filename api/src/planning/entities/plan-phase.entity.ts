import { Column, Entity } from 'typeorm';
import { EditableEntity } from '../../common/editable-entity';

@Entity({ name: 'plan_phase' })
export class PlanPhaseEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
