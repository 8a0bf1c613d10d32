import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateProjectDto } from './dto/create-project.dto';
import { ProjectDto } from './dto/project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @ApiOkResponse({ type: [ProjectDto] })
  list(): Promise<ProjectDto[]> {
    return this.projects.list();
  }

  @Get(':projectId')
  @ApiOkResponse({ type: ProjectDto })
  get(@Param('projectId', new ParseUUIDPipe()) projectId: string): Promise<ProjectDto> {
    return this.projects.get(projectId);
  }

  @Post()
  @ApiCreatedResponse({ type: ProjectDto })
  create(@Body() input: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(input);
  }
}
