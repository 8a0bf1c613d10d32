import type { RequirementContent, TestCaseContent } from '@jalon/domain';
import { changedRequirementContent, requirementEditMakesRevision, testCaseEditMakesRevision } from './versioning';

const requirement: RequirementContent & { status: 'validee' | 'brouillon' | 'obsolete' } = {
  reference: 'EXG-001',
  title: 'Routage par compétence',
  description: 'Les appels sont routés vers le groupe compétent.',
  category: 'fonctionnelle',
  priority: 'indispensable',
  conformity: 'standard',
  status: 'validee',
};

const testCase: TestCaseContent & { status: 'brouillon' | 'pret' | 'obsolete' } = {
  title: 'Routage',
  preconditions: '',
  steps: [{ action: 'Appeler', data: '0102030405', expected: 'Le conseiller décroche' }],
  criticality: 'haute',
  status: 'pret',
};

describe('requirement revisions', () => {
  it.each([
    ['title', { title: 'Routage par compétence et langue' }],
    ['description', { description: 'Autre texte' }],
    ['category', { category: 'technique' as const }],
    ['priority', { priority: 'souhaitable' as const }],
    ['conformity', { conformity: 'specifique' as const }],
    ['conformity removed', { conformity: null }],
    ['reference', { reference: 'EXG-101' }],
  ])('a change of the %s of a validated requirement makes a new revision', (_name, next) => {
    expect(requirementEditMakesRevision(requirement, next)).toBe(true);
  });

  it('a draft is edited in place', () => {
    expect(requirementEditMakesRevision({ ...requirement, status: 'brouillon' }, { title: 'Autre' })).toBe(false);
  });

  it('an obsolete requirement is not revised', () => {
    expect(requirementEditMakesRevision({ ...requirement, status: 'obsolete' }, { title: 'Autre' })).toBe(false);
  });

  it('the same values sent again change nothing', () => {
    expect(requirementEditMakesRevision(requirement, { title: requirement.title, priority: 'indispensable', conformity: 'standard' })).toBe(false);
    expect(changedRequirementContent(requirement, {})).toEqual([]);
  });

  it('lists the fields that change', () => {
    expect(changedRequirementContent(requirement, { title: 'X', priority: 'indispensable', description: 'Y' })).toEqual(['title', 'description']);
  });
});

describe('test case revisions', () => {
  it('a change of the steps of a ready case makes a new revision', () => {
    expect(testCaseEditMakesRevision(testCase, { steps: [{ ...testCase.steps[0]!, expected: 'Le conseiller voit la fiche' }] })).toBe(true);
    expect(testCaseEditMakesRevision(testCase, { steps: [...testCase.steps, { action: 'Raccrocher', data: '', expected: 'Fin' }] })).toBe(true);
  });

  it('the same steps, criticality and title change nothing', () => {
    expect(testCaseEditMakesRevision(testCase, { steps: testCase.steps.map((step) => ({ ...step })), criticality: 'haute', title: 'Routage' })).toBe(false);
  });

  it('a title, precondition or criticality change of a ready case makes a revision, not of a draft', () => {
    expect(testCaseEditMakesRevision(testCase, { preconditions: 'Agent connecté' })).toBe(true);
    expect(testCaseEditMakesRevision(testCase, { criticality: 'basse' })).toBe(true);
    expect(testCaseEditMakesRevision({ ...testCase, status: 'brouillon' }, { criticality: 'basse' })).toBe(false);
  });
});
