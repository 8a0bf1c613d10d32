import { applyEdit, inverseEdit, toBulkRequest } from './plan-edit';
import { fixturePlan } from './planning.fixtures';
import { parseCell } from './task-table';

const plan = fixturePlan({
  tasks: [
    { id: 'A', duration: 4 },
    { id: 'B', duration: 2 },
  ],
  links: [{ id: 'AB', from: 'A', to: 'B', lag: 1 }],
});

describe('plan edits', () => {
  it('should revert exactly the fields an edit changes', () => {
    const edit = { tasks: [{ id: 'A', duration: 0, name: 'Jalon' }], links: [{ id: 'AB', lag: 3 }] };
    const after = applyEdit(plan, edit);
    expect(after.tasks[0]).toMatchObject({ duration: 0, isMilestone: true, name: 'Jalon' });
    const back = inverseEdit(plan, edit);
    expect(back).toEqual({ tasks: [{ id: 'A', name: 'Task A', duration: 4 }], links: [{ id: 'AB', lag: 1 }] });
    expect(applyEdit(after, back).tasks[0]).toMatchObject({ duration: 4, isMilestone: false, name: 'Task A' });
  });

  it('should send each row with its current version and drop rows that no longer exist', () => {
    const bumped = { ...plan, tasks: plan.tasks.map((task) => ({ ...task, version: 5 })) };
    expect(toBulkRequest(bumped, { tasks: [{ id: 'A', progress: 50 }, { id: 'gone', progress: 1 }], links: [{ id: 'AB', lag: 0 }] })).toEqual({
      tasks: [{ id: 'A', progress: 50, version: 5 }],
      links: [{ id: 'AB', lag: 0, version: 1 }],
    });
  });
});

describe(parseCell.name, () => {
  it('should read what a user types in a cell, or refuse it', () => {
    expect(parseCell('duration', '12 j')).toEqual({ duration: 12 });
    expect(parseCell('duration', '1.5')).toBeNull();
    expect(parseCell('progress', '45 %')).toEqual({ progress: 45 });
    expect(parseCell('progress', '120')).toBeNull();
    expect(parseCell('name', '  ')).toBeNull();
    expect(parseCell('owner', ' DSI ')).toEqual({ ownerName: 'DSI' });
  });
});
