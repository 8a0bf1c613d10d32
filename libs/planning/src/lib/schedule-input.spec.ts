import { newLink, newLot, newMilestone, newPlan, newTask } from '../testing';
import { buildScheduleInput, computePlanSchedule, isLotGoLiveId } from './schedule-input';

describe(buildScheduleInput.name, () => {
  it('should map a stored plan to the engine input, today being the status date when the settings have none', () => {
    const a = newTask({ id: 'A', duration: 6 });
    const b = newTask({ id: 'B', duration: 3, actualStart: '2027-05-03' });
    const plan = newPlan({ tasks: [a, b], links: [newLink(a, b, { type: 'SS', lag: 2 })] });
    expect(buildScheduleInput(plan, '2027-01-04')).toEqual({
      mode: 'backward',
      anchor: '2027-05-19',
      calendar: { workingWeekdays: [1, 2, 3, 4, 5], publicHolidays: 'fr', extraHolidays: [] },
      tasks: [
        { id: 'A', duration: 6, actualStart: null, actualFinish: null, fixedDate: null },
        { id: 'B', duration: 3, actualStart: '2027-05-03', actualFinish: null, fixedDate: null },
      ],
      links: [{ from: 'A', to: 'B', type: 'SS', lag: 2 }],
      statusDate: '2027-01-04',
    });
    expect(buildScheduleInput(newPlan({ settings: { statusDate: '2027-02-01' } }), '2027-01-04').statusDate).toBe('2027-02-01');
  });

  it('should anchor a forward plan on its project start', () => {
    const plan = newPlan({ settings: { mode: 'forward', projectStart: '2027-01-04' } });
    expect(buildScheduleInput(plan, '2027-01-04')).toMatchObject({ mode: 'forward', anchor: '2027-01-04' });
  });

  it('should link the tasks of a lot with its own go-live to a hidden milestone fixed on it', () => {
    const lot = newLot({ id: 'L1', goLive: '2027-04-30' });
    const other = newLot({ id: 'L2', goLive: null });
    const plan = newPlan({
      lots: [lot, other],
      tasks: [newTask({ id: 'voice', lotId: 'L1' }), newTask({ id: 'chat', lotId: 'L2' }), newTask({ id: 'all' })],
    });
    const input = buildScheduleInput(plan, '2027-01-04');
    expect(input.tasks.filter((task) => isLotGoLiveId(task.id))).toEqual([{ id: 'lot-go-live:L1', duration: 0, fixedDate: '2027-04-30' }]);
    expect(input.links).toEqual([{ from: 'voice', to: 'lot-go-live:L1', type: 'FS', lag: 0 }]);
  });

  it('should move a backward anchor to the end of the work hanging after a milestone fixed on the go-live', () => {
    const work = newTask({ id: 'work', duration: 5 });
    const goLive = newMilestone({ id: 'mep', fixedDate: '2027-05-19' });
    const incubation = newTask({ id: 'incubation', duration: 10 });
    const plan = newPlan({ tasks: [work, goLive, incubation], links: [newLink(work, goLive), newLink(goLive, incubation)] });
    // Ten working days after Wednesday 19 May 2027.
    expect(buildScheduleInput(plan, '2027-01-04').anchor).toBe('2027-06-02');
    // Without the milestone fixed on the go-live, the go-live stays the anchor.
    const unpinned = newPlan({ tasks: [work, newMilestone({ id: 'mep' }), incubation], links: plan.links });
    expect(buildScheduleInput(unpinned, '2027-01-04').anchor).toBe('2027-05-19');
  });
});

describe(computePlanSchedule.name, () => {
  it('should keep the incubation after the go-live (README, worked example 5)', () => {
    const work = newTask({ id: 'work', duration: 5 });
    const mep = newMilestone({ id: 'mep', fixedDate: '2027-05-19' });
    const incubation = newTask({ id: 'incubation', duration: 10 });
    const plan = newPlan({ tasks: [work, mep, incubation], links: [newLink(work, mep), newLink(mep, incubation)] });
    const { result } = computePlanSchedule(plan, '2027-01-04');
    expect(result.tasks['incubation']).toMatchObject({ start: '2027-05-20', finish: '2027-06-02', totalFloat: 0 });
    expect(result.tasks['work']).toMatchObject({ start: '2027-05-12', finish: '2027-05-19', totalFloat: 0 });
    expect(result.tasks['mep']).toMatchObject({ start: '2027-05-19', totalFloat: 0 });
  });

  it('should answer the plan’s own tasks only, naming tasks and lots in the warnings', () => {
    const lot = newLot({ id: 'L1', name: 'Lot 1 voix', goLive: '2027-04-30' });
    const plan = newPlan({
      lots: [lot],
      tasks: [newTask({ id: 'voice', name: 'Routage', duration: 5, lotId: 'L1', actualStart: '2027-04-29' }), newTask({ id: 'other' })],
    });
    const schedule = computePlanSchedule(plan, '2027-04-30');
    expect(Object.keys(schedule.result.tasks)).toEqual(['voice', 'other']);
    expect(schedule.projectStart).toBe('2027-04-29');
    expect(schedule.projectFinish).toBe('2027-05-19');
    const conflict = schedule.warnings.find((warning) => warning.code === 'constraint_conflict');
    expect(conflict?.taskIds).toEqual(['voice']);
    expect(conflict?.message).toBe('« Routage » → go-live du lot « Lot 1 voix » (FS) is broken by 3 working days: actual or fixed dates keep it from holding');
  });

  it('should name every task of a long in_the_past list', () => {
    const tasks = Array.from({ length: 30 }, (_, i) => newTask({ id: `t${i}`, name: `Tâche ${i}`, duration: 1 }));
    const schedule = computePlanSchedule(newPlan({ tasks }), '2027-06-01');
    const late = schedule.warnings.find((warning) => warning.code === 'in_the_past')!;
    expect(late.taskIds).toHaveLength(30);
    expect(late.message).toContain('« Tâche 0 », « Tâche 1 », « Tâche 2 »');
    expect(late.message).toContain('« Tâche 29 »');
    expect(late.message).not.toMatch(/\bt\d/);
  });

  it('should not let work before the go-live, however long, push the finish of a retroplanning', () => {
    // Twelve years of work lead to the go-live milestone; the incubation after it still ends
    // ten working days after the go-live.
    const long = newTask({ id: 'long', duration: 3200 });
    const mep = newMilestone({ id: 'mep', fixedDate: '2027-05-19' });
    const incubation = newTask({ id: 'incubation', duration: 10 });
    const plan = newPlan({ tasks: [long, mep, incubation], links: [newLink(long, mep), newLink(mep, incubation)] });
    expect(buildScheduleInput(plan, '2027-01-04').anchor).toBe('2027-06-02');
    expect(computePlanSchedule(plan, '2027-01-04').result.tasks['long']).toMatchObject({ finish: '2027-05-19', totalFloat: 0 });
  });

  it('should report a cycle with the names of its tasks, and no dates', () => {
    const a = newTask({ id: 'A', name: 'Rédaction' });
    const b = newTask({ id: 'B', name: 'Validation' });
    const schedule = computePlanSchedule(newPlan({ tasks: [a, b], links: [newLink(a, b), newLink(b, a)] }), '2027-01-04');
    expect(schedule.errors).toEqual([
      { code: 'cycle', message: 'dependency cycle: « Rédaction » → « Validation » → « Rédaction »', taskIds: ['A', 'B'] },
    ]);
    expect(schedule.result.tasks).toEqual({});
    expect(schedule.projectStart).toBeNull();
  });
});
