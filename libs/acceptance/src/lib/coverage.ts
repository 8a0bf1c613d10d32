import type { CoverageState, ExecutionResult } from '@jalon/domain';
import { isFailedResult } from './execution';

/**
 * A requirement's coverage from the latest results of the cases that check it (in one campaign,
 * or across campaigns): no case → non couverte; the worst of the results otherwise, from worst to
 * best: a case failed or blocked → KO; a case not run to its end (never run, in progress) → non
 * exécutée; every case passed → OK. `null` stands for a case that was never run.
 */
export function coverageOf(latestResults: ReadonlyArray<ExecutionResult | null>): CoverageState {
  if (latestResults.length === 0) return 'non_couverte';
  if (latestResults.some((result) => isFailedResult(result))) return 'ko';
  if (latestResults.every((result) => result === 'reussi')) return 'ok';
  return 'non_executee';
}

/** Each coverage state with how many requirements are in it (every state present, 0 if none). */
export function coverageCounts(states: readonly CoverageState[]): Record<CoverageState, number> {
  const counts: Record<CoverageState, number> = { non_couverte: 0, non_executee: 0, ok: 0, ko: 0 };
  for (const state of states) counts[state] += 1;
  return counts;
}

/**
 * The share of run cases that passed, in percent rounded to one decimal (null when nothing ran to
 * its end: no rate rather than 0 %). Cases never run or in progress do not count.
 */
export function passRate(latestResults: ReadonlyArray<ExecutionResult | null>): number | null {
  let finished = 0;
  let passed = 0;
  for (const result of latestResults) {
    if (result === 'reussi') passed += 1;
    if (result === 'reussi' || isFailedResult(result)) finished += 1;
  }
  return finished === 0 ? null : Math.round((passed / finished) * 1000) / 10;
}

/** One day of a campaign's progress: how many cases should have been run by then, and how many were. */
export interface ProgressDay {
  /** 'YYYY-MM-DD' */
  date: string;
  /** Planned: linear over the campaign's period, reaching every case on its last day. */
  planned: number;
  /** Run: cases whose first finished execution in the campaign was on or before that day (null after today). */
  run: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (date: string): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
};
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The most days a progress curve draws (a campaign longer than this is drawn on its first days). */
export const MAX_PROGRESS_DAYS = 731;

/**
 * A campaign's progress by day, from its first to its last day: planned grows linearly from
 * total / days on the first day to `total` on the last one; run is the running count of cases
 * first finished on each day (`firstRunByDay`: 'YYYY-MM-DD' → count; cases first run before the
 * period count on its first day, after it on its last), shown up to `today` only.
 */
export function progressByDay(
  period: { startDate: string; endDate: string },
  total: number,
  firstRunByDay: ReadonlyMap<string, number>,
  today: string,
): ProgressDay[] {
  const first = dayNumber(period.startDate);
  const last = Math.min(dayNumber(period.endDate), first + MAX_PROGRESS_DAYS - 1);
  if (last < first) return [];
  const days = last - first + 1;
  const todayNumber = dayNumber(today);
  let before = 0;
  let after = 0;
  const byDay = new Map<number, number>();
  for (const [date, count] of firstRunByDay) {
    const day = dayNumber(date);
    if (day < first) before += count;
    else if (day > last) after += count;
    else byDay.set(day, (byDay.get(day) ?? 0) + count);
  }
  const progress: ProgressDay[] = [];
  let run = before;
  for (let index = 0; index < days; index += 1) {
    const day = first + index;
    run += byDay.get(day) ?? 0;
    if (day === last) run += after;
    progress.push({
      date: dateOf(day),
      planned: Math.round((total * (index + 1)) / days),
      run: day <= todayNumber ? run : null,
    });
  }
  return progress;
}
