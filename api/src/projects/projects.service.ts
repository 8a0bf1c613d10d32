import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { ProjectRole } from '@jalon/domain';
import { MembershipsService } from '../accounts/memberships.service';
import { AuditTrail } from '../audit/audit-trail.service';
import { notFound, staleVersion } from '../common/api-errors';
import { PlanningTemplates } from '../planning/templates/planning-templates.service';
import { ProjectDto } from './dto/project.dto';
import type { CreateProjectDto } from './dto/create-project.dto';
import type { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectEntity } from './entities/project.entity';

const auditedFields = (project: ProjectEntity): Record<string, unknown> => ({
  name: project.name,
  company: project.company,
  description: project.description,
  status: project.status,
  weather: project.weather,
  weatherComment: project.weatherComment,
  targetGoLive: project.targetGoLive,
});

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditTrail,
    private readonly planTemplates: PlanningTemplates,
  ) {}

  /** The projects `userId` is a member of (every project for an instance administrator). */
  async listFor(user: { id: string; isAdmin: boolean }): Promise<ProjectDto[]> {
    const roles = await this.memberships.rolesOf(user.id);
    const projects = await this.dataSource.getRepository(ProjectEntity).find({
      where: user.isAdmin ? {} : { id: In([...roles.keys()]) },
      order: { name: 'ASC' },
    });
    return projects.map((project) => ProjectDto.fromEntity(project, roles.get(project.id) ?? null));
  }

  async get(id: string, myRole: ProjectRole | null = null): Promise<ProjectDto> {
    const project = await this.dataSource.getRepository(ProjectEntity).findOneBy({ id });
    if (!project) throw notFound('project', id, 'Project not found');
    return ProjectDto.fromEntity(project, myRole);
  }

  /** Creates the project; its creator, when given, becomes its project manager. */
  async create(input: CreateProjectDto, creatorId?: string): Promise<ProjectDto> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ProjectEntity);
      const { template, ...fields } = input;
      const saved = await repository.save(repository.create(fields));
      await this.audit.record(manager, {
        projectId: saved.id,
        entity: 'project',
        entityId: saved.id,
        action: 'create',
        after: auditedFields(saved),
      });
      if (creatorId) await this.memberships.setRole(saved.id, creatorId, 'project_manager', manager);
      if (template) await this.planTemplates.apply(manager, saved.id, saved.targetGoLive, template);
      return ProjectDto.fromEntity(saved, creatorId ? 'project_manager' : null);
    });
  }

  async update(id: string, input: UpdateProjectDto, myRole: ProjectRole | null): Promise<ProjectDto> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ProjectEntity);
      const project = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw notFound('project', id, 'Project not found');
      if (project.version !== input.version) throw staleVersion('project', id, project.version);
      const before = auditedFields(project);
      const { version: _version, ...changes } = input;
      Object.assign(project, changes);
      const saved = await repository.save(project);
      await this.audit.record(manager, { projectId: id, entity: 'project', entityId: id, action: 'update', before, after: auditedFields(saved) });
      return ProjectDto.fromEntity(saved, myRole);
    });
  }
}
