import { caseResultOf, casesToRerun, isFailedResult, isFinishedResult, type IterationCandidate } from './execution';

describe('caseResultOf', () => {
  it('should block the case when any step is blocked, even if another failed', () => {
    expect(caseResultOf(['reussi', 'echoue', 'bloque'])).toBe('bloque');
    expect(caseResultOf([null, 'bloque', null])).toBe('bloque');
  });

  it('should fail the case when a step failed and none is blocked', () => {
    expect(caseResultOf(['reussi', 'echoue', 'reussi'])).toBe('echoue');
    expect(caseResultOf(['echoue', null, null])).toBe('echoue');
  });

  it('should pass the case only when every step passed', () => {
    expect(caseResultOf(['reussi', 'reussi', 'reussi'])).toBe('reussi');
    expect(caseResultOf(['reussi', 'reussi', null])).toBe('en_cours');
    expect(caseResultOf(['reussi', undefined])).toBe('en_cours');
  });

  it('should say not run when no step is recorded, or when there is no step', () => {
    expect(caseResultOf([null, null])).toBe('non_execute');
    expect(caseResultOf([])).toBe('non_execute');
  });

  it('should tell finished and failed results', () => {
    expect(['reussi', 'echoue', 'bloque', 'en_cours', 'non_execute'].map((result) => isFinishedResult(result as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([null, 'reussi', 'echoue', 'bloque', 'en_cours'].map((result) => isFailedResult(result as never))).toEqual([false, false, true, true, false]);
  });
});

describe('casesToRerun', () => {
  const candidate = (id: string, latestResult: IterationCandidate['latestResult'], requirementIds: string[] = []): IterationCandidate => ({
    campaignCaseId: `cc-${id}`,
    testCaseId: `tc-${id}`,
    latestResult,
    requirementIds,
  });

  it('should re-run failed and blocked cases, keep passed ones, and leave unfinished ones to run', () => {
    const rerun = casesToRerun([
      candidate('1', 'reussi'),
      candidate('2', 'echoue'),
      candidate('3', 'bloque'),
      candidate('4', null),
      candidate('5', 'en_cours'),
    ]);
    expect(rerun).toEqual([
      { campaignCaseId: 'cc-2', reason: 'failed' },
      { campaignCaseId: 'cc-3', reason: 'failed' },
      { campaignCaseId: 'cc-4', reason: 'not_run' },
      { campaignCaseId: 'cc-5', reason: 'not_run' },
    ]);
  });

  it('should re-run passed cases the delivery touched, named or through a requirement', () => {
    const rerun = casesToRerun([candidate('1', 'reussi'), candidate('2', 'reussi', ['req-a']), candidate('3', 'reussi', ['req-b'])], {
      testCaseIds: ['tc-1'],
      requirementIds: ['req-b'],
    });
    expect(rerun).toEqual([
      { campaignCaseId: 'cc-1', reason: 'touched' },
      { campaignCaseId: 'cc-3', reason: 'touched' },
    ]);
  });

  it('should name a failed case failed even when the delivery touched it too', () => {
    expect(casesToRerun([candidate('1', 'echoue', ['req-a'])], { requirementIds: ['req-a'] })).toEqual([{ campaignCaseId: 'cc-1', reason: 'failed' }]);
  });
});
