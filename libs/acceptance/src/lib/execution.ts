import type { ExecutionResult, RerunReason, StepStatus } from '@jalon/domain';

/**
 * A case's result rolled up from its step results, as Squash TM does: a blocked step blocks the
 * case (it could not be checked), else a failed step fails it, else it passed once every step
 * passed. Some steps recorded and none failing: in progress; nothing recorded: not run.
 * `steps` holds one entry per step of the execution's copy (null: not recorded yet).
 */
export function caseResultOf(steps: ReadonlyArray<StepStatus | null | undefined>): ExecutionResult {
  if (steps.some((status) => status === 'bloque')) return 'bloque';
  if (steps.some((status) => status === 'echoue')) return 'echoue';
  if (steps.length > 0 && steps.every((status) => status === 'reussi')) return 'reussi';
  if (steps.some((status) => status !== null && status !== undefined)) return 'en_cours';
  return 'non_execute';
}

/** The results that end an execution: every step was recorded, or one failed or was blocked. */
export function isFinishedResult(result: ExecutionResult): boolean {
  return result === 'reussi' || result === 'echoue' || result === 'bloque';
}

/** Failed in the broad sense: the case did not prove what it checks (échoué or bloqué). */
export function isFailedResult(result: ExecutionResult | null | undefined): boolean {
  return result === 'echoue' || result === 'bloque';
}

/** One case in a campaign, as the iteration rule sees it. */
export interface IterationCandidate {
  campaignCaseId: string;
  testCaseId: string;
  /** The result of the case's latest execution in the campaign (null: never run). */
  latestResult: ExecutionResult | null;
  /** The requirements the case checks. */
  requirementIds: readonly string[];
}

/** What the vendor's delivery changed: cases named directly, or the requirements it touched. */
export interface DeliveryScope {
  testCaseIds?: readonly string[];
  requirementIds?: readonly string[];
}

/**
 * Which cases a new iteration (a vendor delivery) re-runs: those whose latest result failed or was
 * blocked, those the delivery touched (named, or checking a requirement it touched) even if they
 * passed, and those not finished yet (never run, or left in progress), which stay to be run.
 * Passed cases the delivery did not touch keep their result. Order: the candidates' order.
 */
export function casesToRerun(
  candidates: readonly IterationCandidate[],
  delivery: DeliveryScope = {},
): Array<{ campaignCaseId: string; reason: RerunReason }> {
  const touchedCases = new Set(delivery.testCaseIds ?? []);
  const touchedRequirements = new Set(delivery.requirementIds ?? []);
  const rerun: Array<{ campaignCaseId: string; reason: RerunReason }> = [];
  for (const candidate of candidates) {
    const { latestResult } = candidate;
    if (isFailedResult(latestResult)) {
      rerun.push({ campaignCaseId: candidate.campaignCaseId, reason: 'failed' });
    } else if (touchedCases.has(candidate.testCaseId) || candidate.requirementIds.some((id) => touchedRequirements.has(id))) {
      rerun.push({ campaignCaseId: candidate.campaignCaseId, reason: 'touched' });
    } else if (latestResult === null || !isFinishedResult(latestResult)) {
      rerun.push({ campaignCaseId: candidate.campaignCaseId, reason: 'not_run' });
    }
  }
  return rerun;
}
