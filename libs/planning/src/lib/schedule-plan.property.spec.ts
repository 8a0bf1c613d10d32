import fc from 'fast-check';
import { daysFromCivil, formatIsoDate } from './dates';
import { schedulePlan } from './schedule-plan';
import type { LinkType, PlanCalendar, PlanInput, PlanLinkInput, PlanResult, PlanTaskInput, ScheduledTask } from './types';
import { WorkingCalendar } from './working-calendar';

const LINK_TYPES: readonly LinkType[] = ['FS', 'SS', 'FF', 'SF'];
const FIRST_ANCHOR = daysFromCivil(2024, 1, 1);
const LAST_ANCHOR = daysFromCivil(2030, 12, 31);

interface Scenario {
  input: PlanInput;
  /** Tasks pinned by an actual or fixed date. */
  pinned: ReadonlySet<string>;
}

const calendarArbitrary = (anchorDay: number): fc.Arbitrary<PlanCalendar> =>
  fc.record({
    workingWeekdays: fc.oneof(
      fc.constant([1, 2, 3, 4, 5]),
      fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    ),
    publicHolidays: fc.constantFrom('fr' as const, 'none' as const),
    extraHolidays: fc.array(
      fc.integer({ min: -120, max: 120 }).map((offset) => formatIsoDate(anchorDay + offset)),
      { maxLength: 6 },
    ),
  });

/** A random plan whose links all go from a task to a later one, so it is acyclic. */
const planArbitrary = (options: { pinned: boolean }): fc.Arbitrary<Scenario> =>
  fc
    .record({
      anchorDay: fc.integer({ min: FIRST_ANCHOR, max: LAST_ANCHOR }),
      mode: fc.constantFrom('forward' as const, 'backward' as const),
      durations: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8 })), { minLength: 1, maxLength: 18 }),
      links: fc.array(
        fc.record({
          a: fc.nat(),
          b: fc.nat(),
          type: fc.constantFrom(...LINK_TYPES),
          lag: fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 7 })),
        }),
        { maxLength: 30 },
      ),
      // About one task in four gets an actual or fixed date, when the plan allows them.
      pins: fc.array(
        fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 3 },
          {
            arbitrary: fc.record({
              kind: fc.constantFrom('start' as const, 'finish' as const, 'fixed' as const),
              offset: fc.integer({ min: -60, max: 60 }),
            }),
            weight: 1,
          },
        ),
        { minLength: 18, maxLength: 18 },
      ),
    })
    .chain((plan) => calendarArbitrary(plan.anchorDay).map((calendar) => ({ ...plan, calendar })))
    .map(({ anchorDay, mode, durations, links, pins, calendar }) => {
      const pinned = new Set<string>();
      const tasks: PlanTaskInput[] = durations.map((duration, i) => {
        const task: PlanTaskInput = { id: `t${i}`, duration };
        const pin = pins[i];
        if (!options.pinned || pin === undefined) return task;
        const date = formatIsoDate(anchorDay + pin.offset);
        pinned.add(task.id);
        if (duration === 0 && pin.kind === 'fixed') return { ...task, fixedDate: date };
        return pin.kind === 'finish' ? { ...task, actualFinish: date } : { ...task, actualStart: date };
      });
      const planLinks: PlanLinkInput[] = [];
      for (const { a, b, type, lag } of links) {
        const from = a % durations.length;
        const to = b % durations.length;
        if (from === to) continue;
        planLinks.push({ from: `t${Math.min(from, to)}`, to: `t${Math.max(from, to)}`, type, lag });
      }
      const input: PlanInput = { mode, anchor: formatIsoDate(anchorDay), calendar, tasks, links: planLinks };
      return { input, pinned };
    });

type Dates = 'scheduled' | 'early' | 'late';

/**
 * Turns the dates of a result back into instants (working-day boundaries, see the contract),
 * so links can be checked the way the contract states them.
 */
interface Instants {
  start: number;
  finish: number;
  /** A floating milestone on the start date of a forward plan, whose instant is a guess. */
  guessed: boolean;
}

