import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import {
  DEFAULT_MEETING_TIME_ZONE,
  type ActionDto,
  type AddendumDto,
  type AgendaDto,
  type DecisionDto,
  type MeetingDto,
  type MeetingSeriesDto,
  type MeetingSummaryDto,
  type ParticipantDto,
  type ProjectRole,
} from '@jalon/domain';
import {
  RecurrenceError,
  acceptsOutcomes,
  actionsToCarry,
  canTransition,
  expandSeries,
  instantToLocal,
  isTimeZone,
  localToInstant,
  nextMeetingOfSeries,
  normaliseRrule,
  parseLocalDateTime,
  type WorkingDayTest,
} from '@jalon/meetings';
import { WorkingCalendar, type PublicHolidays } from '@jalon/planning';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../clock/clock';
import { createRow, deleteRow, editLoadedRow, editRow, type RowKind } from '../common/edit-row';
import { fieldError, notFound, refuse, staleVersion } from '../common/api-errors';
import { BaselinesService } from '../planning/baselines.service';
import { RisksService } from '../risks/risks.service';
import { MEETING_MAIL, type MeetingMailHook } from '../mail/meeting-mail';
import type {
  ActionStatusDto,
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
  UpdateActionDto,
  UpdateAgendaItemDto,
  UpdateDecisionDto,
  UpdateMeetingDto,
  UpdateMeetingSeriesDto,
} from './dto/meeting.dto';
import {
  MeetingActionEntity,
  MeetingAddendumEntity,
  MeetingAgendaItemEntity,
  MeetingDecisionEntity,
  MeetingEntity,
  MeetingParticipantEntity,
  MeetingSeriesEntity,
} from './entities/meeting.entities';
import {
  ACTION_KIND,
  AGENDA_ITEM_KIND,
  DECISION_KIND,
  MEETING_KIND,
  PARTICIPANT_KIND,
  SERIES_KIND,
  agendaItemDto,
  meetingSummary,
  participantDto,
  queryActions,
  queryDecisions,
  seriesDto,
} from './meeting-rows';

/** Who acts, as the access guard resolved them. */
export interface MeetingActor {
  id: string;
  displayName: string;
  isAdmin: boolean;
  /** The membership's own role (null for an administrator who is not a member). */
  role: ProjectRole | null;
}

/** How far ahead a series' occurrences are materialised as meetings. */
export const SERIES_HORIZON_MONTHS = 6;
/** At most this many occurrences per series and horizon. */
const MAX_OCCURRENCES = 400;

const addMonths = (date: string, months: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
};

/** The horizon of a series starting on `start`: SERIES_HORIZON_MONTHS after its start or today, whichever is later. */
const horizonFrom = (start: string, today: string): string => addMonths(start > today ? start : today, SERIES_HORIZON_MONTHS);

function recurrenceRefusal(error: unknown): never {
  if (error instanceof RecurrenceError) throw fieldError(400, error.field, error.message);
  throw error;
}

