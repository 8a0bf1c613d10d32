import {
  civilFromDays,
  daysFromCivil,
  FIRST_ISO_DAY,
  formatIsoDate,
  isoWeekday,
  LAST_ISO_DAY,
  parseIsoDate,
} from './dates';
import { frenchPublicHolidayDays } from './french-holidays';
import type { PlanCalendar, PlanErrorCode, PlanIssue } from './types';

/** A validated calendar, ready to tell working days from days off. */
export interface CalendarRules {
  /** Indexed by ISO weekday (1 … 7); index 0 is unused. */
  readonly workingWeekdays: readonly boolean[];
  readonly workingWeekdayCount: number;
  readonly frenchHolidays: boolean;
  readonly extraHolidays: ReadonlySet<number>;
}

const DEFAULT_WORKING_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/**
 * Validates a calendar and reads it into rules. The rules are only meaningful when `issues`
 * is empty.
 */
export function readCalendar(calendar: PlanCalendar | null | undefined): {
  rules: CalendarRules;
  issues: PlanIssue<PlanErrorCode>[];
} {
  const issues: PlanIssue<PlanErrorCode>[] = [];
  const invalid = (message: string): void => {
    issues.push({ code: 'invalid_calendar', message, taskIds: [] });
  };
  const source: PlanCalendar =
    calendar !== null && typeof calendar === 'object' ? calendar : {};
  if (calendar !== null && calendar !== undefined && typeof calendar !== 'object') {
    invalid('calendar must be an object');
  }

  const working: boolean[] = [false, false, false, false, false, false, false, false];
  const weekdays = source.workingWeekdays ?? DEFAULT_WORKING_WEEKDAYS;
  if (!Array.isArray(weekdays)) {
    invalid('calendar.workingWeekdays must be an array of ISO weekdays (1 = Monday … 7 = Sunday)');
  } else {
    for (const weekday of weekdays as readonly unknown[]) {
      if (typeof weekday === 'number' && Number.isInteger(weekday) && weekday >= 1 && weekday <= 7) {
        working[weekday] = true;
      } else {
        invalid(
          `calendar.workingWeekdays contains ${JSON.stringify(weekday)}, not an ISO weekday (1 = Monday … 7 = Sunday)`,
        );
      }
    }
  }
  const workingWeekdayCount = working.filter(Boolean).length;
  if (workingWeekdayCount === 0 && Array.isArray(weekdays) && weekdays.length === 0) {
    invalid('calendar.workingWeekdays is empty: a calendar needs at least one working weekday');
  }

  const publicHolidays = source.publicHolidays ?? 'fr';
  if (publicHolidays !== 'fr' && publicHolidays !== 'none') {
    invalid(`calendar.publicHolidays must be 'fr' or 'none', got ${JSON.stringify(publicHolidays)}`);
  }

  const extraHolidays = new Set<number>();
  const extra = source.extraHolidays ?? [];
  if (!Array.isArray(extra)) {
    invalid("calendar.extraHolidays must be an array of 'YYYY-MM-DD' dates");
  } else {
    for (const date of extra as readonly unknown[]) {
      const day = parseIsoDate(date);
      if (day === undefined) {
        issues.push({
          code: 'invalid_date',
          message: `calendar.extraHolidays contains ${JSON.stringify(date)}, not a 'YYYY-MM-DD' date`,
          taskIds: [],
        });
      } else {
        extraHolidays.add(day);
      }
    }
  }

  return {
    rules: {
      workingWeekdays: working,
      workingWeekdayCount,
      frenchHolidays: publicHolidays === 'fr',
      extraHolidays,
    },
    issues,
  };
}

// A little beyond what 'YYYY-MM-DD' can name, so that "the next working day after
// 9999-12-31" is still computable and can be reported as out of range rather than crash.
const LOWEST_DAY = FIRST_ISO_DAY - 400;
const HIGHEST_DAY = LAST_ISO_DAY + 400;

