import { easterSunday, frenchPublicHolidays } from './french-holidays';

describe(easterSunday.name, () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    // The extremes of the Gregorian computus.
    [1818, '1818-03-22'],
    [2038, '2038-04-25'],
  ])('should put Easter %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe(frenchPublicHolidays.name, () => {
  it('should list the eleven holidays of 2027 in calendar order', () => {
    expect(frenchPublicHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-03-29', // Easter Monday
      '2027-05-01',
      '2027-05-06', // Ascension
      '2027-05-08',
      '2027-05-17', // Whit Monday
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });

  it.each([
    [2024, '2024-04-01', '2024-05-09', '2024-05-20'],
    [2025, '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-17', '2028-05-25', '2028-06-05'],
    [2029, '2029-04-02', '2029-05-10', '2029-05-21'],
    [2030, '2030-04-22', '2030-05-30', '2030-06-10'],
  ])(
    'should include in %i Easter Monday %s, Ascension %s and Whit Monday %s',
    (year, easterMonday, ascension, whitMonday) => {
      const holidays = frenchPublicHolidays(year);
      expect(holidays).toHaveLength(11);
      expect(holidays).toEqual(expect.arrayContaining([easterMonday, ascension, whitMonday]));
      expect(holidays).toEqual(
        expect.arrayContaining(
          ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map(
            (monthDay) => `${year}-${monthDay}`,
          ),
        ),
      );
    },
  );

  it('should count a day off once when Ascension falls on 1 May', () => {
    const holidays = frenchPublicHolidays(2008);
    expect(holidays).toContain('2008-05-01');
    expect(holidays).toHaveLength(10);
  });
});