function instants(scenario: Scenario, result: PlanResult, which: Dates): Map<string, Instants> {
  const { input, pinned } = scenario;
  const calendar = new WorkingCalendar(input.calendar);
  const index = (date: string): number => calendar.workingDaysBetween(input.anchor, date);
  const projectStart = input.mode === 'forward' ? index(calendar.nextWorkingDay(input.anchor)) : Number.NaN;
  const byId = new Map<string, Instants>();
  const incoming = new Map<string, PlanLinkInput[]>();
  for (const link of input.links) incoming.set(link.to, [...(incoming.get(link.to) ?? []), link]);
  // Tasks come in topological order (links go from a task to a later one).
  for (const task of input.tasks) {
    const scheduled = result.tasks[task.id] as ScheduledTask;
    const [start, finish] =
      which === 'scheduled'
        ? [scheduled.start, scheduled.finish]
        : which === 'early'
          ? [scheduled.earlyStart, scheduled.earlyFinish]
          : [scheduled.lateStart, scheduled.lateFinish];
    if (task.duration > 0) {
      byId.set(task.id, { start: index(start), finish: index(finish) + 1, guessed: false });
      continue;
    }
    let instant = index(start) + 1;
    // A floating milestone shown on the start date of a forward plan may stand at its very
    // beginning or at the end of that day. Taking the beginning when that meets its incoming
    // links is exact for scheduled and early dates (the earliest instant that holds); for late
    // dates it can only make the links checked after it easier to meet.
    const guessed = instant - 1 === projectStart && !pinned.has(task.id);
    if (guessed) {
      const atStart = { start: projectStart, finish: projectStart };
      const fits = (incoming.get(task.id) ?? []).every((link) =>
        holds(link, byId.get(link.from) as { start: number; finish: number }, atStart),
      );
      if (fits) instant = projectStart;
    }
    byId.set(task.id, { start: instant, finish: instant, guessed });
  }
  return byId;
}

function holds(link: PlanLinkInput, from: { start: number; finish: number }, to: { start: number; finish: number }): boolean {
  const type = link.type ?? 'FS';
  const lag = link.lag ?? 0;
  const reference = (type === 'SS' || type === 'SF' ? from.start : from.finish) + lag;
  return (type === 'FF' || type === 'SF' ? to.finish : to.start) >= reference;
}

function brokenLinks(scenario: Scenario, result: PlanResult, which: Dates): string[] {
  const byId = instants(scenario, result, which);
  return scenario.input.links
    .filter((link) => !holds(link, byId.get(link.from)!, byId.get(link.to)!))
    .map((link) => `${link.from}>${link.to}`);
}

