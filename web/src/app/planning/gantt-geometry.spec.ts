import { addCalendarDays, dayMonth, dayMonthYear, isoWeek, mondayOf, xOf, widthOfDays, type GanttScale } from './gantt-geometry';

describe('gantt geometry', () => {
  it('finds the Monday of a French week', () => {
    expect(mondayOf('2026-12-23')).toBe('2026-12-21'); // a Wednesday
    expect(mondayOf('2026-12-21')).toBe('2026-12-21'); // a Monday
    expect(mondayOf('2026-12-27')).toBe('2026-12-21'); // a Sunday closes the week
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('numbers weeks as ISO 8601 does', () => {
    expect(isoWeek('2026-12-31')).toBe(53); // 2026 has 53 weeks (starts on a Thursday)
    expect(isoWeek('2027-01-03')).toBe(53); // a Sunday still in week 53 of 2026
    expect(isoWeek('2027-01-04')).toBe(1);
    expect(isoWeek('2024-12-30')).toBe(1); // belongs to 2025's week 1
    expect(isoWeek('2027-03-29')).toBe(13);
  });

  it('writes dates day first, without any time zone', () => {
    expect(dayMonth('2026-12-23')).toBe('23/12');
    expect(dayMonthYear('2027-03-30')).toBe('30/03/2027');
    expect(addCalendarDays('2027-03-27', 2)).toBe('2027-03-29'); // across the change to summer time
  });

  it('puts a date where frappe-gantt puts it, across a change of time', () => {
    const scale: GanttScale = { start: new Date(2027, 2, 22), unit: 'day', step: 7, columnWidth: 112 };
    expect(xOf(scale, '2027-03-29')).toBeCloseTo(112);
    expect(widthOfDays(scale, 7)).toBeCloseTo(112);
  });
});
