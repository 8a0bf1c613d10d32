import type {
  RequirementContent,
  RequirementStatus,
  TestCaseContent,
  TestCaseStatus,
  TestStep,
} from '@jalon/domain';

/** The fields of a requirement whose change to a validated requirement makes a new revision. */
export const REQUIREMENT_CONTENT_FIELDS = ['reference', 'title', 'description', 'category', 'priority', 'conformity'] as const satisfies ReadonlyArray<
  keyof RequirementContent
>;

/** The fields of a test case whose change to a ready case makes a new revision. */
export const TEST_CASE_CONTENT_FIELDS = ['title', 'preconditions', 'steps', 'criticality'] as const satisfies ReadonlyArray<keyof TestCaseContent>;

const sameSteps = (a: readonly TestStep[], b: readonly TestStep[]): boolean =>
  a.length === b.length && a.every((step, index) => step.action === b[index]!.action && step.data === b[index]!.data && step.expected === b[index]!.expected);

/** The content fields whose value `next` changes (fields absent from `next` are unchanged). */
export function changedRequirementContent(current: RequirementContent, next: Partial<RequirementContent>): Array<keyof RequirementContent> {
  return REQUIREMENT_CONTENT_FIELDS.filter((field) => next[field] !== undefined && next[field] !== current[field]);
}

export function changedTestCaseContent(current: TestCaseContent, next: Partial<TestCaseContent>): Array<keyof TestCaseContent> {
  return TEST_CASE_CONTENT_FIELDS.filter((field) => {
    const value = next[field];
    if (value === undefined) return false;
    if (field === 'steps') return !sameSteps(current.steps, value as TestStep[]);
    return value !== current[field];
  });
}

/**
 * Whether an edit makes a new revision of a requirement: only a change of its content (reference,
 * title, description, category, priority, conformity answer) while it is validated. A draft is
 * edited in place (nobody tested against it yet); its lot and its status are not its content, so
 * validating it, marking it obsolete or moving it to another lot keeps the revision.
 */
export function requirementEditMakesRevision(
  current: RequirementContent & { status: RequirementStatus },
  next: Partial<RequirementContent>,
): boolean {
  return current.status === 'validee' && changedRequirementContent(current, next).length > 0;
}

/**
 * Whether an edit makes a new revision of a test case: a change of its title, preconditions, steps
 * or criticality while it is ready (« prêt », so campaigns may run it). Executions keep the
 * revision they ran; a draft is edited in place.
 */
export function testCaseEditMakesRevision(current: TestCaseContent & { status: TestCaseStatus }, next: Partial<TestCaseContent>): boolean {
  return current.status === 'pret' && changedTestCaseContent(current, next).length > 0;
}
