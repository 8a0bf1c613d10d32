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
