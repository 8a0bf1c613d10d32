import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MailLanguage } from '@jalon/domain';
import { Clock } from '../clock/clock';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { expandSeries } from '@jalon/meetings';
import { notFound, refuse } from '../common/api-errors';
import { buildInvitation, meetingUid, seriesUid, type CalendarAttendee, type CalendarEventState, type SeriesRecurrence } from './invitation-ics';
import { formatDay, formatWhen, mailWords } from './mail-i18n';
import { MailOutbox } from './mail-outbox';
import { headerSafe, renderHtml, renderText, type MailBlock, type MailContent } from './mail-text';
import { MailPreferences } from './mail-preferences';

/**
 * The hook the meetings service calls, inside its transaction, after any change to a meeting or
 * its participants. Injected optionally (token {@link MEETING_MAIL}) so meetings work without mail.
 */
export interface MeetingMailHook {
  meetingChanged(manager: EntityManager, projectId: string, meetingId: string): Promise<void>;
}
export const MEETING_MAIL = Symbol('MEETING_MAIL');

interface MeetingRow {
  id: string;
  project_id: string;
  project_name: string;
  series_id: string | null;
  type: string;
  title: string;
  starts_at: Date;
  time_zone: string;
  duration_minutes: number;
  place: string;
  video_link: string;
  status: string;
  organiser_user_id: string | null;
  organiser_name: string | null;
  organiser_email: string | null;
}

interface CalendarStateRow {
  uid: string;
  sequence: number;
  cancelled: boolean;
  event: CalendarEventState;
  attendees: CalendarAttendee[];
}

/** Statuses in which the participants hold the meeting in their calendars. */
const INVITED = new Set(['convoquee', 'en_cours']);

const fingerprint = (event: CalendarEventState) => JSON.stringify([event.title, event.start, event.end, event.timeZone, event.place, event.videoLink]);

/**
 * Invitations, updates, cancellations and minutes of meetings. Compares the meeting as it now is
 * with what was last sent for its UID (mail_calendar_event) and writes to the outbox, in the
 * caller's transaction, exactly what the difference calls for:
 * - convened: METHOD:REQUEST, SEQUENCE 0, to every participant;
 * - time, length, title or place changed: REQUEST with SEQUENCE + 1 and the same UID, to everyone;
 * - a participant added: REQUEST to them; removed: METHOD:CANCEL (SEQUENCE + 1) to them;
 * - cancelled (or deleted) after being convened: CANCEL with SEQUENCE + 1 to everyone invited;
 * - closed: the minutes with decisions and actions (once: dedupe key).
 */
