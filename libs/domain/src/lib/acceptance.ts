/**
 * The acceptance (recette, issue 15): the contract of `/api/projects/:projectId/acceptance/…`.
 * Section 1 (requirements and test cases) is the work of helper A1; the campaigns, executions,
 * defects and coverage follow in their own section.
 */

// ------------------------------------------------------------------ requirements and test cases

/** What a requirement of the cahier des charges is about. */
export const REQUIREMENT_CATEGORIES = ['fonctionnelle', 'technique', 'reporting', 'rgpd', 'formation', 'securite', 'autre'] as const;
export type RequirementCategory = (typeof REQUIREMENT_CATEGORIES)[number];

export const REQUIREMENT_PRIORITIES = ['indispensable', 'souhaitable', 'facultatif'] as const;
export type RequirementPriority = (typeof REQUIREMENT_PRIORITIES)[number];

/** The chosen vendor's answer in the grille de conformité. */
export const REQUIREMENT_CONFORMITIES = ['standard', 'specifique', 'non_disponible'] as const;
export type RequirementConformity = (typeof REQUIREMENT_CONFORMITIES)[number];

export const REQUIREMENT_STATUSES = ['brouillon', 'validee', 'obsolete'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

export const TEST_CASE_CRITICALITIES = ['haute', 'moyenne', 'basse'] as const;
export type TestCaseCriticality = (typeof TEST_CASE_CRITICALITIES)[number];

export const TEST_CASE_STATUSES = ['brouillon', 'pret', 'obsolete'] as const;
export type TestCaseStatus = (typeof TEST_CASE_STATUSES)[number];

/** Longest reference (EXG-001, CT-001, or the CDC's own « F-ROUT-012 »). */
export const ACCEPTANCE_REFERENCE_MAX = 30;
export const ACCEPTANCE_TITLE_MAX = 300;
export const ACCEPTANCE_TEXT_MAX = 8000;
/** Most steps a test case holds. */
export const TEST_CASE_MAX_STEPS = 100;

/** The content of a requirement: a change of one of these to a validated requirement makes a new revision. */
export interface RequirementContent {
  reference: string;
  title: string;
  description: string;
  category: RequirementCategory;
  priority: RequirementPriority;
  conformity: RequirementConformity | null;
}

/** A requirement as the API sends it. */
export interface RequirementDto extends RequirementContent {
  id: string;
  lotId: string | null;
  /** The lot's name (null without lot). */
  lotName: string | null;
  status: RequirementStatus;
  /** The content revision (1, 2…): coverage and results name it. */
  revision: number;
  /** The row's version, sent back with the next edit (409 when stale). */
  version: number;
  /** The test cases linked to it. */
  testCases: Array<{ id: string; reference: string; title: string }>;
  createdAt: string;
  updatedAt: string;
}

/** `POST …/acceptance/requirements`. Without reference, the next EXG-nnn is given. */
export interface CreateRequirementRequest {
  reference?: string;
  title: string;
  description?: string;
  category: RequirementCategory;
  priority: RequirementPriority;
  lotId?: string | null;
  conformity?: RequirementConformity | null;
  status?: RequirementStatus;
}

/** `PATCH …/acceptance/requirements/:requirementId`: the changed fields and the version read. */
export interface UpdateRequirementRequest extends Partial<Omit<CreateRequirementRequest, 'reference'>> {
  version: number;
  reference?: string;
}

/** The filters of `GET …/acceptance/requirements` (query parameters, all optional). */
export interface RequirementListQuery {
  category?: RequirementCategory;
  priority?: RequirementPriority;
  /** A lot id, or `none` for the requirements without lot. */
  lotId?: string;
  status?: RequirementStatus;
  /** Text found in the reference, the title or the description (case aside). */
  q?: string;
}

/**
 * `DELETE …/acceptance/requirements/:requirementId?version=n`: a requirement no test case uses is
 * deleted; one that cases use is marked obsolete instead (their results keep naming it).
 */
export interface RequirementDeletionDto {
  deleted: boolean;
  /** The requirement marked obsolete (null when deleted). */
  requirement: RequirementDto | null;
}

/** One revision of a requirement's content (`GET …/requirements/:requirementId/revisions`), newest first. */
export interface RequirementRevisionDto extends RequirementContent {
  revision: number;
  /** True for the content the requirement has now. */
  current: boolean;
  /** When this content was replaced by the next revision, and by whom (null for the current one). */
  replacedAt: string | null;
  replacedByName: string | null;
}

/** One step of a test case, in order. */
export interface TestStep {
  action: string;
  /** The test data to use (may be empty). */
  data: string;
  expected: string;
}

/**
 * A step as a request sends it. `order`, when given, must be the step's position (1, 2, 3…), so a
 * client that numbers its steps cannot send them shuffled; `data` may be omitted.
 */
export interface TestStepInput {
  order?: number;
  action: string;
  data?: string;
  expected: string;
}

/** The content of a test case: a change of one of these to a ready case makes a new revision. */
export interface TestCaseContent {
  title: string;
  preconditions: string;
  steps: TestStep[];
  criticality: TestCaseCriticality;
}

export interface TestCaseRequirementRef {
  id: string;
  reference: string;
  title: string;
  priority: RequirementPriority;
  status: RequirementStatus;
  revision: number;
}

/** A test case as the API sends it. */
export interface TestCaseDto extends TestCaseContent {
  id: string;
  reference: string;
  status: TestCaseStatus;
  revision: number;
  version: number;
  /** The linked requirements, by reference. */
  requirements: TestCaseRequirementRef[];
  createdAt: string;
  updatedAt: string;
}

/**
 * `DELETE …/acceptance/cases/:caseId?version=n`: a case no campaign holds is deleted; one in a
 * campaign is marked obsolete instead (its executions keep their results).
 */
export interface TestCaseDeletionDto {
  deleted: boolean;
  testCase: TestCaseDto | null;
}

/** `POST …/acceptance/cases`. Without reference, the next CT-nnn is given. */
export interface CreateTestCaseRequest {
  reference?: string;
  title: string;
  preconditions?: string;
  steps: TestStepInput[];
  criticality?: TestCaseCriticality;
  status?: TestCaseStatus;
  requirementIds?: string[];
}

/** `PATCH …/acceptance/cases/:caseId`: the changed fields and the version read. `steps` replaces them all. */
export interface UpdateTestCaseRequest extends Partial<CreateTestCaseRequest> {
  version: number;
}

/** `POST …/cases/:caseId/requirements` (link) and `DELETE …/cases/:caseId/requirements/:requirementId?version=n`. */
export interface LinkRequirementsRequest {
  version: number;
  requirementIds: string[];
}

/** The filters of `GET …/acceptance/cases`. */
export interface TestCaseListQuery {
  status?: TestCaseStatus;
  criticality?: TestCaseCriticality;
  /** The cases linked to this requirement. */
  requirementId?: string;
  q?: string;
}

/** One revision of a test case (`GET …/cases/:caseId/revisions`), newest first. */
export interface TestCaseRevisionDto extends TestCaseContent {
  revision: number;
  current: boolean;
  replacedAt: string | null;
  replacedByName: string | null;
}

/** `POST …/acceptance/cases/generate`: one draft case per requirement, a step per acceptance criterion. */
export interface GenerateTestCasesRequest {
  requirementIds: string[];
}

export interface GenerateTestCasesResultDto {
  created: TestCaseDto[];
}

// ------------------------------------------------------------------ import of the grille de conformité

/** The fields a column of the file may feed. */
export const REQUIREMENT_IMPORT_FIELDS = ['reference', 'title', 'description', 'category', 'priority', 'lot', 'conformity', 'status'] as const;
export type RequirementImportField = (typeof REQUIREMENT_IMPORT_FIELDS)[number];
/** A file cannot be imported without these columns. */
export const REQUIREMENT_IMPORT_REQUIRED_FIELDS: readonly RequirementImportField[] = ['reference', 'title', 'priority'];

/** Which column (by its header, as `columns` lists it) feeds each field; null or absent: none. */
export type RequirementImportMapping = Partial<Record<RequirementImportField, string | null>>;

export const REQUIREMENT_IMPORT_PROBLEM_CODES = [
  'empty',
  'too_long',
  'not_category',
  'not_priority',
  'not_conformity',
  'not_status',
  'unknown_lot',
  'duplicate_in_file',
  'duplicate_existing',
  'invalid_text',
] as const;
export type RequirementImportProblemCode = (typeof REQUIREMENT_IMPORT_PROBLEM_CODES)[number];

/**
 * The file, base64-encoded in JSON as for the risks import (`fileName` .xlsx or .csv decides how it
 * is read), and an optional mapping that overrides the one guessed from the headers.
 */
export interface RequirementImportPreviewRequest {
  fileName: string;
  content: string;
  mapping?: RequirementImportMapping;
}

/** `POST …/requirements/import`: writes every row in one transaction, or nothing. */
export interface RequirementImportRequest extends RequirementImportPreviewRequest {
  /** Import the valid rows even when others are rejected (otherwise 422 `import_rejected`, nothing written). */
  validRowsOnly?: boolean;
}

export interface RequirementImportProblem {
  field: RequirementImportField;
  /** The file's header of that column. */
  column: string;
  code: RequirementImportProblemCode;
  /** The cell's text, when the problem is about it. */
  value?: string;
  message: string;
}

export interface RequirementImportRow {
  /** The row number in the sheet, as Excel shows it. */
  row: number;
  reference: string;
  title: string;
  valid: boolean;
  errors: RequirementImportProblem[];
}

/** The answer of the preview (nothing written) and, with `created`, of the import. */
export interface RequirementImportPreviewDto {
  /** The headers found in the file, in order. */
  columns: string[];
  /** The row of the headers (rows above it, a title block, are skipped). */
  headerRow: number;
  /** The mapping used: the one sent, completed by the one guessed from the headers. */
  mapping: RequirementImportMapping;
  /** Required fields (reference, title, priority) no column feeds: rows are read once the mapping names them. */
  missingFields: RequirementImportField[];
  rows: RequirementImportRow[];
  valid: number;
  rejected: number;
}

export interface RequirementImportResultDto extends RequirementImportPreviewDto {
  /** References of the requirements created. */
  created: string[];
}

// ------------------------------------------------------------------ campaigns, executions, defects, coverage

/** VABF (vérification d'aptitude au bon fonctionnement), VSR (vérification de service régulier), pilote, non-régression. */
export const CAMPAIGN_TYPES = ['vabf', 'vsr', 'pilote', 'non_regression'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const CAMPAIGN_STATUSES = ['preparation', 'en_cours', 'terminee'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A step's result as the key user records it. */
export const STEP_STATUSES = ['reussi', 'echoue', 'bloque'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A case's result, rolled up from its steps (see `caseResultOf` in @jalon/acceptance). */
export const EXECUTION_RESULTS = ['non_execute', 'en_cours', 'reussi', 'echoue', 'bloque'] as const;
export type ExecutionResult = (typeof EXECUTION_RESULTS)[number];

/** A requirement's coverage: no case, not run yet, every case passed, a case failed (the worst wins). */
export const COVERAGE_STATES = ['non_couverte', 'non_executee', 'ok', 'ko'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

export const DEFECT_SEVERITIES = ['bloquante', 'majeure', 'mineure'] as const;
export type DefectSeverity = (typeof DEFECT_SEVERITIES)[number];

/** nouvelle → en_correction → corrigee → verifiee (or back to en_correction by the re-test); rejetee. */
export const DEFECT_STATUSES = ['nouvelle', 'en_correction', 'corrigee', 'verifiee', 'rejetee'] as const;
export type DefectStatus = (typeof DEFECT_STATUSES)[number];

/** Why a new iteration re-runs a case. */
export const RERUN_REASONS = ['failed', 'touched', 'not_run'] as const;
export type RerunReason = (typeof RERUN_REASONS)[number];

/** The largest attachment of a step (5 MiB). */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** Attachments a step holds at most. */
export const ATTACHMENT_MAX_PER_STEP = 10;
/**
 * The attachments accepted, recognised by their content (magic bytes), not by their name; the name's
 * extension must agree: .png, .jpg / .jpeg, .gif, .webp, .pdf, .txt / .log.
 */
export const ATTACHMENT_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** The plan phase a campaign runs in (the Recette phase), with the dates the plan computes for it. */
export interface CampaignPhaseDto {
  id: string;
  name: string;
  /** 'YYYY-MM-DD', the earliest start of its tasks (null: no task scheduled). */
  startDate: string | null;
  finishDate: string | null;
}

/** A campaign in the list: its period, its plan phase and its figures. */
export interface CampaignSummaryDto {
  id: string;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  lotId: string | null;
  lotName: string | null;
  phase: CampaignPhaseDto | null;
  /** 'YYYY-MM-DD' */
  startDate: string;
  endDate: string;
  caseCount: number;
  /** Cases whose latest execution is finished (réussi, échoué, bloqué). */
  runCount: number;
  /** Cases per latest result (a case never run counts as non_execute). */
  results: Record<ExecutionResult, number>;
  /** réussi / finished, in percent with one decimal; null when nothing finished. */
  passRate: number | null;
  /** Open defects (nouvelle, en correction, corrigée) raised in this campaign. */
  openDefects: number;
  /** The current iteration's number (1 for the first delivery). */
  iteration: number;
  version: number;
}

/** A case in a campaign's scope, with whom it is assigned to and its latest result. */
export interface CampaignCaseDto {
  /** The campaign case's id (routes `…/campaigns/:campaignId/cases/:campaignCaseId`). */
  id: string;
  testCaseId: string;
  reference: string;
  title: string;
  criticality: TestCaseCriticality;
  /** The case's current revision. */
  testCaseRevision: number;
  assigneeUserId: string;
  assigneeName: string;
  latestExecutionId: string | null;
  latestResult: ExecutionResult | null;
  /** The revision of the case its latest execution ran (null: never run). */
  latestRevision: number | null;
  /** ISO instant the latest execution started. */
  latestStartedAt: string | null;
  /** To be run in the current iteration (never run, unfinished, or re-run by a delivery). */
  toRun: boolean;
  version: number;
}

/** One vendor delivery: the cases it re-runs and why. */
export interface IterationDto {
  id: string;
  number: number;
  label: string;
  /** 'YYYY-MM-DD' */
  deliveredOn: string;
  rerun: Array<{ campaignCaseId: string; reason: RerunReason }>;
  createdAt: string;
}

export interface CampaignDto extends CampaignSummaryDto {
  cases: CampaignCaseDto[];
  iterations: IterationDto[];
}

/** `POST …/acceptance/campaigns`. The first iteration (« Livraison initiale ») is created with it. */
export interface CreateCampaignRequest {
  name: string;
  type: CampaignType;
  lotId?: string | null;
  /** A phase of the plan (the Recette phase): its dates are shown against the campaign's progress. */
  phaseId?: string | null;
  startDate: string;
  endDate: string;
  status?: CampaignStatus;
}

/** `PATCH …/acceptance/campaigns/:campaignId`. */
export interface UpdateCampaignRequest extends Partial<CreateCampaignRequest> {
  version: number;
}

/** `POST …/campaigns/:campaignId/cases`: cases put in scope, assigned to one member (a key user, usually). */
export interface AddCampaignCasesRequest {
  testCaseIds: string[];
  assigneeUserId: string;
}

/** `PATCH …/campaigns/:campaignId/cases/:campaignCaseId`: reassign. */
export interface UpdateCampaignCaseRequest {
  version: number;
  assigneeUserId: string;
}

/**
 * `POST …/campaigns/:campaignId/iterations`: a vendor delivery. It re-runs the failed cases and
 * those the delivery touched (named, or checking a requirement it touched); passed ones keep their result.
 */
export interface CreateIterationRequest {
  label: string;
  deliveredOn: string;
  touchedTestCaseIds?: string[];
  touchedRequirementIds?: string[];
}

export interface AttachmentDto {
  id: string;
  stepIndex: number;
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
  createdAt: string;
  /** `GET` it to download (members only; served as an attachment). */
  url: string;
}

/** One step of an execution: the step as it was when the execution started, and what was recorded. */
export interface ExecutionStepDto extends TestStep {
  /** 0-based position in the execution's copy (routes `…/steps/:stepIndex`). */
  index: number;
  status: StepStatus | null;
  actual: string;
  comment: string;
  recordedAt: string | null;
  attachments: AttachmentDto[];
}

/** An execution (one run of a case in a campaign), with its copy of the steps as they were run. */
export interface ExecutionDto {
  id: string;
  campaignId: string;
  campaignName: string;
  campaignCaseId: string;
  testCaseId: string;
  reference: string;
  /** Title and preconditions as they were when the execution started. */
  title: string;
  preconditions: string;
  /** The revision of the case that was run. */
  testCaseRevision: number;
  iteration: number;
  result: ExecutionResult;
  assigneeUserId: string;
  executedById: string | null;
  executedByName: string | null;
  startedAt: string;
  finishedAt: string | null;
  steps: ExecutionStepDto[];
  /** Defects raised from this execution, or re-tested by it. */
  defects: Array<{ id: string; reference: string; title: string; severity: DefectSeverity; status: DefectStatus; stepIndex: number | null }>;
  version: number;
}

/** An execution in a case's history (`GET …/campaigns/:campaignId/cases/:campaignCaseId/executions`), newest first. */
export interface ExecutionSummaryDto {
  id: string;
  iteration: number;
  testCaseRevision: number;
  result: ExecutionResult;
  executedByName: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** `PUT …/acceptance/executions/:executionId/steps/:stepIndex`: the execution's version read. */
export interface RecordStepResultRequest {
  version: number;
  status: StepStatus;
  actual?: string;
  comment?: string;
}

/** A defect (anomalie). */
export interface DefectDto {
  id: string;
  /** ANO-001… per project. */
  reference: string;
  title: string;
  description: string;
  severity: DefectSeverity;
  status: DefectStatus;
  assigneeUserId: string | null;
  assigneeName: string | null;
  foundByUserId: string | null;
  foundByName: string | null;
  /** The execution and step it was raised from, with the step's expected and actual results. */
  executionId: string | null;
  stepIndex: number | null;
  campaignId: string | null;
  campaignName: string | null;
  testCaseReference: string | null;
  expected: string;
  actual: string;
  /** The assignee's note on the correction. */
  resolution: string;
  /** The executions that re-tested it, oldest first. */
  retests: Array<{ executionId: string; result: ExecutionResult; startedAt: string }>;
  /** The statuses the caller may move it to now. */
  nextStatuses: DefectStatus[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * `POST …/acceptance/defects`: raised from a failed (or blocked) step of an execution of this
 * project; title, expected and actual are prefilled from the step when omitted.
 */
export interface CreateDefectRequest {
  executionId: string;
  stepIndex: number;
  severity: DefectSeverity;
  title?: string;
  description?: string;
  assigneeUserId?: string | null;
}

/**
 * `PATCH …/acceptance/defects/:defectId`. The vendor's contributor (who updates only the defects
 * assigned to them) changes only `resolution`; key users and the project manager change the rest.
 */
export interface UpdateDefectRequest {
  version: number;
  title?: string;
  description?: string;
  severity?: DefectSeverity;
  assigneeUserId?: string | null;
  resolution?: string;
}

/**
 * `POST …/acceptance/defects/:defectId/transitions`: moves the status (see DEFECT_TRANSITIONS of
 * @jalon/acceptance). The re-test of a corrected defect by the key user who found it is
 * `to: verifiee` (closes it) or `to: en_correction` (reopens it), with the re-test's execution.
 */
export interface DefectTransitionRequest {
  version: number;
  to: DefectStatus;
  /** The execution that re-tested it (same project), linked to the defect. */
  executionId?: string;
}

/** The filters of `GET …/acceptance/defects`. */
export interface DefectListQuery {
  status?: DefectStatus;
  severity?: DefectSeverity;
  campaignId?: string;
  /** `me`, or a user id. */
  assignee?: string;
}

/** One requirement's coverage, with the latest result of each case that checks it. */
export interface RequirementCoverageDto {
  requirementId: string;
  reference: string;
  title: string;
  priority: RequirementPriority;
  status: RequirementStatus;
  /** The requirement's current revision, which the coverage proves. */
  revision: number;
  state: CoverageState;
  cases: Array<{ testCaseId: string; reference: string; result: ExecutionResult | null; testCaseRevision: number | null }>;
}

/**
 * `GET …/acceptance/coverage?campaignId=`: every requirement that is not obsolete. With a campaign,
 * the cases in its scope and their latest results in it; without, every case and its latest result
 * in any campaign.
 */
export interface CoverageDto {
  campaignId: string | null;
  requirements: RequirementCoverageDto[];
  counts: Record<CoverageState, number>;
  /** Indispensable requirements not proven (anything but OK). */
  indispensableNotProven: number;
}

/** `GET …/campaigns/:campaignId/progress`: planned (linear over the period) vs run by day, pass rate, open defects. */
export interface CampaignProgressDto {
  campaignId: string;
  startDate: string;
  endDate: string;
  phase: CampaignPhaseDto | null;
  /** 'YYYY-MM-DD' in Europe/Paris. */
  today: string;
  caseCount: number;
  days: Array<{ date: string; planned: number; run: number | null }>;
  results: Record<ExecutionResult, number>;
  passRate: number | null;
  openDefectsBySeverity: Record<DefectSeverity, number>;
}

/**
 * `GET …/acceptance/traceability?campaignId=`: requirements × cases. `cells` name a case by its
 * position in `cases`, with its latest result (null: in scope, never run).
 */
export interface TraceabilityDto {
  campaignId: string | null;
  cases: Array<{ id: string; reference: string; title: string }>;
  requirements: Array<{
    id: string;
    reference: string;
    title: string;
    priority: RequirementPriority;
    revision: number;
    state: CoverageState;
    cells: Array<{ case: number; result: ExecutionResult | null }>;
  }>;
}

/** `GET /api/me/acceptance-tests` (« Mes tests »): the caller's assigned cases across projects, overdue first. */
export interface MyAcceptanceTestDto {
  projectId: string;
  projectName: string;
  campaignId: string;
  campaignName: string;
  campaignType: CampaignType;
  /** 'YYYY-MM-DD', the campaign's last day. */
  endDate: string;
  campaignCaseId: string;
  testCaseId: string;
  reference: string;
  title: string;
  criticality: TestCaseCriticality;
  latestExecutionId: string | null;
  latestResult: ExecutionResult | null;
  /** To run in the current iteration. */
  toRun: boolean;
  /** To run and the campaign's period is over. */
  overdue: boolean;
}
