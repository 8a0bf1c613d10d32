import { awaitsRetest, checkDefectTransition, defectReference, isOpenDefect, nextDefectStatuses, retestOutcome, type DefectActor } from './defects';

const nobody: DefectActor = { isManager: false, isFinder: false, isAssignee: false };
const manager = { ...nobody, isManager: true };
const finder = { ...nobody, isFinder: true };
const assignee = { ...nobody, isAssignee: true };

describe('defect transitions', () => {
  it('should follow nouvelle → en correction → corrigée → vérifiée, with reopening and rejection', () => {
    expect(nextDefectStatuses('nouvelle')).toEqual(['en_correction', 'rejetee']);
    expect(nextDefectStatuses('en_correction')).toEqual(['corrigee', 'rejetee']);
    expect(nextDefectStatuses('corrigee')).toEqual(['verifiee', 'en_correction']);
    expect(nextDefectStatuses('verifiee')).toEqual([]);
    expect(nextDefectStatuses('rejetee')).toEqual([]);
  });

  it('should let the assignee take and correct the defect, not verify it', () => {
    expect(checkDefectTransition('nouvelle', 'en_correction', assignee)).toEqual({ allowed: true });
    expect(checkDefectTransition('en_correction', 'corrigee', assignee)).toEqual({ allowed: true });
    expect(checkDefectTransition('corrigee', 'verifiee', assignee)).toEqual({ allowed: false, reason: 'not_allowed', by: ['manager', 'finder'] });
    expect(checkDefectTransition('nouvelle', 'rejetee', assignee)).toEqual({ allowed: false, reason: 'not_allowed', by: ['manager'] });
  });

  it('should let the finder re-test a corrected defect: verify it or reopen it', () => {
    expect(checkDefectTransition('corrigee', 'verifiee', finder)).toEqual({ allowed: true });
    expect(checkDefectTransition('corrigee', 'en_correction', finder)).toEqual({ allowed: true });
    expect(checkDefectTransition('en_correction', 'corrigee', finder).allowed).toBe(false);
    expect(retestOutcome(true)).toBe('verifiee');
    expect(retestOutcome(false)).toBe('en_correction');
  });

  it('should let the project manager make every move but no move that is not in the workflow', () => {
    expect(checkDefectTransition('nouvelle', 'rejetee', manager)).toEqual({ allowed: true });
    expect(checkDefectTransition('corrigee', 'verifiee', manager)).toEqual({ allowed: true });
    expect(checkDefectTransition('nouvelle', 'verifiee', manager)).toEqual({ allowed: false, reason: 'not_a_transition', by: [] });
    expect(checkDefectTransition('verifiee', 'en_correction', manager).allowed).toBe(false);
    expect(checkDefectTransition('nouvelle', 'nouvelle', manager).allowed).toBe(false);
  });

  it('should refuse someone who is neither manager, finder nor assignee', () => {
    expect(checkDefectTransition('nouvelle', 'en_correction', nobody).allowed).toBe(false);
  });

  it('should tell open defects and those waiting for a re-test, and number them', () => {
    expect(['nouvelle', 'en_correction', 'corrigee', 'verifiee', 'rejetee'].map((status) => isOpenDefect(status as never))).toEqual([true, true, true, false, false]);
    expect(awaitsRetest('corrigee')).toBe(true);
    expect(awaitsRetest('en_correction')).toBe(false);
    expect(defectReference(7)).toBe('ANO-007');
    expect(defectReference(1234)).toBe('ANO-1234');
  });
});
