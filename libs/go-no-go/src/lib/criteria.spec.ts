import type { CampaignState, GoNoGoCriterionKey } from '@jalon/domain';
import { defaultCriteria, evaluateCriteria, validateCriteria } from './criteria';

/** A campaign where every default criterion is green. */
function greenState(): CampaignState {
  return {
    defects: [
      { id: 'd1', reference: 'ANO-001', title: 'Libellé tronqué', severity: 'mineure', status: 'nouvelle', reserveAccepted: false },
      { id: 'd2', reference: 'ANO-002', title: 'Routage', severity: 'bloquante', status: 'verifiee', reserveAccepted: false },
      { id: 'd3', reference: 'ANO-003', title: 'Fiche contact', severity: 'majeure', status: 'corrigee', reserveAccepted: true },
      { id: 'd4', reference: 'ANO-004', title: 'Doublon', severity: 'bloquante', status: 'rejetee', reserveAccepted: false },
    ],
    requirements: [
      { id: 'r1', reference: 'EX-01', title: 'Routage', indispensable: true, state: 'ok' },
      { id: 'r2', reference: 'EX-02', title: 'Tableau de bord', indispensable: false, state: 'ko' },
    ],
    passRate: 96,
    readiness: [{ id: 'i1', label: 'Formation', done: true }],
    risks: [
      { id: 'k1', reference: 'R-01', title: 'Volumes', critical: true, open: true, decided: true },
      { id: 'k2', reference: 'R-02', title: 'Retard', critical: true, open: false, decided: false },
      { id: 'k3', reference: 'R-03', title: 'Budget', critical: false, open: true, decided: false },
    ],
  };
}

const failing = (state: CampaignState): GoNoGoCriterionKey[] =>
  evaluateCriteria(defaultCriteria(), state)
    .results.filter((row) => !row.passed)
    .map((row) => row.key);

describe('go / no-go criteria', () => {
  it('are all green on a campaign that meets them', () => {
    const evaluation = evaluateCriteria(defaultCriteria(), greenState());
    expect(evaluation.results).toHaveLength(6);
    expect(evaluation.allPassed).toBe(true);
  });

  it('an open bloquante defect fails only « no open bloquante », naming it', () => {
    const state = greenState();
    state.defects.push({ id: 'd9', reference: 'ANO-009', title: 'Plantage', severity: 'bloquante', status: 'corrigee', reserveAccepted: true });
    expect(failing(state)).toEqual(['no_open_blocking_defect']);
    const result = evaluateCriteria(defaultCriteria(), state).results[0]!;
    expect(result.evidence).toEqual([{ kind: 'defect', id: 'd9', label: 'ANO-009 – Plantage' }]);
  });

  it('an open majeure defect without an accepted réserve fails only its criterion', () => {
    const state = greenState();
    state.defects.push({ id: 'd9', reference: 'ANO-009', title: 'Lenteur', severity: 'majeure', status: 'en_correction', reserveAccepted: false });
    expect(failing(state)).toEqual(['no_open_major_defect_without_reserve']);
  });

  it('an indispensable requirement not OK fails only the coverage criterion (each state but ok)', () => {
    for (const stateOfRequirement of ['ko', 'non_executee', 'non_couverte'] as const) {
      const state = greenState();
      state.requirements.push({ id: 'r9', reference: 'EX-09', title: 'Débordement', indispensable: true, state: stateOfRequirement });
      expect(failing(state)).toEqual(['indispensable_requirements_ok']);
    }
  });

  it('a pass rate under the threshold, or no run at all, fails only the pass rate', () => {
    const state = greenState();
    state.passRate = 94.9;
    expect(failing(state)).toEqual(['pass_rate']);
    const result = evaluateCriteria(defaultCriteria(), state).results.find((row) => row.key === 'pass_rate')!;
    expect(result).toMatchObject({ threshold: 95, actual: 94.9 });
    state.passRate = null;
    expect(failing(state)).toEqual(['pass_rate']);
    state.passRate = 95;
    expect(failing(state)).toEqual([]);
  });

  it('a readiness item not done fails only the readiness criterion', () => {
    const state = greenState();
    state.readiness.push({ id: 'i2', label: 'Plan de retour arrière', done: false });
    expect(failing(state)).toEqual(['readiness_complete']);
  });

  it('an open critique risk without a decision fails only the risk criterion', () => {
    const state = greenState();
    state.risks.push({ id: 'k9', reference: 'R-09', title: 'Opérateur', critical: true, open: true, decided: false });
    expect(failing(state)).toEqual(['no_undecided_critical_risk']);
  });

  it('a disabled criterion is not evaluated; a custom threshold is used', () => {
    const state = greenState();
    state.passRate = 80;
    const criteria = defaultCriteria().map((row) => (row.key === 'pass_rate' ? { ...row, threshold: 80 } : row));
    expect(evaluateCriteria(criteria, state).allPassed).toBe(true);
    state.readiness.push({ id: 'i2', label: 'x', done: false });
    const withoutReadiness = criteria.map((row) => (row.key === 'readiness_complete' ? { ...row, enabled: false } : row));
    expect(evaluateCriteria(withoutReadiness, state).results.map((row) => row.key)).not.toContain('readiness_complete');
  });

  it('validation names a duplicated key, an unknown key, a misplaced or out-of-range threshold', () => {
    expect(validateCriteria(defaultCriteria())).toEqual([]);
    const violations = validateCriteria([
      { key: 'pass_rate', enabled: true, threshold: 120 },
      { key: 'pass_rate', enabled: true },
      { key: 'nope' as GoNoGoCriterionKey, enabled: true },
      { key: 'readiness_complete', enabled: true, threshold: 3 },
    ]);
    expect(violations.map((row) => row.field)).toEqual(['criteria[0].threshold', 'criteria[1].key', 'criteria[2].key', 'criteria[3].threshold']);
  });
});
