import fc from 'fast-check';
import { daysFromCivil, formatIsoDate } from './dates';
import { readCalendar, WorkingCalendar, WorkingDayIndex } from './working-calendar';

describe(WorkingCalendar.name, () => {
  const french = new WorkingCalendar();

  describe('isWorkingDay', () => {
    it('should rest on weekends and French public holidays by default', () => {
      expect(french.isWorkingDay('2027-05-19')).toBe(true);
      expect(french.isWorkingDay('2027-05-22')).toBe(false); // Saturday
      expect(french.isWorkingDay('2027-05-23')).toBe(false); // Sunday
      expect(french.isWorkingDay('2027-05-06')).toBe(false); // Ascension
      expect(french.isWorkingDay('2027-05-17')).toBe(false); // Whit Monday
      expect(french.isWorkingDay('2027-03-29')).toBe(false); // Easter Monday
      expect(french.isWorkingDay('2027-07-14')).toBe(false);
    });

    it('should work on public holidays with publicHolidays none', () => {
      const calendar = new WorkingCalendar({ publicHolidays: 'none' });
      expect(calendar.isWorkingDay('2027-05-06')).toBe(true);
      expect(calendar.isWorkingDay('2027-05-22')).toBe(false);
    });

    it('should rest on extra holidays', () => {
      const calendar = new WorkingCalendar({ extraHolidays: ['2027-12-24', '2027-12-31'] });
      expect(calendar.isWorkingDay('2027-12-24')).toBe(false);
      expect(calendar.isWorkingDay('2027-12-31')).toBe(false);
      expect(calendar.isWorkingDay('2027-12-30')).toBe(true);
    });

    it('should follow custom working weekdays', () => {
      const calendar = new WorkingCalendar({ workingWeekdays: [2, 4, 6], publicHolidays: 'none' });
      expect(['2027-05-17', '2027-05-18', '2027-05-19', '2027-05-20', '2027-05-21', '2027-05-22', '2027-05-23'].map(
        (date) => calendar.isWorkingDay(date),
      )).toEqual([false, true, false, true, false, true, false]);
    });
  });

  describe('nextWorkingDay and previousWorkingDay', () => {
    it('should keep a working day and move a day off', () => {
      expect(french.nextWorkingDay('2027-05-19')).toBe('2027-05-19');
      expect(french.previousWorkingDay('2027-05-19')).toBe('2027-05-19');
      expect(french.nextWorkingDay('2027-05-15')).toBe('2027-05-18');
      expect(french.previousWorkingDay('2027-05-17')).toBe('2027-05-14');
    });
  });

  describe('addWorkingDays', () => {
    it('should skip weekends and holidays both ways', () => {
      expect(french.addWorkingDays('2027-05-14', 1)).toBe('2027-05-18');
      expect(french.addWorkingDays('2027-05-18', -1)).toBe('2027-05-14');
      expect(french.addWorkingDays('2027-05-05', 1)).toBe('2027-05-07');
      expect(french.addWorkingDays('2027-05-19', -8)).toBe('2027-05-05');
      expect(french.subtractWorkingDays('2027-05-19', 8)).toBe('2027-05-05');
    });

    it('should count from a day off as from the gap between two working days', () => {
      expect(french.addWorkingDays('2027-05-15', 1)).toBe('2027-05-18');
      expect(french.addWorkingDays('2027-05-15', -1)).toBe('2027-05-14');
      expect(french.addWorkingDays('2027-05-15', 0)).toBe('2027-05-18');
    });

    it('should reach decades away from where it started', () => {
      expect(french.addWorkingDays('2027-05-19', 0)).toBe('2027-05-19');
      const far = french.addWorkingDays('2027-05-19', 5_000);
      expect(far > '2046-01-01').toBe(true);
      expect(french.workingDaysBetween('2027-05-19', far)).toBe(5_000);
      const past = french.addWorkingDays('2027-05-19', -5_000);
      expect(past < '2008-12-31').toBe(true);
      expect(french.workingDaysBetween('2027-05-19', past)).toBe(-5_000);
    });

    it('should refuse a fractional count', () => {
      expect(() => french.addWorkingDays('2027-05-19', 1.5)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('should give slippage as signed working days', () => {
      expect(french.workingDaysBetween('2027-05-14', '2027-05-19')).toBe(2);
      expect(french.workingDaysBetween('2027-05-19', '2027-05-14')).toBe(-2);
      expect(french.workingDaysBetween('2027-05-19', '2027-05-19')).toBe(0);
      expect(french.workingDaysBetween('2027-04-30', '2027-05-31')).toBe(19);
    });

    it('should undo addWorkingDays from any working day', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: daysFromCivil(2020, 1, 1), max: daysFromCivil(2035, 12, 31) }),
          fc.integer({ min: -800, max: 800 }),
          (day, count) => {
            const from = french.nextWorkingDay(formatIsoDate(day));
            const to = french.addWorkingDays(from, count);
            expect(french.isWorkingDay(to)).toBe(true);
            expect(french.workingDaysBetween(from, to)).toBe(count);
          },
        ),
      );
    });
  });

  it('should refuse an invalid calendar or date with a RangeError', () => {
    expect(() => new WorkingCalendar({ workingWeekdays: [] })).toThrow(/at least one working weekday/);
    expect(() => new WorkingCalendar({ extraHolidays: ['2027-02-30'] })).toThrow(RangeError);
    expect(() => french.isWorkingDay('2027-5-1')).toThrow(RangeError);
  });
});

describe(readCalendar.name, () => {
  it('should default to Monday–Friday with French holidays', () => {
    const { rules, issues } = readCalendar(undefined);
    expect(issues).toEqual([]);
    expect(rules.workingWeekdayCount).toBe(5);
    expect(rules.frenchHolidays).toBe(true);
  });

  it('should name every problem', () => {
    const { issues } = readCalendar({
      workingWeekdays: [0, 8, 2.5],
      publicHolidays: 'de' as 'fr',
      extraHolidays: ['tomorrow'],
    });
    expect(issues.map((issue) => issue.code)).toEqual([
      'invalid_calendar',
      'invalid_calendar',
      'invalid_calendar',
      'invalid_calendar',
      'invalid_date',
    ]);
  });
});

describe(WorkingDayIndex.name, () => {
  const { rules } = readCalendar({ workingWeekdays: [1], publicHolidays: 'none' });

  it('should number working days from the origin, negative before it', () => {
    const origin = daysFromCivil(2027, 5, 17); // a Monday
    const index = new WorkingDayIndex(rules, origin, origin, origin + 1);
    expect(index.indexOnOrAfter(origin)).toBe(0);
    expect(index.indexOnOrAfter(origin + 1)).toBe(1);
    expect(index.indexOnOrBefore(origin - 1)).toBe(-1);
    expect(formatIsoDate(index.dayAt(-1))).toBe('2027-05-10');
    // Grows far beyond the range it was built for.
    expect(formatIsoDate(index.dayAt(52 * 10))).toBe(formatIsoDate(origin + 7 * 520));
    expect(formatIsoDate(index.dayAt(-52 * 10))).toBe(formatIsoDate(origin - 7 * 520));
  });

  it('should refuse to reach beyond the dates it can name', () => {
    const index = new WorkingDayIndex(rules, daysFromCivil(2027, 5, 17));
    expect(index.ensureIndices(0, 100_000_000)).toBe(false);
    expect(index.ensureIndices(-100_000_000, 0)).toBe(false);
  });
});
