import type { CoverageState, DefectSeverity, DefectStatus } from './acceptance';

/**
 * The signed go / no-go and the PV de recette (issue 16): the readiness checklist of a lot, the
 * criteria of a campaign evaluated live, the decision with its frozen evaluation, its signatures
 * chained by SHA-256, the réserves followed to their levée.
 * Routes under /api/projects/:projectId/go-no-go/….
 */

export const READINESS_STATUSES = ['a_faire', 'en_cours', 'fait', 'non_applicable'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];

export const READINESS_CATEGORIES = ['formation', 'technique', 'donnees', 'retour_arriere', 'communication', 'support', 'pilote', 'autre'] as const;
export type ReadinessCategory = (typeof READINESS_CATEGORIES)[number];

export interface ReadinessItemDto {
  id: string;
  /** Null: the whole project (no lot). */
  lotId: string | null;
  category: ReadinessCategory;
  label: string;
  ownerUserId: string | null;
  ownerName: string | null;
  /** 'YYYY-MM-DD' */
  dueDate: string | null;
  status: ReadinessStatus;
  evidenceNote: string;
  evidenceLink: string | null;
  /** Files kept as evidence (PNG, JPEG, GIF, WebP, PDF or text, 5 MiB at most each). */
  evidenceFiles: ReadinessEvidenceFileDto[];
  position: number;
  version: number;
}

export interface ReadinessEvidenceFileDto {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  createdByName: string | null;
  /** The download: /api/projects/:projectId/go-no-go/readiness/:itemId/evidence/:fileId */
  url: string;
}

export interface CreateReadinessItemRequest {
  lotId?: string | null;
  category: ReadinessCategory;
  label: string;
  ownerUserId?: string | null;
  dueDate?: string | null;
  status?: ReadinessStatus;
  evidenceNote?: string;
  evidenceLink?: string | null;
}

export interface UpdateReadinessItemRequest extends Partial<CreateReadinessItemRequest> {
  version: number;
}

/** The default criteria of a campaign (issue 16). */
export const GO_NO_GO_CRITERIA = [
  'no_open_blocking_defect',
  'no_open_major_defect_without_reserve',
  'indispensable_requirements_ok',
  'pass_rate',
  'readiness_complete',
  'no_undecided_critical_risk',
] as const;
export type GoNoGoCriterionKey = (typeof GO_NO_GO_CRITERIA)[number];

export interface GoNoGoCriterionConfig {
  key: GoNoGoCriterionKey;
  enabled: boolean;
  /** pass_rate only: the least pass rate in percent (95 by default). */
  threshold?: number;
}

export interface CampaignCriteriaDto {
  campaignId: string;
  criteria: GoNoGoCriterionConfig[];
  /** ISO instant; once locked the criteria cannot change. Null: not locked (a decision needs them locked). */
  lockedAt: string | null;
  version: number;
}

export interface UpdateCampaignCriteriaRequest {
  criteria: GoNoGoCriterionConfig[];
  version: number;
}

