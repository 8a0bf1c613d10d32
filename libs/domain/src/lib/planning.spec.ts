import { compactPlan, expandPlan, type LinkDto, type RetroPlanningDto, type TaskDto } from './planning';

/** Day `n` after 2027-01-04 as 'YYYY-MM-DD' (UTC arithmetic on a calendar date: no time zone involved). */
const day = (n: number): string => new Date(Date.UTC(2027, 0, 4 + n)).toISOString().slice(0, 10);
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A plan shaped like the API benchmark's: 1,000 tasks in 10 phases, 1,500 links. */
function benchLikePlan(): RetroPlanningDto {
  const phases = Array.from({ length: 10 }, (_, index) => ({ id: uuid(900_000 + index), name: `Phase ${index + 1}`, position: index + 1, version: 1 }));
  const tasks = Array.from({ length: 1000 }, (_, index): TaskDto => {
    const milestone = index % 25 === 24;
    const start = (index * 7) % 300;
    const duration = milestone ? 0 : 1 + (index % 10);
    return {
      id: uuid(index),
      phaseId: phases[Math.floor((index % 50) / 5)]!.id,
      lotId: null,
      name: milestone ? `Jalon ${index}` : `Tâche ${index}`,
      duration,
      isMilestone: milestone,
      keyMilestone: milestone && index % 100 === 99,
      fixedDate: null,
      ownerName: 'Équipe projet',
      ownerUserId: null,
      progress: 0,
      actualStart: null,
      actualFinish: null,
      notes: '',
      position: index,
      version: 1,
      start: day(start),
      finish: day(start + duration),
      earlyStart: day(start - (index % 30)),
      earlyFinish: day(start + duration - (index % 30)),
      lateStart: day(start),
      lateFinish: day(start + duration),
      totalFloat: index % 30,
      critical: index % 30 === 0,
    };
  });
  const links = Array.from({ length: 1500 }, (_, index): LinkDto => ({
    id: uuid(500_000 + index),
    fromTaskId: tasks[index % 999]!.id,
    toTaskId: tasks[(index % 999) + 1]!.id,
    type: (['FS', 'SS', 'FF', 'SF'] as const)[index % 4]!,
    lag: (index % 4) - 1,
    version: 1 + (index % 3),
  }));
  return {
    projectId: uuid(1),
    settings: {
      mode: 'backward',
      targetGoLive: '2028-06-13',
      projectStart: null,
      calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: [] },
      statusDate: null,
      version: 3,
    },
    lots: [{ id: uuid(800_000), name: 'Lot 1', goLive: null, position: 0, version: 1 }],
    phases,
    tasks: tasks.map((task, index) => (index % 7 === 0 ? { ...task, lotId: uuid(800_000), actualStart: task.start, fixedDate: null } : task)),
    links,
    projectStart: day(-30),
    projectFinish: '2028-06-13',
    warnings: [{ code: 'in_the_past', message: '« Tâche 1 » starts in the past', taskIds: [uuid(1)] }],
    computedAt: '2027-01-04T10:00:00.000Z',
  };
}

describe('compactPlan / expandPlan', () => {
  it('should give back exactly the same plan', () => {
    const plan = benchLikePlan();
    expect(expandPlan(compactPlan(plan))).toEqual(plan);
    // Also through JSON, as it travels.
    expect(expandPlan(JSON.parse(JSON.stringify(compactPlan(plan))))).toEqual(plan);
  });

  it('should keep a plan with no tasks, nulls and a milestone intact', () => {
    const plan = benchLikePlan();
    const small: RetroPlanningDto = { ...plan, tasks: [{ ...plan.tasks[24]!, fixedDate: '2027-03-30', ownerUserId: uuid(7), notes: '<b>x</b>' }], links: [] };
    expect(expandPlan(compactPlan(small))).toEqual(small);
    const empty: RetroPlanningDto = { ...plan, tasks: [], links: [], lots: [], phases: [] };
    expect(expandPlan(compactPlan(empty))).toEqual(empty);
  });

  it('should take at most a third of the bytes of the plain JSON for a 1,000-task plan', () => {
    const plan = benchLikePlan();
    const plain = Buffer.byteLength(JSON.stringify(plan));
    const compact = Buffer.byteLength(JSON.stringify(compactPlan(plan)));
    expect(compact).toBeLessThanOrEqual(plain / 3);
  });
});
