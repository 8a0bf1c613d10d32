import { calendarDaysUntil } from './days';

describe(calendarDaysUntil.name, () => {
  const today = new Date(2026, 10, 22, 15, 30);

  it('should count calendar days to a future date', () => {
    expect(calendarDaysUntil('2027-03-23', today)).toBe(121);
  });

  it('should be zero on the day itself, whatever the hour', () => {
    expect(calendarDaysUntil('2026-11-22', today)).toBe(0);
  });

  it('should be negative once the date has passed', () => {
    expect(calendarDaysUntil('2026-11-12', today)).toBe(-10);
  });
});

describe(`${calendarDaysUntil.name} at the edges of the day`, () => {
  it('should count from the local date just before midnight and just after it', () => {
    expect(calendarDaysUntil('2026-12-01', new Date(2026, 10, 30, 23, 59))).toBe(1);
    expect(calendarDaysUntil('2026-12-01', new Date(2026, 11, 1, 0, 1))).toBe(0);
  });

  it('should not be a number for something that is not a calendar date', () => {
    expect(calendarDaysUntil('30/03/2027')).toBeNaN();
  });
});
