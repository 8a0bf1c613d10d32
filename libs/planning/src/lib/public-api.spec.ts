import * as planning from '../index';
import type { PlanInput, PlanResult } from '../index';

describe('@jalon/planning', () => {
  it('should export the engine and the calendar helpers the API and the web share', () => {
    expect(Object.keys(planning).sort()).toEqual([
      'LOT_GO_LIVE_ID_PREFIX',
      'WorkingCalendar',
      'buildScheduleInput',
      'computePlanSchedule',
      'easterSunday',
      'formatCalendarDate',
      'formatIsoDate',
      'frenchPublicHolidays',
      'isIsoDate',
      'isLotGoLiveId',
      'localToday',
      'parseIsoDate',
      'schedulePlan',
    ]);
  });

  it('should let a caller measure slippage, a week late being five working days', () => {
    const input: PlanInput = {
      mode: 'backward',
      anchor: '2027-05-19',
      tasks: [{ id: 'Recette', duration: 6 }],
      links: [],
    };
    const baseline: PlanResult = planning.schedulePlan(input);
    const current = planning.schedulePlan({ ...input, anchor: '2027-05-26' });
    const calendar = new planning.WorkingCalendar(input.calendar);
    expect(
      calendar.workingDaysBetween(baseline.tasks['Recette']!.finish, current.tasks['Recette']!.finish),
    ).toBe(5);
  });
});
