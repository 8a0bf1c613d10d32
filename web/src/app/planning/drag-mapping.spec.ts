import { WorkingCalendar } from '@jalon/planning';
import { gestureToEdit } from './drag-mapping';
import { applyEdit, previewPlan } from './plan-edit';
import { fixturePlan, taskOf } from './planning.fixtures';

const calendar = new WorkingCalendar({ publicHolidays: 'fr' });

/** The worked example of libs/planning/README.md: A (6) → B (3) → M, go-live Wednesday 19 May 2027. */
const backward = () =>
  fixturePlan({
    tasks: [
      { id: 'A', duration: 6 },
      { id: 'B', duration: 3 },
      { id: 'M', duration: 0 },
    ],
    links: [
      { id: 'AB', from: 'A', to: 'B' },
      { id: 'BM', from: 'B', to: 'M' },
    ],
  });

function dropped(plan: ReturnType<typeof backward>, edit: Parameters<typeof applyEdit>[1]) {
  return previewPlan(applyEdit(plan, edit), '2020-01-01').plan;
}

describe(gestureToEdit.name, () => {
  it('should start from the worked example of the scheduling contract', () => {
    const plan = backward();
    expect(taskOf(plan, 'B')).toMatchObject({ start: '2027-05-14', finish: '2027-05-19' });
    expect(taskOf(plan, 'A')).toMatchObject({ start: '2027-05-05', finish: '2027-05-13' });
  });

  describe('moving a bar in a retroplanning', () => {
    it('should lengthen the lag to its successor when it is dragged earlier, and its predecessors should follow', () => {
      const plan = backward();
      // B dragged from Friday 14 May to Tuesday 11 May: 3 working days earlier.
      const outcome = gestureToEdit(plan, { kind: 'move', taskId: 'B', start: '2027-05-11' }, calendar);
      expect(outcome).toEqual({
        ok: true,
        edit: { tasks: [], links: [{ id: 'BM', lag: 3 }] },
        summary: { kind: 'lag', days: -3, linkCount: 1 },
      });
      if (!outcome.ok) return;
      const after = dropped(plan, outcome.edit);
      expect(taskOf(after, 'B').start).toBe('2027-05-11');
      expect(taskOf(after, 'A').finish).toBe('2027-05-10');
      expect(taskOf(after, 'M').finish).toBe('2027-05-19');
    });

    it('should shorten the lag, down to a negative one, when it is dragged later', () => {
      const plan = backward();
      const outcome = gestureToEdit(plan, { kind: 'move', taskId: 'A', start: '2027-05-07' }, calendar);
      expect(outcome.ok && outcome.edit.links).toEqual([{ id: 'AB', lag: -1 }]);
      if (!outcome.ok) return;
      expect(taskOf(dropped(plan, outcome.edit), 'A').start).toBe('2027-05-07');
    });

    it('should change every link that would otherwise hold the task back', () => {
      const plan = fixturePlan({
        tasks: [
          { id: 'A', duration: 2 },
          { id: 'B', duration: 2 },
          { id: 'C', duration: 5 },
          { id: 'M', duration: 0 },
        ],
        links: [
          { id: 'AB', from: 'A', to: 'B' },
          { id: 'AC', from: 'A', to: 'C' },
          { id: 'BM', from: 'B', to: 'M' },
          { id: 'CM', from: 'C', to: 'M' },
        ],
      });
      const a = taskOf(plan, 'A');
      const target = calendar.addWorkingDays(a.start, 4);
      const outcome = gestureToEdit(plan, { kind: 'move', taskId: 'A', start: target }, calendar);
      if (!outcome.ok) throw new Error('refused');
      expect(outcome.edit.links.map((link) => link.id).sort()).toEqual(['AB', 'AC']);
      expect(taskOf(dropped(plan, outcome.edit), 'A').start).toBe(target);
    });

    it('should refuse to move a task that nothing holds in the scheduling direction', () => {
      const plan = backward();
      expect(gestureToEdit(plan, { kind: 'move', taskId: 'B', start: '2027-05-14' }, calendar)).toEqual({ ok: false, reason: 'no_change' });
      const alone = fixturePlan({ tasks: [{ id: 'X', duration: 3 }] });
      expect(gestureToEdit(alone, { kind: 'move', taskId: 'X', start: '2027-05-03' }, calendar)).toEqual({
        ok: false,
        reason: 'no_driving_link',
      });
    });
  });

  describe('moving a bar in a forward plan', () => {
    it('should change the lag from its predecessor so that its successors move with it', () => {
      const plan = fixturePlan({
        mode: 'forward',
        anchor: '2027-05-03',
        tasks: [
          { id: 'A', duration: 2 },
          { id: 'B', duration: 2 },
          { id: 'C', duration: 2 },
        ],
        links: [
          { id: 'AB', from: 'A', to: 'B' },
          { id: 'BC', from: 'B', to: 'C' },
        ],
      });
      const c = taskOf(plan, 'C').start;
      const outcome = gestureToEdit(plan, { kind: 'move', taskId: 'B', start: calendar.addWorkingDays(taskOf(plan, 'B').start, 2) }, calendar);
      expect(outcome.ok && outcome.edit.links).toEqual([{ id: 'AB', lag: 2 }]);
      if (!outcome.ok) return;
      expect(taskOf(dropped(plan, outcome.edit), 'C').start).toBe(calendar.addWorkingDays(c, 2));
    });
  });

  it('should move the actual start of a started task', () => {
    const plan = fixturePlan({ tasks: [{ id: 'A', duration: 5, actualStart: '2027-05-03' }] });
    const outcome = gestureToEdit(plan, { kind: 'move', taskId: 'A', start: '2027-05-04' }, calendar);
    expect(outcome.ok && outcome.edit.tasks).toEqual([{ id: 'A', actualStart: '2027-05-04' }]);
  });

  it('should pin a dragged milestone to the day it was dropped on, a weekend meaning the Friday before', () => {
    const plan = backward();
    expect(gestureToEdit(plan, { kind: 'move', taskId: 'M', start: '2027-05-12' }, calendar)).toMatchObject({
      ok: true,
      edit: { tasks: [{ id: 'M', fixedDate: '2027-05-12' }] },
    });
    expect(gestureToEdit(plan, { kind: 'move', taskId: 'M', start: '2027-05-16' }, calendar)).toMatchObject({
      edit: { tasks: [{ id: 'M', fixedDate: '2027-05-14' }] },
    });
  });

  it('should turn a resize into a duration in working days, skipping weekends and holidays', () => {
    const plan = backward();
    // B from Friday 14 to Friday 21 May: 14, 18, 19, 20, 21 (17 May is Whit Monday).
    const outcome = gestureToEdit(plan, { kind: 'resize', taskId: 'B', start: '2027-05-14', finish: '2027-05-21' }, calendar);
    expect(outcome.ok && outcome.edit.tasks).toEqual([{ id: 'B', duration: 5 }]);
  });

  it('should grow a resized task of a retroplanning from its pinned finish, as the save will', () => {
    const plan = backward();
    // The right end of B (14–19 May) dragged two working days later, to Friday 21 May.
    const outcome = gestureToEdit(plan, { kind: 'resize', taskId: 'B', start: '2027-05-14', finish: '2027-05-21' }, calendar);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.summary).toEqual({ kind: 'duration', duration: 5, pinned: 'finish' });
    // Its successor holds the finish: the previewed bar keeps 19 May and starts two working days earlier.
    expect(taskOf(dropped(plan, outcome.edit), 'B')).toMatchObject({ start: '2027-05-12', finish: '2027-05-19', duration: 5 });
  });

  it('should keep the start of a resized task in a forward plan', () => {
    const plan = { ...backward(), settings: { ...backward().settings, mode: 'forward' as const } };
    const outcome = gestureToEdit(plan, { kind: 'resize', taskId: 'B', start: '2027-05-14', finish: '2027-05-21' }, calendar);
    expect(outcome).toMatchObject({ ok: true, summary: { kind: 'duration', pinned: 'start' } });
  });

  it('should clamp the progress between 0 and 100', () => {
    const plan = backward();
    expect(gestureToEdit(plan, { kind: 'progress', taskId: 'A', progress: 140 }, calendar)).toMatchObject({
      edit: { tasks: [{ id: 'A', progress: 100 }] },
    });
  });
});
