/**
 * Calendar dates as whole days since 1970-01-01 ("epoch days"), proleptic Gregorian, UTC.
 *
 * Integer arithmetic instead of `Date`: the engine converts thousands of dates per run, and a
 * `Date` would drag time zones and daylight-saving jumps into what is a pure day count.
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The first and last days a 'YYYY-MM-DD' string can name. */
export const FIRST_ISO_DAY = daysFromCivil(1, 1, 1);
export const LAST_ISO_DAY = daysFromCivil(9999, 12, 31);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The epoch day of a strict 'YYYY-MM-DD' calendar date, or `undefined` for anything else
 * (other shapes, 2027-02-30, year 0000, non-strings), because a lenient parse would silently
 * schedule against a date nobody meant.
 */
export function parseIsoDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return daysFromCivil(year, month, day);
}

export function isIsoDate(text: unknown): text is string {
  return parseIsoDate(text) !== undefined;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

export function formatIsoDate(epochDay: number): string {
  const { year, month, day } = civilFromDays(epochDay);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
