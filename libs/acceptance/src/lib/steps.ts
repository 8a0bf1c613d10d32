import { ACCEPTANCE_TEXT_MAX, TEST_CASE_MAX_STEPS, type TestStep } from '@jalon/domain';

/** A field at fault, named as the API names it (`steps.2.expected`, 0-based like every array path). */
export interface StepProblem {
  field: string;
  message: string;
}

const STEP_KEYS = new Set(['order', 'action', 'data', 'expected']);

/**
 * Checks the steps a request sends and returns them as stored (`{ action, data, expected }`,
 * trimmed), or every problem, each naming `steps.N.field`: a list of 1 to 100 steps, each with an
 * action and an expected result, optional data, no other field, and, when numbered (`order`),
 * numbered 1, 2, 3… in the order sent.
 */
export function checkTestSteps(input: unknown): { steps: TestStep[]; problems: StepProblem[] } {
  const problems: StepProblem[] = [];
  if (!Array.isArray(input)) return { steps: [], problems: [{ field: 'steps', message: 'steps must be a list of steps' }] };
  if (input.length === 0) return { steps: [], problems: [{ field: 'steps', message: 'a test case has at least one step' }] };
  if (input.length > TEST_CASE_MAX_STEPS) {
    return { steps: [], problems: [{ field: 'steps', message: `a test case has at most ${TEST_CASE_MAX_STEPS} steps` }] };
  }
  const steps: TestStep[] = [];
  input.forEach((raw: unknown, index) => {
    const at = `steps.${index}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ field: at, message: `${at} must be a step { action, data, expected }` });
      return;
    }
    const step = raw as Record<string, unknown>;
    for (const key of Object.keys(step)) {
      if (!STEP_KEYS.has(key)) problems.push({ field: `${at}.${key}`, message: `${at}.${key} is not a field of a step (action, data, expected, order)` });
    }
    const text = (key: 'action' | 'data' | 'expected', required: boolean): string => {
      const value = step[key];
      if (value === undefined || value === null) {
        if (required) problems.push({ field: `${at}.${key}`, message: `${at}.${key} is missing` });
        return '';
      }
      if (typeof value !== 'string') {
        problems.push({ field: `${at}.${key}`, message: `${at}.${key} must be text` });
        return '';
      }
      const trimmed = value.trim();
      if (required && trimmed === '') problems.push({ field: `${at}.${key}`, message: `${at}.${key} must not be empty` });
      if (trimmed.length > ACCEPTANCE_TEXT_MAX) problems.push({ field: `${at}.${key}`, message: `${at}.${key} is longer than ${ACCEPTANCE_TEXT_MAX} characters` });
      return trimmed;
    };
    const action = text('action', true);
    const data = text('data', false);
    const expected = text('expected', true);
    if (step['order'] !== undefined && step['order'] !== index + 1) {
      problems.push({
        field: `${at}.order`,
        message: `${at}.order is ${JSON.stringify(step['order'])} where ${index + 1} is expected: steps are sent in their order, numbered 1, 2, 3…`,
      });
    }
    steps.push({ action, data, expected });
  });
  return { steps: problems.length === 0 ? steps : [], problems };
}
