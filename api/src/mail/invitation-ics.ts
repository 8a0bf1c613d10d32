import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { headerSafe } from './mail-text';
import { vtimezone } from './vtimezone';

/** What an invitation says about one event (a meeting, or a series' master event). */
export interface CalendarEventState {
  title: string;
  /** ISO instants. */
  start: string;
  end: string;
  timeZone: string;
  place: string;
  videoLink: string;
  url: string;
  description: string;
  organiser: { name: string; email: string };
}

export interface CalendarAttendee {
  email: string;
  name: string;
  userId: string | null;
}

/** A series sent as one recurring event: RRULE, EXDATEs, and moved occurrences as RECURRENCE-ID overrides. */
export interface SeriesRecurrence {
  rrule: string;
  /** ISO instants of the rule's occurrences that do not take place. */
  exdates: string[];
  /** Moved occurrences: the rule's original instant and the event as it now is. */
  overrides: Array<{ recurrenceId: string; start: string; end: string }>;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: Date, timeZone: string) {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    partsFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']), hour: Number(parts['hour']), minute: Number(parts['minute']), second: Number(parts['second']) };
}

/**
 * An instant as ical-generator's Temporal.ZonedDateTime-like input, so it writes the local wall
 * time of the zone with `TZID=` (a plain Date would be written in the server's own zone).
 */
function zoned(iso: string, timeZone: string) {
  const instant = new Date(iso);
  const make = (zone: string): Record<string, unknown> => {
    const wall = wallClock(instant, zone);
    const plain = {
      ...wall,
      toZonedDateTime: () => make(zone),
      toPlainDate: () => ({ year: wall.year, month: wall.month, day: wall.day }),
    };
    return {
      ...wall,
      timeZoneId: zone,
      epochMilliseconds: instant.getTime(),
      toInstant: () => ({ epochMilliseconds: instant.getTime() }),
      withTimeZone: (other: string) => make(other),
      toPlainDateTime: () => plain,
      toString: () => instant.toISOString(),
      valueOf: () => instant.getTime(),
    };
  };
  return make(timeZone) as unknown as Date;
}

/** The iCalendar UID of a meeting, stable for its whole life (moves, updates, cancellation). */
export const meetingUid = (meetingId: string, host: string): string => `meeting-${meetingId}@${host}`;
export const seriesUid = (seriesId: string, host: string): string => `series-${seriesId}@${host}`;

export interface InvitationInput {
  uid: string;
  method: 'REQUEST' | 'CANCEL';
  sequence: number;
  event: CalendarEventState;
  attendees: CalendarAttendee[];
  recurrence?: SeriesRecurrence;
  /** DTSTAMP (tests fix it). */
  stamp: Date;
}

/**
 * The calendar part of an invitation or a cancellation: METHOD in the body (and the MIME part's
 * `method=` parameter is set by the sender from the same value), ORGANIZER, one ATTENDEE per
 * person, the stable UID, SEQUENCE, VTIMEZONE and local times with TZID.
 */
export function buildInvitation(input: InvitationInput): string {
  const timeZone = vtimezone(input.event.timeZone) ? input.event.timeZone : null;
  const calendar = ical({
    prodId: { company: 'Jalon', product: 'Comitologie', language: 'FR' },
    method: input.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    ...(timeZone ? { timezone: { name: timeZone, generator: (zone: string) => vtimezone(zone) } } : {}),
  });
  const at = (iso: string) => (timeZone ? zoned(iso, timeZone) : new Date(iso));
  const location = [input.event.place, input.event.videoLink].map((part) => headerSafe(part)).filter(Boolean).join(' — ');
  const base: Omit<ICalEventData, 'start'> = {
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp,
    summary: headerSafe(input.event.title),
    description: input.event.description,
    ...(location ? { location } : {}),
    url: input.event.url,
    organizer: { name: headerSafe(input.event.organiser.name) || input.event.organiser.email, email: input.event.organiser.email },
    attendees: input.attendees.map((attendee) => ({
      email: attendee.email,
      name: headerSafe(attendee.name) || attendee.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: input.method === 'REQUEST',
    })),
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(timeZone ? { timezone: timeZone } : {}),
  };
  const recurrence = input.recurrence;
  calendar.createEvent({
    ...base,
    start: at(input.event.start),
    end: at(input.event.end),
    ...(recurrence ? { repeating: { ...parseRrule(recurrence.rrule), ...(recurrence.exdates.length > 0 ? { exclude: recurrence.exdates.map(at) } : {}) } as never } : {}),
  });
  for (const override of recurrence?.overrides ?? []) {
    calendar.createEvent({ ...base, start: at(override.start), end: at(override.end), recurrenceId: at(override.recurrenceId) });
  }
  return calendar.toString();
}

/** An RRULE as ical-generator's repeating options (FREQ, INTERVAL, COUNT, BYDAY, BYMONTH, BYMONTHDAY, BYSETPOS, WKST). */
function parseRrule(rule: string): Record<string, unknown> {
  const parts = Object.fromEntries(
    rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .filter(Boolean)
      .map((part) => part.split('=') as [string, string])
      .map(([key, value]) => [key.toUpperCase(), value]),
  );
  const list = (value: string | undefined) => (value ? value.split(',') : undefined);
  const numbers = (value: string | undefined) => list(value)?.map(Number);
  const options: Record<string, unknown> = { freq: parts['FREQ'] };
  if (parts['INTERVAL']) options['interval'] = Number(parts['INTERVAL']);
  if (parts['COUNT']) options['count'] = Number(parts['COUNT']);
  if (parts['UNTIL']) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(parts['UNTIL']);
    if (m) options['until'] = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 23), +(m[5] ?? 59), +(m[6] ?? 59)));
  }
  // "1TU" (first Tuesday) is BYDAY=TU with BYSETPOS=1 for ical-generator, which takes plain days.
  const byDay = list(parts['BYDAY']);
  if (byDay) {
    const ordinal = byDay.map((day) => /^([+-]?\d+)?([A-Z]{2})$/i.exec(day)).filter((m): m is RegExpExecArray => m !== null);
    options['byDay'] = ordinal.map((m) => m[2]!.toUpperCase());
    const positions = [...new Set(ordinal.map((m) => m[1]).filter((n): n is string => n !== undefined).map(Number))];
    if (positions.length > 0 && !parts['BYSETPOS']) options['bySetPos'] = positions;
  }
  if (parts['BYMONTH']) options['byMonth'] = numbers(parts['BYMONTH']);
  if (parts['BYMONTHDAY']) options['byMonthDay'] = numbers(parts['BYMONTHDAY']);
  if (parts['BYSETPOS']) options['bySetPos'] = numbers(parts['BYSETPOS']);
  if (parts['WKST']) options['startOfWeek'] = parts['WKST'];
  return options;
}
