import { type RiskBand, type RuleViolation } from './scoring';

export type RiskLanguage = 'fr' | 'en';

/** The words of each level 1–5, index 0 = level 1. A project may set its own. */
export interface ScaleLabels {
  probability: string[];
  impact: string[];
}

export const DEFAULT_SCALE_LABELS: Record<RiskLanguage, ScaleLabels> = {
  fr: {
    probability: ['Rare', 'Peu probable', 'Possible', 'Probable', 'Quasi certain'],
    impact: ['Négligeable', 'Mineur', 'Modéré', 'Majeur', 'Critique'],
  },
  en: {
    probability: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
    impact: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  },
};

export const BAND_LABELS: Record<RiskLanguage, Record<RiskBand, string>> = {
  fr: { low: 'Faible', medium: 'Moyen', high: 'Élevé', critical: 'Critique' },
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
};

export const MAX_LABEL_LENGTH = 40;

/**
 * The label of a level: the project's own labels when it set them (they are written in the
 * project's language and shown as they are), otherwise the default of the language.
 */
export function levelLabel(scale: 'probability' | 'impact', level: number, language: RiskLanguage, custom?: ScaleLabels | null): string {
  const labels = custom?.[scale] ?? DEFAULT_SCALE_LABELS[language][scale];
  return labels[level - 1] ?? String(level);
}

export function bandLabel(band: RiskBand, language: RiskLanguage): string {
  return BAND_LABELS[language][band];
}

/** Checks custom labels: five non-blank labels per scale, at most 40 characters each. */
export function validateScaleLabels(input: unknown, field = 'labels'): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const value = (input ?? {}) as Partial<Record<keyof ScaleLabels, unknown>>;
  if (typeof input !== 'object' || input === null) return [{ field, message: `${field} must give the probability and impact labels` }];
  for (const scale of ['probability', 'impact'] as const) {
    const labels = value[scale];
    if (!Array.isArray(labels) || labels.length !== 5) {
      violations.push({ field: `${field}.${scale}`, message: `${field}.${scale} must list 5 labels, level 1 first` });
      continue;
    }
    labels.forEach((label: unknown, index) => {
      if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_LABEL_LENGTH) {
        violations.push({ field: `${field}.${scale}.${index}`, message: `${field}.${scale}.${index} must be a text of 1 to ${MAX_LABEL_LENGTH} characters` });
      }
    });
  }
  return violations;
}
