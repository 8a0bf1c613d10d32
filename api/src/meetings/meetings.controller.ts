import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ActionDto, AddendumDto, AgendaDto, DecisionDto, MeetingDto, MeetingSeriesDto, MeetingSummaryDto, ParticipantDto } from '@jalon/domain';
import { CurrentMembership, CurrentUser, ProjectAccess, type AuthenticatedUser, type ProjectMembershipContext } from '../access/access.decorators';
import { fieldError } from '../common/api-errors';
import {
  AddendumDtoIn,
  AgendaItemDtoIn,
  AgendaNotesDto,
  AgendaOrderDto,
  AttendanceDto,
  CreateActionDto,
  CreateDecisionDto,
  CreateMeetingDto,
  CreateMeetingSeriesDto,
  MeetingListQueryDto,
  MeetingStatusDto,
  ParticipantDtoIn,
  UpdateAgendaItemDto,
  UpdateMeetingDto,
  UpdateMeetingSeriesDto,
  VersionOnlyDto,
} from './dto/meeting.dto';
import { MeetingsService, type MeetingActor } from './meetings.service';

export const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });
export const versionQuery = () => new ParseIntPipe({ exceptionFactory: () => fieldError(400, 'version', 'version must be a whole number') });

export const actorOf = (user: AuthenticatedUser, membership: ProjectMembershipContext): MeetingActor => ({
  id: user.id,
  displayName: user.displayName,
  isAdmin: user.isAdmin,
  role: membership.role,
});

