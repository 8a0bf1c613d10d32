import { WorkingCalendar } from '@jalon/planning';
import { newLink, newLot, newMilestone, newPlan, newTask, scheduledPlan } from '@jalon/planning/testing';
import { applyEdit, inverseEdit, previewPlan, toBulkRequest } from './plan-edit';
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

  it('should undo an assignment to a member, every editable field of @jalon/domain being handled', () => {
    const assigned = applyEdit(plan, { tasks: [{ id: 'A', ownerUserId: 'u-42', ownerName: '' }], links: [] });
    expect(assigned.tasks[0]).toMatchObject({ ownerUserId: 'u-42' });
    const back = inverseEdit(plan, { tasks: [{ id: 'A', ownerUserId: 'u-42', ownerName: '' }], links: [] });
    expect(back.tasks).toEqual([{ id: 'A', ownerName: '', ownerUserId: null }]);
    expect(applyEdit(assigned, back).tasks[0]).toMatchObject({ ownerUserId: null });
  });

  it('should send each row with its current version and drop rows that no longer exist', () => {
    const bumped = { ...plan, tasks: plan.tasks.map((task) => ({ ...task, version: 5 })) };
    expect(toBulkRequest(bumped, { tasks: [{ id: 'A', progress: 50 }, { id: 'gone', progress: 1 }], links: [{ id: 'AB', lag: 0 }] })).toEqual({
      tasks: [{ id: 'A', progress: 50, version: 5 }],
      links: [{ id: 'AB', lag: 0, version: 1 }],
    });
  });
});

describe(previewPlan.name, () => {
  const calendar = new WorkingCalendar();
  const goLive = '2027-09-14';
  /** The shape of the template: work up to a go-live milestone fixed on the go-live, incubation after it. */
  function retroplanning(lotGoLive: string | null) {
    const lot = newLot({ name: 'Lot 1 voix', goLive: lotGoLive });
    const recette = newTask({ name: 'Recette', duration: 10, lotId: lot.id });
    const formation = newTask({ name: 'Formation', duration: 4 });
    const mep = newMilestone({ name: 'Mise en production', fixedDate: goLive });
    const incubation = newTask({ name: 'Incubation', duration: 40 });
    const end = newMilestone({ name: 'Fin d’incubation' });
    const plan = newPlan({
      settings: { targetGoLive: goLive },
      lots: [lot],
      tasks: [recette, formation, mep, incubation, end],
      links: [newLink(recette, formation), newLink(formation, mep), newLink(mep, incubation), newLink(incubation, end)],
    });
    return { plan, recette, formation, incubation, end };
  }

  it.each([null, '2027-07-30'])('should preview what the API serves, incubation after the go-live (lot go-live %s)', (lotGoLive) => {
    const { plan, recette, formation, incubation, end } = retroplanning(lotGoLive);
    const served = scheduledPlan(plan, '2027-01-04');
    const preview = previewPlan(served, '2027-01-04').plan;
    expect(preview.tasks).toEqual(served.tasks);
    expect(preview.warnings).toEqual(served.warnings);
    const task = (id: string) => preview.tasks.find((candidate) => candidate.id === id)!;
    // The incubation keeps its 40 days after the go-live instead of being squeezed before it.
    expect(task(incubation.id)).toMatchObject({ start: calendar.addWorkingDays(goLive, 1), totalFloat: 0 });
    expect(calendar.workingDaysBetween(goLive, task(end.id).finish)).toBe(40);
    expect(task(formation.id).finish).toBe(calendar.addWorkingDays(goLive, 0));
    // A lot with its own go-live finishes its work by it.
    expect(task(recette.id).finish).toBe(lotGoLive ?? calendar.addWorkingDays(goLive, -4));
    expect(preview.tasks.every((candidate) => candidate.totalFloat >= 0)).toBe(true);
  });

  it('should preview a drag where the API will put it, the incubation staying after the go-live', () => {
    const { plan, formation, incubation } = retroplanning(null);
    const served = scheduledPlan(plan, '2027-01-04');
    const edit = { tasks: [{ id: formation.id, duration: 9 }], links: [] };
    const preview = previewPlan(applyEdit(served, edit), '2027-01-04').plan;
    expect(preview.tasks).toEqual(scheduledPlan(applyEdit(served, edit), '2027-01-04').tasks);
    const task = (id: string) => preview.tasks.find((candidate) => candidate.id === id)!;
    expect(task(formation.id).start).toBe(calendar.addWorkingDays(goLive, -8));
    expect(task(incubation.id)).toEqual(served.tasks.find((candidate) => candidate.id === incubation.id));
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
