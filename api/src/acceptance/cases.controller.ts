import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { GenerateTestCasesResultDto, TestCaseDeletionDto, TestCaseDto, TestCaseRevisionDto } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { VersionQueryDto } from '../planning/dto/version-query.dto';
import { CasesService } from './cases.service';
import { CreateTestCaseDto, GenerateTestCasesDto, LinkRequirementsDto, TestCaseListQueryDto, UpdateTestCaseDto } from './dto/test-case.dto';

/** The test cases of the recette (issue 15): ordered steps, linked requirements, revisions, drafts. */
@ApiTags('acceptance')
@Controller('projects/:projectId/acceptance/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'TestCaseDto[] of @jalon/domain, by reference, filtered by status, criticality, requirement and text' })
  list(@Param('projectId') projectId: string, @Query() query: TestCaseListQueryDto): Promise<TestCaseDto[]> {
    return this.cases.list(projectId, query);
  }

  @Post()
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'The new case; steps in order (400 naming steps.N.field); the next CT-nnn without reference' })
  create(@Param('projectId') projectId: string, @Body() input: CreateTestCaseDto): Promise<TestCaseDto> {
    return this.cases.create(projectId, input);
  }

  @Post('generate')
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'One draft case per requirement, a step per acceptance criterion (bullet or numbered line) of its description' })
  generate(@Param('projectId') projectId: string, @Body() input: GenerateTestCasesDto): Promise<GenerateTestCasesResultDto> {
    return this.cases.generate(projectId, input.requirementIds);
  }

  @Get(':caseId')
  @ProjectAccess('acceptance.read')
  get(@Param('projectId') projectId: string, @Param('caseId') caseId: string): Promise<TestCaseDto> {
    return this.cases.get(projectId, caseId);
  }

  @Patch(':caseId')
  @ProjectAccess('acceptance.write')
  @ApiOkResponse({ description: 'A content change of a ready case makes a new revision (the replaced content is kept); 409 when the version is stale' })
  update(@Param('projectId') projectId: string, @Param('caseId') caseId: string, @Body() input: UpdateTestCaseDto): Promise<TestCaseDto> {
    return this.cases.update(projectId, caseId, input);
  }

  @Delete(':caseId')
  @ProjectAccess('acceptance.write')
  @ApiOkResponse({ description: 'Deleted, or marked obsolete when a campaign holds it' })
  remove(@Param('projectId') projectId: string, @Param('caseId') caseId: string, @Query() query: VersionQueryDto): Promise<TestCaseDeletionDto> {
    return this.cases.remove(projectId, caseId, query.version);
  }

  @Get(':caseId/revisions')
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'TestCaseRevisionDto[], the current content first' })
  revisions(@Param('projectId') projectId: string, @Param('caseId') caseId: string): Promise<TestCaseRevisionDto[]> {
    return this.cases.revisions(projectId, caseId);
  }

  @Post(':caseId/requirements')
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'Links requirements of this project to the case (those already linked stay once)' })
  link(@Param('projectId') projectId: string, @Param('caseId') caseId: string, @Body() input: LinkRequirementsDto): Promise<TestCaseDto> {
    return this.cases.link(projectId, caseId, input.version, input.requirementIds);
  }

  @Delete(':caseId/requirements/:requirementId')
  @ProjectAccess('acceptance.write')
  @ApiOkResponse({ description: 'Unlinks the requirement from the case' })
  unlink(
    @Param('projectId') projectId: string,
    @Param('caseId') caseId: string,
    @Param('requirementId') requirementId: string,
    @Query() query: VersionQueryDto,
  ): Promise<TestCaseDto> {
    return this.cases.unlink(projectId, caseId, requirementId, query.version);
  }
}
