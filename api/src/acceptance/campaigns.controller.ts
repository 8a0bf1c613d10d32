import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CampaignDto, CampaignProgressDto, CampaignSummaryDto, ExecutionDto, ExecutionSummaryDto, IterationDto } from '@jalon/domain';
import { CurrentMembership, CurrentUser, ProjectAccess, type AuthenticatedUser, type ProjectMembershipContext } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { acceptanceActorOf } from './campaigns-common';
import { AddCampaignCasesDto, CreateCampaignDto, CreateIterationDto, UpdateCampaignCaseDto, UpdateCampaignDto } from './campaigns.dto';
import { CampaignsService } from './campaigns.service';
import { ExecutionsService } from './executions.service';

export const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });
export const versionQuery = () => new ParseIntPipe({ exceptionFactory: () => fieldError(400, 'version', 'version must be a whole number') });

/** Acceptance campaigns of a project (issue 15): period, plan phase, cases in scope, iterations, progress. */
@ApiTags('acceptance')
@Controller('projects/:projectId/acceptance/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly executions: ExecutionsService,
  ) {}

  @Get()
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'CampaignSummaryDto[]: each campaign with its period, plan phase (and its dates), results and open defects' })
  list(@Param('projectId', uuid('projectId')) projectId: string): Promise<CampaignSummaryDto[]> {
    return this.campaigns.list(projectId);
  }

  @Post()
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'CampaignDto, with its first iteration' })
  create(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Body() input: CreateCampaignDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<CampaignDto> {
    return this.campaigns.create(projectId, input, acceptanceActorOf(user, membership));
  }

  @Get(':campaignId')
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'CampaignDto: the cases in scope with assignee and latest result, the iterations' })
  campaign(@Param('projectId', uuid('projectId')) projectId: string, @Param('campaignId', uuid('campaignId')) campaignId: string): Promise<CampaignDto> {
    return this.campaigns.campaign(projectId, campaignId);
  }

  @Patch(':campaignId')
  @ProjectAccess('acceptance.write')
  update(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Body() input: UpdateCampaignDto,
  ): Promise<CampaignDto> {
    return this.campaigns.update(projectId, campaignId, input);
  }

  @Delete(':campaignId')
  @HttpCode(204)
  @ProjectAccess('acceptance.write')
  @ApiQuery({ name: 'version', type: Number })
  @ApiNoContentResponse({ description: 'Deleted; a campaign with executions is kept (409)' })
  async remove(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<void> {
    await this.campaigns.remove(projectId, campaignId, version);
  }

  @Get(':campaignId/progress')
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'CampaignProgressDto: planned (linear over the period) vs run by day, pass rate, open defects by severity' })
  progress(@Param('projectId', uuid('projectId')) projectId: string, @Param('campaignId', uuid('campaignId')) campaignId: string): Promise<CampaignProgressDto> {
    return this.campaigns.progress(projectId, campaignId);
  }

  @Post(':campaignId/cases')
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'CampaignDto; the assignee must be a member (422 assigneeUserId)' })
  addCases(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Body() input: AddCampaignCasesDto,
  ): Promise<CampaignDto> {
    return this.campaigns.addCases(projectId, campaignId, input);
  }

  @Patch(':campaignId/cases/:campaignCaseId')
  @ProjectAccess('acceptance.write')
  updateCase(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Param('campaignCaseId', uuid('campaignCaseId')) campaignCaseId: string,
    @Body() input: UpdateCampaignCaseDto,
  ): Promise<CampaignDto> {
    return this.campaigns.updateCase(projectId, campaignId, campaignCaseId, input);
  }

  @Delete(':campaignId/cases/:campaignCaseId')
  @ProjectAccess('acceptance.write')
  @ApiQuery({ name: 'version', type: Number })
  removeCase(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Param('campaignCaseId', uuid('campaignCaseId')) campaignCaseId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<CampaignDto> {
    return this.campaigns.removeCase(projectId, campaignId, campaignCaseId, version);
  }

  @Post(':campaignId/iterations')
  @ProjectAccess('acceptance.write')
  @ApiCreatedResponse({ description: 'IterationDto: the cases it re-runs (failed, touched by the delivery, not run yet) and why' })
  createIteration(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Body() input: CreateIterationDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<IterationDto> {
    return this.campaigns.createIteration(projectId, campaignId, input, acceptanceActorOf(user, membership));
  }

  @Get(':campaignId/cases/:campaignCaseId/executions')
  @ProjectAccess('acceptance.read')
  @ApiOkResponse({ description: 'ExecutionSummaryDto[]: the case’s runs in the campaign, newest first' })
  history(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Param('campaignCaseId', uuid('campaignCaseId')) campaignCaseId: string,
  ): Promise<ExecutionSummaryDto[]> {
    return this.executions.history(projectId, campaignId, campaignCaseId);
  }

  /** The assignee runs the case (a key user only the cases assigned to them; the project manager any). */
  @Post(':campaignId/cases/:campaignCaseId/executions')
  @ProjectAccess('acceptance.execute', { ownerOf: 'campaignCase' })
  @ApiCreatedResponse({ description: 'ExecutionDto with the copy of the case’s current steps and revision; an unfinished run of the iteration is resumed' })
  start(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('campaignId', uuid('campaignId')) campaignId: string,
    @Param('campaignCaseId', uuid('campaignCaseId')) campaignCaseId: string,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<ExecutionDto> {
    return this.executions.start(projectId, campaignId, campaignCaseId, acceptanceActorOf(user, membership));
  }
}
