import type { DefectSeverity, DefectStatus } from '@jalon/domain';

/** Who acts on a defect, as the transition rules see them. */
export interface DefectActor {
  /** The project manager (or an instance administrator acting as one). */
  isManager: boolean;
  /** The key user who found the defect (they re-test it). */
  isFinder: boolean;
  /** The person the defect is assigned to (often the vendor's contributor). */
  isAssignee: boolean;
}

/** Which capacity allows a transition. */
export type DefectCapacity = 'manager' | 'finder' | 'assignee';

/**
 * The defect workflow: nouvelle → en correction → corrigée → vérifiée, a corrected defect either
 * verified or reopened (back to en correction) by the re-test of the key user who found it, and
 * rejected (not a defect, or accepted as is) by the project manager while it is not corrected.
 * The project manager may make any of these moves; vérifiée and rejetée are final.
 */
export const DEFECT_TRANSITIONS: ReadonlyArray<{ from: DefectStatus; to: DefectStatus; by: readonly DefectCapacity[] }> = [
  { from: 'nouvelle', to: 'en_correction', by: ['manager', 'assignee'] },
  { from: 'en_correction', to: 'corrigee', by: ['manager', 'assignee'] },
  { from: 'corrigee', to: 'verifiee', by: ['manager', 'finder'] },
  { from: 'corrigee', to: 'en_correction', by: ['manager', 'finder'] },
  { from: 'nouvelle', to: 'rejetee', by: ['manager'] },
  { from: 'en_correction', to: 'rejetee', by: ['manager'] },
];

/** The statuses a defect may move to from `from`, whoever acts. */
export function nextDefectStatuses(from: DefectStatus): DefectStatus[] {
  return DEFECT_TRANSITIONS.filter((transition) => transition.from === from).map((transition) => transition.to);
}

export type DefectTransitionCheck =
  | { allowed: true }
  | { allowed: false; reason: 'not_a_transition' | 'not_allowed'; by: readonly DefectCapacity[] };

/** Whether `actor` may move a defect from `from` to `to`, and if not, why (and who could). */
export function checkDefectTransition(from: DefectStatus, to: DefectStatus, actor: DefectActor): DefectTransitionCheck {
  const transition = DEFECT_TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === to);
  if (!transition) return { allowed: false, reason: 'not_a_transition', by: [] };
  const holds: Record<DefectCapacity, boolean> = { manager: actor.isManager, finder: actor.isFinder, assignee: actor.isAssignee };
  return transition.by.some((capacity) => holds[capacity]) ? { allowed: true } : { allowed: false, reason: 'not_allowed', by: transition.by };
}

/** A re-test: the finder's verdict on a corrected defect. */
export function retestOutcome(passed: boolean): DefectStatus {
  return passed ? 'verifiee' : 'en_correction';
}

/** Still to be dealt with: not verified, not rejected. */
export function isOpenDefect(status: DefectStatus): boolean {
  return status === 'nouvelle' || status === 'en_correction' || status === 'corrigee';
}

/** Waiting for the finder's re-test. */
export function awaitsRetest(status: DefectStatus): boolean {
  return status === 'corrigee';
}

/** ANO-001, ANO-002… per project. */
export function defectReference(sequence: number): string {
  return `ANO-${String(sequence).padStart(3, '0')}`;
}

/** From the worst: bloquante, majeure, mineure. */
export const SEVERITY_ORDER: Readonly<Record<DefectSeverity, number>> = { bloquante: 0, majeure: 1, mineure: 2 };

/**
 * The fields an assignee who holds `defect.edit` on their own defects only (the vendor's
 * contributor) may change besides the status: their resolution note. Title, description,
 * severity and assignee stay with the key users and the project manager.
 */
export const ASSIGNEE_ONLY_FIELDS = ['resolution'] as const;
