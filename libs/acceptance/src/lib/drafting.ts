import {
  ACCEPTANCE_TEXT_MAX,
  ACCEPTANCE_TITLE_MAX,
  type RequirementPriority,
  type TestCaseContent,
  type TestCaseCriticality,
  type TestStep,
} from '@jalon/domain';

/**
 * A bullet or numbered line: « - », « * », « • », « – », « — », « ◦ », « ▪ », then « 1. », « 1) »,
 * « a) », « a. » (a single letter), each followed by a space.
 */
const CRITERION_LINE = /^\s*(?:[-*•–—◦▪]|\d{1,3}[.)]|[a-zA-Z][.)])\s+(\S.*)$/;

/**
 * The acceptance criteria written in a requirement's description: one per bullet or numbered
 * line, the marker removed, in their order. Prose lines are context, not criteria.
 */
export function acceptanceCriteria(description: string): string[] {
  const criteria: string[] = [];
  for (const line of description.split(/\r\n|\r|\n/)) {
    const match = CRITERION_LINE.exec(line);
    const text = match?.[1]?.trim();
    if (text) criteria.push(text);
  }
  return criteria;
}

/** The criticality a drafted case takes from its requirement's priority. */
export const CRITICALITY_OF_PRIORITY: Record<RequirementPriority, TestCaseCriticality> = {
  indispensable: 'haute',
  souhaitable: 'moyenne',
  facultatif: 'basse',
};

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The prose of a description (its lines that are not criteria), on one line. */
function prose(description: string): string {
  return description
    .split(/\r\n|\r|\n/)
    .filter((line) => !CRITERION_LINE.test(line))
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/**
 * The draft test case of one requirement: its title, a step per acceptance criterion of the
 * description (« Vérifier : … », expecting the criterion met), or, without criteria, one step
 * checking the requirement as a whole. The key user completes the data and the wording.
 */
export function draftTestCase(requirement: { reference: string; title: string; description: string; priority: RequirementPriority }): TestCaseContent {
  const criteria = acceptanceCriteria(requirement.description);
  const steps: TestStep[] =
    criteria.length > 0
      ? criteria.map((criterion) => ({
          action: cut(`Vérifier : ${criterion}`, ACCEPTANCE_TEXT_MAX),
          data: '',
          expected: cut(criterion, ACCEPTANCE_TEXT_MAX),
        }))
      : [
          {
            action: cut(`Vérifier l’exigence ${requirement.reference} : ${requirement.title}`, ACCEPTANCE_TEXT_MAX),
            data: '',
            expected: cut(prose(requirement.description) || requirement.title, ACCEPTANCE_TEXT_MAX),
          },
        ];
  return {
    title: cut(`${requirement.reference} – ${requirement.title}`, ACCEPTANCE_TITLE_MAX),
    preconditions: '',
    steps,
    criticality: CRITICALITY_OF_PRIORITY[requirement.priority],
  };
}
