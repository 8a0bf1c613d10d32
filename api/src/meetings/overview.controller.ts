import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { roleAllows, type MyWorkDto, type ProjectOverviewDto } from '@jalon/domain';
import { Authenticated, CurrentMembership, CurrentUser, ProjectAccess, type AuthenticatedUser, type ProjectMembershipContext } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import { OverviewService } from './overview.service';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });

/** The project overview, the sponsor's first page: the live version of the COPIL pack (issue 13). */
@ApiTags('meetings')
@Controller('projects/:projectId/overview')
export class ProjectOverviewController {
  constructor(private readonly overviews: OverviewService) {}

  @Get()
  @ProjectAccess('project.read')
  @ApiOkResponse({
    description:
      'ProjectOverviewDto: weather, next key milestones with slippage, go-live countdown, top risks, next meetings, my actions, latest decisions, overdue go / no-go réserves (null without gonogo.read)',
  })
  overview(
    @Param('projectId', uuid('projectId')) projectId: string,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<ProjectOverviewDto> {
    return this.overviews.overview(projectId, user.id, roleAllows(membership.effectiveRole, 'gonogo.read'));
  }
}

/** « Mon travail »: everything assigned to the caller across their projects, overdue first. */
@ApiTags('meetings')
@Controller('me/work')
export class MyWorkController {
  constructor(private readonly overviews: OverviewService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ description: 'MyWorkDto: tasks to report on, actions, risk treatments, acceptance cases to run (null without acceptance), next meetings' })
  work(@CurrentUser() user: AuthenticatedUser): Promise<MyWorkDto> {
    return this.overviews.myWork(user.id);
  }
}
