import { materialisingCauses, type PlanFacts, type PlanTaskFacts } from './materialising';
import { isTreatmentOverdue, mayAcceptRisk, riskReference } from './register';

const task = (id: string, fields: Partial<PlanTaskFacts> = {}): PlanTaskFacts => ({
  id,
  isMilestone: false,
  totalFloat: 20,
  progress: 0,
  actualFinish: null,
  ...fields,
});

describe('"en train de se matérialiser"', () => {
  const plan: PlanFacts = {
    tasks: [
      task('comfortable'),
      task('tight', { totalFloat: 4 }),
      task('at-threshold', { totalFloat: 5 }),
      task('negative', { totalFloat: -3 }),
      task('go-live', { isMilestone: true }),
      task('late-start'),
      task('finished-tight', { totalFloat: 0, actualFinish: '2027-01-10', progress: 100 }),
    ],
    warnings: [
      { code: 'in_the_past', taskIds: ['late-start', 'finished-tight'] },
      { code: 'constraint_conflict', taskIds: ['comfortable'] },
    ],
  };
  const slippage = new Map<string, number | null>([
    ['go-live', 3],
    ['comfortable', 8],
    ['tight', null],
  ]);

  it('is not flagged when its linked tasks are healthy', () => {
    expect(materialisingCauses(['comfortable', 'at-threshold'], plan, slippage)).toEqual([]);
    expect(materialisingCauses([], plan, slippage)).toEqual([]);
  });

  it('cause 1: a linked task’s total float is below the threshold (default 5 working days)', () => {
    expect(materialisingCauses(['tight'], plan, slippage)).toEqual([{ cause: 'low_float', taskId: 'tight', totalFloat: 4, threshold: 5 }]);
    expect(materialisingCauses(['negative'], plan, slippage)).toEqual([{ cause: 'low_float', taskId: 'negative', totalFloat: -3, threshold: 5 }]);
    expect(materialisingCauses(['at-threshold'], plan, slippage, 6)).toEqual([{ cause: 'low_float', taskId: 'at-threshold', totalFloat: 5, threshold: 6 }]);
    expect(materialisingCauses(['tight'], plan, slippage, 3)).toEqual([]);
  });

  it('cause 2: a linked milestone slipped since the latest baseline (a task that slipped does not count)', () => {
    expect(materialisingCauses(['go-live'], plan, slippage)).toEqual([{ cause: 'milestone_slipped', taskId: 'go-live', slippage: 3 }]);
    expect(materialisingCauses(['comfortable'], plan, slippage)).toEqual([]);
    expect(materialisingCauses(['go-live'], plan, new Map([['go-live', 0]]))).toEqual([]);
    expect(materialisingCauses(['go-live'], plan, new Map([['go-live', -2]]))).toEqual([]);
    expect(materialisingCauses(['go-live'], plan, new Map())).toEqual([]);
  });

  it('cause 3: a linked task should have started and has not (in_the_past)', () => {
    expect(materialisingCauses(['late-start'], plan, slippage)).toEqual([{ cause: 'not_started', taskId: 'late-start' }]);
  });

  it('a finished task and a task gone from the plan threaten nothing', () => {
    expect(materialisingCauses(['finished-tight', 'deleted-task'], plan, slippage)).toEqual([]);
  });

  it('reports every cause of every linked task', () => {
    expect(materialisingCauses(['late-start', 'tight', 'go-live'], plan, slippage).map((c) => c.cause)).toEqual(['not_started', 'low_float', 'milestone_slipped']);
  });
});

describe('register rules', () => {
  it('references are R-001, R-002… R-1000', () => {
    expect(riskReference(1)).toBe('R-001');
    expect(riskReference(42)).toBe('R-042');
    expect(riskReference(1000)).toBe('R-1000');
  });

  it('a treatment is overdue after its due date unless done or cancelled', () => {
    expect(isTreatmentOverdue({ dueDate: '2027-01-10', status: 'planned' }, '2027-01-11')).toBe(true);
    expect(isTreatmentOverdue({ dueDate: '2027-01-10', status: 'in_progress' }, '2027-01-10')).toBe(false);
    expect(isTreatmentOverdue({ dueDate: '2027-01-10', status: 'done' }, '2027-02-01')).toBe(false);
    expect(isTreatmentOverdue({ dueDate: '2027-01-10', status: 'cancelled' }, '2027-02-01')).toBe(false);
    expect(isTreatmentOverdue({ dueDate: null, status: 'planned' }, '2027-02-01')).toBe(false);
  });

  it('only the sponsor or the project manager accepts an élevé or critique risk', () => {
    expect(mayAcceptRisk('sponsor', 'critical')).toBe(true);
    expect(mayAcceptRisk('project_manager', 'high')).toBe(true);
    expect(mayAcceptRisk('steering_member', 'high')).toBe(false);
    expect(mayAcceptRisk('steering_member', 'medium')).toBe(true);
    expect(mayAcceptRisk('steering_member', 'critical', true)).toBe(true);
  });
});
