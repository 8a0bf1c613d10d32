/**
 * Where frappe-gantt puts a date on its x axis, computed as it does (src/date_utils.js `diff`)
 * so that what the page adds (ghost bars, go-live) lines up with its bars in every view.
 */
export type GanttUnit = 'day' | 'month' | string;

export function parseLocalDate(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}

export function formatLocalDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function unitsBetween(date: Date, start: Date, unit: GanttUnit): number {
  if (unit === 'month') {
    let months = (date.getFullYear() - start.getFullYear()) * 12 + date.getMonth() - start.getMonth() + date.getDate() / 31;
    if (date.getDate() < start.getDate()) months--;
    return Math.round(months * 100) / 100;
  }
  const ms = date.getTime() - start.getTime() + (start.getTimezoneOffset() - date.getTimezoneOffset()) * 60_000;
  return Math.round((ms / 86_400_000) * 100) / 100;
}

export interface GanttScale {
  start: Date;
  unit: GanttUnit;
  step: number;
  columnWidth: number;
}

/** x of the beginning of `date`. */
export function xOf(scale: GanttScale, date: string): number {
  return (unitsBetween(parseLocalDate(date), scale.start, scale.unit) / scale.step) * scale.columnWidth;
}

/** Width of `days` calendar days. */
export function widthOfDays(scale: GanttScale, days: number): number {
  const units = scale.unit === 'month' ? days / 30 : days;
  return (units / scale.step) * scale.columnWidth;
}

export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `date` plus `days` calendar days, on calendar dates (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday on or before `date`: French weeks run Monday to Sunday. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addCalendarDays(date, -((weekday + 6) % 7));
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): number {
  const thursday = addCalendarDays(mondayOf(date), 3);
  const januaryFirst = Date.parse(`${thursday.slice(0, 4)}-01-01T00:00:00Z`);
  return Math.floor((Date.parse(`${thursday}T00:00:00Z`) - januaryFirst) / (7 * 86_400_000)) + 1;
}

/** 23/12 — a calendar date as the table writes it, without its year. */
export function dayMonth(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** 23/12/2026 */
export function dayMonthYear(date: string): string {
  return `${dayMonth(date)}/${date.slice(0, 4)}`;
}
