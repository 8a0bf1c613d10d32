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
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { COMPACT_PLAN_MEDIA_TYPE, type RetroPlanningDto } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { sendSerialisedJson } from '../common/serialised-json';
import { BulkPlanEditDto } from './dto/bulk.dto';
import { CreateLinkDto, UpdateLinkDto } from './dto/link.dto';
import { CreateLotDto, UpdateLotDto } from './dto/lot.dto';
import { CreatePhaseDto, UpdatePhaseDto } from './dto/phase.dto';
import { UpdatePlanSettingsDto } from './dto/settings.dto';
import { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { DeleteTaskQueryDto, VersionQueryDto } from './dto/version-query.dto';
import { PlanBulkService } from './plan-bulk.service';
import { PlanReader } from './plan-reader.service';
import { PlanSettingsService } from './plan-settings.service';
import { PlanStructureService } from './plan-structure.service';
import { PlanTasksService } from './plan-tasks.service';

const uuid = () => new ParseUUIDPipe();

/**
 * The retroplanning of one project: the plan and its structure (settings, lots, phases, tasks,
 * links, bulk edits). Every edit answers with the whole recomputed plan. Baselines and exports
 * have their own controllers.
 */
@ApiTags('planning')
@Controller('projects/:projectId/plan')
export class PlanningController {
  constructor(
    private readonly reader: PlanReader,
    private readonly settings: PlanSettingsService,
    private readonly structure: PlanStructureService,
    private readonly tasks: PlanTasksService,
    private readonly bulkEdits: PlanBulkService,
  ) {}

  /**
   * The stored plan, sent as it was serialised for its revision: with an ETag for conditional
   * GETs, gzipped for clients that accept it. A `RetroPlanningDto`, or with
   * `Accept: application/vnd.jalon.plan-compact+json` the same plan as a `CompactPlanDto` (about
   * a third of the bytes; `expandPlan` of @jalon/domain gives the RetroPlanningDto back).
   */
  @Get()
  @ProjectAccess('project.read')
  @ApiOkResponse({ description: 'RetroPlanningDto of @jalon/domain, or CompactPlanDto when asked by Accept' })
  @ApiProduces('application/json', COMPACT_PLAN_MEDIA_TYPE)
  async get(@Param('projectId', uuid()) projectId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const compact = (request.headers.accept ?? '').includes(COMPACT_PLAN_MEDIA_TYPE);
    const plan = await this.reader.getSerialisedPlan(projectId, compact ? 'compact' : 'plain');
    sendSerialisedJson(request, response, plan, { mediaType: compact ? COMPACT_PLAN_MEDIA_TYPE : 'application/json', negotiated: true });
  }

  @Patch('settings')
  @ProjectAccess('plan.edit')
  updateSettings(@Param('projectId', uuid()) projectId: string, @Body() input: UpdatePlanSettingsDto): Promise<RetroPlanningDto> {
    return this.settings.update(projectId, input);
  }

  // ----- lots

  @Post('lots')
  @ProjectAccess('plan.edit')
  createLot(@Param('projectId', uuid()) projectId: string, @Body() input: CreateLotDto): Promise<RetroPlanningDto> {
    return this.structure.createLot(projectId, input);
  }

  @Patch('lots/:lotId')
  @ProjectAccess('plan.edit')
  updateLot(
    @Param('projectId', uuid()) projectId: string,
    @Param('lotId', uuid()) lotId: string,
    @Body() input: UpdateLotDto,
  ): Promise<RetroPlanningDto> {
    return this.structure.updateLot(projectId, lotId, input);
  }

  @Delete('lots/:lotId')
  @ProjectAccess('plan.edit')
  deleteLot(
    @Param('projectId', uuid()) projectId: string,
    @Param('lotId', uuid()) lotId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.structure.deleteLot(projectId, lotId, query.version);
  }

  // ----- phases

  @Post('phases')
  @ProjectAccess('plan.edit')
  createPhase(@Param('projectId', uuid()) projectId: string, @Body() input: CreatePhaseDto): Promise<RetroPlanningDto> {
    return this.structure.createPhase(projectId, input);
  }

  @Patch('phases/:phaseId')
  @ProjectAccess('plan.edit')
  updatePhase(
    @Param('projectId', uuid()) projectId: string,
    @Param('phaseId', uuid()) phaseId: string,
    @Body() input: UpdatePhaseDto,
  ): Promise<RetroPlanningDto> {
    return this.structure.updatePhase(projectId, phaseId, input);
  }

  @Delete('phases/:phaseId')
  @ProjectAccess('plan.edit')
  deletePhase(
    @Param('projectId', uuid()) projectId: string,
    @Param('phaseId', uuid()) phaseId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.structure.deletePhase(projectId, phaseId, query.version);
  }

  // ----- tasks

  @Post('tasks')
  @ProjectAccess('plan.edit')
  createTask(@Param('projectId', uuid()) projectId: string, @Body() input: CreateTaskDto): Promise<RetroPlanningDto> {
    return this.tasks.createTask(projectId, input);
  }

  @Patch('tasks/:taskId')
  @ProjectAccess('plan.edit')
  updateTask(
    @Param('projectId', uuid()) projectId: string,
    @Param('taskId', uuid()) taskId: string,
    @Body() input: UpdateTaskDto,
  ): Promise<RetroPlanningDto> {
    return this.tasks.updateTask(projectId, taskId, input);
  }

  @Delete('tasks/:taskId')
  @ProjectAccess('plan.edit')
  deleteTask(
    @Param('projectId', uuid()) projectId: string,
    @Param('taskId', uuid()) taskId: string,
    @Query() query: DeleteTaskQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.tasks.deleteTask(projectId, taskId, query.version, query.reconnect ?? true);
  }

  // ----- links

  @Post('links')
  @ProjectAccess('plan.edit')
  createLink(@Param('projectId', uuid()) projectId: string, @Body() input: CreateLinkDto): Promise<RetroPlanningDto> {
    return this.tasks.createLink(projectId, input);
  }

  @Patch('links/:linkId')
  @ProjectAccess('plan.edit')
  updateLink(
    @Param('projectId', uuid()) projectId: string,
    @Param('linkId', uuid()) linkId: string,
    @Body() input: UpdateLinkDto,
  ): Promise<RetroPlanningDto> {
    return this.tasks.updateLink(projectId, linkId, input);
  }

  @Delete('links/:linkId')
  @ProjectAccess('plan.edit')
  deleteLink(
    @Param('projectId', uuid()) projectId: string,
    @Param('linkId', uuid()) linkId: string,
    @Query() query: VersionQueryDto,
  ): Promise<RetroPlanningDto> {
    return this.tasks.deleteLink(projectId, linkId, query.version);
  }

  @Post('bulk')
  @HttpCode(200)
  @ProjectAccess('plan.edit')
  bulk(@Param('projectId', uuid()) projectId: string, @Body() input: BulkPlanEditDto): Promise<RetroPlanningDto> {
    return this.bulkEdits.edit(projectId, input);
  }
}
