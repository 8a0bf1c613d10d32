import type { MaterialisingCause } from './materialising';
import type { RiskTrend, ReviewIntervals } from './review';
import type { AssessmentKind, RiskCategory, RiskStatus, RiskStrategy, TreatmentEffect, TreatmentStatus } from './register';
import type { BandConfig, RiskBand, RiskLevel } from './scoring';
import type { ScaleLabels } from './labels';

/**
 * The risks API's requests and responses (`/api/projects/:projectId/risks…`), shared by the API
 * (whose DTO classes implement them) and the web. Dates are 'YYYY-MM-DD' calendar days.
 */

export interface AssessmentDto {
  probability: RiskLevel;
  impact: RiskLevel;
  score: number;
  band: RiskBand;
}

export interface AssessmentInput {
  probability: number;
  impact: number;
}

export interface MatrixCell {
  probability: RiskLevel;
  impact: RiskLevel;
}

export interface TreatmentDto {
  id: string;
  riskId: string;
  title: string;
  ownerUserId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: TreatmentStatus;
  effect: TreatmentEffect;
  overdue: boolean;
  version: number;
}

export interface AcceptanceDto {
  id: string;
  acceptedAt: string;
  acceptedBy: string | null;
  acceptedByName: string;
  acceptedByRole: string;
  justification: string;
  /** The scores at the moment of acceptance. */
  inherent: AssessmentDto;
  residual: AssessmentDto;
  target: AssessmentDto;
}

export interface RiskDto {
  id: string;
  reference: string;
  title: string;
  description: string;
  category: RiskCategory;
  cause: string;
  consequence: string;
  ownerUserId: string | null;
  ownerName: string | null;
  /** From when the risk can occur. */
  proximity: string | null;
  trigger: string;
  strategy: RiskStrategy;
  contingencyPlan: string;
  status: RiskStatus;
  /** "Survenu": when and what happened. */
  occurredOn: string | null;
  occurrenceNote: string;
  inherent: AssessmentDto;
  residual: AssessmentDto;
  target: AssessmentDto;
  linkedTaskIds: string[];
  treatments: TreatmentDto[];
  /** The latest acceptance, when the strategy is "accept". */
  acceptance: AcceptanceDto | null;
  createdAt: string;
  lastReviewedOn: string | null;
  nextReviewOn: string;
  reviewOverdue: boolean;
  overdueTreatments: number;
  /** Empty when the risk is not materialising. */
  materialising: MaterialisingCause[];
  /** Between the two latest reviews (residual score); null before a review included it. */
  trend: RiskTrend | null;
  /** The risk's cell at the review before the latest and at the latest, per assessment; null when it did not move. */
  movement: Record<AssessmentKind, { from: MatrixCell; to: MatrixCell } | null>;
  version: number;
}

export interface RiskSettingsDto {
  bands: BandConfig;
  /** Null: the default labels of the reader's language. */
  labels: ScaleLabels | null;
  reviewIntervals: ReviewIntervals;
  /** Working days of total float under which a linked task makes its risk materialise. */
  floatThreshold: number;
  version: number;
}

export interface RiskReviewSummaryDto {
  id: string;
  heldOn: string;
  title: string;
  heldBy: string | null;
  heldByName: string;
  riskCount: number;
  createdAt: string;
}

export interface RiskReviewItemDto {
  riskId: string;
  reference: string;
  title: string;
  status: RiskStatus;
  ownerUserId: string | null;
  ownerName: string | null;
  inherent: AssessmentDto;
  residual: AssessmentDto;
  target: AssessmentDto;
}

export interface RiskReviewDto extends RiskReviewSummaryDto {
  items: RiskReviewItemDto[];
  /** Against the review before it: per risk trend, and the new, closed and re-rated risks. */
  movements: Array<{ riskId: string; reference: string; trend: RiskTrend; reRated: boolean }>;
}

export interface RiskRegisterDto {
  settings: RiskSettingsDto;
  risks: RiskDto[];
  /** The two latest reviews, latest first. */
  latestReviews: RiskReviewSummaryDto[];
  /** 'YYYY-MM-DD' the flags were computed for. */
  today: string;
}

export interface RiskInput {
  title: string;
  description?: string;
  category: RiskCategory;
  cause?: string;
  consequence?: string;
  ownerUserId?: string | null;
  proximity?: string | null;
  trigger?: string;
  strategy?: RiskStrategy;
  contingencyPlan?: string;
  status?: RiskStatus;
  occurredOn?: string | null;
  occurrenceNote?: string;
  inherent: AssessmentInput;
  residual?: AssessmentInput;
  target?: AssessmentInput;
  linkedTaskIds?: string[];
}

/**
 * One of the caller's risk treatments that is due soon or overdue, across their projects
 * (`GET /api/me/risk-treatments`, « Mes tâches »). Only open treatments of open risks.
 */
export interface MyRiskTreatmentDto {
  projectId: string;
  projectName: string;
  riskId: string;
  riskReference: string;
  riskTitle: string;
  treatmentId: string;
  title: string;
  dueDate: string;
  status: TreatmentStatus;
  overdue: boolean;
}

/** How far ahead « Mes tâches » lists the treatments falling due (calendar days). */
export const MY_TREATMENTS_HORIZON_DAYS = 14;

/** Why a row of an imported register is rejected (`POST …/risks/import`). */
export const RISK_IMPORT_PROBLEM_CODES = [
  'empty',
  'too_long',
  'not_category',
  'not_strategy',
  'accept_not_imported',
  'not_status',
  'not_member',
  'not_date',
  'occurred_date_missing',
  'not_level',
  'level_missing',
] as const;
export type RiskImportProblemCode = (typeof RISK_IMPORT_PROBLEM_CODES)[number];

/** The answer of `POST …/risks/import`: one entry per row of the file; with `preview` nothing is written. */
export interface RiskImportResultDto {
  rows: Array<{
    row: number;
    title: string;
    valid: boolean;
    /** `column` is the file's French header; `value` the cell's text when the problem is about it. */
    errors: Array<{ column: string; code: RiskImportProblemCode; value?: string; message: string }>;
  }>;
  valid: number;
  rejected: number;
  /** References of the risks created; empty for a preview. */
  created: string[];
}