/**
 * The working days of a calendar, numbered in order: index 0 is the first working day on or
 * after `origin`, earlier working days have negative indices. The numbering is built over a
 * range of days that grows on demand, so plans far from the origin (years of history, long
 * negative lags) work, while the common case builds only a few years.
 */
export class WorkingDayIndex {
  private firstDay = 0;
  /** Exclusive. */
  private endDay = 0;
  /** `countBefore[i]` = working days in [firstDay, firstDay + i); length = span + 1. */
  private countBefore = new Int32Array(1);
  /** The working days of the range, in order. */
  private days = new Int32Array(0);
  /** Position in `days` of working index 0. */
  private originPosition = 0;

  constructor(
    private readonly rules: CalendarRules,
    private readonly origin: number,
    fromDay: number = origin - 366,
    toDay: number = origin + 366,
  ) {
    this.build(
      Math.max(LOWEST_DAY, Math.min(fromDay, origin)),
      Math.min(HIGHEST_DAY, Math.max(toDay, origin + 1)),
    );
  }

  isWorkingDay(day: number): boolean {
    if (!this.rules.workingWeekdays[isoWeekday(day)]) return false;
    if (this.rules.extraHolidays.has(day)) return false;
    return !(this.rules.frenchHolidays && frenchPublicHolidayDays(civilFromDays(day).year).includes(day));
  }

  /** Index of the first working day on or after `day`. */
  indexOnOrAfter(day: number): number {
    if (!this.ensureDays(day, day)) throw new RangeError(`Day ${day} is out of range`);
    return (this.countBefore[day - this.firstDay] as number) - this.originPosition;
  }

  /** Index of the last working day on or before `day`. */
  indexOnOrBefore(day: number): number {
    return this.indexOnOrAfter(day + 1) - 1;
  }

  /** The epoch day of working day `index`; call `ensureIndices` first in hot loops. */
  dayAt(index: number): number {
    if (!this.ensureIndices(index, index)) {
      throw new RangeError(`Working day ${index} is out of range`);
    }
    return this.days[index + this.originPosition] as number;
  }

  /** Makes sure working days `low … high` are numbered; false when the calendar cannot reach them. */
  ensureIndices(low: number, high: number): boolean {
    for (;;) {
      const missingBefore = -(low + this.originPosition);
      const missingAfter = high + this.originPosition - (this.days.length - 1);
      if (missingBefore <= 0 && missingAfter <= 0) return true;
      const from =
        missingBefore > 0 ? this.firstDay - this.calendarDaysFor(missingBefore) : this.firstDay;
      const to = missingAfter > 0 ? this.endDay + this.calendarDaysFor(missingAfter) : this.endDay;
      if (!this.grow(from, to)) return false;
    }
  }

  /** Makes sure `countBefore` can be read for every day of `low … high`. */
  private ensureDays(low: number, high: number): boolean {
    if (low >= this.firstDay && high <= this.endDay) return true;
    this.grow(Math.min(low, this.firstDay), Math.max(high + 1, this.endDay));
    return low >= this.firstDay && high <= this.endDay;
  }

  /** A generous guess of the calendar days holding `workingDays` working days. */
  private calendarDaysFor(workingDays: number): number {
    return Math.ceil((workingDays * 7) / this.rules.workingWeekdayCount) + 31;
  }

  /** Rebuilds over a range at least twice as wide, so repeated growth costs linear time. */
  private grow(wantedFrom: number, wantedTo: number): boolean {
    const span = this.endDay - this.firstDay;
    let from = this.firstDay;
    let to = this.endDay;
    if (wantedFrom < from) from = Math.min(wantedFrom, from - span);
    if (wantedTo > to) to = Math.max(wantedTo, to + span);
    from = Math.max(LOWEST_DAY, from);
    to = Math.min(HIGHEST_DAY, to);
    if (from === this.firstDay && to === this.endDay) return false;
    this.build(from, to);
    return true;
  }

