import { TestBed } from '@angular/core/testing';
import { CalendarDatePipe } from './calendar-date.pipe';
import { LanguageService } from './language';

describe(CalendarDatePipe.name, () => {
  const current = { current: () => 'fr' };
  let pipe: CalendarDatePipe;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [CalendarDatePipe, { provide: LanguageService, useValue: current }] });
    pipe = TestBed.inject(CalendarDatePipe);
  });

  it('should write the date the plan names, whatever the zone of the browser', () => {
    expect(pipe.transform('2026-12-28')).toBe('28/12/2026');
    expect(pipe.transform('2027-03-30', 'weekday-long')).toBe('mardi 30 mars 2027');
    expect(pipe.transform('2027-03-30', 'weekday-long', 'en')).toBe('Tuesday, 30 March 2027');
    expect(pipe.transform(null)).toBe('');
  });
});
