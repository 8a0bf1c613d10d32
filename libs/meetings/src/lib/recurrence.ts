import { RRule } from 'rrule';
import type { NonWorkingPolicy } from '@jalon/domain';

/**
 * Series expansion. The RFC 5545 rule is read and expanded by `rrule` (the reference JavaScript
 * implementation of RFC 5545) over "floating" local date-times: each occurrence is a wall-clock
 * time in the series' zone (10:00 stays 10:00 across a daylight-saving change), converted to an
 * instant afterwards with the zone's own offset for that day (Intl's time-zone data).
 */

/** A rule that is not RFC 5545 (or not one Jalon expands); `field` names the input at fault. */
export class RecurrenceError extends Error {
  constructor(
    readonly field: 'rrule' | 'dtstart' | 'timeZone',
    message: string,
  ) {
    super(message);
    this.name = 'RecurrenceError';
  }
}

export interface SeriesRule {
  /** `FREQ=MONTHLY;BYDAY=1TU`, with or without the `RRULE:` prefix. */
  rrule: string;
  /** Local 'YYYY-MM-DDTHH:mm' of the first occurrence. */
  dtstart: string;
  timeZone: string;
  nonWorkingPolicy: NonWorkingPolicy;
}

export interface Occurrence {
  /** The local date the rule gives ('YYYY-MM-DD'): the occurrence's identity, kept when it moves. */
  occurrenceKey: string;
  /** Local 'YYYY-MM-DDTHH:mm' after the non-working-day policy. */
  localStart: string;
  /** The instant. */
  startsAt: Date;
}

/** Tells working days ('YYYY-MM-DD') from days off. */
export type WorkingDayTest = (date: string) => boolean;

/** Monday to Friday, minus the given holidays. */
export function weekdaysExcept(holidays: Iterable<string>): WorkingDayTest {
  const off = new Set(holidays);
  return (date) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !off.has(date);
  };
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST', 'BYWEEKNO', 'BYYEARDAY']);
const FREQUENCIES = new Set(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY']);
const BYDAY_VALUE = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const INTEGER_LIST = /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/;
const UNTIL_VALUE = /^\d{8}(T\d{6}Z?)?$/;
/** RFC 5545's bounds of the integer parts (BYMONTH 1…12, the others ±1…n). */
const RANGES: Record<string, number> = { BYMONTHDAY: 31, BYMONTH: 12, BYSETPOS: 366, BYWEEKNO: 53, BYYEARDAY: 366 };
const inRange = (value: number, bound: number) => value !== 0 && Math.abs(value) <= bound;

/** Reads a local 'YYYY-MM-DDTHH:mm' into its parts, or null when it is not one. */
export function parseLocalDateTime(value: string): { year: number; month: number; day: number; hour: number; minute: number } | null {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock time of an instant in a zone, as milliseconds of a "floating" UTC date. */
function wallClockOf(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
}

/**
 * The instant of a wall-clock time in a zone. A time that does not exist (skipped by a spring
 * change, 02:30 in Paris on the last Sunday of March) is taken one hour later; an ambiguous one
 * (autumn) is its first occurrence.
 */
export function zonedToInstant(localMillis: number, zone: string): Date {
  const day = 86_400_000;
  const offsets = [...new Set([wallClockOf(localMillis - day, zone) - (localMillis - day), wallClockOf(localMillis + day, zone) - (localMillis + day)])];
  const valid = offsets.map((offset) => localMillis - offset).filter((instant) => wallClockOf(instant, zone) === localMillis);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a spring gap: the offset before the change, which lands one hour later on the clock.
  return new Date(localMillis - Math.min(...offsets));
}

/** 'YYYY-MM-DDTHH:mm' of an instant in a zone. */
export function instantToLocal(instant: Date, zone: string): string {
  return new Date(wallClockOf(instant.getTime(), zone)).toISOString().slice(0, 16);
}

/** 'YYYY-MM-DDTHH:mm' in a zone → the instant (throws RecurrenceError on bad input). */
export function localToInstant(local: string, zone: string, field: 'dtstart' | 'localStart' = 'dtstart'): Date {
  const parts = parseLocalDateTime(local);
  if (!parts) throw new RecurrenceError(field === 'localStart' ? 'dtstart' : field, `${field} must be a local date-time YYYY-MM-DDTHH:mm`);
  if (!isTimeZone(zone)) throw new RecurrenceError('timeZone', `timeZone ${zone} is not an IANA time zone`);
  return zonedToInstant(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute), zone);
}

/**
 * Checks an RRULE and returns it in its canonical form (no `RRULE:` prefix, upper case). Only
 * the RRULE value is accepted: DTSTART and the zone are the series' own fields.
 */
export function normaliseRrule(text: string): string {
  if (typeof text !== 'string' || text.trim() === '') throw new RecurrenceError('rrule', 'rrule is required');
  let body = text.trim();
  if (/^RRULE:/i.test(body)) body = body.slice(6);
  if (/[\r\n]/.test(body) || /^DTSTART/i.test(body)) throw new RecurrenceError('rrule', 'rrule must be one RRULE value, without DTSTART');
  body = body.toUpperCase();
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const [name, value, extra] = part.split('=');
    if (!name || value === undefined || value === '' || extra !== undefined) throw new RecurrenceError('rrule', `rrule part "${part}" is not NAME=VALUE`);
    if (!ALLOWED_PARTS.has(name)) throw new RecurrenceError('rrule', `rrule part ${name} is not supported`);
    if (seen.has(name)) throw new RecurrenceError('rrule', `rrule part ${name} appears twice`);
    seen.add(name);
    const bad = () => new RecurrenceError('rrule', `rrule ${name}=${value} is not valid`);
    switch (name) {
      case 'FREQ':
        if (!FREQUENCIES.has(value)) throw bad();
        break;
      case 'INTERVAL':
      case 'COUNT':
        if (!/^\d{1,4}$/.test(value) || Number(value) < 1) throw bad();
        break;
      case 'UNTIL':
        if (!UNTIL_VALUE.test(value)) throw bad();
        break;
      case 'BYDAY':
        if (!value.split(',').every((day) => {
          const match = BYDAY_VALUE.exec(day);
          return match !== null && (match[1] === undefined || inRange(Number(match[1]), 53));
        })) throw bad();
        break;
      case 'WKST':
        if (!/^(MO|TU|WE|TH|FR|SA|SU)$/.test(value)) throw bad();
        break;
      case 'BYMONTH':
        if (!INTEGER_LIST.test(value) || !value.split(',').every((entry) => Number(entry) >= 1 && Number(entry) <= 12)) throw bad();
        break;
      default:
        if (!INTEGER_LIST.test(value) || !value.split(',').every((entry) => inRange(Number(entry), RANGES[name]!))) throw bad();
    }
  }
  if (!seen.has('FREQ')) throw new RecurrenceError('rrule', 'rrule needs a FREQ');
  if (seen.has('COUNT') && seen.has('UNTIL')) throw new RecurrenceError('rrule', 'rrule cannot have both COUNT and UNTIL');
  try {
    RRule.fromString(`RRULE:${body}`);
  } catch (error) {
    throw new RecurrenceError('rrule', `rrule is not valid: ${(error as Error).message}`);
  }
  return body;
}

