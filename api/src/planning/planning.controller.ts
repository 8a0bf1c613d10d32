import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type {
  BaselineComparisonDto,
  BaselineSummaryDto,
  MilestoneTrendDto,
  RetroPlanningDto,
} from '@jalon/domain';
import { CurrentUser, ProjectAccess, type AuthenticatedUser } from '../access/access.decorators';
import { BaselinesService } from './baselines.service';
import { ComparisonQueryDto, CreateBaselineDto } from './dto/baseline.dto';
import { BulkPlanEditDto } from './dto/bulk.dto';
import { CreateLinkDto, UpdateLinkDto } from './dto/link.dto';
import { CreateLotDto, UpdateLotDto } from './dto/lot.dto';
import { CreatePhaseDto, UpdatePhaseDto } from './dto/phase.dto';
import { UpdatePlanSettingsDto } from './dto/settings.dto';
import { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { VersionQueryDto } from './dto/version-query.dto';
import { PlanningService } from './planning.service';

const uuid = () => new ParseUUIDPipe();

/** The retroplanning of one project. Every edit answers with the whole recomputed plan. */
@ApiTags('planning')
@Controller('projects/:projectId/plan')
export class PlanningController {
  constructor(
    private readonly planning: PlanningService,
    private readonly baselines: BaselinesService,
  ) {}

  /**
   * The stored plan (a RetroPlanningDto), sent as it was serialised for its revision: with an
   * ETag for conditional GETs, gzipped for clients that accept it.
   */
  @Get()
  @ProjectAccess('project.read')
  @ApiOkResponse({ description: 'RetroPlanningDto of @jalon/domain' })
  async get(@Param('projectId', uuid()) projectId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const plan = await this.planning.getSerialisedPlan(projectId);
    response.setHeader('ETag', plan.etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    response.setHeader('Vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === plan.etag) {
      response.status(304).end();
      return;
    }
    response.status(200).type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      const body = plan.gzip();
      response.setHeader('Content-Encoding', 'gzip');
      response.setHeader('Content-Length', body.length);
      response.end(body);
    } else {
      response.setHeader('Content-Length', plan.json.length);
      response.end(plan.json);
    }
  }

  @Patch('settings')
  @ProjectAccess('plan.edit')
  updateSettings(@Param('projectId', uuid()) projectId: string, @Body() input: UpdatePlanSettingsDto): Promise<RetroPlanningDto> {
    return this.planning.updateSettings(projectId, input);
  }

  // ----- lots

  @Post('lots')
  @ProjectAccess('plan.edit')
  createLot(@Param('projectId', uuid()) projectId: string, @Body() input: CreateLotDto): Promise<RetroPlanningDto> {
    return this.planning.createLot(projectId, input);
  }

  @Patch('lots/:lotId')
  @ProjectAccess('plan.edit')
  updateLot(
    @Param('projectId', uuid()) projectId: string,
    @Param('lotId', uuid()) lotId: string,
    @Body() input: UpdateLotDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.updateLot(projectId, lotId, input);
  }

  @Delete('lots/:lotId')
  @ProjectAccess('plan.edit')
  deleteLot(
    @Param('projectId', uuid()) projectId: string,
    @Param('lotId', uuid()) lotId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.deleteLot(projectId, lotId, query.version);
  }

  // ----- phases

  @Post('phases')
  @ProjectAccess('plan.edit')
  createPhase(@Param('projectId', uuid()) projectId: string, @Body() input: CreatePhaseDto): Promise<RetroPlanningDto> {
    return this.planning.createPhase(projectId, input);
  }

  @Patch('phases/:phaseId')
  @ProjectAccess('plan.edit')
  updatePhase(
    @Param('projectId', uuid()) projectId: string,
    @Param('phaseId', uuid()) phaseId: string,
    @Body() input: UpdatePhaseDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.updatePhase(projectId, phaseId, input);
  }

  @Delete('phases/:phaseId')
  @ProjectAccess('plan.edit')
  deletePhase(
    @Param('projectId', uuid()) projectId: string,
    @Param('phaseId', uuid()) phaseId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.deletePhase(projectId, phaseId, query.version);
  }

  // ----- tasks

  @Post('tasks')
  @ProjectAccess('plan.edit')
  createTask(@Param('projectId', uuid()) projectId: string, @Body() input: CreateTaskDto): Promise<RetroPlanningDto> {
    return this.planning.createTask(projectId, input);
  }

  @Patch('tasks/:taskId')
  @ProjectAccess('plan.edit')
  updateTask(
    @Param('projectId', uuid()) projectId: string,
    @Param('taskId', uuid()) taskId: string,
    @Body() input: UpdateTaskDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.updateTask(projectId, taskId, input);
  }

  @Delete('tasks/:taskId')
  @ProjectAccess('plan.edit')
  deleteTask(
    @Param('projectId', uuid()) projectId: string,
    @Param('taskId', uuid()) taskId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.deleteTask(projectId, taskId, query.version);
  }

  // ----- links

  @Post('links')
  @ProjectAccess('plan.edit')
  createLink(@Param('projectId', uuid()) projectId: string, @Body() input: CreateLinkDto): Promise<RetroPlanningDto> {
    return this.planning.createLink(projectId, input);
  }

  @Patch('links/:linkId')
  @ProjectAccess('plan.edit')
  updateLink(
    @Param('projectId', uuid()) projectId: string,
    @Param('linkId', uuid()) linkId: string,
    @Body() input: UpdateLinkDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.updateLink(projectId, linkId, input);
  }

  @Delete('links/:linkId')
  @ProjectAccess('plan.edit')
  deleteLink(
    @Param('projectId', uuid()) projectId: string,
    @Param('linkId', uuid()) linkId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.planning.deleteLink(projectId, linkId, query.version);
  }

  @Post('bulk')
  @HttpCode(200)
  @ProjectAccess('plan.edit')
  bulk(@Param('projectId', uuid()) projectId: string, @Body() input: BulkPlanEditDto): Promise<RetroPlanningDto> {
    return this.planning.bulkEdit(projectId, input);
  }

  // ----- baselines

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
