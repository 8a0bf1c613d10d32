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

/** How a calendar date is written on screen (see `formatCalendarDate`). */
export type CalendarDateStyle =
  /** 30/03/27 */
  | 'compact'
  /** 30/03/2027 */
  | 'short'
  /** 30/03 */
  | 'day-month'
  /** mar. 30 mars 2027 · Tue 30 Mar 2027 */
  | 'weekday-short'
  /** 30 mars 2027 · 30 March 2027 */
  | 'long'
  /** mardi 30 mars 2027 · Tuesday 30 March 2027 */
  | 'weekday-long'
  /** mars 2027 · March 2027 */
  | 'month-year';

/** The interface's two languages; anything else is written as English. */
export type CalendarDateLanguage = 'fr' | 'en' | (string & {});

const WORDED_OPTIONS: Record<'weekday-short' | 'long' | 'weekday-long' | 'month-year', Intl.DateTimeFormatOptions> = {
  'weekday-short': { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  'weekday-long': { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  'month-year': { month: 'long', year: 'numeric' },
};

const wordedFormats = new Map<string, Intl.DateTimeFormat>();

function wordedFormat(language: CalendarDateLanguage, style: keyof typeof WORDED_OPTIONS): Intl.DateTimeFormat {
  // English is British English: day before month, as in the French interface and the exports.
  const locale = language.startsWith('fr') ? 'fr-FR' : 'en-GB';
  const key = `${locale}|${style}`;
  let format = wordedFormats.get(key);
  if (format === undefined) {
    // The instant handed to the formatter is midnight UTC of the date, read in UTC: no zone of
    // the machine running this can move it to another day.
    format = new Intl.DateTimeFormat(locale, { ...WORDED_OPTIONS[style], timeZone: 'UTC' });
    wordedFormats.set(key, format);
  }
  return format;
}

/**
 * Writes a calendar date ('YYYY-MM-DD', or an epoch day) for people, without any time-zone
 * conversion: 2027-03-30 is « mardi 30 mars 2027 » in Paris, New York and Tokyo alike.
 * Returns '' for a missing date and the text itself for anything that is not a calendar date,
 * so a bad value stays visible instead of turning into another day.
 */
export function formatCalendarDate(
  date: string | number | null | undefined,
  language: CalendarDateLanguage = 'fr',
  style: CalendarDateStyle = 'short',
): string {
  if (date === null || date === undefined || date === '') return '';
  const epochDay = typeof date === 'number' ? date : parseIsoDate(date);
  if (epochDay === undefined || !Number.isInteger(epochDay)) return String(date);
  const { year, month, day } = civilFromDays(epochDay);
  switch (style) {
    case 'compact':
      return `${pad2(day)}/${pad2(month)}/${pad2(year % 100)}`;
    case 'short':
      return `${pad2(day)}/${pad2(month)}/${String(year).padStart(4, '0')}`;
    case 'day-month':
      return `${pad2(day)}/${pad2(month)}`;
    default:
      return wordedFormat(language, style).format(new Date(epochDay * 86_400_000));
  }
}

/** Today's calendar date where the user is ('YYYY-MM-DD' of the local wall clock). */
export function localToday(now: Date = new Date()): string {
  return formatIsoDate(daysFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate()));
}
