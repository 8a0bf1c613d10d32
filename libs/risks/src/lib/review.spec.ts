import { DEFAULT_REVIEW_INTERVALS, addMonths, compareReviews, isReviewOverdue, nextReviewDate, summariseMovements, validateReviewIntervals, type RiskState } from './review';

describe('review intervals', () => {
  it('default: critique every 2 weeks, élevé monthly, moyen every 2 months, faible quarterly', () => {
    expect(nextReviewDate('2027-01-15', 'critical')).toBe('2027-01-29');
    expect(nextReviewDate('2027-01-15', 'high')).toBe('2027-02-15');
    expect(nextReviewDate('2027-01-15', 'medium')).toBe('2027-03-15');
    expect(nextReviewDate('2027-01-15', 'low')).toBe('2027-04-15');
  });

  it('crosses the year and months of different lengths without a time zone', () => {
    expect(nextReviewDate('2026-12-24', 'critical')).toBe('2027-01-07');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    // Across the end of daylight-saving time in Paris (last Sunday of October).
    expect(nextReviewDate('2026-10-20', 'critical')).toBe('2026-11-03');
  });

  it('follows a custom configuration', () => {
    const intervals = { ...DEFAULT_REVIEW_INTERVALS, critical: { weeks: 1 }, low: { months: 6 } };
    expect(nextReviewDate('2027-01-15', 'critical', intervals)).toBe('2027-01-22');
    expect(nextReviewDate('2027-01-15', 'low', intervals)).toBe('2027-07-15');
    expect(validateReviewIntervals(intervals)).toEqual([]);
  });

  it('refuses intervals that are not one whole number of weeks or months, naming the band', () => {
    const fields = validateReviewIntervals({ critical: { weeks: 0 }, high: { weeks: 2, months: 1 }, medium: {}, low: { months: 3 } }).map((v) => v.field);
    expect(fields).toEqual(['reviewIntervals.medium', 'reviewIntervals.high', 'reviewIntervals.critical']);
  });

  it('a risk is "à revoir" the day after its next review date', () => {
    expect(isReviewOverdue('2027-01-29', '2027-01-28')).toBe(false);
    expect(isReviewOverdue('2027-01-29', '2027-01-29')).toBe(false);
    expect(isReviewOverdue('2027-01-29', '2027-01-30')).toBe(true);
  });
});

describe('trend between two reviews', () => {
  const state = (riskId: string, probability: number, impact: number, status = 'identified'): RiskState => ({
    riskId,
    probability,
    impact,
    score: probability * impact,
    status,
  });

  const previous = [state('up', 2, 3), state('down', 4, 4), state('same', 3, 3), state('swapped', 2, 3), state('closing', 3, 3), state('gone', 1, 1), state('long-closed', 1, 1, 'closed')];
  const current = [state('up', 3, 3), state('down', 3, 4), state('same', 3, 3), state('swapped', 3, 2), state('closing', 3, 3, 'closed'), state('fresh', 2, 2), state('long-closed', 1, 1, 'closed'), state('reopened', 2, 2, 'occurred')];
  const movements = compareReviews(previous, current);
  const byId = new Map(movements.map((movement) => [movement.riskId, movement]));

  it('↑ when the score rose, ↓ when it fell, = when it did not move', () => {
    expect(byId.get('up')?.trend).toBe('up');
    expect(byId.get('down')?.trend).toBe('down');
    expect(byId.get('same')?.trend).toBe('same');
    expect(byId.get('swapped')?.trend).toBe('same');
  });

  it('lists new, closed and re-rated risks', () => {
    expect(summariseMovements(movements)).toEqual({
      newRisks: ['fresh', 'reopened'],
      closedRisks: ['closing', 'gone'],
      reRatedRisks: ['up', 'down', 'swapped'],
    });
  });

  it('leaves out risks closed on both sides', () => {
    expect(byId.has('long-closed')).toBe(false);
  });

  it('with no previous review every open risk is new', () => {
    expect(compareReviews([], [state('a', 1, 1), state('b', 2, 2, 'closed')]).map((m) => [m.riskId, m.trend])).toEqual([['a', 'new']]);
  });
});
