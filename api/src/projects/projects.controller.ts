import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AdminOnly,
  Authenticated,
  CurrentMembership,
  CurrentUser,
  ProjectAccess,
  type AuthenticatedUser,
  type ProjectMembershipContext,
} from '../access/access.decorators';
import { CreateProjectDto } from './dto/create-project.dto';
import { ProjectDto } from './dto/project.dto';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [ProjectDto], description: "The caller's projects, with their role on each" })
  list(@CurrentUser() user: AuthenticatedUser): Promise<ProjectDto[]> {
    return this.projects.listFor(user);
  }

  @Get(':projectId')
  @ProjectAccess('project.read')
  @ApiOkResponse({ type: ProjectDto })
  get(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<ProjectDto> {
    return this.projects.get(projectId, membership.role);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: ProjectDto, description: 'The creating administrator becomes its project manager' })
  create(@Body() input: CreateProjectDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectDto> {
    return this.projects.create(input, user.id);
  }

  @Patch(':projectId')
  @ProjectAccess('project.edit')
  @ApiOkResponse({ type: ProjectDto })
  update(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Body() input: UpdateProjectDto,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<ProjectDto> {
    return this.projects.update(projectId, input, membership.role);
  }
}
