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
  /** Text found in the reference, the title or the description (case and accents aside). */
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
  rows: RequirementImportRow[];
  valid: number;
  rejected: number;
}

export interface RequirementImportResultDto extends RequirementImportPreviewDto {
  /** References of the requirements created. */
  created: string[];
}
