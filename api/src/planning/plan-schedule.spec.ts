import { HttpException } from '@nestjs/common';
import type { TaskDto } from '@jalon/domain';
import { buildScheduleInput, WorkingCalendar } from '@jalon/planning';
import { newLink, newTask } from '@jalon/planning/testing';
import { computeSchedule, schedulablePlanOf, todayInFrance, type ScheduleSource } from './plan-schedule';
import { CONTACT_CENTRE_TEMPLATE } from './templates/contact-centre.template';

const settings: ScheduleSource['settings'] = {
  mode: 'backward',
  projectStart: null,
  workingWeekdays: [1, 2, 3, 4, 5],
  publicHolidays: 'fr',
  extraHolidays: [],
  statusDate: null,
};

/** A task row named after its id (the shared factory's TaskDto has every column the scheduler reads). */
const task = (id: string, duration: number, extra: Partial<TaskDto> = {}) => newTask({ id, name: id, duration, ...extra });

const source = (overrides: Partial<ScheduleSource>): ScheduleSource => ({
  settings,
  targetGoLive: '2027-05-19',
  tasks: [],
  links: [],
  lots: [],
  today: '2027-01-04',
  ...overrides,
});

/** The contact-centre template as the scheduler sees it, ids = the template's keys. */
function templateSource(goLive: string): ScheduleSource {
  const tasks = CONTACT_CENTRE_TEMPLATE.phases.flatMap((phase) =>
    phase.tasks.map((entry) => task(entry.key, entry.duration, { name: entry.name, fixedDate: entry.onGoLive ? goLive : null })),
  );
  const links = CONTACT_CENTRE_TEMPLATE.links.map((link) => newLink(link.from, link.to, { type: link.type ?? 'FS', lag: link.lag ?? 0 }));
  return source({ targetGoLive: goLive, tasks, links });
}

describe('computeSchedule', () => {
  it('should retroplan the worked example of the contract from the go-live', () => {
    const computed = computeSchedule(
      source({
        tasks: [task('A', 6), task('B', 3), task('M', 0)],
        links: [
          newLink('A', 'B'),
          newLink('B', 'M'),
        ],
      }),
    );
    expect(computed.result.tasks['A']).toMatchObject({ start: '2027-05-05', finish: '2027-05-13' });
    expect(computed.projectStart).toBe('2027-05-05');
    expect(computed.projectFinish).toBe('2027-05-19');
  });

  it('should plan the work of a lot to finish by the lot’s own go-live, without showing the hidden milestone', () => {
    const computed = computeSchedule(
      source({
        tasks: [task('voice', 5, { lotId: 'lot1' }), task('other', 5)],
        lots: [{ id: 'lot1', name: 'Lot 1 voix', goLive: '2027-04-30' }],
      }),
    );
    expect(computed.result.tasks['voice']).toMatchObject({ start: '2027-04-26', finish: '2027-04-30' });
    expect(computed.result.tasks['other']?.finish).toBe('2027-05-19');
    expect(computed.projectStart).toBe('2027-04-26');
    const withoutGoLive = source({ tasks: [task('voice', 5, { lotId: 'lot1' })], lots: [{ id: 'lot1', name: 'L', goLive: null }] });
    expect(buildScheduleInput(schedulablePlanOf(withoutGoLive), withoutGoLive.today).tasks).toHaveLength(1);
    expect(Object.keys(computed.result.tasks)).toEqual(['voice', 'other']);
  });

  it('should name a lot whose go-live cannot be held in its warning instead of a hidden id', () => {
    const computed = computeSchedule(
      source({
        tasks: [task('voice', 5, { lotId: 'lot1', actualStart: '2027-04-29' })],
        lots: [{ id: 'lot1', name: 'Lot 1 voix', goLive: '2027-04-30' }],
        today: '2027-04-30',
      }),
    );
    const conflict = computed.warnings.find((warning) => warning.code === 'constraint_conflict');
    expect(conflict?.taskIds).toEqual(['voice']);
    expect(conflict?.message).toContain('go-live du lot « Lot 1 voix »');
  });

  it('should refuse a cycle with a 422 naming its tasks', () => {
    const attempt = () =>
      computeSchedule(
        source({
          tasks: [task('A', 1, { name: 'Rédaction' }), task('B', 1, { name: 'Validation' })],
          links: [
            newLink('A', 'B'),
            newLink('B', 'A'),
          ],
        }),
      );
    expect(attempt).toThrow(HttpException);
    try {
      attempt();
    } catch (error) {
      expect((error as HttpException).getStatus()).toBe(422);
      const body = (error as HttpException).getResponse() as { taskIds: string[]; message: string };
      expect(body.message).toContain('cycle');
      expect(body.taskIds).toEqual(expect.arrayContaining(['A', 'B']));
      expect(body.message).toContain('« Rédaction »');
    }
  });

  it('should refuse forward mode without a project start', () => {
    expect(() => computeSchedule(source({ settings: { ...settings, mode: 'forward' } }))).toThrow(/projectStart/);
  });

  describe('the contact-centre template', () => {
    const calendar = new WorkingCalendar();
    const goLive = '2027-09-14';
    const computed = computeSchedule(templateSource(goLive));
    const dates = computed.result.tasks;

    it('should put the go-live milestone on the go-live and the Go / No-Go two working days before', () => {
      expect(dates['mep']).toMatchObject({ start: goLive, finish: goLive });
      expect(dates['goNoGo']?.finish).toBe(calendar.addWorkingDays(goLive, -2));
    });

    it('should hang the incubation after the go-live with its full length', () => {
      expect(calendar.workingDaysBetween(goLive, dates['finIncubation']!.finish)).toBe(40);
      expect(computed.projectFinish).toBe(dates['finIncubation']!.finish);
    });

    it('should hold: no negative float, no warning, the cadrage on the critical path', () => {
      expect(Object.values(dates).every((dated) => dated.totalFloat >= 0)).toBe(true);
      expect(computed.warnings).toEqual([]);
      expect(dates['besoins']).toMatchObject({ critical: true, start: computed.projectStart });
    });

    it('should keep the retroplanning when the go-live falls on a holiday, the milestone moving to the day before', () => {
      // 14 July 2027 is a Wednesday and a public holiday.
      const onHoliday = computeSchedule(templateSource('2027-07-14'));
      expect(onHoliday.result.tasks['mep']?.finish).toBe('2027-07-13');
      expect(onHoliday.warnings.map((warning) => warning.code)).toEqual(['non_working_date']);
    });
  });
});

describe('todayInFrance', () => {
  it('should give the calendar date in Paris, a day ahead of UTC late in the evening', () => {
    expect(todayInFrance(new Date('2027-01-04T23:30:00Z'))).toBe('2027-01-05');
    expect(todayInFrance(new Date('2027-07-04T12:00:00Z'))).toBe('2027-07-04');
  });
});
