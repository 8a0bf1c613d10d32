import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DEFECT_SEVERITIES, DEFECT_STATUSES, type DefectDto, type DefectListQuery, type DefectSeverity, type DefectStatus } from '@jalon/domain';
import { CurrentMembership, CurrentUser, ProjectAccess, type AuthenticatedUser, type ProjectMembershipContext } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { uuid } from './campaigns.controller';
import { acceptanceActorOf } from './campaigns-common';
import { CreateDefectDto, DefectTransitionDto, UpdateDefectDto } from './defects.dto';
import { DefectsService } from './defects.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw fieldError(400, field, `${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Defects (anomalies) of a project's recette (issue 15). */
@ApiTags('acceptance')
@Controller('projects/:projectId/acceptance/defects')
export class DefectsController {
  constructor(private readonly defects: DefectsService) {}

  /** Everyone who reads the recette; the vendor's contributor sees the defects assigned to them only. */
  @Get()
  @ProjectAccess('acceptance.read')
  @ApiQuery({ name: 'status', required: false, enum: DEFECT_STATUSES })
  @ApiQuery({ name: 'severity', required: false, enum: DEFECT_SEVERITIES })
  @ApiQuery({ name: 'campaignId', required: false })
  @ApiQuery({ name: 'assignee', required: false, description: '`me` or a user id' })
  @ApiOkResponse({ description: 'DefectDto[], newest first, with the statuses the caller may move each to' })
  list(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Query('status') status: string | undefined,
    @Query('severity') severity: string | undefined,
    @Query('campaignId') campaignId: string | undefined,
    @Query('assignee') assignee: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<DefectDto[]> {
    if (campaignId && !UUID.test(campaignId)) throw fieldError(400, 'campaignId', 'campaignId must be a UUID');
    if (assignee && assignee !== 'me' && !UUID.test(assignee)) throw fieldError(400, 'assignee', 'assignee must be "me" or a user id');
    const query: DefectListQuery = {
      status: oneOf<DefectStatus>('status', status, DEFECT_STATUSES),
      severity: oneOf<DefectSeverity>('severity', severity, DEFECT_SEVERITIES),
      campaignId: campaignId || undefined,
      assignee: assignee || undefined,
    };
    return this.defects.list(projectId, query, acceptanceActorOf(user, membership));
  }

  @Post()
  @ProjectAccess('defect.edit')
  @ApiCreatedResponse({ description: 'DefectDto ANO-nnn, prefilled from the failed step (expected, actual); 422 for an execution of another project' })
  create(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Body() input: CreateDefectDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<DefectDto> {
    return this.defects.create(projectId, input, acceptanceActorOf(user, membership));
  }

  @Get(':defectId')
  @ProjectAccess('acceptance.read')
  defect(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('defectId', uuid('defectId')) defectId: string,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<DefectDto> {
    return this.defects.defect(projectId, defectId, acceptanceActorOf(user, membership));
  }

  /** Key users and the project manager edit any defect; the vendor's contributor only the resolution of theirs. */
  @Patch(':defectId')
  @ProjectAccess('defect.edit', { ownerOf: 'defect' })
  update(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('defectId', uuid('defectId')) defectId: string,
    @Body() input: UpdateDefectDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<DefectDto> {
    return this.defects.update(projectId, defectId, input, acceptanceActorOf(user, membership));
  }

  @Post(':defectId/transitions')
  @ProjectAccess('defect.edit', { ownerOf: 'defect' })
  @ApiCreatedResponse({ description: 'DefectDto; 403 when the caller may not make this move, 409 defect_transition_refused when it is not a move of the workflow' })
  transition(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('defectId', uuid('defectId')) defectId: string,
    @Body() input: DefectTransitionDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<DefectDto> {
    return this.defects.transition(projectId, defectId, input, acceptanceActorOf(user, membership));
  }
}