@Injectable()
export class MeetingMail implements MeetingMailHook {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly preferences: MailPreferences,
    private readonly clock: Clock,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
  ) {}

  meetingLink(projectId: string, meetingId: string): string {
    return `${this.environment.publicUrl}/projects/${projectId}/meetings/${meetingId}`;
  }

  async meetingChanged(manager: EntityManager, projectId: string, meetingId: string): Promise<void> {
    const uid = meetingUid(meetingId, this.outbox.host);
    const states = (await manager.query(`SELECT uid, sequence, cancelled, event, attendees FROM mail_calendar_event WHERE uid = $1 FOR UPDATE`, [uid])) as CalendarStateRow[];
    const state = states[0] ?? null;
    const meeting = await this.loadMeeting(manager, projectId, meetingId);
    if (meeting?.status === 'cloturee') {
      await this.sendMinutes(manager, meeting);
      return;
    }
    const invited = meeting !== null && INVITED.has(meeting.status);
    if (!invited) {
      if (state && !state.cancelled) {
        const sequence = state.sequence + 1;
        await this.sendCalendar(manager, projectId, uid, 'CANCEL', sequence, state.event, state.attendees, state.attendees, false);
        await this.saveState(manager, { ...state, sequence, cancelled: true }, projectId, meetingId, meeting?.series_id ?? null);
      }
      return;
    }
    const event = await this.eventOf(manager, meeting);
    const attendees = await this.attendeesOf(manager, meeting.id);
    if (!state || state.cancelled) {
      const sequence = state ? state.sequence + 1 : 0;
      await this.sendCalendar(manager, projectId, uid, 'REQUEST', sequence, event, attendees, attendees, Boolean(state));
      await this.saveState(manager, { uid, sequence, cancelled: false, event, attendees }, projectId, meetingId, meeting.series_id);
      return;
    }
    const key = (attendee: CalendarAttendee) => attendee.email.toLowerCase();
    const before = new Set(state.attendees.map(key));
    const now = new Set(attendees.map(key));
    const added = attendees.filter((attendee) => !before.has(key(attendee)));
    const removed = state.attendees.filter((attendee) => !now.has(key(attendee)));
    const changed = fingerprint(event) !== fingerprint(state.event);
    if (!changed && added.length === 0 && removed.length === 0) return;
    const sequence = changed || removed.length > 0 ? state.sequence + 1 : state.sequence;
    if (removed.length > 0) await this.sendCalendar(manager, projectId, uid, 'CANCEL', sequence, state.event, removed, removed, false);
    if (changed) await this.sendCalendar(manager, projectId, uid, 'REQUEST', sequence, event, attendees, attendees, true);
    else if (added.length > 0) await this.sendCalendar(manager, projectId, uid, 'REQUEST', sequence, event, attendees, added, false);
    await this.saveState(manager, { uid, sequence, cancelled: false, event, attendees }, projectId, meetingId, meeting.series_id);
  }

  private async loadMeeting(manager: EntityManager, projectId: string, meetingId: string): Promise<MeetingRow | null> {
    const rows = (await manager.query(
      `SELECT m.id, m.project_id, p.name AS project_name, m.series_id, m.type, m.title, m.starts_at, m.time_zone, m.duration_minutes,
              m.place, m.video_link, m.status, m.organiser_user_id, u.display_name AS organiser_name, u.email AS organiser_email
         FROM meeting m JOIN project p ON p.id = m.project_id LEFT JOIN app_user u ON u.id = m.organiser_user_id
        WHERE m.id = $1 AND m.project_id = $2`,
      [meetingId, projectId],
    )) as MeetingRow[];
    return rows[0] ?? null;
  }

  private async eventOf(manager: EntityManager, meeting: MeetingRow): Promise<CalendarEventState> {
    const start = new Date(meeting.starts_at);
    const sender = /<([^>]+)>/.exec(this.environment.mailFrom)?.[1] ?? this.environment.mailFrom;
    return {
      title: headerSafe(`${meeting.title}`),
      start: start.toISOString(),
      end: new Date(start.getTime() + meeting.duration_minutes * 60_000).toISOString(),
      timeZone: meeting.time_zone,
      place: meeting.place,
      videoLink: meeting.video_link,
      url: this.meetingLink(meeting.project_id, meeting.id),
      description: `${meeting.project_name} — ${this.meetingLink(meeting.project_id, meeting.id)}`,
      organiser: meeting.organiser_email
        ? { name: meeting.organiser_name ?? meeting.organiser_email, email: meeting.organiser_email }
        : { name: 'Jalon', email: sender },
    };
  }

  private async attendeesOf(manager: EntityManager, meetingId: string): Promise<CalendarAttendee[]> {
    const rows = (await manager.query(
      `SELECT mp.user_id AS "userId", coalesce(u.email, mp.email) AS email, coalesce(u.display_name, mp.name) AS name
         FROM meeting_participant mp LEFT JOIN app_user u ON u.id = mp.user_id
        WHERE mp.meeting_id = $1 AND (mp.user_id IS NULL OR u.is_active) ORDER BY mp.created_at, mp.id`,
      [meetingId],
    )) as CalendarAttendee[];
    return rows.filter((row) => row.email).map((row) => ({ ...row, name: headerSafe(row.name) }));
  }

  private async saveState(manager: EntityManager, state: CalendarStateRow, projectId: string, meetingId: string, seriesId: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO mail_calendar_event (uid, project_id, meeting_id, series_id, sequence, cancelled, event, attendees, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (uid) DO UPDATE SET sequence = EXCLUDED.sequence, cancelled = EXCLUDED.cancelled, event = EXCLUDED.event, attendees = EXCLUDED.attendees, updated_at = EXCLUDED.updated_at`,
      [state.uid, projectId, meetingId, seriesId, state.sequence, state.cancelled, JSON.stringify(state.event), JSON.stringify(state.attendees), this.clock.now()],
    );
  }

  private facts(event: CalendarEventState, language: MailLanguage, attendees: CalendarAttendee[]): MailBlock {
    const words = mailWords(language);
    const minutes = Math.round((new Date(event.end).getTime() - new Date(event.start).getTime()) / 60_000);
    const rows: Array<[string, string]> = [
      [words.when, formatWhen(new Date(event.start), event.timeZone, language)],
      [words.duration, words.minutes(minutes)],
    ];
    if (event.place) rows.push([words.place, event.place]);
    if (event.videoLink) rows.push([words.video, event.videoLink]);
    rows.push([words.organiser, event.organiser.name]);
    rows.push([words.participants, attendees.map((attendee) => attendee.name || attendee.email).join(', ')]);
    return { kind: 'facts', rows };
  }

  /** One mail per recipient (each in their language), all carrying the same calendar data. */
  private async sendCalendar(
    manager: EntityManager,
    projectId: string,
    uid: string,
    method: 'REQUEST' | 'CANCEL',
    sequence: number,
    event: CalendarEventState,
    attendees: CalendarAttendee[],
    recipients: CalendarAttendee[],
    update: boolean,
    recurrence?: SeriesRecurrence,
  ): Promise<void> {
    const ics = buildInvitation({ uid, method, sequence, event, attendees: method === 'CANCEL' ? recipients : attendees, stamp: this.clock.now(), ...(recurrence ? { recurrence } : {}) });
    const languages = await this.preferences.languages(manager, recipients.map((recipient) => recipient.userId));
    const projectName = (event.description.split(' — ')[0] ?? '').trim();
    for (const recipient of recipients) {
      const language = (recipient.userId && languages.get(recipient.userId)) || 'fr';
      const words = mailWords(language);
      const subject = method === 'CANCEL' ? words.cancellation(event.title) : update ? words.invitationUpdate(event.title) : words.invitation(event.title);
      const content: MailContent = {
        subject,
        projectName,
        blocks: [
          { kind: 'heading', text: event.title },
          { kind: 'paragraph', text: method === 'CANCEL' ? words.cancellationBody : update ? words.invitationUpdateBody : words.invitationBody },
          this.facts(event, language, attendees),
          { kind: 'link', label: words.open, url: event.url },
        ],
        footer: words.footer,
      };
      await this.outbox.enqueue(manager, {
        projectId,
        kind: method === 'CANCEL' ? 'cancellation' : 'invitation',
        recipient: { userId: recipient.userId, email: recipient.email, name: recipient.name },
        subject,
        text: renderText(content),
        html: renderHtml(content, language),
        ics: { method, content: ics },
        dedupeKey: `ics:${uid}:${sequence}:${method}:${recipient.email.toLowerCase()}`,
      });
    }
  }

  /**
   * A series sent as one recurring event (UID `series-<id>@host`): the rule as RRULE from its first
   * occurrence, an EXDATE for each occurrence of the rule up to the horizon that does not take place
   * (skipped for a day off, cancelled), and each moved occurrence as a RECURRENCE-ID override. Sent
   * to the participants of the next occurrence; SEQUENCE raised on each sending.
   */
  async inviteSeries(manager: EntityManager, projectId: string, seriesId: string): Promise<{ recipients: number; sequence: number }> {
    const series = (await manager.query(
      `SELECT id, rrule, dtstart, time_zone, duration_minutes, horizon::text AS horizon FROM meeting_series WHERE id = $1 AND project_id = $2`,
      [seriesId, projectId],
    )) as Array<{ id: string; rrule: string; dtstart: string; time_zone: string; duration_minutes: number; horizon: string }>;
    const rule = series[0];
    if (!rule) throw notFound('meeting_series', seriesId);
    const meetings = (await manager.query(
      `SELECT id, occurrence_key::text AS occurrence_key, starts_at, status, duration_minutes FROM meeting WHERE series_id = $1 ORDER BY starts_at`,
      [seriesId],
    )) as Array<{ id: string; occurrence_key: string | null; starts_at: Date; status: string; duration_minutes: number }>;
    const now = this.clock.now();
    const next = meetings.find((meeting) => meeting.status !== 'annulee' && meeting.status !== 'cloturee' && new Date(meeting.starts_at) > now);
    if (!next) throw refuse(409, 'conflict', `The series ${seriesId} has no upcoming occurrence to invite to`);
    const nextRow = (await this.loadMeeting(manager, projectId, next.id))!;
    const attendees = await this.attendeesOf(manager, next.id);
    if (attendees.length === 0) throw refuse(422, 'validation_failed', 'The next occurrence has no participant to invite', { fields: [{ field: 'participants', messages: ['no participant'] }] });
    const raw = expandSeries(
      { rrule: rule.rrule, dtstart: rule.dtstart, timeZone: rule.time_zone, nonWorkingPolicy: 'skip' },
      { from: rule.dtstart.slice(0, 10), until: rule.horizon, isWorkingDay: () => true, limit: 1000 },
    );
    const byKey = new Map(meetings.filter((meeting) => meeting.occurrence_key).map((meeting) => [meeting.occurrence_key!, meeting]));
    const duration = rule.duration_minutes * 60_000;
    const recurrence: SeriesRecurrence = { rrule: rule.rrule, exdates: [], overrides: [] };
    for (const occurrence of raw) {
      const meeting = byKey.get(occurrence.occurrenceKey);
      if (!meeting || meeting.status === 'annulee') {
        recurrence.exdates.push(occurrence.startsAt.toISOString());
      } else if (new Date(meeting.starts_at).getTime() !== occurrence.startsAt.getTime() || meeting.duration_minutes !== rule.duration_minutes) {
        const start = new Date(meeting.starts_at);
        recurrence.overrides.push({ recurrenceId: occurrence.startsAt.toISOString(), start: start.toISOString(), end: new Date(start.getTime() + meeting.duration_minutes * 60_000).toISOString() });
      }
    }
    const first = raw[0]?.startsAt ?? new Date(nextRow.starts_at);
    const event: CalendarEventState = { ...(await this.eventOf(manager, nextRow)), start: first.toISOString(), end: new Date(first.getTime() + duration).toISOString() };
    const uid = seriesUid(seriesId, this.outbox.host);
    const states = (await manager.query(`SELECT sequence FROM mail_calendar_event WHERE uid = $1 FOR UPDATE`, [uid])) as Array<{ sequence: number }>;
    const sequence = states[0] ? states[0].sequence + 1 : 0;
    await this.sendCalendar(manager, projectId, uid, 'REQUEST', sequence, event, attendees, attendees, Boolean(states[0]), recurrence);
    await this.saveState(manager, { uid, sequence, cancelled: false, event, attendees }, projectId, next.id, seriesId);
    return { recipients: attendees.length, sequence };
  }

  /** The minutes of a closed meeting, to its participants who want them (externals always). */
  private async sendMinutes(manager: EntityManager, meeting: MeetingRow): Promise<void> {
    const attendees = await this.attendeesOf(manager, meeting.id);
    if (attendees.length === 0) return;
    const decisions = (await manager.query(`SELECT text FROM meeting_decision WHERE meeting_id = $1 ORDER BY decided_at, id`, [meeting.id])) as Array<{ text: string }>;
    const actions = (await manager.query(
      `SELECT a.title, to_char(a.due_date, 'YYYY-MM-DD') AS due, u.display_name AS owner FROM meeting_action a LEFT JOIN app_user u ON u.id = a.owner_user_id
        WHERE a.meeting_id = $1 OR a.carried_over_to_meeting_id = $1 ORDER BY a.due_date NULLS LAST, a.title`,
      [meeting.id],
    )) as Array<{ title: string; due: string | null; owner: string | null }>;
    const event = await this.eventOf(manager, meeting);
    const wanted = await this.preferences.wanting(manager, 'minutes', attendees.map((attendee) => attendee.userId));
    for (const attendee of attendees) {
      if (attendee.userId && !wanted.has(attendee.userId)) continue;
      const language = (attendee.userId && wanted.get(attendee.userId)) || 'fr';
      const words = mailWords(language);
      const subject = words.minutesSubject(meeting.title);
      const content: MailContent = {
        subject,
        projectName: meeting.project_name,
        blocks: [
          { kind: 'heading', text: meeting.title },
          { kind: 'paragraph', text: words.minutesBody },
          this.facts(event, language, attendees),
          { kind: 'heading', text: words.decisions },
          decisions.length > 0 ? { kind: 'list', items: decisions.map((decision) => decision.text) } : { kind: 'paragraph', text: words.none },
          { kind: 'heading', text: words.actions },
          actions.length > 0
            ? { kind: 'list', items: actions.map((action) => [action.title, action.owner, action.due ? words.due(formatDay(action.due, language)) : null].filter(Boolean).join(' — ')) }
            : { kind: 'paragraph', text: words.none },
          { kind: 'link', label: words.open, url: event.url },
        ],
        footer: words.footer,
      };
      await this.outbox.enqueue(manager, {
        projectId: meeting.project_id,
        kind: 'minutes',
        recipient: attendee,
        subject,
        text: renderText(content),
        html: renderHtml(content, language),
        dedupeKey: `minutes:${meeting.id}:${attendee.email.toLowerCase()}`,
      });
    }
  }
}
