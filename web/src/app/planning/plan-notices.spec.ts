import type { RetroPlanningDto } from '@jalon/domain';
import { afterGoLive, planNotices } from './plan-notices';
import { fixturePlan } from './planning.fixtures';

const t = (key: string, params?: Record<string, unknown>) => `${key} ${JSON.stringify(params ?? {})}`;

/** The demo's shape: work, the go-live milestone fixed on the go-live, then the incubation after it. */
function plan(): RetroPlanningDto {
  const base = fixturePlan({
    anchor: '2027-03-30',
    tasks: [
      { id: 'Build', duration: 5 },
      { id: 'MEP', duration: 0, fixedDate: '2027-03-30' },
      { id: 'Incubation', duration: 10 },
      { id: 'Late', duration: 2 },
    ],
    links: [
      { id: 'l1', from: 'Build', to: 'MEP' },
      { id: 'l2', from: 'MEP', to: 'Incubation' },
    ],
  });
  // "Late" was pushed past the go-live by a link, as a task added after the last one of a phase.
  return { ...base, tasks: base.tasks.map((task) => (task.id === 'Late' ? { ...task, start: '2027-04-01', finish: '2027-04-02' } : task)) };
}

describe(afterGoLive.name, () => {
  it('should find the work that ends after the go-live, but not the incubation meant to follow it', () => {
    const current = plan();
    expect(current.tasks.find((task) => task.id === 'Incubation')!.finish > '2027-03-30').toBe(true);
    expect(afterGoLive(current).map(({ task }) => task.id)).toEqual(['Late']);
  });

  it('should measure a task of a lot against the lot\'s own go-live', () => {
    const current = plan();
    const withLot: RetroPlanningDto = {
      ...current,
      lots: [{ id: 'lot2', name: 'Lot 2', goLive: '2027-06-01', position: 0, version: 1 }],
      tasks: current.tasks.map((task) => (task.id === 'Late' ? { ...task, lotId: 'lot2' } : task)),
    };
    expect(afterGoLive(withLot)).toEqual([]);
  });

  it('should say nothing in a forward plan, whose end is computed', () => {
    const current = plan();
    expect(afterGoLive({ ...current, settings: { ...current.settings, mode: 'forward' } })).toEqual([]);
  });
});

describe(planNotices.name, () => {
  it('should raise one alert with the right plural and a notice on the task', () => {
    const { alerts, byTask } = planNotices(plan(), t, '2027-03-30', 'fr');
    const alert = alerts.find((candidate) => candidate.code === 'after_go_live');
    expect(alert?.text).toContain('planning.warnings.afterGoLive.one');
    expect(alert?.taskIds).toEqual(['Late']);
    expect(byTask.get('Late')?.[0]?.text).toContain('"goLive":"30/03/2027"');
  });
});
