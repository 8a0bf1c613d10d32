import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ActionDto, DecisionDto, KpiBoardDto, MyActionDto, WeatherEntryDto } from '@jalon/domain';
import { Authenticated, CurrentMembership, CurrentUser, ProjectAccess, type AuthenticatedUser, type ProjectMembershipContext } from '../access/access.decorators';
import { sendSerialisedJson } from '../common/serialised-json';
import { attachmentDisposition } from '../exports/content-disposition';
import {
  ActionListQueryDto,
  ActionStatusDto,
  CreateKpiDto,
  DecisionLogQueryDto,
  KpiSettingsDtoIn,
  KpiValueDtoIn,
  UpdateActionDto,
  UpdateDecisionDto,
  UpdateKpiDto,
  WeatherDtoIn,
} from './dto/meeting.dto';
import { actorOf, uuid, versionQuery } from './meetings.controller';
import { MeetingsExport } from './meetings-export';
import { MeetingsService } from './meetings.service';
import { SteeringRecordsService } from './steering-records.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = ({ fileName, content }: { fileName: string; content: Buffer }) =>
  new StreamableFile(content, { type: XLSX, disposition: attachmentDisposition(fileName), length: content.length });

/** The decision log and the action list of a project, across its meetings. */
@ApiTags('meetings')
@Controller('projects/:projectId')
export class SteeringRecordsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly records: SteeringRecordsService,
    private readonly exporter: MeetingsExport,
  ) {}

  @Get('decisions')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'DecisionDto[]: every decision of the project, newest first; filters: meetingId, impact (scope | time | budget); ETag' })
  async decisions(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Query() query: DecisionLogQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    sendSerialisedJson(request, response, await this.records.serialisedDecisionLog(projectId, query));
  }

  @Get('decisions/export.xlsx')
  @ProjectAccess('meeting.read')
  async exportDecisions(@Param('projectId', uuid('projectId')) projectId: string, @Query() query: DecisionLogQueryDto): Promise<StreamableFile> {
    return file(await this.exporter.decisions(projectId, query));
  }

  @Get('decisions/:decisionId')
  @ProjectAccess('meeting.read')
  decision(@Param('projectId', uuid('projectId')) projectId: string, @Param('decisionId', uuid('decisionId')) decisionId: string): Promise<DecisionDto> {
    return this.meetings.decision(projectId, decisionId);
  }

  @Patch('decisions/:decisionId')
  @ProjectAccess('meeting.record')
  updateDecision(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('decisionId', uuid('decisionId')) decisionId: string,
    @Body() input: UpdateDecisionDto,
  ): Promise<DecisionDto> {
    return this.meetings.updateDecision(projectId, decisionId, input);
  }

  @Delete('decisions/:decisionId')
  @ProjectAccess('meeting.record')
  @ApiQuery({ name: 'version', type: Number })
  async deleteDecision(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('decisionId', uuid('decisionId')) decisionId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<{ deleted: true }> {
    await this.meetings.deleteDecision(projectId, decisionId, version);
    return { deleted: true };
  }

  @Get('actions')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'ActionDto[]: every action of the project; filters: meetingId, ownerUserId, status, overdue; ETag' })
  async actions(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Query() query: ActionListQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    sendSerialisedJson(request, response, await this.records.serialisedActionList(projectId, query));
  }

  @Get('actions/export.xlsx')
  @ProjectAccess('meeting.read')
  async exportActions(@Param('projectId', uuid('projectId')) projectId: string, @Query() query: ActionListQueryDto): Promise<StreamableFile> {
    return file(await this.exporter.actions(projectId, query));
  }

  @Get('actions/:actionId')
  @ProjectAccess('meeting.read')
  action(@Param('projectId', uuid('projectId')) projectId: string, @Param('actionId', uuid('actionId')) actionId: string): Promise<ActionDto> {
    return this.meetings.action(projectId, actionId);
  }

  @Patch('actions/:actionId')
  @ProjectAccess('meeting.record')
  updateAction(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('actionId', uuid('actionId')) actionId: string,
    @Body() input: UpdateActionDto,
  ): Promise<ActionDto> {
    return this.meetings.updateAction(projectId, actionId, input);
  }

  /** The owner of an action moves its status; so does whoever holds action.update on every action. */
  @Put('actions/:actionId/status')
  @ProjectAccess('action.update', { ownerOf: 'action' })
  actionStatus(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('actionId', uuid('actionId')) actionId: string,
    @Body() input: ActionStatusDto,
  ): Promise<ActionDto> {
    return this.meetings.setActionStatus(projectId, actionId, input);
  }

  @Delete('actions/:actionId')
  @ProjectAccess('meeting.record')
  @ApiQuery({ name: 'version', type: Number })
  async deleteAction(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('actionId', uuid('actionId')) actionId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<{ deleted: true }> {
    await this.meetings.deleteAction(projectId, actionId, version);
    return { deleted: true };
  }

  // ---------------------------------------------------------------------------------- weather

  @Get('weather')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'The weather history, newest first' })
  weather(@Param('projectId', uuid('projectId')) projectId: string): Promise<WeatherEntryDto[]> {
    return this.records.weatherHistory(projectId);
  }

  @Post('weather')
  @ProjectAccess('project.edit')
  @ApiCreatedResponse({ description: 'A new weather entry (the history is append-only)' })
  setWeather(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Body() input: WeatherDtoIn,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<WeatherEntryDto> {
    return this.records.setWeather(projectId, input, actorOf(user, membership));
  }

  // ---------------------------------------------------------------------------------- KPIs

  @Get('kpis')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'The incubation KPIs with their weekly values and status, and whether the incubation ended' })
  kpis(@Param('projectId', uuid('projectId')) projectId: string): Promise<KpiBoardDto> {
    return this.records.kpiBoard(projectId);
  }

  @Post('kpis')
  @ProjectAccess('kpi.edit')
  createKpi(@Param('projectId', uuid('projectId')) projectId: string, @Body() input: CreateKpiDto): Promise<KpiBoardDto> {
    return this.records.createKpi(projectId, input);
  }

  @Put('kpis/settings')
  @ProjectAccess('kpi.edit')
  kpiSettings(@Param('projectId', uuid('projectId')) projectId: string, @Body() input: KpiSettingsDtoIn): Promise<KpiBoardDto> {
    return this.records.updateKpiSettings(projectId, input);
  }

  @Patch('kpis/:kpiId')
  @ProjectAccess('kpi.edit')
  updateKpi(@Param('projectId', uuid('projectId')) projectId: string, @Param('kpiId', uuid('kpiId')) kpiId: string, @Body() input: UpdateKpiDto): Promise<KpiBoardDto> {
    return this.records.updateKpi(projectId, kpiId, input);
  }

  @Delete('kpis/:kpiId')
  @ProjectAccess('kpi.edit')
  @ApiQuery({ name: 'version', type: Number })
  deleteKpi(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('kpiId', uuid('kpiId')) kpiId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<KpiBoardDto> {
    return this.records.deleteKpi(projectId, kpiId, version);
  }

  @Put('kpis/:kpiId/values/:weekStart')
  @ProjectAccess('kpi.edit')
  @ApiOkResponse({ description: 'The value of the week starting on that Monday (null removes it)' })
  kpiValue(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('kpiId', uuid('kpiId')) kpiId: string,
    @Param('weekStart') weekStart: string,
    @Body() input: KpiValueDtoIn,
  ): Promise<KpiBoardDto> {
    return this.records.setKpiValue(projectId, kpiId, weekStart, input);
  }
}

/** « Mes actions »: the caller's open actions across their projects. */
@ApiTags('meetings')
@Controller('me/actions')
export class MyActionsController {
  constructor(private readonly records: SteeringRecordsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ description: 'Open actions owned by the caller in the projects they belong to, overdue first' })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyActionDto[]> {
    return this.records.myActions(user.id);
  }
}
