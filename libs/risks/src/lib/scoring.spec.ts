import { BAND_LABELS, DEFAULT_SCALE_LABELS, bandLabel, levelLabel, validateScaleLabels } from './labels';
import { DEFAULT_BAND_CONFIG, assess, bandOf, matrixCells, riskScore, validateBandConfig, type BandConfig } from './scoring';

describe('riskScore', () => {
  it('is probability × impact', () => {
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(3, 4)).toBe(12);
    expect(riskScore(5, 5)).toBe(25);
  });

  it.each([
    [0, 3, 'probability'],
    [6, 3, 'probability'],
    [2.5, 3, 'probability'],
    [3, 0, 'impact'],
    [3, 6, 'impact'],
    [3, Number.NaN, 'impact'],
  ])('refuses P=%p I=%p naming %s', (probability, impact, field) => {
    expect(() => riskScore(probability, impact)).toThrow(new RegExp(`^${field} must be a whole number from 1 to 5`));
  });
});

describe('bandOf with the default configuration', () => {
  it.each([
    [1, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [9, 'medium'],
    [10, 'high'],
    [16, 'high'],
    [17, 'critical'],
    [25, 'critical'],
  ])('score %i is %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });

  it('refuses a score outside 1–25', () => {
    expect(() => bandOf(0)).toThrow(RangeError);
    expect(() => bandOf(26)).toThrow(RangeError);
  });

  it('bands every cell of the matrix, probability 5 first', () => {
    const cells = matrixCells();
    expect(cells).toHaveLength(25);
    expect(cells[0]).toEqual({ probability: 5, impact: 1, score: 5, band: 'medium' });
    expect(cells[24]).toEqual({ probability: 1, impact: 5, score: 5, band: 'medium' });
    expect(cells.filter((cell) => cell.band === 'critical').map((cell) => cell.score).sort()).toEqual([20, 20, 25]);
    expect(cells.filter((cell) => cell.band === 'low')).toHaveLength(8);
  });

  it('assess gives probability, impact, score and band', () => {
    expect(assess(4, 4)).toEqual({ probability: 4, impact: 4, score: 16, band: 'high' });
  });
});

describe('a custom band configuration', () => {
  const strict: BandConfig = [
    { band: 'low', min: 1, max: 2 },
    { band: 'medium', min: 3, max: 5 },
    { band: 'high', min: 6, max: 11 },
    { band: 'critical', min: 12, max: 25 },
  ];

  it('is accepted when it covers 1–25 without gap or overlap', () => {
    expect(validateBandConfig(strict)).toEqual({ config: strict, violations: [] });
  });

  it('bands the same scores differently from the default', () => {
    expect(bandOf(12, strict)).toBe('critical');
    expect(bandOf(12, DEFAULT_BAND_CONFIG)).toBe('high');
    expect(assess(2, 3, strict).band).toBe('high');
    expect(matrixCells(strict).filter((cell) => cell.band === 'critical')).toHaveLength(8);
  });

  it('refuses a gap, naming the threshold', () => {
    const result = validateBandConfig([strict[0], { band: 'medium', min: 4, max: 5 }, strict[2], strict[3]]);
    expect(result.config).toBeNull();
    expect(result.violations).toEqual([{ field: 'bands.1.min', message: expect.stringMatching(/^gap: no band covers the scores 3 to 3/) }]);
  });

  it('refuses an overlap, naming the threshold', () => {
    const result = validateBandConfig([strict[0], strict[1], { band: 'high', min: 5, max: 11 }, strict[3]]);
    expect(result.violations).toEqual([{ field: 'bands.2.min', message: expect.stringMatching(/^overlap: the scores 5 to 5/) }]);
  });

  it('refuses bands that do not start at 1 or end at 25, or run backwards', () => {
    expect(validateBandConfig([{ band: 'low', min: 2, max: 2 }, ...strict.slice(1)]).violations.map((v) => v.field)).toEqual(['bands.0.min']);
    expect(validateBandConfig([...strict.slice(0, 3), { band: 'critical', min: 12, max: 24 }]).violations.map((v) => v.field)).toEqual(['bands.3.max']);
    expect(validateBandConfig([strict[0], { band: 'medium', min: 3, max: 2 }, strict[2], strict[3]]).violations.map((v) => v.field)).toContain('bands.1.max');
  });

  it('refuses the wrong shape: bands out of order, bounds out of 1–25, not four bands', () => {
    expect(validateBandConfig([strict[1], strict[0], strict[2], strict[3]]).violations.map((v) => v.field)).toEqual(['bands.0.band', 'bands.1.band']);
    expect(validateBandConfig([strict[0], strict[1], strict[2], { band: 'critical', min: 12, max: 30 }]).violations.map((v) => v.field)).toEqual(['bands.3.max']);
    expect(validateBandConfig(strict.slice(0, 3)).violations.map((v) => v.field)).toEqual(['bands']);
    expect(validateBandConfig('low').violations.map((v) => v.field)).toEqual(['bands']);
  });
});

describe('labels', () => {
  it('has French and English words for every level and band', () => {
    expect(levelLabel('probability', 1, 'fr')).toBe('Rare');
    expect(levelLabel('probability', 5, 'fr')).toBe('Quasi certain');
    expect(levelLabel('impact', 1, 'fr')).toBe('Négligeable');
    expect(levelLabel('impact', 5, 'fr')).toBe('Critique');
    expect(levelLabel('probability', 5, 'en')).toBe('Almost certain');
    expect(bandLabel('high', 'fr')).toBe('Élevé');
    expect(bandLabel('high', 'en')).toBe('High');
    for (const language of ['fr', 'en'] as const) {
      expect(DEFAULT_SCALE_LABELS[language].probability).toHaveLength(5);
      expect(DEFAULT_SCALE_LABELS[language].impact).toHaveLength(5);
      expect(Object.keys(BAND_LABELS[language])).toEqual(['low', 'medium', 'high', 'critical']);
    }
  });

  it("uses the project's own labels when it set them", () => {
    const custom = { probability: ['P1', 'P2', 'P3', 'P4', 'P5'], impact: ['I1', 'I2', 'I3', 'I4', 'I5'] };
    expect(levelLabel('impact', 3, 'en', custom)).toBe('I3');
    expect(validateScaleLabels(custom)).toEqual([]);
  });

  it('refuses custom labels that are missing, blank or too long, naming each', () => {
    const fields = validateScaleLabels({ probability: ['a', 'b', 'c', 'd'], impact: ['a', ' ', 'c', 'd', 'x'.repeat(41)] }).map((v) => v.field);
    expect(fields).toEqual(['labels.probability', 'labels.impact.1', 'labels.impact.4']);
    expect(validateScaleLabels(null).map((v) => v.field)).toEqual(['labels']);
  });
});
