import { RecurrenceError, expandSeries, instantToLocal, localToInstant, normaliseRrule, weekdaysExcept, type SeriesRule } from './recurrence';

const PARIS = 'Europe/Paris';
const weekdays = weekdaysExcept([]);

const series = (over: Partial<SeriesRule>): SeriesRule => ({
  rrule: 'FREQ=WEEKLY;BYDAY=TH',
  dtstart: '2026-01-01T14:00',
  timeZone: PARIS,
  nonWorkingPolicy: 'skip',
  ...over,
});

describe('expandSeries', () => {
  it('expands the first Tuesday of every month across month and year ends', () => {
    const occurrences = expandSeries(series({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', dtstart: '2026-11-03T10:00' }), {
      from: '2026-11-01',
      until: '2027-03-31',
      isWorkingDay: weekdays,
    });
    expect(occurrences.map((occurrence) => occurrence.occurrenceKey)).toEqual(['2026-11-03', '2026-12-01', '2027-01-05', '2027-02-02', '2027-03-02']);
  });

  it('keeps the local time across the daylight-saving changes (the instant moves by an hour)', () => {
    const occurrences = expandSeries(series({ rrule: 'FREQ=WEEKLY;BYDAY=TU', dtstart: '2027-03-16T10:00' }), {
      from: '2027-03-16',
      until: '2027-04-06',
      isWorkingDay: weekdays,
    });
    expect(occurrences.map((occurrence) => occurrence.localStart)).toEqual(['2027-03-16T10:00', '2027-03-23T10:00', '2027-03-30T10:00', '2027-04-06T10:00']);
    // Winter: UTC+1; summer (from 28 March 2027): UTC+2.
    expect(occurrences[1]!.startsAt.toISOString()).toBe('2027-03-23T09:00:00.000Z');
    expect(occurrences[2]!.startsAt.toISOString()).toBe('2027-03-30T08:00:00.000Z');
    const autumn = expandSeries(series({ rrule: 'FREQ=DAILY', dtstart: '2026-10-24T10:00' }), { from: '2026-10-24', until: '2026-10-26', isWorkingDay: () => true });
    expect(autumn.map((occurrence) => occurrence.startsAt.toISOString())).toEqual(['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-10-26T09:00:00.000Z']);
  });

  it('skips holidays and weekends with the skip policy', () => {
    // 2026-05-14 is Ascension Thursday.
    const occurrences = expandSeries(series({ dtstart: '2026-05-07T14:00' }), {
      from: '2026-05-01',
      until: '2026-05-31',
      isWorkingDay: weekdaysExcept(['2026-05-14']),
    });
    expect(occurrences.map((occurrence) => occurrence.occurrenceKey)).toEqual(['2026-05-07', '2026-05-21', '2026-05-28']);
  });

  it('moves an occurrence to the next working day, over a weekend, keeping its key', () => {
    // 2027-01-01 is a Friday and a holiday: the next working day is Monday 4 January.
    const occurrences = expandSeries(series({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', dtstart: '2026-12-01T09:30', nonWorkingPolicy: 'next_working_day' }), {
      from: '2026-12-01',
      until: '2027-02-28',
      isWorkingDay: weekdaysExcept(['2027-01-01']),
    });
    expect(occurrences.map((occurrence) => [occurrence.occurrenceKey, occurrence.localStart])).toEqual([
      ['2026-12-01', '2026-12-01T09:30'],
      ['2027-01-01', '2027-01-04T09:30'],
      ['2027-02-01', '2027-02-01T09:30'],
    ]);
  });

  it('handles months without the day asked (the 31st) as RFC 5545 says: no occurrence', () => {
    const occurrences = expandSeries(series({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', dtstart: '2027-01-31T10:00', nonWorkingPolicy: 'next_working_day' }), {
      from: '2027-01-01',
      until: '2027-05-31',
      isWorkingDay: () => true,
    });
    expect(occurrences.map((occurrence) => occurrence.occurrenceKey)).toEqual(['2027-01-31', '2027-03-31', '2027-05-31']);
  });

  it('honours COUNT and the limit', () => {
    expect(expandSeries(series({ rrule: 'FREQ=WEEKLY;COUNT=3' }), { from: '2026-01-01', until: '2026-12-31', isWorkingDay: () => true })).toHaveLength(3);
    expect(expandSeries(series({ rrule: 'FREQ=DAILY' }), { from: '2026-01-01', until: '2026-12-31', isWorkingDay: () => true, limit: 10 })).toHaveLength(10);
  });
});

describe('normaliseRrule', () => {
  it('accepts the prefix and lower case', () => {
    expect(normaliseRrule('RRULE:freq=monthly;byday=1tu')).toBe('FREQ=MONTHLY;BYDAY=1TU');
    expect(normaliseRrule('FREQ=MONTHLY;BYMONTHDAY=-1;BYMONTH=1,12')).toBe('FREQ=MONTHLY;BYMONTHDAY=-1;BYMONTH=1,12');
  });

  it.each(['', 'every thursday', 'FREQ=FORTNIGHTLY', 'BYDAY=TH', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=WEEKLY;FOO=1', 'FREQ=WEEKLY;COUNT=0', 'DTSTART:20260101T100000\nRRULE:FREQ=DAILY', 'FREQ=WEEKLY;COUNT=2;UNTIL=20270101', 'FREQ=MONTHLY;BYMONTHDAY=0', 'FREQ=MONTHLY;BYMONTHDAY=32', 'FREQ=YEARLY;BYMONTH=13', 'FREQ=MONTHLY;BYDAY=54TU', 'FREQ=MONTHLY;BYSETPOS=0;BYDAY=TU'])(
    'refuses %j naming rrule',
    (text) => {
      expect(() => normaliseRrule(text)).toThrow(RecurrenceError);
      try {
        normaliseRrule(text);
      } catch (error) {
        expect((error as RecurrenceError).field).toBe('rrule');
      }
    },
  );
});

describe('local times', () => {
  it('converts both ways in Paris', () => {
    expect(localToInstant('2026-07-01T10:00', PARIS).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(instantToLocal(new Date('2026-12-01T09:00:00Z'), PARIS)).toBe('2026-12-01T10:00');
  });

  it('takes a time skipped by the spring change one hour later', () => {
    expect(instantToLocal(localToInstant('2027-03-28T02:30', PARIS), PARIS)).toBe('2027-03-28T03:30');
  });

  it('takes the first of the two 02:30 of the autumn change', () => {
    expect(localToInstant('2026-10-25T02:30', PARIS).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses a bad zone and a bad date', () => {
    expect(() => localToInstant('2026-02-30T10:00', PARIS)).toThrow(RecurrenceError);
    expect(() => localToInstant('2026-02-03T10:00', 'Mars/Olympus')).toThrow(RecurrenceError);
  });
});
