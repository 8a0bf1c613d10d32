import { printScale } from './print-plan';
import { fixturePlan } from './planning.fixtures';

describe(printScale.name, () => {
  const plan = fixturePlan({ phases: ['p1'], tasks: [{ id: 'A', duration: 30, phase: 'p1' }], links: [] });
  const first = plan.tasks[0]!;

  it('should run from the first day of the first month to the last day of the go-live month, in whole months', () => {
    const scale = printScale(plan, '2031-02-14', 'fr')!;
    expect(scale.months[0]!.left).toBe(0);
    const last = scale.months.at(-1)!;
    expect(last.left + last.width).toBeCloseTo(100, 6);
    expect(last.label).toBe('févr. 31');
    expect(scale.months[0]!.label).toBe(
      new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${first.start.slice(0, 7)}-01T00:00:00Z`)),
    );
    // February 2031 has 28 days: its share of the width says so.
    expect((last.width / 100) * scale.days).toBeCloseTo(28, 6);
  });

  it('should label months in English when asked, without any time zone shift', () => {
    const scale = printScale(plan, '2031-01-01', 'en')!;
    expect(scale.months.at(-1)!.label).toBe('Jan 31');
  });

  it('should have nothing to print for an empty plan without a go-live', () => {
    expect(printScale({ ...plan, tasks: [] }, null, 'fr')).toBeNull();
  });
});
