import { formatReference, nextReference, referenceKey } from './references';

describe('references', () => {
  it('numbers from the highest reference of the prefix, ignoring other forms', () => {
    expect(nextReference('EXG', [])).toBe('EXG-001');
    expect(nextReference('EXG', ['EXG-001', 'EXG-041', 'F-ROUT-900', 'exg-007'])).toBe('EXG-042');
    expect(nextReference('CT', ['CT-999'])).toBe('CT-1000');
    expect(formatReference('CT', 7)).toBe('CT-007');
  });

  it('compares references case and accents aside', () => {
    expect(referenceKey(' exg-001 ')).toBe(referenceKey('EXG-001'));
    expect(referenceKey('É-1')).toBe('E-1');
  });
});
