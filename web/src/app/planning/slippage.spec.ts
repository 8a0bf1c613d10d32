import type { BaselineComparisonDto } from '@jalon/domain';
import { slippageByTask, slippageCell } from './slippage';

describe(slippageCell.name, () => {
  it('should show a late task with a plus, an early one with a minus sign, and on time as 0', () => {
    expect(slippageCell(3, 'j')).toEqual({ text: '+3 j', tone: 'late', days: 3 });
    expect(slippageCell(-2, 'j')).toEqual({ text: '\u22122 j', tone: 'early', days: -2 });
    expect(slippageCell(0, 'j')).toEqual({ text: '0', tone: 'on-time', days: 0 });
  });

  it('should show a dash for a task the baseline did not have', () => {
    expect(slippageCell(null, 'd')).toEqual({ text: '—', tone: 'new', days: null });
  });
});

describe(slippageByTask.name, () => {
  it('should index the comparison by task, keeping the baseline dates for the ghost bars', () => {
    const comparison: BaselineComparisonDto = {
      reference: { kind: 'baseline', id: 'b', name: 'COPIL mars' },
      current: { kind: 'plan' },
      rows: [
        { taskId: 't1', name: 'T1', isMilestone: false, keyMilestone: false, referenceStart: '2027-03-01', referenceFinish: '2027-03-05', currentStart: '2027-03-03', currentFinish: '2027-03-09', finishSlippage: 2, startSlippage: 2 },
        { taskId: 't2', name: 'T2', isMilestone: false, keyMilestone: false, referenceStart: null, referenceFinish: null, currentStart: '2027-03-03', currentFinish: '2027-03-09', finishSlippage: null, startSlippage: null },
      ],
    };
    const cells = slippageByTask(comparison, 'j');
    expect(cells.get('t1')).toMatchObject({ text: '+2 j', referenceStart: '2027-03-01', referenceFinish: '2027-03-05' });
    expect(cells.get('t2')).toMatchObject({ text: '—', tone: 'new' });
    expect(slippageByTask(null, 'j').size).toBe(0);
  });
});
