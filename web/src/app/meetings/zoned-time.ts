import { Pipe, type PipeTransform } from '@angular/core';

/** The time zone meetings are held in unless a meeting says otherwise. */
export const DEFAULT_MEETING_TIME_ZONE = 'Europe/Paris';

export type ZonedStyle = 'date-time' | 'weekday-date-time' | 'time' | 'date';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, timeZone: string, style: ZonedStyle): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    const locale = language === 'en' ? 'en-GB' : 'fr-FR';
    const options: Intl.DateTimeFormatOptions =
      style === 'time'
        ? { timeZone, hour: '2-digit', minute: '2-digit' }
        : style === 'date'
          ? { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }
          : style === 'weekday-date-time'
            ? { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }
            : { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** An instant (ISO text with its offset) written as the wall-clock time of `timeZone` (Europe/Paris by default). */
export function formatZoned(instant: string | null | undefined, language = 'fr', style: ZonedStyle = 'date-time', timeZone = DEFAULT_MEETING_TIME_ZONE): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return formatter(language, timeZone, style).format(date);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClockOf(epochMs: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** 'YYYY-MM-DDTHH:mm' of the instant in `timeZone` (what a datetime-local input holds). */
export function toLocalInput(instant: string | null | undefined, timeZone = DEFAULT_MEETING_TIME_ZONE): string {
  if (!instant) return '';
  const epoch = new Date(instant).getTime();
  if (Number.isNaN(epoch)) return '';
  const wall = wallClockOf(epoch, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * The instant (ISO, UTC) at which the clocks of `timeZone` show `local` ('YYYY-MM-DDTHH:mm'); a
 * time skipped by the spring change is read as the hour after it. Null when `local` is not a date-time.
 */
export function fromLocalInput(local: string, timeZone = DEFAULT_MEETING_TIME_ZONE): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes: the offset at the guess, then at the corrected instant (they differ across a change).
  let guess = asUtc;
  for (let pass = 0; pass < 2; pass += 1) {
    const wall = wallClockOf(guess, timeZone);
    const offset = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - guess;
    guess = asUtc - offset;
  }
  return new Date(guess).toISOString();
}

/**
 * Writes an instant in the meeting's time zone (Europe/Paris by default), whatever the browser's zone:
 *   {{ meeting.startsAt | zoned: language.current() }}                 → 02/02/2027 10:00
 *   {{ meeting.startsAt | zoned: language.current() : 'time' }}        → 10:00
 */
@Pipe({ name: 'zoned' })
export class ZonedPipe implements PipeTransform {
  transform(instant: string | null | undefined, language = 'fr', style: ZonedStyle = 'date-time', timeZone?: string | null): string {
    return formatZoned(instant, language, style, timeZone || DEFAULT_MEETING_TIME_ZONE);
  }
}
