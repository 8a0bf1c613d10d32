import { formatZoned, fromLocalInput, toLocalInput } from './zoned-time';

describe('zoned time (meetings in Europe/Paris)', () => {
  it('should read a Paris wall-clock time in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(fromLocalInput('2027-02-02T10:00')).toBe('2027-02-02T09:00:00.000Z');
    expect(fromLocalInput('2027-07-06T10:00')).toBe('2027-07-06T08:00:00.000Z');
  });

  it('should keep 10:00 on both sides of the daylight-saving changes', () => {
    // Spring change on 28 March 2027, autumn change on 31 October 2027.
    expect(fromLocalInput('2027-03-27T10:00')).toBe('2027-03-27T09:00:00.000Z');
    expect(fromLocalInput('2027-03-29T10:00')).toBe('2027-03-29T08:00:00.000Z');
    expect(fromLocalInput('2027-10-30T10:00')).toBe('2027-10-30T08:00:00.000Z');
    expect(fromLocalInput('2027-11-01T10:00')).toBe('2027-11-01T09:00:00.000Z');
  });

  it('should give back the wall-clock time the input holds, whatever the zone of the instant text', () => {
    expect(toLocalInput('2027-02-02T09:00:00.000Z')).toBe('2027-02-02T10:00');
    expect(toLocalInput('2027-07-06T10:00:00+02:00')).toBe('2027-07-06T10:00');
    expect(toLocalInput('2027-12-31T23:30:00Z')).toBe('2028-01-01T00:30');
    expect(fromLocalInput('not a date')).toBeNull();
  });

  it('should write an instant in Paris time in French and English', () => {
    expect(formatZoned('2027-07-06T08:00:00Z', 'fr', 'time')).toBe('10:00');
    expect(formatZoned('2027-07-06T08:00:00Z', 'fr')).toContain('06/07/2027');
    expect(formatZoned('2027-07-06T08:00:00Z', 'en', 'weekday-date-time')).toContain('Tuesday');
    expect(formatZoned(null)).toBe('');
  });
});