export const EVIDENCE_KINDS = ['defect', 'requirement', 'readiness_item', 'risk'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** What makes a criterion red: a defect, requirement, readiness item or risk, with its name. */
export interface CriterionEvidence {
  kind: EvidenceKind;
  id: string;
  label: string;
}

export interface CriterionResult {
  key: GoNoGoCriterionKey;
  passed: boolean;
  threshold: number | null;
  /** The measured figure when there is one (pass rate in percent). */
  actual: number | null;
  evidence: CriterionEvidence[];
}

/** What the criteria are evaluated on: the campaign as it is now. */
export interface CampaignState {
  defects: Array<{ id: string; reference: string; title: string; severity: DefectSeverity; status: DefectStatus; reserveAccepted: boolean }>;
  requirements: Array<{ id: string; reference: string; title: string; indispensable: boolean; state: CoverageState }>;
  passRate: number | null;
  readiness: Array<{ id: string; label: string; done: boolean }>;
  risks: Array<{ id: string; reference: string; title: string; critical: boolean; open: boolean; decided: boolean }>;
}

export interface GoNoGoEvaluationDto {
  campaignId: string;
  campaignName: string;
  /** ISO instant of the evaluation. */
  evaluatedAt: string;
  allPassed: boolean;
  criteria: CriterionResult[];
  figures: { cases: number; run: number; passed: number; failed: number; passRate: number | null; openDefects: Record<DefectSeverity, number> };
  lockedAt: string | null;
}

export const GO_NO_GO_DECISION_KINDS = ['go', 'go_reserves', 'no_go'] as const;
export type GoNoGoDecisionKind = (typeof GO_NO_GO_DECISION_KINDS)[number];

export const GO_NO_GO_DECISION_STATUSES = ['proposee', 'signee', 'refusee'] as const;
export type GoNoGoDecisionStatus = (typeof GO_NO_GO_DECISION_STATUSES)[number];

export const SIGNER_ROLES = ['sponsor', 'key_user'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export interface ReserveProposal {
  defectId: string;
  ownerUserId: string;
  /** 'YYYY-MM-DD' */
  dueDate: string;
}

export interface ProposeDecisionRequest {
  kind: GoNoGoDecisionKind;
  comment?: string;
  /** go_reserves: the open defects accepted as réserves (each with an owner and a due date). */
  reserves?: ReserveProposal[];
}

export interface GoNoGoSignerDto {
  userId: string;
  name: string;
  role: SignerRole;
  signed: boolean;
}

export interface SignatureDto {
  id: string;
  sequence: number;
  signerUserId: string;
  printedName: string;
  role: SignerRole;
  /** ISO instant */
  signedAt: string;
  /** « approuvé en tant qu'utilisateur clé », « décidé en tant que sponsor », or « refusé » */
  meaning: string;
  outcome: 'approuve' | 'refuse';
  refusalReason: string | null;
  contentHash: string;
  previousHash: string;
  hash: string;
}

export interface ReserveDto {
  id: string;
  defectId: string;
  defectReference: string;
  defectTitle: string;
  severity: DefectSeverity;
  defectStatus: DefectStatus;
  ownerUserId: string;
  ownerName: string;
  dueDate: string;
  /** 'YYYY-MM-DD' of the levée, or null while it holds. */
  leveeDate: string | null;
  retestExecutionId: string | null;
  overdue: boolean;
  version: number;
}

export interface GoNoGoDecisionDto {
  id: string;
  campaignId: string;
  kind: GoNoGoDecisionKind;
  status: GoNoGoDecisionStatus;
  comment: string;
  proposedBy: string;
  proposedByName: string;
  proposedAt: string;
  evaluation: GoNoGoEvaluationDto;
  contentHash: string;
  signers: GoNoGoSignerDto[];
  signatures: SignatureDto[];
  reserves: ReserveDto[];
  /** Changes of the campaign's executions made after the decision was proposed: append-only, outside the frozen content. */
  addenda: DecisionAddendumDto[];
}

/** An execution of the campaign added or whose result changed once the decision existed. */
export interface DecisionAddendumDto {
  id: string;
  kind: 'new_execution' | 'result_changed';
  /** The decision's status when the change was made. */
  decisionStatus: GoNoGoDecisionStatus;
  executionId: string;
  campaignCaseId: string;
  caseReference: string;
  caseTitle: string;
  /** Null for a new execution. */
  previousResult: string | null;
  newResult: string;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
}

export interface SignDecisionRequest {
  password: string;
  /** Sign: approve (default) or refuse with a reason. */
  outcome?: 'approuve' | 'refuse';
  refusalReason?: string;
}

export interface LiftReserveRequest {
  retestExecutionId: string;
  /** 'YYYY-MM-DD'; today by default. */
  leveeDate?: string;
  version: number;
}

export interface ChainVerificationDto {
  decisionId: string;
  intact: boolean;
  /** The first record that does not match, when not intact. */
  altered: { kind: 'decision' | 'signature'; id: string; label: string; reason: string } | null;
  signatures: number;
  verifiedAt: string;
}

export interface GoNoGoOverviewDto {
  campaigns: Array<{ id: string; name: string; type: string; status: string; lockedAt: string | null; decisionCount: number }>;
}
