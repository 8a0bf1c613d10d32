import type { KpiDirection, KpiStatus } from '@jalon/domain';

export interface KpiTarget {
  target: number;
  direction: KpiDirection;
  /** How far on the wrong side of the target a value is still amber (in the KPI's unit, ≥ 0). */
  tolerance: number;
}

/**
 * Green when the value meets the target (≥ for "higher is better", ≤ for "lower is better"),
 * amber when it misses it by at most the tolerance, red beyond.
 */
export function kpiStatus(value: number | null | undefined, kpi: KpiTarget): KpiStatus {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'none';
  const shortfall = kpi.direction === 'higher' ? kpi.target - value : value - kpi.target;
  if (shortfall <= 0) return 'green';
  return shortfall <= Math.max(0, kpi.tolerance) + 1e-9 ? 'amber' : 'red';
}

/** The Monday of the week of a date ('YYYY-MM-DD'). */
export function weekStartOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const isoWeekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  return new Date(day.getTime() - (isoWeekday - 1) * 86_400_000).toISOString().slice(0, 10);
}

export function isWeekStart(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) &&
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date && weekStartOf(date) === date;
}

const nextWeek = (week: string): string => new Date(Date.parse(`${week}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);

export interface KpiSeries extends KpiTarget {
  /** Weekly values by the Monday of their week. */
  values: ReadonlyArray<{ weekStart: string; value: number }>;
}

/** Consecutive green weeks of one KPI ending with its latest value (a week without value breaks it). */
export function greenStreak(kpi: KpiSeries): number {
  const byWeek = new Map(kpi.values.map((entry) => [entry.weekStart, entry.value]));
  const weeks = [...byWeek.keys()].sort();
  let streak = 0;
  let expected: string | null = null;
  for (let index = weeks.length - 1; index >= 0; index -= 1) {
    const week = weeks[index]!;
    if (expected !== null && week !== expected) break;
    if (kpiStatus(byWeek.get(week), kpi) !== 'green') break;
    streak += 1;
    expected = new Date(Date.parse(`${week}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  }
  return streak;
}

export interface IncubationState {
  /** Consecutive all-green weeks ending with the latest week that has a value. */
  currentStreak: number;
  ended: boolean;
  /** The Monday of the week that first completed `requiredWeeks` all-green weeks in a row. */
  endedWeek: string | null;
}

/**
 * The incubation ends when every KPI has been green for `requiredWeeks` consecutive weeks
 * ("jusqu'à ce que tous vos indicateurs soient au vert"). A week counts when every KPI has a green
 * value that week; a week where one KPI has no value or is not green breaks the run. Without any
 * KPI the incubation never ends. Once ended it stays ended.
 */
export function incubationState(kpis: readonly KpiSeries[], requiredWeeks: number): IncubationState {
  if (kpis.length === 0) return { currentStreak: 0, ended: false, endedWeek: null };
  const maps = kpis.map((kpi) => new Map(kpi.values.map((entry) => [entry.weekStart, entry.value])));
  const allWeeks = [...new Set(kpis.flatMap((kpi) => kpi.values.map((entry) => entry.weekStart)))].sort();
  if (allWeeks.length === 0) return { currentStreak: 0, ended: false, endedWeek: null };
  let streak = 0;
  let endedWeek: string | null = null;
  const last = allWeeks[allWeeks.length - 1]!;
  for (let week = allWeeks[0]!; week <= last; week = nextWeek(week)) {
    const allGreen = kpis.every((kpi, index) => kpiStatus(maps[index]!.get(week), kpi) === 'green');
    streak = allGreen ? streak + 1 : 0;
    if (endedWeek === null && streak >= Math.max(1, requiredWeeks)) endedWeek = week;
  }
  return { currentStreak: streak, ended: endedWeek !== null, endedWeek };
}