const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface ExpandOptions {
  /** First local date to return ('YYYY-MM-DD', inclusive). */
  from: string;
  /** Last local date to return ('YYYY-MM-DD', inclusive). */
  until: string;
  isWorkingDay: WorkingDayTest;
  /** At most this many occurrences (default 500). */
  limit?: number;
}

/**
 * The occurrences of a series whose rule date falls in [from, until], after the non-working-day
 * policy: `skip` drops an occurrence on a day off, `next_working_day` moves it to the next
 * working day at the same local time (two occurrences landing on one day are kept once).
 */
export function expandSeries(rule: SeriesRule, options: ExpandOptions): Occurrence[] {
  const rrule = normaliseRrule(rule.rrule);
  const start = parseLocalDateTime(rule.dtstart);
  if (!start) throw new RecurrenceError('dtstart', 'dtstart must be a local date-time YYYY-MM-DDTHH:mm');
  if (!isTimeZone(rule.timeZone)) throw new RecurrenceError('timeZone', `timeZone ${rule.timeZone} is not an IANA time zone`);
  const options_ = RRule.parseString(rrule);
  const floatingStart = new Date(Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute));
  const expander = new RRule({ ...options_, dtstart: floatingStart, tzid: null });
  const from = new Date(`${options.from}T00:00:00Z`);
  const until = new Date(`${options.until}T23:59:59Z`);
  const limit = options.limit ?? 500;
  const time = rule.dtstart.slice(11, 16);
  const occurrences: Occurrence[] = [];
  const taken = new Set<string>();
  expander.between(from, until, true, (date) => {
    const key = date.toISOString().slice(0, 10);
    let day = key;
    if (!options.isWorkingDay(day)) {
      if (rule.nonWorkingPolicy === 'skip') return true;
      for (let guard = 0; guard < 60 && !options.isWorkingDay(day); guard += 1) day = dayAfter(day);
    }
    if (taken.has(day)) return true;
    taken.add(day);
    const localStart = `${day}T${time}`;
    occurrences.push({ occurrenceKey: key, localStart, startsAt: localToInstant(localStart, rule.timeZone) });
    return occurrences.length < limit;
  });
  return occurrences;
}
