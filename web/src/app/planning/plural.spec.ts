import { pluralKey } from './plural';

describe(pluralKey.name, () => {
  it('should pick the singular for 0 and 1 in French, for 1 only in English', () => {
    expect(pluralKey('planning.structure.tasks', 0, 'fr')).toBe('planning.structure.tasks.one');
    expect(pluralKey('planning.structure.tasks', 1, 'fr')).toBe('planning.structure.tasks.one');
    expect(pluralKey('planning.structure.tasks', 20, 'fr')).toBe('planning.structure.tasks.other');
    expect(pluralKey('planning.structure.tasks', 0, 'en')).toBe('planning.structure.tasks.other');
    expect(pluralKey('planning.structure.tasks', 1, 'en')).toBe('planning.structure.tasks.one');
  });
});

describe(`${pluralKey.name} with a zero form`, () => {
  it('should ask for the « aucune » form for zero only when the text has one', () => {
    expect(pluralKey('planning.lots.deleteText', 0, 'fr', true)).toBe('planning.lots.deleteText.zero');
    expect(pluralKey('planning.lots.deleteText', 1, 'fr', true)).toBe('planning.lots.deleteText.one');
    expect(pluralKey('planning.lots.deleteText', 0, 'fr')).toBe('planning.lots.deleteText.one');
  });
});
