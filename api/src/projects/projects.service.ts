import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProjectDto } from './dto/project.dto';
import type { CreateProjectDto } from './dto/create-project.dto';
import { ProjectEntity } from './entities/project.entity';

@Injectable()
export class ProjectsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<ProjectDto[]> {
    const projects = await this.dataSource.getRepository(ProjectEntity).find({ order: { name: 'ASC' } });
    return projects.map((project) => ProjectDto.fromEntity(project));
  }

  async get(id: string): Promise<ProjectDto> {
    const project = await this.dataSource.getRepository(ProjectEntity).findOneBy({ id });
    if (!project) throw new NotFoundException(`Project ${id} not found`);
    return ProjectDto.fromEntity(project);
  }

  async create(input: CreateProjectDto): Promise<ProjectDto> {
    const repository = this.dataSource.getRepository(ProjectEntity);
    const saved = await repository.save(repository.create(input));
    return ProjectDto.fromEntity(saved);
  }
}