describe(schedulePlan.name, () => {
  it('should be tested on plans where actual and fixed dates do break links', () => {
    const results = fc
      .sample(planArbitrary({ pinned: true }), { numRuns: 300, seed: 42 })
      .map((scenario) => schedulePlan(scenario.input));
    const conflicting = results.filter((result) => result.warnings.some((warning) => warning.code === 'constraint_conflict'));
    expect(conflicting.length).toBeGreaterThan(30);
    expect(conflicting.length).toBeLessThan(270);
  });

  describe('on random acyclic plans without actual or fixed dates', () => {
    const plans = planArbitrary({ pinned: false });

    it('should meet every link with its scheduled, early and late dates', () => {
      fc.assert(
        fc.property(plans, (scenario) => {
          const result = schedulePlan(scenario.input);
          expect(result.errors).toEqual([]);
          expect(result.warnings).toEqual([]);
          for (const which of ['scheduled', 'early', 'late'] as const) {
            expect(brokenLinks(scenario, result, which)).toEqual([]);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('should never give negative float, and call critical exactly the tasks without float', () => {
      fc.assert(
        fc.property(plans, (scenario) => {
          const result = schedulePlan(scenario.input);
          const early = instants(scenario, result, 'early');
          const late = instants(scenario, result, 'late');
          for (const task of scenario.input.tasks) {
            const scheduled = result.tasks[task.id] as ScheduledTask;
            expect(scheduled.totalFloat).toBeGreaterThanOrEqual(0);
            expect(scheduled.critical).toBe(scheduled.totalFloat <= 0);
            const [earlyInstants, lateInstants] = [early.get(task.id)!, late.get(task.id)!];
            if (!earlyInstants.guessed && !lateInstants.guessed) {
              expect(scheduled.totalFloat).toBe(lateInstants.start - earlyInstants.start);
            }
          }
        }),
        { numRuns: 300 },
      );
    });

    it('should schedule on working days, within the project dates, for the given durations', () => {
      fc.assert(
        fc.property(plans, (scenario) => {
          const { input } = scenario;
          const result = schedulePlan(input);
          const calendar = new WorkingCalendar(input.calendar);
          const starts: string[] = [];
          const finishes: string[] = [];
          for (const task of input.tasks) {
            const scheduled = result.tasks[task.id] as ScheduledTask;
            const pairs: [string, string][] = [
              [scheduled.start, scheduled.finish],
              [scheduled.earlyStart, scheduled.earlyFinish],
              [scheduled.lateStart, scheduled.lateFinish],
            ];
            for (const [start, finish] of pairs) {
              expect(start <= finish).toBe(true);
              expect(calendar.isWorkingDay(start)).toBe(true);
              expect(calendar.isWorkingDay(finish)).toBe(true);
              expect(calendar.workingDaysBetween(start, finish)).toBe(Math.max(task.duration - 1, 0));
            }
            expect(scheduled.start >= result.projectStart).toBe(true);
            expect(scheduled.finish <= result.projectFinish).toBe(true);
            expect(scheduled.earlyStart <= scheduled.lateStart).toBe(true);
            starts.push(scheduled.start);
            finishes.push(scheduled.finish);
          }
          expect(result.projectStart).toBe([...starts].sort()[0]);
          expect(result.projectFinish).toBe([...finishes].sort().at(-1));
        }),
        { numRuns: 300 },
      );
    });

    it('should start a forward plan on the anchor and end a retroplanning on it', () => {
      fc.assert(
        fc.property(plans, ({ input }) => {
          const result = schedulePlan(input);
          const calendar = new WorkingCalendar(input.calendar);
          for (const scheduled of Object.values(result.tasks)) {
            if (input.mode === 'forward') {
              expect(scheduled.start).toBe(scheduled.earlyStart);
              expect(scheduled.finish).toBe(scheduled.earlyFinish);
            } else {
              expect(scheduled.start).toBe(scheduled.lateStart);
              expect(scheduled.finish).toBe(scheduled.lateFinish);
            }
          }
          if (input.mode === 'forward') {
            expect(result.projectStart).toBe(calendar.nextWorkingDay(input.anchor));
          } else {
            expect(result.projectFinish).toBe(calendar.previousWorkingDay(input.anchor));
          }
        }),
        { numRuns: 300 },
      );
    });

    it('should not depend on the order of tasks and links', () => {
      fc.assert(
        fc.property(plans, fc.integer({ min: 1, max: 1000 }), ({ input }, seed) => {
          const rotate = <T>(items: readonly T[]): T[] => {
            const by = seed % Math.max(items.length, 1);
            return [...items.slice(by), ...items.slice(0, by)].reverse();
          };
          const shuffled = schedulePlan({ ...input, tasks: rotate(input.tasks), links: rotate(input.links) });
          const original = schedulePlan(input);
          expect(shuffled.tasks).toEqual(original.tasks);
          expect([shuffled.projectStart, shuffled.projectFinish]).toEqual([original.projectStart, original.projectFinish]);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('on random acyclic plans with actual and fixed dates', () => {
    const plans = planArbitrary({ pinned: true });

    it('should warn about exactly the links that actual or fixed dates break', () => {
      fc.assert(
        fc.property(plans, (scenario) => {
          const result = schedulePlan(scenario.input);
          expect(result.errors).toEqual([]);
          const warned = result.warnings
            .filter((warning) => warning.code === 'constraint_conflict' && warning.taskIds.length === 2)
            .map((warning) => warning.taskIds.join('>'));
          expect(warned.sort()).toEqual(brokenLinks(scenario, result, 'scheduled').sort());
        }),
        { numRuns: 400 },
      );
    });

    it('should hold pinned tasks in both passes and show a broken link as negative float on its free end only', () => {
      fc.assert(
        fc.property(plans, ({ input, pinned }) => {
          const result = schedulePlan(input);
          for (const id of pinned) {
            const scheduled = result.tasks[id] as ScheduledTask;
            expect(scheduled).toMatchObject({
              earlyStart: scheduled.start,
              lateStart: scheduled.start,
              earlyFinish: scheduled.finish,
              lateFinish: scheduled.finish,
              totalFloat: 0,
            });
          }
          const conflicts = result.warnings.filter((warning) => warning.code === 'constraint_conflict');
          for (const conflict of conflicts) {
            for (const id of conflict.taskIds) {
              if (!pinned.has(id)) expect(result.tasks[id]?.totalFloat).toBeLessThan(0);
            }
          }
          const negative = Object.values(result.tasks).some((scheduled) => scheduled.totalFloat < 0);
          if (negative) expect(conflicts.length).toBeGreaterThan(0);
        }),
        { numRuns: 400 },
      );
    });

    it('should keep pinned tasks on their dates and floating ones within the anchor', () => {
      fc.assert(
        fc.property(plans, ({ input, pinned }) => {
          const result = schedulePlan(input);
          const calendar = new WorkingCalendar(input.calendar);
          for (const task of input.tasks) {
            const scheduled = result.tasks[task.id] as ScheduledTask;
            if (typeof task.fixedDate === 'string') expect(scheduled.start).toBe(calendar.previousWorkingDay(task.fixedDate));
            if (typeof task.actualStart === 'string' && task.duration > 0) {
              expect(scheduled.start).toBe(calendar.nextWorkingDay(task.actualStart));
            }
            if (typeof task.actualFinish === 'string') expect(scheduled.finish).toBe(calendar.previousWorkingDay(task.actualFinish));
            if (pinned.has(task.id)) continue;
            if (input.mode === 'forward') expect(scheduled.start >= calendar.nextWorkingDay(input.anchor)).toBe(true);
            else expect(scheduled.finish <= calendar.previousWorkingDay(input.anchor)).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