/**
 * Steering meetings: series and their occurrences, meetings with participants, agenda, minutes,
 * decisions and actions, and the lifecycle that freezes the minutes. Every write runs in one
 * transaction with its audit rows; edited rows are version-checked (409 `stale_version`).
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
    private readonly baselines: BaselinesService,
    private readonly risks: RisksService,
    /** Mail (issue 14): invitations, updates, cancellations and minutes, written in the same transaction. */
    @Optional() @Inject(MEETING_MAIL) private readonly mail?: MeetingMailHook,
  ) {}

  today(): string {
    return this.clock.today();
  }

  // ---------------------------------------------------------------------------------- series

  async listSeries(projectId: string): Promise<MeetingSeriesDto[]> {
    const rows = await this.dataSource.manager.find(MeetingSeriesEntity, { where: { projectId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(seriesDto);
  }

  async series(projectId: string, seriesId: string): Promise<MeetingSeriesDto> {
    const row = await this.dataSource.manager.findOneBy(MeetingSeriesEntity, { id: seriesId, projectId });
    if (!row) throw notFound('meeting_series', seriesId);
    return seriesDto(row);
  }

  /** Creates a series and materialises its occurrences up to the horizon, in one transaction. */
  async createSeries(projectId: string, input: CreateMeetingSeriesDto, actor: MeetingActor, manager?: EntityManager, today = this.today()): Promise<MeetingSeriesDto> {
    const rule = this.checkRule({
      rrule: input.rrule,
      dtstart: input.dtstart,
      timeZone: input.timeZone ?? DEFAULT_MEETING_TIME_ZONE,
      nonWorkingPolicy: input.nonWorkingPolicy ?? 'skip',
    });
    const work = async (manager: EntityManager) => {
      await this.requireProject(manager, projectId);
      const start = rule.dtstart.slice(0, 10);
      const horizon = horizonFrom(start, today);
      const series = await createRow(manager, this.auditTrail, SERIES_KIND, projectId, manager.create(MeetingSeriesEntity, {
        projectId,
        type: input.type,
        title: input.title,
        ...rule,
        durationMinutes: input.durationMinutes,
        place: input.place ?? '',
        videoLink: input.videoLink ?? '',
        horizon,
        version: 1,
      }));
      await this.materialise(manager, series, start, actor.id);
      return seriesDto(series);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async updateSeries(projectId: string, seriesId: string, input: UpdateMeetingSeriesDto): Promise<MeetingSeriesDto> {
    return this.dataSource.transaction(async (manager) => {
      const series = await editRow(manager, this.auditTrail, SERIES_KIND, { projectId, id: seriesId, where: { id: seriesId, projectId } }, input.version, (row) => {
        const rule = this.checkRule({
          rrule: input.rrule ?? row.rrule,
          dtstart: input.dtstart ?? row.dtstart,
          timeZone: input.timeZone ?? row.timeZone,
          nonWorkingPolicy: input.nonWorkingPolicy ?? row.nonWorkingPolicy,
        });
        Object.assign(row, rule);
        if (input.type !== undefined) row.type = input.type;
        if (input.title !== undefined) row.title = input.title;
        if (input.durationMinutes !== undefined) row.durationMinutes = input.durationMinutes;
        if (input.place !== undefined) row.place = input.place;
        if (input.videoLink !== undefined) row.videoLink = input.videoLink;
        row.horizon = horizonFrom(row.dtstart.slice(0, 10), this.today());
      });
      await this.resynchronise(manager, series);
      return seriesDto(series);
    });
  }

  /** A series whose meetings were held keeps its minutes: it cannot be deleted (409). */
  async deleteSeries(projectId: string, seriesId: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await deleteRow(manager, this.auditTrail, SERIES_KIND, { projectId, id: seriesId, where: { id: seriesId, projectId } }, version, async () => {
        const held = (await manager.query(`SELECT count(*)::int AS n FROM meeting WHERE series_id = $1 AND status IN ('en_cours', 'cloturee')`, [seriesId])) as Array<{ n: number }>;
        if (held[0]!.n > 0) {
          throw refuse(409, 'conflict', `The series ${seriesId} has held meetings whose minutes are kept: cancel its next occurrences instead`);
        }
      });
    });
  }

  private checkRule(rule: { rrule: string; dtstart: string; timeZone: string; nonWorkingPolicy: 'skip' | 'next_working_day' }) {
    try {
      const rrule = normaliseRrule(rule.rrule);
      if (!parseLocalDateTime(rule.dtstart)) throw new RecurrenceError('dtstart', 'dtstart must be a local date-time YYYY-MM-DDTHH:mm');
      if (!isTimeZone(rule.timeZone)) throw new RecurrenceError('timeZone', `timeZone ${rule.timeZone} is not an IANA time zone`);
      return { ...rule, rrule };
    } catch (error) {
      return recurrenceRefusal(error);
    }
  }

  /** The plan's working days (weekdays and holidays of its calendar). */
  private async workingDays(manager: EntityManager, projectId: string): Promise<WorkingDayTest> {
    const rows = (await manager.query(
      `SELECT working_weekdays AS "workingWeekdays", public_holidays AS "publicHolidays", extra_holidays AS "extraHolidays" FROM plan_settings WHERE project_id = $1`,
      [projectId],
    )) as Array<{ workingWeekdays: number[]; publicHolidays: PublicHolidays; extraHolidays: string[] }>;
    const calendar = new WorkingCalendar(rows[0] ?? null);
    return (date) => calendar.isWorkingDay(date);
  }

  private occurrencesOf(series: MeetingSeriesEntity, from: string, isWorkingDay: WorkingDayTest) {
    try {
      return expandSeries(series, { from, until: series.horizon, isWorkingDay, limit: MAX_OCCURRENCES });
    } catch (error) {
      return recurrenceRefusal(error);
    }
  }

  private async materialise(manager: EntityManager, series: MeetingSeriesEntity, from: string, organiserUserId: string | null): Promise<void> {
    const occurrences = this.occurrencesOf(series, from, await this.workingDays(manager, series.projectId));
    if (occurrences.length === 0) throw fieldError(400, 'rrule', `rrule gives no occurrence between ${from} and ${series.horizon}`);
    for (const occurrence of occurrences) await this.createOccurrence(manager, series, occurrence, organiserUserId);
  }

  /**
   * The daily job: every series keeps SERIES_HORIZON_MONTHS of occurrences ahead. Its horizon
   * moves to SERIES_HORIZON_MONTHS after today and the occurrences its rule gives after the old
   * horizon are created, one transaction per series (locked against a concurrent edit). An
   * occurrence that exists already (moved, cancelled, held) is never created again, and nothing
   * at or before the old horizon is touched: run twice, it does nothing more. Returns how many
   * occurrences were created.
   */
  async extendSeriesHorizons(): Promise<number> {
    const rows = (await this.dataSource.query(`SELECT id FROM meeting_series ORDER BY id`)) as Array<{ id: string }>;
    let created = 0;
    for (const { id } of rows) created += await this.dataSource.transaction((manager) => this.extendHorizon(manager, id));
    return created;
  }

  private async extendHorizon(manager: EntityManager, seriesId: string): Promise<number> {
    const locked = (await manager.query(`SELECT id FROM meeting_series WHERE id = $1 FOR UPDATE`, [seriesId])) as unknown[];
    if (locked.length === 0) return 0;
    const series = await manager.findOneByOrFail(MeetingSeriesEntity, { id: seriesId });
    const today = this.today();
    const previous = series.horizon;
    const horizon = horizonFrom(series.dtstart.slice(0, 10), today);
    if (horizon <= previous) return 0;
    series.horizon = horizon;
    const occurrences = this.occurrencesOf(series, today, await this.workingDays(manager, series.projectId));
    const existing = await manager.find(MeetingEntity, { where: { seriesId }, order: { startsAt: 'DESC' } });
    const keys = new Set(existing.map((meeting) => meeting.occurrenceKey));
    // New occurrences are organised by whoever organises the series' latest one.
    const organiserUserId = existing[0]?.organiserUserId ?? null;
    const now = this.clock.now();
    let created = 0;
    for (const occurrence of occurrences) {
      if (occurrence.occurrenceKey <= previous || keys.has(occurrence.occurrenceKey) || occurrence.startsAt <= now) continue;
      await this.createOccurrence(manager, series, occurrence, organiserUserId);
      created += 1;
    }
    // The horizon is the system's bookkeeping, not a user's edit: no new version, no 409 for whoever holds the series.
    await manager.query(`UPDATE meeting_series SET horizon = $2 WHERE id = $1`, [seriesId, horizon]);
    return created;
  }

  /** One occurrence of a series as a meeting in preparation, with its audit row. */
  private async createOccurrence(
    manager: EntityManager,
    series: MeetingSeriesEntity,
    occurrence: { occurrenceKey: string; startsAt: Date },
    organiserUserId: string | null,
  ): Promise<MeetingEntity> {
    return createRow(manager, this.auditTrail, MEETING_KIND, series.projectId, manager.create(MeetingEntity, {
      projectId: series.projectId,
      seriesId: series.id,
      occurrenceKey: occurrence.occurrenceKey,
      detached: false,
      type: series.type,
      title: series.title,
      startsAt: occurrence.startsAt,
      timeZone: series.timeZone,
      durationMinutes: series.durationMinutes,
      place: series.place,
      videoLink: series.videoLink,
      organiserUserId,
      status: 'brouillon',
      minutesFrozenAt: null,
      baselineId: null,
      version: 1,
    }));
  }

  /**
   * After a series changed: its future occurrences still in preparation and not moved on their
   * own follow the new rule (moved, retitled); those the rule no longer gives are removed (or
   * cancelled when they already carry outcomes); new ones are created.
   */
  private async resynchronise(manager: EntityManager, series: MeetingSeriesEntity): Promise<void> {
    const today = this.today();
    const occurrences = this.occurrencesOf(series, today, await this.workingDays(manager, series.projectId));
    const existing = await manager.find(MeetingEntity, { where: { seriesId: series.id } });
    const byKey = new Map(existing.filter((meeting) => meeting.occurrenceKey).map((meeting) => [meeting.occurrenceKey!, meeting]));
    const wanted = new Map(occurrences.map((occurrence) => [occurrence.occurrenceKey, occurrence]));
    const now = this.clock.now();
    for (const meeting of existing) {
      const following = !meeting.detached && (meeting.status === 'brouillon' || meeting.status === 'convoquee') && meeting.startsAt > now;
      if (!following) continue;
      const occurrence = meeting.occurrenceKey ? wanted.get(meeting.occurrenceKey) : undefined;
      if (occurrence) {
        await editLoadedRow(manager, this.auditTrail, MEETING_KIND, { projectId: series.projectId, id: meeting.id }, meeting, null, (row) => {
          row.startsAt = occurrence.startsAt;
          row.type = series.type;
          row.title = series.title;
          row.timeZone = series.timeZone;
          row.durationMinutes = series.durationMinutes;
          row.place = series.place;
          row.videoLink = series.videoLink;
        });
        await this.mail?.meetingChanged(manager, series.projectId, meeting.id);
        continue;
      }
      const outcomes = (await manager.query(
        `SELECT (SELECT count(*) FROM meeting_decision WHERE meeting_id = $1) + (SELECT count(*) FROM meeting_action WHERE meeting_id = $1 OR carried_over_to_meeting_id = $1) AS n`,
        [meeting.id],
      )) as Array<{ n: string }>;
      if (Number(outcomes[0]!.n) > 0) {
        await editLoadedRow(manager, this.auditTrail, MEETING_KIND, { projectId: series.projectId, id: meeting.id }, meeting, null, (row) => {
          row.status = 'annulee';
        });
      } else {
        await deleteRow(manager, this.auditTrail, MEETING_KIND, { projectId: series.projectId, id: meeting.id, where: { id: meeting.id } }, null);
      }
      await this.mail?.meetingChanged(manager, series.projectId, meeting.id);
    }
    for (const occurrence of occurrences) {
      if (byKey.has(occurrence.occurrenceKey)) continue;
      if (occurrence.startsAt <= now) continue;
      await this.createOccurrence(manager, series, occurrence, null);
    }
  }

  // ---------------------------------------------------------------------------------- meetings

  async listMeetings(projectId: string, query: MeetingListQueryDto = {}): Promise<MeetingSummaryDto[]> {
    const conditions = ['m.project_id = $1'];
    const params: unknown[] = [projectId];
    if (query.from) {
      params.push(query.from);
      conditions.push(`m.starts_at >= ($${params.length}::date::timestamp AT TIME ZONE m.time_zone)`);
    }
    if (query.to) {
      params.push(query.to);
      conditions.push(`m.starts_at < (($${params.length}::date + 1)::timestamp AT TIME ZONE m.time_zone)`);
    }
    if (query.seriesId) {
      params.push(query.seriesId);
      conditions.push(`m.series_id = $${params.length}`);
    }
    if (query.type) {
      params.push(query.type);
      conditions.push(`m.type = $${params.length}`);
    }
    const ids = (await this.dataSource.query(`SELECT m.id FROM meeting m WHERE ${conditions.join(' AND ')} ORDER BY m.starts_at, m.id`, params)) as Array<{ id: string }>;
    return this.summaries(this.dataSource.manager, ids.map((row) => row.id));
  }

  private async summaries(manager: EntityManager, ids: string[]): Promise<MeetingSummaryDto[]> {
    if (ids.length === 0) return [];
    const rows = await manager.find(MeetingEntity, { where: { id: In(ids) } });
    const names = await this.userNames(manager, rows.map((row) => row.organiserUserId));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)!).map((row) => meetingSummary(row, row.organiserUserId ? (names.get(row.organiserUserId) ?? null) : null));
  }

  private async userNames(manager: EntityManager, ids: Array<string | null>): Promise<Map<string, string>> {
    const distinct = [...new Set(ids.filter((id): id is string => id !== null))];
    if (distinct.length === 0) return new Map();
    const rows = (await manager.query(`SELECT id, display_name AS name FROM app_user WHERE id = ANY($1::uuid[])`, [distinct])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** One meeting with its participants, agenda, decisions, actions (born or carried here) and addenda. */
  async meeting(projectId: string, meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingDto> {
    const row = await manager.findOneBy(MeetingEntity, { id: meetingId, projectId });
    if (!row) throw notFound('meeting', meetingId);
    const [names, participants, items, decisions, actions, addenda] = await Promise.all([
      this.userNames(manager, [row.organiserUserId]),
      manager.find(MeetingParticipantEntity, { where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      manager.find(MeetingAgendaItemEntity, { where: { meetingId }, order: { position: 'ASC', id: 'ASC' } }),
      queryDecisions(manager, 'd.meeting_id = $1', [meetingId]),
      queryActions(manager, 'a.project_id = $2 AND (a.meeting_id = $3 OR a.carried_over_to_meeting_id = $3)', [this.today(), projectId, meetingId]),
      manager.find(MeetingAddendumEntity, { where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    return {
      ...meetingSummary(row, row.organiserUserId ? (names.get(row.organiserUserId) ?? null) : null),
      participants: participants.map(participantDto),
      agenda: this.agendaOf(row, items),
      decisions,
      actions,
      addenda: addenda.map((addendum): AddendumDto => ({
        id: addendum.id,
        meetingId: addendum.meetingId,
        text: addendum.text,
        authorUserId: addendum.authorUserId,
        authorName: addendum.authorName,
        createdAt: addendum.createdAt.toISOString(),
      })),
    };
  }

  private agendaOf(meeting: MeetingEntity, items: MeetingAgendaItemEntity[]): AgendaDto {
    const totalMinutes = items.reduce((sum, item) => sum + item.durationMinutes, 0);
    return { items: items.map(agendaItemDto), totalMinutes, meetingMinutes: meeting.durationMinutes, overrunMinutes: totalMinutes - meeting.durationMinutes };
  }

  async agenda(projectId: string, meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<AgendaDto> {
    const meeting = await manager.findOneBy(MeetingEntity, { id: meetingId, projectId });
    if (!meeting) throw notFound('meeting', meetingId);
    return this.agendaOf(meeting, await manager.find(MeetingAgendaItemEntity, { where: { meetingId }, order: { position: 'ASC', id: 'ASC' } }));
  }

  async createMeeting(projectId: string, input: CreateMeetingDto, actor: MeetingActor): Promise<MeetingDto> {
    const timeZone = input.timeZone ?? DEFAULT_MEETING_TIME_ZONE;
    const startsAt = this.instantOf(input.localStart, timeZone);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.requireProject(manager, projectId);
      const organiser = input.organiserUserId === undefined ? actor.id : input.organiserUserId;
      if (organiser !== null && organiser !== actor.id) await this.checkMember(manager, projectId, organiser, 'organiserUserId');
      const meeting = await createRow(manager, this.auditTrail, MEETING_KIND, projectId, manager.create(MeetingEntity, {
        projectId,
        seriesId: null,
        occurrenceKey: null,
        detached: false,
        type: input.type,
        title: input.title,
        startsAt,
        timeZone,
        durationMinutes: input.durationMinutes,
        place: input.place ?? '',
        videoLink: input.videoLink ?? '',
        organiserUserId: organiser,
        status: 'brouillon',
        minutesFrozenAt: null,
        baselineId: null,
        version: 1,
      }));
      return meeting.id;
    });
    return this.meeting(projectId, id);
  }

  private instantOf(localStart: string, timeZone: string): Date {
    try {
      if (!isTimeZone(timeZone)) throw new RecurrenceError('timeZone', `timeZone ${timeZone} is not an IANA time zone`);
      return localToInstant(localStart, timeZone, 'localStart');
    } catch (error) {
      if (error instanceof RecurrenceError && error.field === 'dtstart') throw fieldError(400, 'localStart', 'localStart must be a local date-time YYYY-MM-DDTHH:mm');
      return recurrenceRefusal(error);
    }
  }

  /** Moving an occurrence detaches it from its rule; its series never changes (422 `seriesId`). */
  async updateMeeting(projectId: string, meetingId: string, input: UpdateMeetingDto): Promise<MeetingDto> {
    await this.dataSource.transaction(async (manager) => {
      const meeting = await this.lockMeeting(manager, projectId, meetingId);
      this.requireNotClosed(meeting);
      if (input.seriesId !== undefined && input.seriesId !== meeting.seriesId) {
        throw fieldError(422, 'seriesId', meeting.seriesId
          ? `The occurrence belongs to the series ${meeting.seriesId}: it cannot be moved into another series`
          : 'A meeting outside a series cannot be moved into a series', 'invalid_reference');
      }
      if (input.organiserUserId) await this.checkMember(manager, projectId, input.organiserUserId, 'organiserUserId');
      await editLoadedRow(manager, this.auditTrail, MEETING_KIND, { projectId, id: meetingId }, meeting, input.version, (row) => {
        const timeZone = input.timeZone ?? row.timeZone;
        if (input.localStart !== undefined || input.timeZone !== undefined) {
          const startsAt = this.instantOf(input.localStart ?? instantToLocal(row.startsAt, row.timeZone), timeZone);
          if (startsAt.getTime() !== row.startsAt.getTime() && row.seriesId) row.detached = true;
          row.startsAt = startsAt;
          row.timeZone = timeZone;
        }
        if (input.type !== undefined) row.type = input.type;
        if (input.title !== undefined) row.title = input.title;
        if (input.durationMinutes !== undefined) row.durationMinutes = input.durationMinutes;
        if (input.place !== undefined) row.place = input.place;
        if (input.videoLink !== undefined) row.videoLink = input.videoLink;
        if (input.organiserUserId !== undefined) row.organiserUserId = input.organiserUserId;
      });
      await this.mail?.meetingChanged(manager, projectId, meetingId);
    });
    return this.meeting(projectId, meetingId);
  }

  /** A meeting of a series is cancelled (status annulee), not deleted; held meetings are never deleted. */
  async deleteMeeting(projectId: string, meetingId: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await deleteRow(manager, this.auditTrail, MEETING_KIND, { projectId, id: meetingId, where: { id: meetingId, projectId } }, version, async (row) => {
        if (row.seriesId) throw refuse(409, 'conflict', 'An occurrence of a series is cancelled (status annulee), not deleted');
        if (row.status === 'en_cours' || row.status === 'cloturee') throw refuse(409, 'conflict', 'A meeting that was held keeps its minutes: it cannot be deleted');
        const carried = (await manager.query(`SELECT count(*)::int AS n FROM meeting_action WHERE carried_over_to_meeting_id = $1`, [meetingId])) as Array<{ n: number }>;
        if (carried[0]!.n > 0) throw refuse(409, 'conflict', 'Actions were carried over to this meeting: cancel it instead');
      });
      await this.mail?.meetingChanged(manager, projectId, meetingId);
    });
  }

  /**
   * brouillon → convoquee → en_cours → cloturee (and cancelling). Closing freezes the minutes and
   * carries the undone actions it follows over to the next meeting of its series.
   */
  async changeStatus(projectId: string, meetingId: string, input: MeetingStatusDto): Promise<MeetingDto> {
    await this.dataSource.transaction(async (manager) => {
      const meeting = await this.lockMeeting(manager, projectId, meetingId);
      if (meeting.version !== input.version) throw staleVersion('meeting', meetingId, meeting.version);
      if (meeting.status === 'cloturee') throw this.closedRefusal(meeting);
      if (!canTransition(meeting.status, input.status)) {
        throw refuse(409, 'invalid_transition', `A meeting cannot go from ${meeting.status} to ${input.status}`, {
          fields: [{ field: 'status', messages: [`${meeting.status} → ${input.status} is not allowed`] }],
        });
      }
      const now = this.clock.now();
      await editLoadedRow(manager, this.auditTrail, MEETING_KIND, { projectId, id: meetingId }, meeting, input.version, (row) => {
        row.status = input.status;
        if (input.status === 'cloturee') row.minutesFrozenAt = now;
      });
      if (input.status === 'cloturee') await this.carryOver(manager, meeting);
      await this.mail?.meetingChanged(manager, projectId, meetingId);
    });
    return this.meeting(projectId, meetingId);
  }

  /** The undone actions followed in a closing meeting go on to the next meeting of its series. */
  private async carryOver(manager: EntityManager, meeting: MeetingEntity): Promise<void> {
    if (!meeting.seriesId) return;
    const seriesMeetings = await manager.find(MeetingEntity, { where: { seriesId: meeting.seriesId } });
    const next = nextMeetingOfSeries(meeting, seriesMeetings);
    if (!next) return;
    const followed = (await manager.query(
      `SELECT id FROM meeting_action WHERE (meeting_id = $1 AND carried_over_to_meeting_id IS NULL) OR carried_over_to_meeting_id = $1 FOR UPDATE`,
      [meeting.id],
    )) as Array<{ id: string }>;
    if (followed.length === 0) return;
    const actions = await manager.find(MeetingActionEntity, { where: { id: In(followed.map((row) => row.id)) } });
    for (const action of actionsToCarry(actions)) {
      await editLoadedRow(manager, this.auditTrail, ACTION_KIND, { projectId: meeting.projectId, id: action.id }, action, null, (row) => {
        row.carriedOverToMeetingId = next.id;
      });
    }
  }

  private closedRefusal(meeting: MeetingEntity) {
    return refuse(409, 'meeting_closed', `The meeting ${meeting.id} is closed: its minutes are frozen (corrections only as addenda)`);
  }

  private requireNotClosed(meeting: MeetingEntity): void {
    if (meeting.status === 'cloturee' || meeting.minutesFrozenAt) throw this.closedRefusal(meeting);
  }

  /** The meeting, locked, accepting attendance, notes and outcomes (not closed, not cancelled). */
  private async openMeeting(manager: EntityManager, projectId: string, meetingId: string): Promise<MeetingEntity> {
    const meeting = await this.lockMeeting(manager, projectId, meetingId);
    this.requireNotClosed(meeting);
    if (!acceptsOutcomes(meeting.status)) throw refuse(409, 'conflict', `The meeting ${meetingId} is cancelled: restore it to draft first`);
    return meeting;
  }

  private async lockMeeting(manager: EntityManager, projectId: string, meetingId: string): Promise<MeetingEntity> {
    const locked = (await manager.query(`SELECT id FROM meeting WHERE id = $1 AND project_id = $2 FOR UPDATE`, [meetingId, projectId])) as unknown[];
    if (locked.length === 0) throw notFound('meeting', meetingId);
    return manager.findOneByOrFail(MeetingEntity, { id: meetingId });
  }

  // ---------------------------------------------------------------------------------- participants

  async addParticipant(projectId: string, meetingId: string, input: ParticipantDtoIn): Promise<ParticipantDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      let userId: string | null = null;
      let email: string | null = null;
      let name: string;
      if (input.userId) {
        if (input.email) throw fieldError(400, 'email', 'A participant is a member (userId) or an external person (email and name), not both');
        await this.checkMember(manager, projectId, input.userId, 'userId');
        userId = input.userId;
        name = (await this.userNames(manager, [userId])).get(userId) ?? '';
      } else {
        if (!input.email) throw fieldError(400, 'email', 'email is required for an external participant (or give the userId of a member)');
        if (!input.name) throw fieldError(400, 'name', 'name is required for an external participant');
        email = input.email.trim().toLowerCase();
        name = input.name;
      }
      const duplicate = (await manager.query(
        `SELECT 1 FROM meeting_participant WHERE meeting_id = $1 AND (user_id = $2 OR email = $3)`,
        [meetingId, userId, email],
      )) as unknown[];
      if (duplicate.length > 0) throw refuse(409, 'conflict', 'This person already takes part in the meeting', { fields: [{ field: userId ? 'userId' : 'email', messages: ['already a participant'] }] });
      const row = await createRow(manager, this.auditTrail, PARTICIPANT_KIND, projectId, manager.create(MeetingParticipantEntity, {
        projectId,
        meetingId,
        userId,
        email,
        name,
        attendance: null,
        version: 1,
      }));
      await this.mail?.meetingChanged(manager, projectId, meetingId);
      return participantDto(row);
    });
  }

  async removeParticipant(projectId: string, meetingId: string, participantId: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      await deleteRow(manager, this.auditTrail, PARTICIPANT_KIND, { projectId, id: participantId, where: { id: participantId, meetingId, projectId } }, version);
      await this.mail?.meetingChanged(manager, projectId, meetingId);
    });
  }

  async setAttendance(projectId: string, meetingId: string, participantId: string, input: AttendanceDto): Promise<ParticipantDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      const row = await editRow(manager, this.auditTrail, PARTICIPANT_KIND, { projectId, id: participantId, where: { id: participantId, meetingId, projectId } }, input.version, (row) => {
        row.attendance = input.attendance ?? null;
      });
      return participantDto(row);
    });
  }

  // ---------------------------------------------------------------------------------- agenda

  async addAgendaItem(projectId: string, meetingId: string, input: AgendaItemDtoIn, manager?: EntityManager): Promise<AgendaDto> {
    const work = async (manager: EntityManager) => {
      await this.openMeeting(manager, projectId, meetingId);
      const last = (await manager.query(`SELECT coalesce(max(position), 0)::int AS position FROM meeting_agenda_item WHERE meeting_id = $1`, [meetingId])) as Array<{ position: number }>;
      await createRow(manager, this.auditTrail, AGENDA_ITEM_KIND, projectId, manager.create(MeetingAgendaItemEntity, {
        projectId,
        meetingId,
        position: last[0]!.position + 1,
        kind: input.kind ?? 'free',
        title: input.title,
        durationMinutes: input.durationMinutes ?? 0,
        notes: '',
        carriedFromItemId: null,
        carriedFromMeetingId: null,
        version: 1,
      }));
      return this.agenda(projectId, meetingId, manager);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async updateAgendaItem(projectId: string, meetingId: string, itemId: string, input: UpdateAgendaItemDto): Promise<AgendaDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      await editRow(manager, this.auditTrail, AGENDA_ITEM_KIND, { projectId, id: itemId, where: { id: itemId, meetingId, projectId } }, input.version, (row) => {
        if (input.kind !== undefined) row.kind = input.kind;
        if (input.title !== undefined) row.title = input.title;
        if (input.durationMinutes !== undefined) row.durationMinutes = input.durationMinutes;
      });
      return this.agenda(projectId, meetingId, manager);
    });
  }

  async setAgendaNotes(projectId: string, meetingId: string, itemId: string, input: AgendaNotesDto): Promise<AgendaDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      await editRow(manager, this.auditTrail, AGENDA_ITEM_KIND, { projectId, id: itemId, where: { id: itemId, meetingId, projectId } }, input.version, (row) => {
        row.notes = input.notes;
      });
      return this.agenda(projectId, meetingId, manager);
    });
  }

  async deleteAgendaItem(projectId: string, meetingId: string, itemId: string, version: number): Promise<AgendaDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      await deleteRow(manager, this.auditTrail, AGENDA_ITEM_KIND, { projectId, id: itemId, where: { id: itemId, meetingId, projectId } }, version);
      return this.agenda(projectId, meetingId, manager);
    });
  }

  /** A new order of every item of the agenda (422 `itemIds` when it is not exactly the agenda's items). */
  async reorderAgenda(projectId: string, meetingId: string, input: AgendaOrderDto): Promise<AgendaDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      const items = await manager.find(MeetingAgendaItemEntity, { where: { meetingId } });
      const ids = new Set(items.map((item) => item.id));
      if (input.itemIds.length !== items.length || new Set(input.itemIds).size !== items.length || input.itemIds.some((id) => !ids.has(id))) {
        throw fieldError(422, 'itemIds', 'itemIds must list every item of the agenda exactly once', 'invalid_reference');
      }
      const byId = new Map(items.map((item) => [item.id, item]));
      for (const [index, id] of input.itemIds.entries()) {
        const item = byId.get(id)!;
        if (item.position === index + 1) continue;
        await editLoadedRow(manager, this.auditTrail, AGENDA_ITEM_KIND, { projectId, id }, item, null, (row) => {
          row.position = index + 1;
        });
      }
      return this.agenda(projectId, meetingId, manager);
    });
  }

  /** Moves an agenda item (without outcomes) to the next occurrence of the series, at the end of its agenda. */
  async moveAgendaItemToNext(projectId: string, meetingId: string, itemId: string, version: number): Promise<{ meetingId: string; agenda: AgendaDto }> {
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.openMeeting(manager, projectId, meetingId);
      const next = meeting.seriesId ? nextMeetingOfSeries(meeting, await manager.find(MeetingEntity, { where: { seriesId: meeting.seriesId } })) : null;
      if (!next) throw refuse(409, 'conflict', 'The meeting has no next occurrence in its series to move the item to');
      const outcomes = (await manager.query(
        `SELECT (SELECT count(*) FROM meeting_decision WHERE agenda_item_id = $1) + (SELECT count(*) FROM meeting_action WHERE agenda_item_id = $1) AS n`,
        [itemId],
      )) as Array<{ n: string }>;
      const item = await deleteRow(manager, this.auditTrail, AGENDA_ITEM_KIND, { projectId, id: itemId, where: { id: itemId, meetingId, projectId } }, version, async () => {
        if (Number(outcomes[0]!.n) > 0) throw refuse(409, 'conflict', 'This item already has decisions or actions: add a new item to the next meeting instead');
      });
      await this.openMeeting(manager, projectId, next.id);
      const last = (await manager.query(`SELECT coalesce(max(position), 0)::int AS position FROM meeting_agenda_item WHERE meeting_id = $1`, [next.id])) as Array<{ position: number }>;
      await createRow(manager, this.auditTrail, AGENDA_ITEM_KIND, projectId, manager.create(MeetingAgendaItemEntity, {
        projectId,
        meetingId: next.id,
        position: last[0]!.position + 1,
        kind: item.kind,
        title: item.title,
        durationMinutes: item.durationMinutes,
        notes: item.notes,
        carriedFromItemId: item.carriedFromItemId ?? item.id,
        carriedFromMeetingId: meetingId,
        version: 1,
      }));
      return { meetingId: next.id, agenda: await this.agenda(projectId, next.id, manager) };
    });
  }

  // ---------------------------------------------------------------------------------- decisions

  /** A decision; it may freeze a baseline of the plan and accept a risk in the same transaction. */
  async createDecision(projectId: string, meetingId: string, input: CreateDecisionDto, actor: MeetingActor): Promise<DecisionDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const meeting = await this.openMeeting(manager, projectId, meetingId);
      await this.checkAgendaItem(manager, meetingId, input.agendaItemId ?? null);
      const linkedTaskIds = await this.checkIds(manager, 'plan_task', projectId, input.linkedTaskIds ?? [], 'linkedTaskIds');
      const linkedRiskIds = await this.checkIds(manager, 'risk', projectId, input.linkedRiskIds ?? [], 'linkedRiskIds');
      let baselineId: string | null = null;
      if (input.freezeBaseline) {
        baselineId = (await this.baselines.freeze(manager, projectId, input.freezeBaseline.name, { id: actor.id, name: actor.displayName })).id;
        await editLoadedRow(manager, this.auditTrail, MEETING_KIND, { projectId, id: meetingId }, meeting, null, (row) => {
          row.baselineId = baselineId;
        });
      }
      let acceptedRiskId: string | null = null;
      if (input.acceptRisk) {
        await this.checkIds(manager, 'risk', projectId, [input.acceptRisk.riskId], 'acceptRisk.riskId');
        await this.risks.acceptRiskIn(manager, projectId, input.acceptRisk.riskId, input.acceptRisk, actor);
        acceptedRiskId = input.acceptRisk.riskId;
        if (!linkedRiskIds.includes(acceptedRiskId)) linkedRiskIds.push(acceptedRiskId);
      }
      const decision = await createRow(manager, this.auditTrail, DECISION_KIND, projectId, manager.create(MeetingDecisionEntity, {
        projectId,
        meetingId,
        agendaItemId: input.agendaItemId ?? null,
        text: input.text,
        decidedBy: input.decidedBy ?? '',
        impactScope: input.impactScope ?? false,
        impactTime: input.impactTime ?? false,
        impactBudget: input.impactBudget ?? false,
        linkedTaskIds,
        linkedRiskIds,
        baselineId,
        acceptedRiskId,
        decidedAt: this.clock.now(),
        version: 1,
      }));
      return decision.id;
    });
    return this.decision(projectId, id);
  }

  async decision(projectId: string, decisionId: string): Promise<DecisionDto> {
    const rows = await queryDecisions(this.dataSource.manager, 'd.id = $1 AND d.project_id = $2', [decisionId, projectId]);
    if (!rows[0]) throw notFound('decision', decisionId);
    return rows[0];
  }

  async updateDecision(projectId: string, decisionId: string, input: UpdateDecisionDto): Promise<DecisionDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneBy(MeetingDecisionEntity, { id: decisionId, projectId });
      if (!current) throw notFound('decision', decisionId);
      await this.openMeeting(manager, projectId, current.meetingId);
      const linkedTaskIds = input.linkedTaskIds ? await this.checkIds(manager, 'plan_task', projectId, input.linkedTaskIds, 'linkedTaskIds') : undefined;
      const linkedRiskIds = input.linkedRiskIds ? await this.checkIds(manager, 'risk', projectId, input.linkedRiskIds, 'linkedRiskIds') : undefined;
      await editLoadedRow(manager, this.auditTrail, DECISION_KIND, { projectId, id: decisionId }, current, input.version, (row) => {
        if (input.text !== undefined) row.text = input.text;
        if (input.decidedBy !== undefined) row.decidedBy = input.decidedBy;
        if (input.impactScope !== undefined) row.impactScope = input.impactScope;
        if (input.impactTime !== undefined) row.impactTime = input.impactTime;
        if (input.impactBudget !== undefined) row.impactBudget = input.impactBudget;
        if (linkedTaskIds) row.linkedTaskIds = linkedTaskIds;
        if (linkedRiskIds) row.linkedRiskIds = linkedRiskIds;
      });
    });
    return this.decision(projectId, decisionId);
  }

  async deleteDecision(projectId: string, decisionId: string, version: number): Promise<void> {
    await this.deleteOutcome(DECISION_KIND, projectId, decisionId, version);
  }

  /** Deletes a decision or an action while the minutes of its meeting are open. */
  private async deleteOutcome<E extends MeetingDecisionEntity | MeetingActionEntity>(kind: RowKind<E>, projectId: string, id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const where = { id, projectId } as FindOptionsWhere<E>;
      const current = await manager.findOneBy(kind.target, where);
      if (!current) throw notFound(kind.entity, id);
      await this.openMeeting(manager, projectId, current.meetingId);
      await deleteRow(manager, this.auditTrail, kind, { projectId, id, where }, version);
    });
  }

  // ---------------------------------------------------------------------------------- actions

  async createAction(projectId: string, meetingId: string, input: CreateActionDto): Promise<ActionDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, projectId, meetingId);
      await this.checkAgendaItem(manager, meetingId, input.agendaItemId ?? null);
      await this.checkMember(manager, projectId, input.ownerUserId, 'ownerUserId');
      const action = await createRow(manager, this.auditTrail, ACTION_KIND, projectId, manager.create(MeetingActionEntity, {
        projectId,
        meetingId,
        agendaItemId: input.agendaItemId ?? null,
        title: input.title,
        ownerUserId: input.ownerUserId,
        dueDate: input.dueDate ?? null,
        status: input.status ?? 'a_faire',
        carriedOverToMeetingId: null,
        version: 1,
      }));
      return action.id;
    });
    return this.action(projectId, id);
  }

  async action(projectId: string, actionId: string): Promise<ActionDto> {
    const rows = await queryActions(this.dataSource.manager, 'a.id = $2 AND a.project_id = $3', [this.today(), actionId, projectId]);
    if (!rows[0]) throw notFound('action', actionId);
    return rows[0];
  }

  /** Whoever records outcomes edits an action; its title stays once its meeting is closed. */
  async updateAction(projectId: string, actionId: string, input: UpdateActionDto): Promise<ActionDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneBy(MeetingActionEntity, { id: actionId, projectId });
      if (!current) throw notFound('action', actionId);
      const origin = await this.lockMeeting(manager, projectId, current.meetingId);
      if (input.title !== undefined && input.title !== current.title && origin.minutesFrozenAt) throw this.closedRefusal(origin);
      if (input.ownerUserId !== undefined) await this.checkMember(manager, projectId, input.ownerUserId, 'ownerUserId');
      await editLoadedRow(manager, this.auditTrail, ACTION_KIND, { projectId, id: actionId }, current, input.version, (row) => {
        if (input.title !== undefined) row.title = input.title;
        if (input.ownerUserId !== undefined) row.ownerUserId = input.ownerUserId;
        if (input.dueDate !== undefined) row.dueDate = input.dueDate;
        if (input.status !== undefined) row.status = input.status;
      });
    });
    return this.action(projectId, actionId);
  }

  /** Its owner (or anyone holding `action.update` on every action) moves an action's status. */
  async setActionStatus(projectId: string, actionId: string, input: ActionStatusDto): Promise<ActionDto> {
    await this.dataSource.transaction(async (manager) => {
      await editRow(manager, this.auditTrail, ACTION_KIND, { projectId, id: actionId, where: { id: actionId, projectId } }, input.version, (row) => {
        row.status = input.status;
      });
    });
    return this.action(projectId, actionId);
  }

  async deleteAction(projectId: string, actionId: string, version: number): Promise<void> {
    await this.deleteOutcome(ACTION_KIND, projectId, actionId, version);
  }

  // ---------------------------------------------------------------------------------- addenda

  /** Corrections of closed minutes: dated, signed, immutable. */
  async addAddendum(projectId: string, meetingId: string, input: AddendumDtoIn, actor: MeetingActor): Promise<AddendumDto> {
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.lockMeeting(manager, projectId, meetingId);
      if (meeting.status !== 'cloturee') throw refuse(409, 'conflict', 'Addenda correct closed minutes: edit the minutes of an open meeting directly');
      const inserted = await manager.save(MeetingAddendumEntity, manager.create(MeetingAddendumEntity, {
        projectId,
        meetingId,
        text: input.text,
        authorUserId: actor.id,
        authorName: actor.displayName,
      }));
      const row = await manager.findOneByOrFail(MeetingAddendumEntity, { id: inserted.id });
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'meeting_addendum',
        entityId: row.id,
        action: 'create',
        after: { meetingId, text: row.text },
        label: meeting.title,
      });
      return { id: row.id, meetingId, text: row.text, authorUserId: row.authorUserId, authorName: row.authorName, createdAt: row.createdAt.toISOString() };
    });
  }

  // ---------------------------------------------------------------------------------- checks

  private async requireProject(manager: EntityManager, projectId: string): Promise<void> {
    const rows = (await manager.query(`SELECT 1 FROM project WHERE id = $1`, [projectId])) as unknown[];
    if (rows.length === 0) throw notFound('project', projectId);
  }

  async checkMember(manager: EntityManager, projectId: string, userId: string, field: string): Promise<void> {
    const rows = (await manager.query(`SELECT 1 FROM project_member WHERE project_id = $1 AND user_id = $2`, [projectId, userId])) as unknown[];
    if (rows.length === 0) throw fieldError(422, field, `${field} ${userId} is not a member of this project`, 'invalid_reference');
  }

  private async checkAgendaItem(manager: EntityManager, meetingId: string, itemId: string | null): Promise<void> {
    if (itemId === null) return;
    const rows = (await manager.query(`SELECT 1 FROM meeting_agenda_item WHERE id = $1 AND meeting_id = $2`, [itemId, meetingId])) as unknown[];
    if (rows.length === 0) throw fieldError(422, 'agendaItemId', `agendaItemId ${itemId} is not an item of this meeting's agenda`, 'invalid_reference');
  }

  private async checkIds(manager: EntityManager, table: 'plan_task' | 'risk', projectId: string, ids: string[], field: string): Promise<string[]> {
    const distinct = [...new Set(ids)];
    if (distinct.length === 0) return [];
    const rows = (await manager.query(`SELECT id FROM ${table} WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, distinct])) as Array<{ id: string }>;
    const found = new Set(rows.map((row) => row.id));
    const missing = distinct.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw fieldError(422, field, `${field}: ${missing.join(', ')} ${table === 'risk' ? 'not risks' : 'not tasks'} of this project`, 'invalid_reference');
    }
    return distinct;
  }
}
