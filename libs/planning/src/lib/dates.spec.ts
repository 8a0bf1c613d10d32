import fc from 'fast-check';
import {
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  isIsoDate,
  isoWeekday,
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
    expect(parseIsoDate('2028-02-29')).toBeDefined();
    expect(parseIsoDate('2000-02-29')).toBeDefined();
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
