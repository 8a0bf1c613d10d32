import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { BaselineComparisonDto, BaselineSummaryDto, MilestoneTrendDto } from '@jalon/domain';
import { CurrentUser, ProjectAccess, type AuthenticatedUser } from '../access/access.decorators';
import { BaselinesService } from './baselines.service';
import { ComparisonQueryDto, CreateBaselineDto } from './dto/baseline.dto';

const uuid = () => new ParseUUIDPipe();

/** Baselines (« références ») of a plan, their comparison and the milestone trend. */
@ApiTags('planning')
@Controller('projects/:projectId/plan')
export class PlanBaselinesController {
  constructor(private readonly baselines: BaselinesService) {}

  @Get('baselines')
  @ProjectAccess('project.read')
  listBaselines(@Param('projectId', uuid()) projectId: string): Promise<BaselineSummaryDto[]> {
    return this.baselines.list(projectId);
  }

  @Post('baselines')
  @ProjectAccess('baseline.create')
  createBaseline(
    @Param('projectId', uuid()) projectId: string,
    @Body() input: CreateBaselineDto,
    @CurrentUser() user: AuthenticatedUser | undefined,
  ): Promise<BaselineSummaryDto> {
    return this.baselines.create(projectId, input.name, user ? { id: user.id, name: user.displayName } : null);
  }

  @Get('baselines/:baselineId/comparison')
  @ProjectAccess('project.read')
  compare(
    @Param('projectId', uuid()) projectId: string,
    @Param('baselineId', uuid()) baselineId: string,
    @Query() query: ComparisonQueryDto,
  ): Promise<BaselineComparisonDto> {
    return this.baselines.compare(projectId, baselineId, query.with ?? 'plan');
  }

  @Get('milestone-trend')
  @ProjectAccess('project.read')
  milestoneTrend(@Param('projectId', uuid()) projectId: string): Promise<MilestoneTrendDto> {
    return this.baselines.milestoneTrend(projectId);
  }
}
