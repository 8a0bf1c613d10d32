import type { CampaignState, CriterionEvidence, CriterionResult, GoNoGoCriterionConfig, GoNoGoCriterionKey } from '@jalon/domain';
import { GO_NO_GO_CRITERIA } from '@jalon/domain';

/** The pass rate a campaign needs by default, in percent. */
export const DEFAULT_PASS_RATE_THRESHOLD = 95;

/** The criteria of a new campaign: every default criterion on, 95 % pass rate. */
export function defaultCriteria(): GoNoGoCriterionConfig[] {
  return GO_NO_GO_CRITERIA.map((key) => (key === 'pass_rate' ? { key, enabled: true, threshold: DEFAULT_PASS_RATE_THRESHOLD } : { key, enabled: true }));
}

/** A defect is open until verified (fixed and re-tested) or rejected. */
export const isOpenDefect = (status: CampaignState['defects'][number]['status']): boolean =>
  status === 'nouvelle' || status === 'en_correction' || status === 'corrigee';

export interface CriteriaViolation {
  field: string;
  message: string;
}

/**
 * Checks a criteria configuration: each key known and present at most once, a threshold (0…100)
 * only on the pass rate. Answers the violations (empty when valid), each naming its field.
 */
export function validateCriteria(criteria: readonly GoNoGoCriterionConfig[]): CriteriaViolation[] {
  const violations: CriteriaViolation[] = [];
  const seen = new Set<string>();
  criteria.forEach((criterion, index) => {
    const field = `criteria[${index}]`;
    if (!(GO_NO_GO_CRITERIA as readonly string[]).includes(criterion.key)) {
      violations.push({ field: `${field}.key`, message: `${field}.key must be one of ${GO_NO_GO_CRITERIA.join(', ')}` });
      return;
    }
    if (seen.has(criterion.key)) violations.push({ field: `${field}.key`, message: `${criterion.key} is listed twice` });
    seen.add(criterion.key);
    if (criterion.threshold !== undefined && criterion.threshold !== null) {
      if (criterion.key !== 'pass_rate') violations.push({ field: `${field}.threshold`, message: `only pass_rate takes a threshold` });
      else if (typeof criterion.threshold !== 'number' || !Number.isFinite(criterion.threshold) || criterion.threshold < 0 || criterion.threshold > 100)
        violations.push({ field: `${field}.threshold`, message: `${field}.threshold must be between 0 and 100` });
    }
  });
  return violations;
}

function result(key: GoNoGoCriterionKey, evidence: CriterionEvidence[], extra: { threshold?: number | null; actual?: number | null; passed?: boolean } = {}): CriterionResult {
  return {
    key,
    passed: extra.passed ?? evidence.length === 0,
    threshold: extra.threshold ?? null,
    actual: extra.actual ?? null,
    evidence,
  };
}

/** One criterion on the campaign's state: green or red with what makes it red. */
export function evaluateCriterion(config: GoNoGoCriterionConfig, state: CampaignState): CriterionResult {
  const defect = (row: CampaignState['defects'][number]): CriterionEvidence => ({ kind: 'defect', id: row.id, label: `${row.reference} – ${row.title}` });
  switch (config.key) {
    case 'no_open_blocking_defect':
      return result(config.key, state.defects.filter((row) => row.severity === 'bloquante' && isOpenDefect(row.status)).map(defect));
    case 'no_open_major_defect_without_reserve':
      return result(
        config.key,
        state.defects.filter((row) => row.severity === 'majeure' && isOpenDefect(row.status) && !row.reserveAccepted).map(defect),
      );
    case 'indispensable_requirements_ok':
      return result(
        config.key,
        state.requirements
          .filter((row) => row.indispensable && row.state !== 'ok')
          .map((row) => ({ kind: 'requirement' as const, id: row.id, label: `${row.reference} – ${row.title}` })),
      );
    case 'pass_rate': {
      const threshold = config.threshold ?? DEFAULT_PASS_RATE_THRESHOLD;
      return result(config.key, [], { threshold, actual: state.passRate, passed: state.passRate !== null && state.passRate >= threshold });
    }
    case 'readiness_complete':
      return result(
        config.key,
        state.readiness.filter((row) => !row.done).map((row) => ({ kind: 'readiness_item' as const, id: row.id, label: row.label })),
      );
    case 'no_undecided_critical_risk':
      return result(
        config.key,
        state.risks
          .filter((row) => row.critical && row.open && !row.decided)
          .map((row) => ({ kind: 'risk' as const, id: row.id, label: `${row.reference} – ${row.title}` })),
      );
  }
}

/** The enabled criteria on the campaign's state, in the order configured. */
export function evaluateCriteria(criteria: readonly GoNoGoCriterionConfig[], state: CampaignState): { allPassed: boolean; results: CriterionResult[] } {
  const results = criteria.filter((criterion) => criterion.enabled).map((criterion) => evaluateCriterion(criterion, state));
  return { allPassed: results.every((row) => row.passed), results };
}
