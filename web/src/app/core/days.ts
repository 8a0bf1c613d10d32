import { localToday, parseIsoDate } from '@jalon/planning';

/** Calendar days from `today` (the local wall-clock date) to `date` ('YYYY-MM-DD'), negative when past. */
export function calendarDaysUntil(date: string, today: Date = new Date()): number {
  const target = parseIsoDate(date);
  const start = parseIsoDate(localToday(today));
  if (target === undefined || start === undefined) return Number.NaN;
  return target - start;
}
