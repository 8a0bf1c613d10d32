import { checkTestSteps } from './steps';

describe('test steps', () => {
  it('keeps valid steps in order, trimmed, data defaulting to empty', () => {
    expect(
      checkTestSteps([
        { order: 1, action: ' Appeler le 3900 ', expected: 'Le SVI répond' },
        { order: 2, action: 'Taper 1', data: 'Choix 1', expected: 'Routage vers le groupe Facturation' },
      ]),
    ).toEqual({
      steps: [
        { action: 'Appeler le 3900', data: '', expected: 'Le SVI répond' },
        { action: 'Taper 1', data: 'Choix 1', expected: 'Routage vers le groupe Facturation' },
      ],
      problems: [],
    });
  });

  it('refuses a list that is missing or empty', () => {
    expect(checkTestSteps(undefined).problems).toEqual([{ field: 'steps', message: 'steps must be a list of steps' }]);
    expect(checkTestSteps([]).problems).toEqual([{ field: 'steps', message: 'a test case has at least one step' }]);
    expect(checkTestSteps(Array.from({ length: 101 }, () => ({ action: 'a', expected: 'b' }))).problems[0]!.field).toBe('steps');
  });

  it('names each missing or empty field and each step out of order', () => {
    const { steps, problems } = checkTestSteps([
      { order: 1, action: 'Appeler', expected: 'Décroché' },
      { order: 3, action: '  ', expected: 'Fiche' },
      { order: 2, action: 'Clore' },
      'texte',
      { action: 'a', expected: 'b', extra: 1 },
      { action: 1, expected: 'b' },
    ]);
    expect(steps).toEqual([]);
    expect(problems.map((problem) => problem.field)).toEqual([
      'steps.1.action',
      'steps.1.order',
      'steps.2.expected',
      'steps.2.order',
      'steps.3',
      'steps.4.extra',
      'steps.5.action',
    ]);
  });
});
