import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  RequirementDeletionDto,
  RequirementDto,
  RequirementImportPreviewDto,
  RequirementImportResultDto,
  RequirementRevisionDto,
} from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { VersionQueryDto } from '../planning/dto/version-query.dto';
import { CreateRequirementDto, ImportRequirementsDto, ImportRequirementsPreviewDto, RequirementListQueryDto, UpdateRequirementDto } from './dto/requirement.dto';
import { RequirementsService } from './requirements.service';

/** The requirements of the cahier des charges (issue 15): CRUD, revisions, import of the grille de conformité. */
@ApiTags('acceptance')
@Controller('projects/:projectId/acceptance/requirements')
export class RequirementsController {
  constructor(private readonly requirements: RequirementsService) {}

  @Get()
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'RequirementDto[] of @jalon/domain, by reference, filtered by category, priority, lot (or « none »), status and text' })
  list(@Param('projectId') projectId: string, @Query() query: RequirementListQueryDto): Promise<RequirementDto[]> {
    return this.requirements.list(projectId, query);
  }

  @Post()
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'The new requirement; the next EXG-nnn without reference; 409 duplicate_reference' })
  create(@Param('projectId') projectId: string, @Body() input: CreateRequirementDto): Promise<RequirementDto> {
    return this.requirements.create(projectId, input);
  }

  @Post('import/preview')
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'Detected columns, the mapping used, every row with its problems (row and field); nothing written' })
  importPreview(@Param('projectId') projectId: string, @Body() input: ImportRequirementsPreviewDto): Promise<RequirementImportPreviewDto> {
    return this.requirements.importPreview(projectId, input);
  }

  @Post('import')
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'Every row written in one transaction; any rejected row: 422 import_rejected and nothing written, unless validRowsOnly' })
  importFile(@Param('projectId') projectId: string, @Body() input: ImportRequirementsDto): Promise<RequirementImportResultDto> {
    return this.requirements.importFile(projectId, input);
  }

  @Get(':requirementId')
  @ProjectAccess('acceptance.read')
  get(@Param('projectId') projectId: string, @Param('requirementId') requirementId: string): Promise<RequirementDto> {
    return this.requirements.get(projectId, requirementId);
  }

  @Patch(':requirementId')
  @ProjectAccess('acceptance.write')
  @ApiOkResponse({ description: 'A content change of a validated requirement makes a new revision (the replaced content is kept); 409 when the version is stale' })
  update(
    @Param('projectId') projectId: string,
    @Param('requirementId') requirementId: string,
    @Body() input: UpdateRequirementDto,
  ): Promise<RequirementDto> {
    return this.requirements.update(projectId, requirementId, input);
  }

  @Delete(':requirementId')
  @ProjectAccess('acceptance.write')
  @ApiOkResponse({ description: 'Deleted, or marked obsolete when test cases check it' })
  remove(
    @Param('projectId') projectId: string,
    @Param('requirementId') requirementId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RequirementDeletionDto> {
    return this.requirements.remove(projectId, requirementId, query.version);
  }

  @Get(':requirementId/revisions')
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'RequirementRevisionDto[], the current content first' })
  revisions(@Param('projectId') projectId: string, @Param('requirementId') requirementId: string): Promise<RequirementRevisionDto[]> {
    return this.requirements.revisions(projectId, requirementId);
  }
}
