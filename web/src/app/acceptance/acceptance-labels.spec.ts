import { COVERAGE_STATES, EXECUTION_RESULTS } from '@jalon/domain';
import { FR } from '../../i18n/fr';
import { RESULT_MARKS, folded, matchesText } from './acceptance-labels';

describe(matchesText.name, () => {
  it('should find a text whatever its case and accents, in any of the texts given', () => {
    expect(folded('Référencement ÉTÉ')).toBe('referencement ete');
    expect(matchesText('referencement', 'EXG-001', 'Référencement des appels')).toBe(true);
    expect(matchesText('  EXG-00 ', 'exg-001')).toBe(true);
    expect(matchesText('fusion', 'EXG-021', 'Clôture d’une demande', null, undefined)).toBe(false);
  });

  it('should match everything when the search is empty or blank', () => {
    expect(matchesText('', 'anything')).toBe(true);
    expect(matchesText('   ')).toBe(true);
  });
});

describe('RESULT_MARKS', () => {
  it('should give every result and coverage state a symbol besides its colour, and a word in French', () => {
    const words = { ...FR.acceptance.results, ...FR.acceptance.coverage } as Record<string, string>;
    for (const code of [...EXECUTION_RESULTS, ...COVERAGE_STATES]) {
      expect(RESULT_MARKS[code].symbol.trim()).not.toBe('');
      expect(words[code]).toBeTruthy();
    }
    // Passed and failed never share a symbol: the difference is not told by colour alone.
    expect(RESULT_MARKS.reussi.symbol).not.toBe(RESULT_MARKS.echoue.symbol);
    expect(RESULT_MARKS.ok.symbol).not.toBe(RESULT_MARKS.ko.symbol);
  });
});
