import { daysFromCivil, formatIsoDate } from './dates';

/** Easter Sunday as an epoch day, by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSundayDay(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

export function easterSunday(year: number): string {
  return formatIsoDate(easterSundayDay(year));
}

/**
 * The French public holidays of `year` as epoch days, in calendar order, without duplicates:
 * Ascension sometimes falls on 1 May (2008, 2160), and a day off counts once.
 */
export function frenchPublicHolidayDays(year: number): number[] {
  const easter = easterSundayDay(year);
  const days = [
    daysFromCivil(year, 1, 1),
    easter + 1, // Easter Monday
    daysFromCivil(year, 5, 1),
    daysFromCivil(year, 5, 8),
    easter + 39, // Ascension Thursday
    easter + 50, // Whit Monday
    daysFromCivil(year, 7, 14),
    daysFromCivil(year, 8, 15),
    daysFromCivil(year, 11, 1),
    daysFromCivil(year, 11, 11),
    daysFromCivil(year, 12, 25),
  ];
  return [...new Set(days)].sort((x, y) => x - y);
}

/** The French public holidays of `year` as 'YYYY-MM-DD', in calendar order. */
export function frenchPublicHolidays(year: number): string[] {
  return frenchPublicHolidayDays(year).map(formatIsoDate);
}
