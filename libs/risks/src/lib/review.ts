import { type RiskBand, type RuleViolation, RISK_BANDS } from './scoring';

/**
 * Review intervals and the trend between two reviews. Dates are 'YYYY-MM-DD' calendar days,
 * computed as day counts in UTC: never through a time zone.
 */

export interface ReviewInterval {
  /** Whole weeks or whole months; exactly one is set. */
  weeks?: number;
  months?: number;
}

export type ReviewIntervals = Record<RiskBand, ReviewInterval>;

/** Critique every 2 weeks, élevé monthly, moyen every 2 months, faible quarterly. */
export const DEFAULT_REVIEW_INTERVALS: ReviewIntervals = {
  critical: { weeks: 2 },
  high: { months: 1 },
  medium: { months: 2 },
  low: { months: 3 },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parts(date: string): [number, number, number] {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Adds calendar months, keeping the day or falling back to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return format(targetYear, targetMonth, Math.min(day, lastDay));
}

/** The date a risk of this band, last reviewed (or created) on `from`, must be reviewed again. */
export function nextReviewDate(from: string, band: RiskBand, intervals: ReviewIntervals = DEFAULT_REVIEW_INTERVALS): string {
  const interval = intervals[band];
  return interval.weeks !== undefined ? addDays(from, interval.weeks * 7) : addMonths(from, interval.months ?? 0);
}

/** "À revoir": the next review date has passed (a review due today is not yet overdue). */
export function isReviewOverdue(nextReview: string, today: string): boolean {
  return nextReview < today;
}

/** Checks per-band intervals given by a user: each band one whole number of weeks (1–52) or months (1–12). */
export function validateReviewIntervals(input: unknown, field = 'reviewIntervals'): RuleViolation[] {
  if (typeof input !== 'object' || input === null) return [{ field, message: `${field} must give an interval for each band` }];
  const violations: RuleViolation[] = [];
  for (const band of RISK_BANDS) {
    const value = (input as Record<string, unknown>)[band] as Record<string, unknown> | undefined;
    const at = `${field}.${band}`;
    const weeks = value?.['weeks'];
    const months = value?.['months'];
    const validWeeks = typeof weeks === 'number' && Number.isInteger(weeks) && weeks >= 1 && weeks <= 52;
    const validMonths = typeof months === 'number' && Number.isInteger(months) && months >= 1 && months <= 12;
    if ((weeks !== undefined) === (months !== undefined) || (weeks !== undefined && !validWeeks) || (months !== undefined && !validMonths)) {
      violations.push({ field: at, message: `${at} must be either { weeks: 1–52 } or { months: 1–12 }` });
    }
  }
  return violations;
}

// ------------------------------------------------------------------------------------ trend

/** What a review keeps of one risk (and what is compared with the risks as they are now). */
export interface RiskState {
  riskId: string;
  probability: number;
  impact: number;
  score: number;
  status: string;
}

export type RiskTrend = 'up' | 'down' | 'same' | 'new' | 'closed';

export interface RiskMovement {
  riskId: string;
  trend: RiskTrend;
  /** Probability or impact changed (the score may be the same: 2 × 3 became 3 × 2). */
  reRated: boolean;
  previous: RiskState | null;
  current: RiskState | null;
}

const CLOSED_STATUSES = new Set(['closed']);

function isOpen(state: RiskState | null | undefined): state is RiskState {
  return state !== null && state !== undefined && !CLOSED_STATUSES.has(state.status);
}

/**
 * The movement of each risk from one review (`previous`) to the next (or to now): ↑ its score
 * rose, ↓ it fell, = unchanged; `new` if it was not open then and is open now, `closed` if it was
 * open then and is closed (or gone) now. Risks closed on both sides are left out.
 */
export function compareReviews(previous: readonly RiskState[], current: readonly RiskState[]): RiskMovement[] {
  const before = new Map(previous.map((state) => [state.riskId, state]));
  const after = new Map(current.map((state) => [state.riskId, state]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const movements: RiskMovement[] = [];
  for (const riskId of ids) {
    const old = before.get(riskId) ?? null;
    const now = after.get(riskId) ?? null;
    const wasOpen = isOpen(old);
    const isOpenNow = isOpen(now);
    if (!wasOpen && !isOpenNow) continue;
    let trend: RiskTrend;
    if (!wasOpen) trend = 'new';
    else if (!isOpenNow) trend = 'closed';
    else trend = now.score > old.score ? 'up' : now.score < old.score ? 'down' : 'same';
    const reRated = wasOpen && isOpenNow && (now.probability !== old.probability || now.impact !== old.impact);
    movements.push({ riskId, trend, reRated, previous: old, current: now });
  }
  return movements;
}

/** The movements grouped as the review page lists them. */
export function summariseMovements(movements: readonly RiskMovement[]): { newRisks: string[]; closedRisks: string[]; reRatedRisks: string[] } {
  return {
    newRisks: movements.filter((m) => m.trend === 'new').map((m) => m.riskId),
    closedRisks: movements.filter((m) => m.trend === 'closed').map((m) => m.riskId),
    reRatedRisks: movements.filter((m) => m.reRated).map((m) => m.riskId),
  };
}

export const TREND_ARROWS: Record<RiskTrend, string> = { up: '↑', down: '↓', same: '=', new: '+', closed: '×' };
