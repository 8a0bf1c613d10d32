import { schedulePlan } from './schedule-plan';
import type { LinkType, PlanInput, PlanLinkInput, PlanResult, PlanTaskInput } from './types';

function task(id: string, duration: number, extra: Partial<PlanTaskInput> = {}): PlanTaskInput {
  return { id, duration, ...extra };
}

function link(from: string, to: string, type?: LinkType, lag?: number): PlanLinkInput {
  return { from, to, ...(type === undefined ? {} : { type }), ...(lag === undefined ? {} : { lag }) };
}

/** A forward plan from Monday 7 June 2027, a month without French public holidays. */
function plan(overrides: Partial<PlanInput>): PlanInput {
  return { mode: 'forward', anchor: '2027-06-07', tasks: [], links: [], ...overrides };
}

function span(result: PlanResult, id: string): [string, string] {
  const scheduled = result.tasks[id];
  if (scheduled === undefined) throw new Error(`${id} was not scheduled`);
  return [scheduled.start, scheduled.finish];
}

function codes(issues: { code: string }[]): string[] {
  return issues.map((issue) => issue.code);
}

describe(schedulePlan.name, () => {
  describe('worked examples of the contract', () => {
    it('should retroplan A, B and M back from a Wednesday go-live across Ascension and Whit Monday', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-05-19',
        tasks: [task('A', 6), task('B', 3), task('M', 0)],
        links: [link('A', 'B', 'FS'), link('B', 'M', 'FS')],
      });
      const dates = (start: string, finish: string) => ({
        start,
        finish,
        earlyStart: start,
        earlyFinish: finish,
        lateStart: start,
        lateFinish: finish,
        totalFloat: 0,
        critical: true,
      });
      expect(result).toEqual({
        tasks: {
          A: dates('2027-05-05', '2027-05-13'),
          B: dates('2027-05-14', '2027-05-19'),
          M: dates('2027-05-19', '2027-05-19'),
        },
        projectStart: '2027-05-05',
        projectFinish: '2027-05-19',
        errors: [],
        warnings: [],
      });
    });

    it('should plan K, A, B, C and M forward from a Monday with C floating five days', () => {
      const result = schedulePlan({
        mode: 'forward',
        anchor: '2027-05-03',
        tasks: [task('K', 0), task('A', 6), task('B', 3), task('C', 2), task('M', 0)],
        links: [link('K', 'A'), link('A', 'B'), link('K', 'C'), link('C', 'M', 'FS', 2), link('B', 'M')],
      });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(span(result, 'K')).toEqual(['2027-05-03', '2027-05-03']);
      expect(span(result, 'A')).toEqual(['2027-05-03', '2027-05-11']);
      expect(span(result, 'B')).toEqual(['2027-05-12', '2027-05-14']);
      expect(span(result, 'M')).toEqual(['2027-05-14', '2027-05-14']);
      expect(result.tasks['C']).toEqual({
        start: '2027-05-03',
        finish: '2027-05-04',
        earlyStart: '2027-05-03',
        earlyFinish: '2027-05-04',
        lateStart: '2027-05-11',
        lateFinish: '2027-05-12',
        totalFloat: 5,
        critical: false,
      });
      for (const id of ['K', 'A', 'B', 'M']) {
        expect(result.tasks[id]).toMatchObject({ totalFloat: 0, critical: true });
      }
      expect(result.projectStart).toBe('2027-05-03');
      expect(result.projectFinish).toBe('2027-05-14');
    });
  });

  describe('links', () => {
    // A (5 days) then P (3 days) from Monday 7 June: P runs 14–16 June; S (2 days) follows P.
    it.each<[LinkType, number, string, string]>([
      ['FS', 0, '2027-06-17', '2027-06-18'],
      ['FS', 2, '2027-06-21', '2027-06-22'],
      ['FS', -2, '2027-06-15', '2027-06-16'],
      ['SS', 0, '2027-06-14', '2027-06-15'],
      ['SS', 2, '2027-06-16', '2027-06-17'],
      ['SS', -2, '2027-06-10', '2027-06-11'],
      ['FF', 0, '2027-06-15', '2027-06-16'],
      ['FF', 2, '2027-06-17', '2027-06-18'],
      ['FF', -2, '2027-06-11', '2027-06-14'],
      ['SF', 0, '2027-06-10', '2027-06-11'],
      ['SF', 2, '2027-06-14', '2027-06-15'],
      ['SF', -2, '2027-06-08', '2027-06-09'],
    ])('should schedule forward the successor of a %s link with lag %i on %s → %s', (type, lag, start, finish) => {
      const result = schedulePlan(
        plan({
          tasks: [task('A', 5), task('P', 3), task('S', 2)],
          links: [link('A', 'P'), link('P', 'S', type, lag)],
        }),
      );
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(span(result, 'P')).toEqual(['2027-06-14', '2027-06-16']);
      expect(span(result, 'S')).toEqual([start, finish]);
    });

    // Go-live Friday 25 June: Z (5 days) runs 21–25 June, S (2 days) before it 17–18 June,
    // and P (3 days) precedes S.
    it.each<[LinkType, number, string, string]>([
      ['FS', 0, '2027-06-14', '2027-06-16'],
      ['FS', 2, '2027-06-10', '2027-06-14'],
      ['FS', -2, '2027-06-16', '2027-06-18'],
      ['SS', 0, '2027-06-17', '2027-06-21'],
      ['SS', 2, '2027-06-15', '2027-06-17'],
      ['SS', -2, '2027-06-21', '2027-06-23'],
      ['FF', 0, '2027-06-16', '2027-06-18'],
      ['FF', 2, '2027-06-14', '2027-06-16'],
      ['FF', -2, '2027-06-18', '2027-06-22'],
      ['SF', 0, '2027-06-21', '2027-06-23'],
      ['SF', 2, '2027-06-17', '2027-06-21'],
      ['SF', -1, '2027-06-22', '2027-06-24'],
    ])('should retroplan the predecessor of a %s link with lag %i on %s → %s', (type, lag, start, finish) => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [task('P', 3), task('S', 2), task('Z', 5)],
        links: [link('P', 'S', type, lag), link('S', 'Z')],
      });
      expect(result.errors).toEqual([]);
      expect(span(result, 'Z')).toEqual(['2027-06-21', '2027-06-25']);
      expect(span(result, 'S')).toEqual(['2027-06-17', '2027-06-18']);
      expect(span(result, 'P')).toEqual([start, finish]);
      expect(result.tasks['P']).toMatchObject({ lateStart: start, lateFinish: finish });
    });

    it('should default a link to finish-to-start without lag', () => {
      const result = schedulePlan(plan({ tasks: [task('A', 2), task('B', 1)], links: [{ from: 'A', to: 'B' }] }));
      expect(span(result, 'B')).toEqual(['2027-06-09', '2027-06-09']);
    });

    it('should start nothing before the project start, even with a negative lag', () => {
      const result = schedulePlan(plan({ tasks: [task('A', 2), task('B', 2)], links: [link('A', 'B', 'SS', -5)] }));
      expect(span(result, 'B')).toEqual(['2027-06-07', '2027-06-08']);
    });

    it('should finish nothing after the go-live, even with a negative lag', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [task('A', 2), task('B', 2)],
        links: [link('A', 'B', 'FF', -5)],
      });
      expect(span(result, 'A')).toEqual(['2027-06-24', '2027-06-25']);
    });

    it('should let the longest of several predecessors drive a task', () => {
      const result = schedulePlan(
        plan({
          tasks: [task('A', 2), task('B', 4), task('C', 1)],
          links: [link('A', 'C'), link('B', 'C')],
        }),
      );
      expect(span(result, 'C')).toEqual(['2027-06-11', '2027-06-11']);
      expect(result.tasks['A']).toMatchObject({ lateStart: '2027-06-09', totalFloat: 2, critical: false });
      expect(result.tasks['B']).toMatchObject({ totalFloat: 0, critical: true });
    });
  });

  describe('milestones', () => {
    it('should put a milestone after a task on its finish date, and a task after it on the next working day', () => {
      const result = schedulePlan(
        plan({ tasks: [task('T', 3), task('M', 0), task('U', 2)], links: [link('T', 'M'), link('M', 'U')] }),
      );
      expect(span(result, 'M')).toEqual(['2027-06-09', '2027-06-09']);
      expect(span(result, 'U')).toEqual(['2027-06-10', '2027-06-11']);
    });

    it('should show a milestone at the project start of a forward plan on the start date', () => {
      const result = schedulePlan(plan({ tasks: [task('Kick-off', 0), task('T', 3)], links: [link('Kick-off', 'T', 'SS')] }));
      expect(span(result, 'Kick-off')).toEqual(['2027-06-07', '2027-06-07']);
      expect(result.projectStart).toBe('2027-06-07');
    });

    it('should show a milestone at the start of a later task at the end of the previous working day', () => {
      const result = schedulePlan(
        plan({ tasks: [task('A', 5), task('T', 3), task('M', 0)], links: [link('A', 'T'), link('T', 'M', 'SS')] }),
      );
      expect(span(result, 'T')).toEqual(['2027-06-14', '2027-06-16']);
      expect(span(result, 'M')).toEqual(['2027-06-11', '2027-06-11']);
    });

    it('should put the go-live milestone of a retroplanning on the anchor', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [task('T', 3), task('Go-live', 0)],
        links: [link('T', 'Go-live')],
      });
      expect(span(result, 'Go-live')).toEqual(['2027-06-25', '2027-06-25']);
      expect(span(result, 'T')).toEqual(['2027-06-23', '2027-06-25']);
    });

    it('should move a backward anchor on a day off to the previous working day', () => {
      const sunday = schedulePlan({ mode: 'backward', anchor: '2027-06-27', tasks: [task('M', 0)], links: [] });
      expect(span(sunday, 'M')).toEqual(['2027-06-25', '2027-06-25']);
      const whitMonday = schedulePlan({ mode: 'backward', anchor: '2027-05-17', tasks: [task('T', 2)], links: [] });
      expect(span(whitMonday, 'T')).toEqual(['2027-05-13', '2027-05-14']);
    });

    it('should move a forward anchor on a day off to the next working day', () => {
      const result = schedulePlan(plan({ anchor: '2027-05-15', tasks: [task('K', 0), task('T', 1)], links: [link('K', 'T')] }));
      expect(span(result, 'K')).toEqual(['2027-05-18', '2027-05-18']);
      expect(span(result, 'T')).toEqual(['2027-05-18', '2027-05-18']);
    });

    it('should answer the anchor as project dates for an empty plan', () => {
      expect(schedulePlan(plan({ anchor: '2027-06-05' }))).toEqual({
        tasks: {},
        projectStart: '2027-06-07',
        projectFinish: '2027-06-07',
        errors: [],
        warnings: [],
      });
    });
  });

  describe('calendar', () => {
    it('should skip extra holidays', () => {
      const result = schedulePlan(plan({ calendar: { extraHolidays: ['2027-06-09'] }, tasks: [task('T', 5)] }));
      expect(span(result, 'T')).toEqual(['2027-06-07', '2027-06-14']);
    });

    it('should follow a four-day week', () => {
      const result = schedulePlan(plan({ calendar: { workingWeekdays: [1, 2, 3, 4] }, tasks: [task('T', 5)] }));
      expect(span(result, 'T')).toEqual(['2027-06-07', '2027-06-14']);
    });

    it('should work on Saturdays when told to', () => {
      const result = schedulePlan(plan({ calendar: { workingWeekdays: [1, 2, 3, 4, 5, 6] }, tasks: [task('T', 6)] }));
      expect(span(result, 'T')).toEqual(['2027-06-07', '2027-06-12']);
    });

    it('should work through Ascension without French public holidays', () => {
      const base = { anchor: '2027-05-03', tasks: [task('A', 6)] };
      expect(span(schedulePlan(plan({ ...base, calendar: { publicHolidays: 'none' } })), 'A')).toEqual([
        '2027-05-03',
        '2027-05-10',
      ]);
      expect(span(schedulePlan(plan(base)), 'A')).toEqual(['2027-05-03', '2027-05-11']);
    });

    it('should count 29 February as a working day in a leap year, and no such day otherwise', () => {
      // 2028-02-29 is a Tuesday; in 2100 (not a leap year) Friday 26 February is followed by Monday 1 March.
      const leap = schedulePlan(plan({ anchor: '2028-02-28', tasks: [task('A', 3), task('M', 0)], links: [link('A', 'M')] }));
      expect(leap.tasks['A']).toMatchObject({ start: '2028-02-28', finish: '2028-03-01' });
      expect(leap.tasks['M']?.start).toBe('2028-03-01');
      const back = schedulePlan({ mode: 'backward', anchor: '2028-03-01', tasks: [task('A', 2)], links: [] });
      expect(back.tasks['A']).toMatchObject({ start: '2028-02-29', finish: '2028-03-01' });
      const century = schedulePlan(plan({ anchor: '2100-02-25', tasks: [task('A', 3)] }));
      expect(century.tasks['A']).toMatchObject({ start: '2100-02-25', finish: '2100-03-01' });
    });

    it('should schedule across years of holidays', () => {
      const result = schedulePlan(plan({ anchor: '2027-01-04', tasks: [task('T', 600), task('U', 1)], links: [link('T', 'U')] }));
      // 600 working days from 4 January 2027; U then waits for Whit Monday 2029 to pass.
      expect(span(result, 'T')).toEqual(['2027-01-04', '2029-05-18']);
      expect(span(result, 'U')).toEqual(['2029-05-22', '2029-05-22']);
    });
  });

  describe('actual dates', () => {
    it('should keep the actual dates of a finished task and take its duration from them', () => {
      const result = schedulePlan(
        plan({
          anchor: '2027-06-01',
          tasks: [task('A', 5, { actualStart: '2027-06-01', actualFinish: '2027-06-09' }), task('B', 2)],
          links: [link('A', 'B')],
        }),
      );
      expect(span(result, 'A')).toEqual(['2027-06-01', '2027-06-09']);
      expect(span(result, 'B')).toEqual(['2027-06-10', '2027-06-11']);
      expect(result.tasks['A']).toMatchObject({ earlyStart: '2027-06-01', lateFinish: '2027-06-09', totalFloat: 0 });
      expect(result.warnings).toEqual([]);
    });

    it('should start a finished task without actual start its duration before its finish', () => {
      const result = schedulePlan(plan({ tasks: [task('A', 3, { actualFinish: '2027-06-09' })] }));
      expect(span(result, 'A')).toEqual(['2027-06-07', '2027-06-09']);
    });

    it('should finish a started task its duration after its actual start', () => {
      const result = schedulePlan(
        plan({ tasks: [task('A', 3, { actualStart: '2027-06-08' }), task('B', 1)], links: [link('A', 'B')] }),
      );
      expect(span(result, 'A')).toEqual(['2027-06-08', '2027-06-10']);
      expect(span(result, 'B')).toEqual(['2027-06-11', '2027-06-11']);
    });

    it('should keep a reached milestone on its actual date', () => {
      const result = schedulePlan(
        plan({ tasks: [task('M', 0, { actualFinish: '2027-06-09' }), task('B', 1)], links: [link('M', 'B')] }),
      );
      expect(span(result, 'M')).toEqual(['2027-06-09', '2027-06-09']);
      expect(span(result, 'B')).toEqual(['2027-06-10', '2027-06-10']);
    });

    it('should hold actual dates in a retroplanning and plan the rest as late as possible', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [task('Done', 3, { actualStart: '2027-06-01', actualFinish: '2027-06-03' }), task('Next', 2), task('Go-live', 0)],
        links: [link('Done', 'Next'), link('Next', 'Go-live')],
      });
      expect(span(result, 'Done')).toEqual(['2027-06-01', '2027-06-03']);
      expect(span(result, 'Next')).toEqual(['2027-06-24', '2027-06-25']);
      expect(result.tasks['Next']).toMatchObject({ earlyStart: '2027-06-04', totalFloat: 14 });
      expect(result.projectStart).toBe('2027-06-01');
    });

    it('should keep actual dates years in the past', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2030-01-15',
        tasks: [task('Old', 5, { actualStart: '2019-03-04', actualFinish: '2019-03-08' }), task('New', 3)],
        links: [link('Old', 'New')],
      });
      expect(result.errors).toEqual([]);
      expect(span(result, 'Old')).toEqual(['2019-03-04', '2019-03-08']);
      expect(span(result, 'New')).toEqual(['2030-01-11', '2030-01-15']);
      expect(result.projectStart).toBe('2019-03-04');
    });
  });

  describe('fixed milestones', () => {
    it('should keep a COPIL on its date and plan around it forward', () => {
      const result = schedulePlan(
        plan({
          tasks: [task('P', 3), task('COPIL', 0, { fixedDate: '2027-06-15' }), task('T', 2)],
          links: [link('P', 'COPIL'), link('COPIL', 'T')],
        }),
      );
      expect(span(result, 'COPIL')).toEqual(['2027-06-15', '2027-06-15']);
      expect(span(result, 'T')).toEqual(['2027-06-16', '2027-06-17']);
      expect(result.tasks['P']).toMatchObject({
        start: '2027-06-07',
        lateStart: '2027-06-11',
        lateFinish: '2027-06-15',
        totalFloat: 4,
      });
      expect(result.tasks['COPIL']).toMatchObject({ totalFloat: 0, critical: true });
      expect(result.warnings).toEqual([]);
    });

    it('should keep a COPIL on its date and plan around it backward', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [task('P', 3), task('COPIL', 0, { fixedDate: '2027-06-15' }), task('T', 2), task('Go-live', 0)],
        links: [link('P', 'COPIL'), link('COPIL', 'T'), link('T', 'Go-live')],
      });
      expect(span(result, 'P')).toEqual(['2027-06-11', '2027-06-15']);
      expect(span(result, 'COPIL')).toEqual(['2027-06-15', '2027-06-15']);
      expect(span(result, 'T')).toEqual(['2027-06-24', '2027-06-25']);
      expect(result.tasks['T']).toMatchObject({ earlyStart: '2027-06-16', totalFloat: 6 });
      expect(result.warnings).toEqual([]);
    });

    it('should hold a fixed milestone that comes too early in both passes, the work before it taking the negative float', () => {
      const result = schedulePlan(
        plan({
          tasks: [task('A', 5), task('B', 3), task('COPIL', 0, { fixedDate: '2027-06-10' })],
          links: [link('A', 'B'), link('B', 'COPIL')],
        }),
      );
      expect(result.errors).toEqual([]);
      expect(span(result, 'COPIL')).toEqual(['2027-06-10', '2027-06-10']);
      expect(span(result, 'B')).toEqual(['2027-06-14', '2027-06-16']);
      // Like a "must start on" constraint: the milestone's own early and late dates are its date.
      expect(result.tasks['COPIL']).toEqual({
        start: '2027-06-10',
        finish: '2027-06-10',
        earlyStart: '2027-06-10',
        earlyFinish: '2027-06-10',
        lateStart: '2027-06-10',
        lateFinish: '2027-06-10',
        totalFloat: 0,
        critical: true,
      });
      expect(result.tasks['B']).toMatchObject({ lateStart: '2027-06-08', lateFinish: '2027-06-10', totalFloat: -4, critical: true });
      expect(result.tasks['A']).toMatchObject({ lateStart: '2027-06-01', lateFinish: '2027-06-07', totalFloat: -4 });
      expect(result.warnings).toEqual([
        { code: 'constraint_conflict', message: expect.stringContaining('4 working days'), taskIds: ['B', 'COPIL'] },
      ]);
    });

    it('should hold a task done late in both passes, its successors taking the negative float', () => {
      // Retroplanning to Friday 25 June: Done should have finished by 18 June (Next needs 5 days)
      // but finished on 22 June.
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [
          task('Done', 5, { actualStart: '2027-06-14', actualFinish: '2027-06-22' }),
          task('Next', 5),
          task('Go-live', 0),
        ],
        links: [link('Done', 'Next'), link('Next', 'Go-live')],
      });
      expect(result.tasks['Done']).toEqual({
        start: '2027-06-14',
        finish: '2027-06-22',
        earlyStart: '2027-06-14',
        earlyFinish: '2027-06-22',
        lateStart: '2027-06-14',
        lateFinish: '2027-06-22',
        totalFloat: 0,
        critical: true,
      });
      expect(result.tasks['Next']).toMatchObject({
        start: '2027-06-21',
        finish: '2027-06-25',
        earlyStart: '2027-06-23',
        earlyFinish: '2027-06-29',
        totalFloat: -2,
      });
      expect(result.tasks['Go-live']).toMatchObject({ start: '2027-06-25', earlyStart: '2027-06-29', totalFloat: -2 });
      expect(result.warnings).toEqual([
        { code: 'constraint_conflict', message: expect.stringContaining('2 working days'), taskIds: ['Done', 'Next'] },
      ]);
    });

    it('should keep a started task on its actual start in both passes', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [task('Started', 3, { actualStart: '2027-06-09' }), task('Next', 2)],
        links: [link('Started', 'Next')],
      });
      expect(result.tasks['Started']).toMatchObject({
        start: '2027-06-09',
        earlyStart: '2027-06-09',
        lateStart: '2027-06-09',
        lateFinish: '2027-06-11',
        totalFloat: 0,
      });
      expect(result.tasks['Next']).toMatchObject({ earlyStart: '2027-06-14', start: '2027-06-24', totalFloat: 8 });
    });

    it('should warn about two pinned ends of a broken link without negative float on the finished task', () => {
      const result = schedulePlan(
        plan({
          tasks: [task('A', 5, { actualStart: '2027-06-07', actualFinish: '2027-06-16' }), task('M', 0, { fixedDate: '2027-06-10' })],
          links: [link('A', 'M')],
        }),
      );
      expect(result.tasks['A']).toMatchObject({ start: '2027-06-07', finish: '2027-06-16', lateFinish: '2027-06-16', totalFloat: 0 });
      expect(result.tasks['M']).toMatchObject({ start: '2027-06-10', earlyStart: '2027-06-10', totalFloat: 0 });
      expect(codes(result.warnings)).toEqual(['constraint_conflict']);
      expect(result.warnings[0]?.taskIds).toEqual(['A', 'M']);
    });

    it('should warn about a fixed milestone after the go-live and keep it on its date', () => {
      const result = schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        tasks: [task('Late', 0, { fixedDate: '2027-06-29' })],
        links: [],
      });
      expect(result.tasks['Late']).toMatchObject({ start: '2027-06-29', lateStart: '2027-06-29', totalFloat: 0, critical: true });
      expect(result.warnings).toEqual([
        { code: 'constraint_conflict', message: expect.stringContaining('after the project finish'), taskIds: ['Late'] },
      ]);
      expect(result.projectFinish).toBe('2027-06-29');
    });

    it('should warn about an actual start before the start of a forward plan', () => {
      const result = schedulePlan(plan({ tasks: [task('Early', 2, { actualStart: '2027-06-03' })] }));
      expect(result.tasks['Early']).toMatchObject({ start: '2027-06-03', finish: '2027-06-04', earlyStart: '2027-06-03', totalFloat: 0 });
      expect(result.warnings).toEqual([
        { code: 'constraint_conflict', message: expect.stringContaining('before the project start'), taskIds: ['Early'] },
      ]);
      expect(result.projectStart).toBe('2027-06-03');
    });
  });

  describe('non-working dates', () => {
    it('should move an actual start on a Saturday to the Monday', () => {
      const result = schedulePlan(plan({ tasks: [task('T', 2, { actualStart: '2027-06-12' })] }));
      expect(span(result, 'T')).toEqual(['2027-06-14', '2027-06-15']);
      expect(result.warnings).toEqual([
        { code: 'non_working_date', message: expect.stringContaining('2027-06-12'), taskIds: ['T'] },
      ]);
    });

    it('should move an actual finish on a Sunday to the Friday', () => {
      const result = schedulePlan(plan({ tasks: [task('T', 2, { actualFinish: '2027-06-13' })] }));
      expect(span(result, 'T')).toEqual(['2027-06-10', '2027-06-11']);
      expect(codes(result.warnings)).toEqual(['non_working_date']);
    });

    it('should move a fixed date on Whit Monday to the previous working day', () => {
      const result = schedulePlan(
        plan({ anchor: '2027-05-03', tasks: [task('COPIL', 0, { fixedDate: '2027-05-17' })] }),
      );
      expect(span(result, 'COPIL')).toEqual(['2027-05-14', '2027-05-14']);
      expect(result.warnings).toEqual([
        { code: 'non_working_date', message: expect.stringContaining('2027-05-17'), taskIds: ['COPIL'] },
      ]);
    });
  });

  describe('status date', () => {
    const retroplanning = (statusDate: string, tasks: PlanTaskInput[]): PlanResult =>
      schedulePlan({
        mode: 'backward',
        anchor: '2027-06-25',
        statusDate,
        tasks,
        links: [link('P', 'S'), link('S', 'Z')],
      });

    it('should name the tasks that should already have begun', () => {
      const result = retroplanning('2027-06-16', [task('P', 3), task('S', 2), task('Z', 5)]);
      expect(span(result, 'P')).toEqual(['2027-06-14', '2027-06-16']);
      expect(result.warnings).toEqual([
        { code: 'in_the_past', message: expect.stringContaining('2027-06-16'), taskIds: ['P'] },
      ]);
    });

    it('should not name a task starting on the status date', () => {
      expect(retroplanning('2027-06-14', [task('P', 3), task('S', 2), task('Z', 5)]).warnings).toEqual([]);
    });

    it('should not name started or finished tasks', () => {
      const result = retroplanning('2027-06-18', [
        task('P', 3, { actualStart: '2027-06-14' }),
        task('S', 2, { actualFinish: '2027-06-18' }),
        task('Z', 5),
      ]);
      expect(result.warnings).toEqual([]);
    });

    it('should name a fixed milestone in the past that nobody marked as reached', () => {
      const result = schedulePlan(
        plan({ statusDate: '2027-06-20', tasks: [task('COPIL', 0, { fixedDate: '2027-06-15' }), task('T', 20)] }),
      );
      expect(result.warnings).toEqual([
        { code: 'in_the_past', message: expect.any(String), taskIds: ['COPIL', 'T'] },
      ]);
    });
  });

  describe('errors', () => {
    const expectError = (input: unknown, code: string, taskIds: string[]): PlanResult => {
      const result = schedulePlan(input as PlanInput);
      expect(result.errors).toContainEqual({ code, message: expect.any(String), taskIds });
      expect(result.tasks).toEqual({});
      expect(result.projectStart).toBe('');
      return result;
    };

    it('should report a link naming an unknown task', () => {
      const result = expectError(plan({ tasks: [task('A', 1)], links: [link('A', 'Ghost')] }), 'unknown_task', ['Ghost']);
      expect(result.errors[0]?.message).toContain('"Ghost"');
    });

    it('should report a link from a task to itself as a cycle', () => {
      expectError(plan({ tasks: [task('A', 1)], links: [link('A', 'A')] }), 'cycle', ['A']);
    });

    it('should report a cycle in order, from its task given first', () => {
      const result = expectError(
        plan({
          tasks: [task('Start', 1), task('C', 1), task('A', 1), task('B', 1), task('After', 1)],
          links: [link('Start', 'A'), link('A', 'B'), link('B', 'C'), link('C', 'A'), link('C', 'After')],
        }),
        'cycle',
        ['C', 'A', 'B'],
      );
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.message).toBe('dependency cycle: C → A → B → C');
    });

    it('should report every separate cycle', () => {
      const result = schedulePlan(
        plan({
          tasks: [task('A', 1), task('B', 1), task('C', 1), task('D', 1)],
          links: [link('A', 'B'), link('B', 'A'), link('C', 'D'), link('D', 'C', 'SS', 3), link('D', 'D')],
        }),
      );
      expect(result.errors.map((error) => error.taskIds)).toEqual([['A', 'B'], ['C', 'D'], ['D']]);
    });

    it.each([-1, 1.5, Number.NaN, '3', null])('should refuse a duration of %p', (duration) => {
      expectError(plan({ tasks: [{ id: 'A', duration: duration as number }] }), 'invalid_duration', ['A']);
    });

    it('should refuse malformed dates', () => {
      expectError(plan({ anchor: '2027-02-30' }), 'invalid_date', []);
      expectError(plan({ statusDate: 'today' }), 'invalid_date', []);
      expectError(plan({ tasks: [task('A', 1, { actualStart: '2027/06/01' })] }), 'invalid_date', ['A']);
      expectError(plan({ tasks: [task('M', 0, { fixedDate: '15 June' })] }), 'invalid_date', ['M']);
      expectError(plan({ calendar: { extraHolidays: ['2027-12-32'] } }), 'invalid_date', []);
    });

    it('should refuse an actual finish before the actual start', () => {
      expectError(
        plan({ tasks: [task('A', 2, { actualStart: '2027-06-09', actualFinish: '2027-06-08' })] }),
        'invalid_date',
        ['A'],
      );
    });

    it('should refuse a calendar without working weekday', () => {
      expectError(plan({ calendar: { workingWeekdays: [] } }), 'invalid_calendar', []);
      expectError(plan({ calendar: { workingWeekdays: [0, 8] } }), 'invalid_calendar', []);
    });

    it('should refuse two tasks with the same id', () => {
      expectError(plan({ tasks: [task('A', 1), task('B', 1), task('A', 2)] }), 'duplicate_task', ['A']);
    });

    it('should refuse a fixed date on a task that is not a milestone', () => {
      expectError(plan({ tasks: [task('A', 3, { fixedDate: '2027-06-10' })] }), 'invalid_fixed_date', ['A']);
    });

    it('should refuse a link of unknown type or fractional lag', () => {
      const tasks = [task('A', 1), task('B', 1)];
      expectError(plan({ tasks, links: [{ from: 'A', to: 'B', type: 'XX' as LinkType }] }), 'invalid_link', ['A', 'B']);
      expectError(plan({ tasks, links: [link('A', 'B', 'FS', 0.5)] }), 'invalid_link', ['A', 'B']);
    });

    it('should refuse a plan whose shape is wrong', () => {
      expectError(plan({ mode: 'sideways' as 'forward' }), 'invalid_input', []);
      expectError({ mode: 'forward', anchor: '2027-06-07', tasks: 'A', links: [] }, 'invalid_input', []);
      expectError(plan({ tasks: [{ id: '', duration: 1 }] }), 'invalid_input', []);
    });

    it('should refuse a schedule that runs past 9999-12-31', () => {
      expectError(plan({ anchor: '9999-12-20', tasks: [task('T', 30)] }), 'out_of_range', []);
    });

    it('should report every problem at once', () => {
      const result = schedulePlan(
        plan({
          anchor: 'soon',
          tasks: [task('A', -2), task('A', 1)],
          links: [link('A', 'Ghost'), link('A', 'A')],
        }),
      );
      expect(codes(result.errors)).toEqual(['invalid_date', 'invalid_duration', 'duplicate_task', 'unknown_task', 'cycle']);
    });

    it.each<[string, unknown]>([
      ['undefined', undefined],
      ['null', null],
      ['a string', 'plan'],
      ['an empty object', {}],
      ['null tasks and links', { mode: 'forward', anchor: '2027-06-07', tasks: [null], links: [null] }],
      ['a BigInt lag', plan({ tasks: [task('A', 1), task('B', 1)], links: [{ from: 'A', to: 'B', lag: 1n as unknown as number }] })],
      ['a non-string link end', plan({ tasks: [task('A', 1)], links: [{ from: 'A', to: 42 as unknown as string }] })],
    ])('should never throw, even given %s', (_, input) => {
      const result = schedulePlan(input as PlanInput);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.tasks).toEqual({});
    });
  });

  describe('determinism', () => {
    const input = plan({
      tasks: [task('A', 3), task('B', 2), task('C', 0), task('D', 4, { actualStart: '2027-06-08' }), task('E', 1)],
      links: [link('A', 'B'), link('A', 'C', 'SS', 1), link('B', 'E', 'FF', -1), link('C', 'E'), link('D', 'E', 'SF', 2)],
    });

    it('should answer the same result twice', () => {
      expect(schedulePlan(input)).toEqual(schedulePlan(input));
    });

    it('should not depend on the order of tasks and links', () => {
      const reversed = schedulePlan({ ...input, tasks: [...input.tasks].reverse(), links: [...input.links].reverse() });
      expect(reversed.tasks).toEqual(schedulePlan(input).tasks);
    });

    it('should keep the tasks in input order', () => {
      expect(Object.keys(schedulePlan(input).tasks)).toEqual(['A', 'B', 'C', 'D', 'E']);
    });

    it('should accept a task named __proto__ like any other', () => {
      const result = schedulePlan(plan({ tasks: [task('__proto__', 2)] }));
      expect(Object.keys(result.tasks)).toEqual(['__proto__']);
      expect(Object.getPrototypeOf(result.tasks)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(result.tasks))['__proto__']).toMatchObject({ start: '2027-06-07' });
    });
  });
});
