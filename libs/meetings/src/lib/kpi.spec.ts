import { greenStreak, incubationState, isWeekStart, kpiStatus, weekStartOf } from './kpi';

describe('kpiStatus', () => {
  const higher = { target: 80, direction: 'higher' as const, tolerance: 5 };
  const lower = { target: 120, direction: 'lower' as const, tolerance: 10 };

  it('is green on or beyond the target, amber within the tolerance, red beyond', () => {
    expect([80, 90, 77, 75, 74.9].map((value) => kpiStatus(value, higher))).toEqual(['green', 'green', 'amber', 'amber', 'red']);
    expect([120, 100, 125, 130, 131].map((value) => kpiStatus(value, lower))).toEqual(['green', 'green', 'amber', 'amber', 'red']);
    expect(kpiStatus(null, higher)).toBe('none');
    expect(kpiStatus(79, { ...higher, tolerance: 0 })).toBe('red');
  });
});

describe('weeks', () => {
  it('finds the Monday of a week', () => {
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30');
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(isWeekStart('2026-11-30')).toBe(true);
    expect(isWeekStart('2026-12-01')).toBe(false);
    expect(isWeekStart('2026-02-30')).toBe(false);
  });
});

describe('incubation', () => {
  const kpi = (values: Array<[string, number]>) => ({
    target: 80,
    direction: 'higher' as const,
    tolerance: 5,
    values: values.map(([weekStart, value]) => ({ weekStart, value })),
  });

  it('counts the green streak of one KPI, broken by a missing week', () => {
    expect(greenStreak(kpi([['2027-01-04', 90], ['2027-01-11', 70], ['2027-01-18', 85], ['2027-01-25', 81]]))).toBe(2);
    expect(greenStreak(kpi([['2027-01-04', 90], ['2027-01-18', 85]]))).toBe(1);
  });

  it('ends when every KPI is green N consecutive weeks, and stays ended', () => {
    const a = kpi([['2027-01-04', 90], ['2027-01-11', 90], ['2027-01-18', 90], ['2027-01-25', 60]]);
    const b = kpi([['2027-01-04', 70], ['2027-01-11', 85], ['2027-01-18', 85], ['2027-01-25', 85]]);
    expect(incubationState([a, b], 2)).toEqual({ currentStreak: 0, ended: true, endedWeek: '2027-01-18' });
    expect(incubationState([a, b], 3)).toEqual({ currentStreak: 0, ended: false, endedWeek: null });
  });

  it('needs every KPI to have a value that week', () => {
    const a = kpi([['2027-01-04', 90], ['2027-01-11', 90]]);
    const b = kpi([['2027-01-11', 90]]);
    expect(incubationState([a, b], 2).ended).toBe(false);
    expect(incubationState([a, b], 1)).toEqual({ currentStreak: 1, ended: true, endedWeek: '2027-01-11' });
  });

  it('never ends without KPIs or values', () => {
    expect(incubationState([], 1).ended).toBe(false);
    expect(incubationState([kpi([])], 1).ended).toBe(false);
  });
});
