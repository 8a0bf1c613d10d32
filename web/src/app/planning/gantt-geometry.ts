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
