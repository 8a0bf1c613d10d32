import { type RiskBand, isSevereBand } from './scoring';

/** The register's vocabulary and the rules that are not about scores. */

export const RISK_CATEGORIES = ['planning', 'budget', 'technical', 'people_change', 'organisation', 'vendor', 'gdpr_compliance'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const RISK_STRATEGIES = ['avoid', 'reduce', 'transfer', 'accept'] as const;
export type RiskStrategy = (typeof RISK_STRATEGIES)[number];

/** identifié, en traitement, clos, survenu. */
export const RISK_STATUSES = ['identified', 'in_treatment', 'closed', 'occurred'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const TREATMENT_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type TreatmentStatus = (typeof TREATMENT_STATUSES)[number];

/** Which score a treatment is expected to lower. */
export const TREATMENT_EFFECTS = ['probability', 'impact', 'both'] as const;
export type TreatmentEffect = (typeof TREATMENT_EFFECTS)[number];

export const ASSESSMENT_KINDS = ['inherent', 'residual', 'target'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** … R-1000: three digits at least. */
export function riskReference(sequence: number): string {
  return `R-${String(sequence).padStart(3, '0')}`;
}

/** A treatment is overdue when its due date has passed and it is neither done nor cancelled. */
export function isTreatmentOverdue(treatment: { dueDate: string | null; status: TreatmentStatus }, today: string): boolean {
  return treatment.dueDate !== null && treatment.dueDate < today && treatment.status !== 'done' && treatment.status !== 'cancelled';
}

/** Open risks are the ones reviews snapshot and the matrix shows: not closed. */
export function isOpenStatus(status: RiskStatus): boolean {
  return status !== 'closed';
}

/** Roles that may accept a risk rated élevé or critique; any risk editor may accept a lower one. */
export const SEVERE_RISK_ACCEPTORS = ['project_manager', 'sponsor'] as const;

export function mayAcceptRisk(role: string | null | undefined, band: RiskBand, isAdmin = false): boolean {
  if (!isSevereBand(band)) return true;
  return isAdmin || (SEVERE_RISK_ACCEPTORS as readonly string[]).includes(role ?? '');
}
