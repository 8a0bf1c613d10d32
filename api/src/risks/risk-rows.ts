import {
  assess,
  type AssessmentDto,
  type BandConfig,
  type RiskCategory,
  type RiskReviewItemDto,
  type RiskStatus,
  type RiskStrategy,
  type TreatmentEffect,
  type TreatmentStatus,
} from '@jalon/risks';

/** The SQL columns of a risk, as the service reads them. */
export const RISK_COLUMNS = `
  r.id, r.project_id AS "projectId", r.sequence, r.reference, r.title, r.description, r.category, r.cause, r.consequence,
  r.owner_user_id AS "ownerUserId", owner.display_name AS "ownerName", r.proximity, r.trigger_sign AS "trigger",
  r.strategy, r.contingency_plan AS "contingencyPlan", r.status, r.occurred_on AS "occurredOn",
  r.occurrence_note AS "occurrenceNote",
  r.inherent_probability AS "inherentProbability", r.inherent_impact AS "inherentImpact",
  r.residual_probability AS "residualProbability", r.residual_impact AS "residualImpact",
  r.target_probability AS "targetProbability", r.target_impact AS "targetImpact",
  r.last_reviewed_on AS "lastReviewedOn", r.created_on AS "createdOn", r.created_at AS "createdAt", r.version`;

export interface RiskRow {
  id: string;
  projectId: string;
  sequence: number;
  reference: string;
  title: string;
  description: string;
  category: RiskCategory;
  cause: string;
  consequence: string;
  ownerUserId: string | null;
  ownerName: string | null;
  proximity: string | null;
  trigger: string;
  strategy: RiskStrategy;
  contingencyPlan: string;
  status: RiskStatus;
  occurredOn: string | null;
  occurrenceNote: string;
  inherentProbability: number;
  inherentImpact: number;
  residualProbability: number;
  residualImpact: number;
  targetProbability: number;
  targetImpact: number;
  lastReviewedOn: string | null;
  createdOn: string;
  createdAt: Date;
  version: number;
}

/** The editable fields of a risk and their columns, in the order the audit trail shows them. */
export const RISK_FIELD_COLUMNS = {
  title: 'title',
  description: 'description',
  category: 'category',
  cause: 'cause',
  consequence: 'consequence',
  ownerUserId: 'owner_user_id',
  proximity: 'proximity',
  trigger: 'trigger_sign',
  strategy: 'strategy',
  contingencyPlan: 'contingency_plan',
  status: 'status',
  occurredOn: 'occurred_on',
  occurrenceNote: 'occurrence_note',
  inherentProbability: 'inherent_probability',
  inherentImpact: 'inherent_impact',
  residualProbability: 'residual_probability',
  residualImpact: 'residual_impact',
  targetProbability: 'target_probability',
  targetImpact: 'target_impact',
} as const satisfies Partial<Record<keyof RiskRow, string>>;

export type RiskField = keyof typeof RISK_FIELD_COLUMNS;

/** What the audit trail records of a risk. */
export function riskSnapshot(row: Pick<RiskRow, RiskField | 'reference'>): Record<string, unknown> {
  const snapshot: Record<string, unknown> = { reference: row.reference };
  for (const field of Object.keys(RISK_FIELD_COLUMNS) as RiskField[]) snapshot[field] = row[field];
  return snapshot;
}

export interface ScoredRow {
  inherentProbability: number;
  inherentImpact: number;
  residualProbability: number;
  residualImpact: number;
  targetProbability: number;
  targetImpact: number;
}

export function assessments(row: ScoredRow, bands: BandConfig): { inherent: AssessmentDto; residual: AssessmentDto; target: AssessmentDto } {
  return {
    inherent: assess(row.inherentProbability, row.inherentImpact, bands),
    residual: assess(row.residualProbability, row.residualImpact, bands),
    target: assess(row.targetProbability, row.targetImpact, bands),
  };
}

export interface TreatmentRow {
  id: string;
  riskId: string;
  title: string;
  ownerUserId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: TreatmentStatus;
  effect: TreatmentEffect;
  version: number;
}

export const TREATMENT_COLUMNS = `
  t.id, t.risk_id AS "riskId", t.title, t.owner_user_id AS "ownerUserId", owner.display_name AS "ownerName",
  t.due_date AS "dueDate", t.status, t.effect, t.version`;

export interface ReviewItemRow extends ScoredRow {
  reviewId: string;
  riskId: string;
  reference: string;
  title: string;
  status: RiskStatus;
  ownerUserId: string | null;
  ownerName: string | null;
}

export const REVIEW_ITEM_COLUMNS = `
  i.review_id AS "reviewId", i.risk_id AS "riskId", i.reference, i.title, i.status,
  i.owner_user_id AS "ownerUserId", i.owner_name AS "ownerName",
  i.inherent_probability AS "inherentProbability", i.inherent_impact AS "inherentImpact",
  i.residual_probability AS "residualProbability", i.residual_impact AS "residualImpact",
  i.target_probability AS "targetProbability", i.target_impact AS "targetImpact"`;

export function reviewItemDto(row: ReviewItemRow, bands: BandConfig): RiskReviewItemDto {
  return {
    riskId: row.riskId,
    reference: row.reference,
    title: row.title,
    status: row.status,
    ownerUserId: row.ownerUserId,
    ownerName: row.ownerName,
    ...assessments(row, bands),
  };
}