/** Meeting series: an RFC 5545 rule materialised as meetings up to a horizon. */
@ApiTags('meetings')
@Controller('projects/:projectId/meeting-series')
export class MeetingSeriesController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ProjectAccess('meeting.read')
  list(@Param('projectId', uuid('projectId')) projectId: string): Promise<MeetingSeriesDto[]> {
    return this.meetings.listSeries(projectId);
  }

  @Post()
  @ProjectAccess('meeting.manage')
  @ApiCreatedResponse({ description: 'The series; its occurrences are created as meetings up to `horizon` (6 months)' })
  create(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Body() input: CreateMeetingSeriesDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<MeetingSeriesDto> {
    return this.meetings.createSeries(projectId, input, actorOf(user, membership));
  }

  @Get(':seriesId')
  @ProjectAccess('meeting.read')
  one(@Param('projectId', uuid('projectId')) projectId: string, @Param('seriesId', uuid('seriesId')) seriesId: string): Promise<MeetingSeriesDto> {
    return this.meetings.series(projectId, seriesId);
  }

  @Patch(':seriesId')
  @ProjectAccess('meeting.manage')
  @ApiOkResponse({ description: 'Future occurrences in preparation, not moved on their own, follow the new rule' })
  update(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('seriesId', uuid('seriesId')) seriesId: string,
    @Body() input: UpdateMeetingSeriesDto,
  ): Promise<MeetingSeriesDto> {
    return this.meetings.updateSeries(projectId, seriesId, input);
  }

  @Delete(':seriesId')
  @ProjectAccess('meeting.manage')
  @HttpCode(204)
  @ApiQuery({ name: 'version', type: Number })
  async remove(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('seriesId', uuid('seriesId')) seriesId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<void> {
    await this.meetings.deleteSeries(projectId, seriesId, version);
  }
}

/** Meetings, their participants, agenda, minutes, decisions, actions and addenda. */
@ApiTags('meetings')
@Controller('projects/:projectId/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ProjectAccess('meeting.read')
  list(@Param('projectId', uuid('projectId')) projectId: string, @Query() query: MeetingListQueryDto): Promise<MeetingSummaryDto[]> {
    return this.meetings.listMeetings(projectId, query);
  }

  @Post()
  @ProjectAccess('meeting.manage')
  create(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Body() input: CreateMeetingDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<MeetingDto> {
    return this.meetings.createMeeting(projectId, input, actorOf(user, membership));
  }

  @Get(':meetingId')
  @ProjectAccess('meeting.read')
  one(@Param('projectId', uuid('projectId')) projectId: string, @Param('meetingId', uuid('meetingId')) meetingId: string): Promise<MeetingDto> {
    return this.meetings.meeting(projectId, meetingId);
  }

  @Patch(':meetingId')
  @ProjectAccess('meeting.manage')
  @ApiOkResponse({ description: 'Moving an occurrence (localStart) detaches it from its rule; seriesId cannot change (422)' })
  update(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: UpdateMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.updateMeeting(projectId, meetingId, input);
  }

  @Delete(':meetingId')
  @ProjectAccess('meeting.manage')
  @HttpCode(204)
  @ApiQuery({ name: 'version', type: Number })
  async remove(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<void> {
    await this.meetings.deleteMeeting(projectId, meetingId, version);
  }

  @Post(':meetingId/status')
  @ProjectAccess('meeting.manage')
  @HttpCode(200)
  @ApiOkResponse({ description: 'brouillon → convoquee → en_cours → cloturee (closing freezes the minutes and carries undone actions over); annulee' })
  status(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: MeetingStatusDto,
  ): Promise<MeetingDto> {
    return this.meetings.changeStatus(projectId, meetingId, input);
  }

  // ---------------------------------------------------------------------------------- participants

  @Post(':meetingId/participants')
  @ProjectAccess('meeting.manage')
  addParticipant(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: ParticipantDtoIn,
  ): Promise<ParticipantDto> {
    return this.meetings.addParticipant(projectId, meetingId, input);
  }

  @Delete(':meetingId/participants/:participantId')
  @ProjectAccess('meeting.manage')
  @HttpCode(204)
  @ApiQuery({ name: 'version', type: Number })
  async removeParticipant(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('participantId', uuid('participantId')) participantId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<void> {
    await this.meetings.removeParticipant(projectId, meetingId, participantId, version);
  }

  @Put(':meetingId/participants/:participantId/attendance')
  @ProjectAccess('meeting.record')
  attendance(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('participantId', uuid('participantId')) participantId: string,
    @Body() input: AttendanceDto,
  ): Promise<ParticipantDto> {
    return this.meetings.setAttendance(projectId, meetingId, participantId, input);
  }

  // ---------------------------------------------------------------------------------- agenda

  @Get(':meetingId/agenda')
  @ProjectAccess('meeting.read')
  @ApiOkResponse({ description: 'The items with their total duration against the meeting length' })
  agenda(@Param('projectId', uuid('projectId')) projectId: string, @Param('meetingId', uuid('meetingId')) meetingId: string): Promise<AgendaDto> {
    return this.meetings.agenda(projectId, meetingId);
  }

  @Post(':meetingId/agenda/items')
  @ProjectAccess('meeting.manage')
  addItem(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: AgendaItemDtoIn,
  ): Promise<AgendaDto> {
    return this.meetings.addAgendaItem(projectId, meetingId, input);
  }

  @Put(':meetingId/agenda/order')
  @ProjectAccess('meeting.manage')
  reorder(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: AgendaOrderDto,
  ): Promise<AgendaDto> {
    return this.meetings.reorderAgenda(projectId, meetingId, input);
  }

  @Patch(':meetingId/agenda/items/:itemId')
  @ProjectAccess('meeting.manage')
  updateItem(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Body() input: UpdateAgendaItemDto,
  ): Promise<AgendaDto> {
    return this.meetings.updateAgendaItem(projectId, meetingId, itemId, input);
  }

  @Put(':meetingId/agenda/items/:itemId/notes')
  @ProjectAccess('meeting.record')
  notes(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Body() input: AgendaNotesDto,
  ): Promise<AgendaDto> {
    return this.meetings.setAgendaNotes(projectId, meetingId, itemId, input);
  }

  @Delete(':meetingId/agenda/items/:itemId')
  @ProjectAccess('meeting.manage')
  @ApiQuery({ name: 'version', type: Number })
  removeItem(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Query('version', versionQuery()) version: number,
  ): Promise<AgendaDto> {
    return this.meetings.deleteAgendaItem(projectId, meetingId, itemId, version);
  }

  @Post(':meetingId/agenda/items/:itemId/move-to-next')
  @ProjectAccess('meeting.manage')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The item goes to the end of the next occurrence’s agenda: { meetingId, agenda } of that meeting' })
  moveToNext(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Param('itemId', uuid('itemId')) itemId: string,
    @Body() input: VersionOnlyDto,
  ): Promise<{ meetingId: string; agenda: AgendaDto }> {
    return this.meetings.moveAgendaItemToNext(projectId, meetingId, itemId, input.version);
  }

  // ---------------------------------------------------------------------------------- outcomes

  @Post(':meetingId/decisions')
  @ProjectAccess('meeting.record')
  @ApiCreatedResponse({ description: 'The decision; with freezeBaseline / acceptRisk the baseline is frozen / the risk accepted in the same transaction' })
  decide(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: CreateDecisionDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<DecisionDto> {
    return this.meetings.createDecision(projectId, meetingId, input, actorOf(user, membership));
  }

  @Post(':meetingId/actions')
  @ProjectAccess('meeting.record')
  @ApiCreatedResponse({ description: 'The action; its owner must be a member of the project (422 ownerUserId)' })
  addAction(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: CreateActionDto,
  ): Promise<ActionDto> {
    return this.meetings.createAction(projectId, meetingId, input);
  }

  @Post(':meetingId/addenda')
  @ProjectAccess('meeting.manage')
  @ApiCreatedResponse({ description: 'A dated correction of closed minutes (immutable)' })
  addendum(
    @Param('projectId', uuid('projectId')) projectId: string,
    @Param('meetingId', uuid('meetingId')) meetingId: string,
    @Body() input: AddendumDtoIn,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentMembership() membership: ProjectMembershipContext,
  ): Promise<AddendumDto> {
    return this.meetings.addAddendum(projectId, meetingId, input, actorOf(user, membership));
  }
}
