/** Calendar days from `today` to `date` (both 'YYYY-MM-DD' or a Date), negative when past. */
export function calendarDaysUntil(date: string, today: Date = new Date()): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - start) / 86_400_000);
}
