import { previewPlan, applyEdit } from './plan-edit';
import { barClass, buildRows, NO_LOT, refreshRows, toGanttTasks } from './plan-rows';
import { fixturePlan } from './planning.fixtures';

const plan = fixturePlan({
  phases: ['p1', 'p2'],
  tasks: [
    { id: 'A', duration: 4, phase: 'p1', progress: 100 },
    { id: 'B', duration: 2, phase: 'p1', lotId: 'lot2' },
    { id: 'M', duration: 0, phase: 'p2' },
    { id: 'X', duration: 1 },
  ],
  links: [
    { id: 'AB', from: 'A', to: 'B' },
    { id: 'BM', from: 'B', to: 'M' },
  ],
});
const options = { lotId: null, collapsed: new Set<string>(), noPhaseLabel: 'Sans phase' };

describe(buildRows.name, () => {
  it('should put each phase before its tasks and the tasks without phase last', () => {
    expect(buildRows(plan, options).map((row) => row.id)).toEqual(['phase:p1', 'A', 'B', 'phase:p2', 'M', 'phase:none', 'X']);
  });

  it('should summarise a phase: span of its tasks and duration-weighted progress', () => {
    const [phase] = buildRows(plan, options);
    expect(phase).toMatchObject({ kind: 'phase', name: 'Phase p1', taskCount: 2, progress: 67 });
    if (phase?.kind !== 'phase') return;
    expect(phase.start).toBe(plan.tasks[0]?.start);
    expect(phase.finish).toBe(plan.tasks[1]?.finish);
  });

  it('should hide the tasks of a collapsed phase but keep its summary row', () => {
    const rows = buildRows(plan, { ...options, collapsed: new Set(['p1']) });
    expect(rows.map((row) => row.id)).toEqual(['phase:p1', 'phase:p2', 'M', 'phase:none', 'X']);
    expect(rows[0]).toMatchObject({ collapsed: true, taskCount: 2 });
  });

  it('should show only the tasks of the chosen lot, not those of no lot, and drop the phases left empty', () => {
    expect(buildRows(plan, { ...options, lotId: 'lot2' }).map((row) => row.id)).toEqual(['phase:p1', 'B']);
    expect(buildRows(plan, { ...options, lotId: 'lot1' }).map((row) => row.id)).toEqual([]);
  });

  it('should show the tasks of no lot on their own', () => {
    expect(buildRows(plan, { ...options, lotId: NO_LOT }).map((row) => row.id)).toEqual(['phase:p1', 'A', 'phase:p2', 'M', 'phase:none', 'X']);
  });
});

describe(toGanttTasks.name, () => {
  it('should give frappe-gantt the same rows, with arrows only between shown tasks', () => {
    const rows = buildRows(plan, { ...options, collapsed: new Set(['p1']) });
    const tasks = toGanttTasks(rows, plan, '2027-05-19');
    expect(tasks.map((task) => task.id)).toEqual(rows.map((row) => row.id));
    expect(tasks.find((task) => task.id === 'M')?.dependencies).toEqual([]);
    const all = toGanttTasks(buildRows(plan, options), plan, '2027-05-19');
    expect(all.find((task) => task.id === 'M')?.dependencies).toEqual(['B']);
  });

  it('should mark milestones, done and critical bars with one class each', () => {
    const rows = buildRows(plan, options);
    const classes = Object.fromEntries(rows.map((row) => [row.id, barClass(row)]));
    expect(classes).toMatchObject({ 'phase:p1': 'jg-phase', A: 'jg-done', B: 'jg-task-critical', M: 'jg-milestone-critical' });
    for (const value of Object.values(classes)) expect(value).not.toContain(' ');
  });
});

describe(refreshRows.name, () => {
  const rows = buildRows(plan, options);
  const longer = previewPlan(applyEdit(plan, { tasks: [{ id: 'A', duration: 9 }], links: [] }), '2000-01-03').plan;

  it('should give the rows the rows a full rebuild gives, keeping the unchanged ones as they were', () => {
    const refreshed = refreshRows(rows, plan, longer, options);
    expect(refreshed).toEqual(buildRows(longer, options));
    const byId = new Map(rows.map((row) => [row.id, row]));
    // The moved task and its phase are new; the other phase and its tasks are the same objects.
    const moved = longer.tasks.filter((task, i) => task !== plan.tasks[i]).map((task) => task.id);
    expect(moved).toContain('A');
    for (const row of refreshed) {
      const touched = row.kind === 'task' ? moved.includes(row.id) : plan.tasks.some((task) => moved.includes(task.id) && (task.phaseId ?? 'none') === row.phaseId);
      expect(row === byId.get(row.id)).toBe(!touched);
    }
  });

  it('should summarise a collapsed phase from its tasks and follow the lot filter', () => {
    const collapsed = { ...options, collapsed: new Set(['p1']) };
    expect(refreshRows(buildRows(plan, collapsed), plan, longer, collapsed)).toEqual(buildRows(longer, collapsed));
    const lot = { ...options, lotId: 'lot2' };
    expect(refreshRows(buildRows(plan, lot), plan, longer, lot)).toEqual(buildRows(longer, lot));
  });

  it('should build the rows again when a task is renamed or moved to another phase', () => {
    const renamed = applyEdit(plan, { tasks: [{ id: 'B', name: 'Zèbre', phaseId: 'p2' }], links: [] });
    expect(refreshRows(rows, plan, renamed, options)).toEqual(buildRows(renamed, options));
  });
});