  private build(from: number, to: number): void {
    const span = to - from;
    const off = new Uint8Array(span);
    const { workingWeekdays, frenchHolidays, extraHolidays } = this.rules;
    let weekday = isoWeekday(from);
    for (let i = 0; i < span; i++) {
      if (!workingWeekdays[weekday]) off[i] = 1;
      weekday = weekday === 7 ? 1 : weekday + 1;
    }
    if (frenchHolidays) {
      const lastYear = civilFromDays(to - 1).year;
      for (let year = civilFromDays(from).year; year <= lastYear; year++) {
        for (const day of frenchPublicHolidayDays(year)) {
          if (day >= from && day < to) off[day - from] = 1;
        }
      }
    }
    for (const day of extraHolidays) {
      if (day >= from && day < to) off[day - from] = 1;
    }

    const countBefore = new Int32Array(span + 1);
    let count = 0;
    for (let i = 0; i < span; i++) {
      countBefore[i] = count;
      if (off[i] === 0) count++;
    }
    countBefore[span] = count;
    const days = new Int32Array(count);
    for (let i = 0, k = 0; i < span; i++) {
      if (off[i] === 0) days[k++] = from + i;
    }

    this.firstDay = from;
    this.endDay = to;
    this.countBefore = countBefore;
    this.days = days;
    this.originPosition = countBefore[this.origin - from] as number;
  }
}

function requireDate(date: string, name: string): number {
  const day = parseIsoDate(date);
  if (day === undefined) {
    throw new RangeError(`${name} must be a 'YYYY-MM-DD' date, got ${JSON.stringify(date)}`);
  }
  return day;
}

/**
 * Working-day arithmetic on 'YYYY-MM-DD' dates with the same calendar the engine uses, for the
 * API and the web (slippage against a baseline, date pickers, Gantt shading).
 * Unlike `schedulePlan`, it throws a RangeError on an invalid calendar or date: it serves code
 * that has already validated its input.
 */
export class WorkingCalendar {
  private readonly index: WorkingDayIndex;

  constructor(calendar?: PlanCalendar | null) {
    const { rules, issues } = readCalendar(calendar);
    if (issues.length > 0) {
      throw new RangeError(issues.map((issue) => issue.message).join('; '));
    }
    // Any origin works: the numbering grows towards whatever dates are asked for.
    this.index = new WorkingDayIndex(rules, daysFromCivil(2025, 1, 1));
  }

  isWorkingDay(date: string): boolean {
    return this.index.isWorkingDay(requireDate(date, 'date'));
  }

  /** `date` itself when it is a working day, otherwise the next working day. */
  nextWorkingDay(date: string): string {
    return formatIsoDate(this.index.dayAt(this.index.indexOnOrAfter(requireDate(date, 'date'))));
  }

  /** `date` itself when it is a working day, otherwise the previous working day. */
  previousWorkingDay(date: string): string {
    return formatIsoDate(this.index.dayAt(this.index.indexOnOrBefore(requireDate(date, 'date'))));
  }

  /**
   * The `days`-th working day after `date` (before it when `days` is negative): from a
   * Friday, +1 is the next Monday and −1 the Thursday. From a day off, +1 is the next working
   * day and −1 the previous one; 0 rolls a day off forward to the next working day.
   */
  addWorkingDays(date: string, days: number): string {
    if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
    const day = requireDate(date, 'date');
    let target: number;
    if (days === 0 || this.index.isWorkingDay(day)) {
      target = this.index.indexOnOrAfter(day) + days;
    } else if (days > 0) {
      target = this.index.indexOnOrAfter(day) + days - 1;
    } else {
      target = this.index.indexOnOrBefore(day) + days + 1;
    }
    return formatIsoDate(this.index.dayAt(target));
  }

  subtractWorkingDays(date: string, days: number): string {
    return this.addWorkingDays(date, -days);
  }

  /**
   * Signed working days from `from` to `to`: the working days in [from, to) when `from` is
   * earlier, minus those in [to, from) otherwise. Slippage is
   * `workingDaysBetween(baselineDate, currentDate)`: positive when the plan is late.
   */
  workingDaysBetween(from: string, to: string): number {
    return (
      this.index.indexOnOrAfter(requireDate(to, 'to')) -
      this.index.indexOnOrAfter(requireDate(from, 'from'))
    );
  }
}
