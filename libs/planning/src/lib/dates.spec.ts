import fc from 'fast-check';
import {
  civilFromDays,
  daysFromCivil,
  FIRST_ISO_DAY,
  formatCalendarDate,
  formatIsoDate,
  isIsoDate,
  isoWeekday,
  LAST_ISO_DAY,
  localToday,
  parseIsoDate,
} from './dates';

describe(parseIsoDate.name, () => {
  it('should read a date as days since 1970-01-01', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(parseIsoDate('1969-12-31')).toBe(-1);
    expect(parseIsoDate('2027-05-19')).toBe(Date.UTC(2027, 4, 19) / 86_400_000);
  });

  it('should accept 29 February only in leap years', () => {
    expect(parseIsoDate('2028-02-29')).toBe(Date.UTC(2028, 1, 29) / 86_400_000);
    expect(parseIsoDate('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
    expect(parseIsoDate('2028-03-01')! - parseIsoDate('2028-02-28')!).toBe(2);
    expect(parseIsoDate('2100-03-01')! - parseIsoDate('2100-02-28')!).toBe(1);
    expect(formatIsoDate(parseIsoDate('2028-02-28')! + 1)).toBe('2028-02-29');
    expect(formatIsoDate(parseIsoDate('2100-02-28')! + 1)).toBe('2100-03-01');
    expect(parseIsoDate('2027-02-29')).toBeUndefined();
    expect(parseIsoDate('2100-02-29')).toBeUndefined();
  });

  it.each([
    '2027-02-30',
    '2027-13-01',
    '2027-00-10',
    '2027-04-31',
    '0000-01-01',
    '2027-5-19',
    '2027-05-19T00:00:00Z',
    ' 2027-05-19',
    '19/05/2027',
    '',
  ])('should refuse %j', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
    expect(isIsoDate(text)).toBe(false);
  });

  it('should refuse what is not a string', () => {
    expect(parseIsoDate(20270519)).toBeUndefined();
    expect(parseIsoDate(null)).toBeUndefined();
    expect(parseIsoDate(new Date())).toBeUndefined();
  });
});

describe(formatIsoDate.name, () => {
  it('should agree with Date for every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        expect(formatIsoDate(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it("should round-trip with parseIsoDate over the whole 'YYYY-MM-DD' range", () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(1, 1, 1), max: daysFromCivil(9999, 12, 31) }), (day) => {
        expect(parseIsoDate(formatIsoDate(day))).toBe(day);
      }),
    );
    expect(formatIsoDate(daysFromCivil(1, 1, 1))).toBe('0001-01-01');
    expect(formatIsoDate(daysFromCivil(9999, 12, 31))).toBe('9999-12-31');
  });

  it('should agree with civilFromDays', () => {
    expect(civilFromDays(daysFromCivil(2024, 2, 29))).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe(isoWeekday.name, () => {
  it('should number Monday 1 and Sunday 7, before and after 1970', () => {
    expect(isoWeekday(parseIsoDate('2027-05-17')!)).toBe(1);
    expect(isoWeekday(parseIsoDate('2027-05-19')!)).toBe(3);
    expect(isoWeekday(parseIsoDate('2027-05-23')!)).toBe(7);
    expect(isoWeekday(parseIsoDate('1969-12-28')!)).toBe(7);
    expect(isoWeekday(parseIsoDate('1900-01-01')!)).toBe(1);
  });
});

describe(formatCalendarDate.name, () => {
  it('should write the day the date names, in French by default', () => {
    expect(formatCalendarDate('2027-03-30')).toBe('30/03/2027');
    expect(formatCalendarDate('2027-03-30', 'fr', 'compact')).toBe('30/03/27');
    expect(formatCalendarDate('2027-03-30', 'fr', 'day-month')).toBe('30/03');
    expect(formatCalendarDate('2027-03-30', 'fr', 'long')).toBe('30 mars 2027');
    expect(formatCalendarDate('2027-03-30', 'fr', 'weekday-long')).toBe('mardi 30 mars 2027');
    expect(formatCalendarDate('2027-03-30', 'fr', 'weekday-short')).toBe('mar. 30 mars 2027');
    expect(formatCalendarDate('2027-03-30', 'fr', 'month-year')).toBe('mars 2027');
  });

  it('should write English with the day before the month, as the rest of the interface', () => {
    expect(formatCalendarDate('2027-03-30', 'en')).toBe('30/03/2027');
    expect(formatCalendarDate('2027-03-30', 'en', 'weekday-long')).toBe('Tuesday, 30 March 2027');
    expect(formatCalendarDate('2026-12-28', 'en', 'long')).toBe('28 December 2026');
  });

  it('should accept an epoch day as well as an ISO date', () => {
    expect(formatCalendarDate(daysFromCivil(2026, 12, 23), 'fr', 'weekday-long')).toBe('mercredi 23 décembre 2026');
  });

  it('should give nothing for a missing date and the raw text for something else', () => {
    expect(formatCalendarDate(null)).toBe('');
    expect(formatCalendarDate(undefined)).toBe('');
    expect(formatCalendarDate('2027-02-30')).toBe('2027-02-30');
  });

  it('should agree with the ISO date for every day, weekday included', () => {
    const weekdays = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
    fc.assert(
      fc.property(fc.integer({ min: FIRST_ISO_DAY, max: LAST_ISO_DAY }), (epochDay) => {
        const iso = formatIsoDate(epochDay);
        const [year, month, day] = iso.split('-');
        expect(formatCalendarDate(iso, 'fr', 'short')).toBe(`${day}/${month}/${year}`);
        expect(formatCalendarDate(iso, 'fr', 'weekday-long').startsWith(weekdays[isoWeekday(epochDay) - 1]!)).toBe(true);
      }),
    );
  });
});

describe(localToday.name, () => {
  it('should be the date on the local wall clock, late at night included', () => {
    expect(localToday(new Date(2026, 10, 30, 23, 59))).toBe('2026-11-30');
    expect(localToday(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01');
  });
});
