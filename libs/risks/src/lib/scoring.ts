/**
 * Risk scoring: probability 1–5 × impact 1–5, and the criticality band of a score. The API and
 * the web band with these same functions, from the same per-project configuration.
 */

export const RISK_LEVELS = [1, 2, 3, 4, 5] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Criticality bands, lowest first (faible, moyen, élevé, critique). */
export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export const MIN_SCORE = 1;
export const MAX_SCORE = 25;

/** One band and the scores it covers, both bounds included. */
export interface BandRange {
  band: RiskBand;
  min: number;
  max: number;
}

/** The four bands, in the order of `RISK_BANDS`, covering 1–25 without gap or overlap. */
export type BandConfig = BandRange[];

export const DEFAULT_BAND_CONFIG: BandConfig = [
  { band: 'low', min: 1, max: 4 },
  { band: 'medium', min: 5, max: 9 },
  { band: 'high', min: 10, max: 16 },
  { band: 'critical', min: 17, max: 25 },
];

/** A refusal of the rules, naming the field at fault (`probability`, `bands.2.min`…). */
export interface RuleViolation {
  field: string;
  message: string;
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** P × I; throws a `RangeError` naming the field when a level is not a whole number 1–5. */
export function riskScore(probability: number, impact: number): number {
  if (!isRiskLevel(probability)) throw new RangeError(`probability must be a whole number from 1 to 5 (got ${String(probability)})`);
  if (!isRiskLevel(impact)) throw new RangeError(`impact must be a whole number from 1 to 5 (got ${String(impact)})`);
  return probability * impact;
}

/** The band of a score 1–25 under a (valid) configuration. */
export function bandOf(score: number, config: BandConfig = DEFAULT_BAND_CONFIG): RiskBand {
  if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE) {
    throw new RangeError(`score must be a whole number from 1 to 25 (got ${String(score)})`);
  }
  const range = config.find((candidate) => score >= candidate.min && score <= candidate.max);
  if (!range) throw new RangeError(`no band covers the score ${score}: the band configuration is invalid`);
  return range.band;
}

export interface Assessment {
  probability: RiskLevel;
  impact: RiskLevel;
  score: number;
  band: RiskBand;
}

/** Probability, impact, score and band in one value. */
export function assess(probability: number, impact: number, config: BandConfig = DEFAULT_BAND_CONFIG): Assessment {
  const score = riskScore(probability, impact);
  return { probability: probability as RiskLevel, impact: impact as RiskLevel, score, band: bandOf(score, config) };
}

/** Higher is worse: `bandRank('critical') > bandRank('high')`. */
export function bandRank(band: RiskBand): number {
  return RISK_BANDS.indexOf(band);
}

/** True for élevé and critique, the bands that only the sponsor or the project manager may accept. */
export function isSevereBand(band: RiskBand): boolean {
  return band === 'high' || band === 'critical';
}

/**
 * Checks a band configuration given by a user: the four bands, in order, each `min ≤ max`, the
 * first starting at 1, the last ending at 25, each starting right after the previous one ends.
 * Every violation names its field (`bands.1.min`), so a 4xx can say which threshold is wrong.
 */
export function validateBandConfig(input: unknown, field = 'bands'): { config: BandConfig; violations: [] } | { config: null; violations: RuleViolation[] } {
  const violations: RuleViolation[] = [];
  if (!Array.isArray(input) || input.length !== RISK_BANDS.length) {
    return { config: null, violations: [{ field, message: `${field} must list the ${RISK_BANDS.length} bands ${RISK_BANDS.join(', ')} in this order` }] };
  }
  const config: BandConfig = [];
  input.forEach((raw: unknown, index) => {
    const at = `${field}.${index}`;
    const entry = (raw ?? {}) as Partial<Record<keyof BandRange, unknown>>;
    const expected = RISK_BANDS[index] as RiskBand;
    if (entry.band !== expected) violations.push({ field: `${at}.band`, message: `${at}.band must be "${expected}"` });
    for (const bound of ['min', 'max'] as const) {
      const value = entry[bound];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_SCORE || value > MAX_SCORE) {
        violations.push({ field: `${at}.${bound}`, message: `${at}.${bound} must be a whole number from 1 to 25` });
      }
    }
    config.push({ band: expected, min: entry.min as number, max: entry.max as number });
  });
  if (violations.length > 0) return { config: null, violations };
  config.forEach((range, index) => {
    const at = `${field}.${index}`;
    if (range.min > range.max) violations.push({ field: `${at}.max`, message: `${at}.max (${range.max}) is below ${at}.min (${range.min})` });
    if (index === 0 && range.min !== MIN_SCORE) violations.push({ field: `${at}.min`, message: `${at}.min must be 1: scores from 1 to ${range.min - 1} would have no band` });
    if (index === config.length - 1 && range.max !== MAX_SCORE) {
      violations.push({ field: `${at}.max`, message: `${at}.max must be 25: scores above ${range.max} would have no band` });
    }
    const previous = config[index - 1];
    if (previous) {
      if (range.min > previous.max + 1) {
        violations.push({ field: `${at}.min`, message: `gap: no band covers the scores ${previous.max + 1} to ${range.min - 1} (${at}.min must be ${previous.max + 1})` });
      } else if (range.min <= previous.max) {
        violations.push({ field: `${at}.min`, message: `overlap: the scores ${range.min} to ${previous.max} are in two bands (${at}.min must be ${previous.max + 1})` });
      }
    }
  });
  return violations.length > 0 ? { config: null, violations } : { config, violations: [] };
}

/** The 25 cells of the matrix with the band of each, probability 5 first (drawn at the top). */
export function matrixCells(config: BandConfig = DEFAULT_BAND_CONFIG): Array<{ probability: RiskLevel; impact: RiskLevel; score: number; band: RiskBand }> {
  const cells: Array<{ probability: RiskLevel; impact: RiskLevel; score: number; band: RiskBand }> = [];
  for (const probability of [...RISK_LEVELS].reverse()) {
    for (const impact of RISK_LEVELS) {
      const score = probability * impact;
      cells.push({ probability, impact, score, band: bandOf(score, config) });
    }
  }
  return cells;
}
