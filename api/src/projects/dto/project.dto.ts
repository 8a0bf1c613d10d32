import { ApiProperty } from '@nestjs/swagger';
import {
  PROJECT_STATUSES,
  PROJECT_WEATHERS,
  PROJECT_ROLES,
  type ProjectRole,
  type ProjectStatus,
  type ProjectSummary,
  type ProjectWeather,
} from '@jalon/domain';
import type { ProjectEntity } from '../entities/project.entity';

export class ProjectDto implements ProjectSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() company!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: ProjectStatus;
  @ApiProperty({ enum: PROJECT_WEATHERS }) weather!: ProjectWeather;
  @ApiProperty() weatherComment!: string;
  @ApiProperty({ format: 'date', example: '2027-03-15' }) targetGoLive!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: PROJECT_ROLES, nullable: true, description: "The caller's role (null for an administrator who is not a member)" })
  myRole!: ProjectRole | null;

  static fromEntity(entity: ProjectEntity, myRole: ProjectRole | null = null): ProjectDto {
    return Object.assign(new ProjectDto(), {
      id: entity.id,
      name: entity.name,
      company: entity.company,
      description: entity.description,
      status: entity.status,
      weather: entity.weather,
      weatherComment: entity.weatherComment,
      targetGoLive: entity.targetGoLive,
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
      version: entity.version,
      myRole,
    });
  }
}
