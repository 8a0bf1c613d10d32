import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ProjectStatus, ProjectWeather } from '@jalon/domain';

@Entity({ name: 'project' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  company!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 20, default: 'cadrage' })
  status!: ProjectStatus;

  @Column({ type: 'varchar', length: 10, default: 'sunny' })
  weather!: ProjectWeather;

  @Column({ name: 'weather_comment', type: 'text', default: '' })
  weatherComment!: string;

  @Column({ name: 'target_go_live', type: 'date' })
  targetGoLive!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
