import { Injectable } from '@nestjs/common';

// Built once: constructing an Intl formatter costs far more than formatting with it.
const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** The calendar date ('YYYY-MM-DD') of an instant in France, where the projects run. */
export function calendarDateInParis(instant: Date): string {
  return PARIS_DATE.format(instant);
}

/**
 * The one source of "now" and "today" for the API. Services ask it instead of `new Date()`, so a
 * test moves time by setting the clock (`app.get(Clock).set('2027-06-01T08:00:00Z')`) rather
 * than by spying on a service.
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  /** The current instant (a fresh Date each call). */
  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** Today in Europe/Paris as a calendar date, 'YYYY-MM-DD' (never through a UTC midnight). */
  today(): string {
    return calendarDateInParis(this.now());
  }

  /** Tests: stop the clock at `instant` (an ISO instant, or a calendar date meaning noon in Paris); null lets it run again. */
  set(instant: Date | string | null): void {
    if (instant === null) {
      this.fixed = null;
      return;
    }
    const date =
      typeof instant === 'string'
        ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(instant) ? `${instant}T10:00:00Z` : instant)
        : new Date(instant.getTime());
    if (Number.isNaN(date.getTime())) throw new Error(`Clock.set: not a date: ${String(instant)}`);
    this.fixed = date;
  }
}
