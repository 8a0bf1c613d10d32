import type { RiskCategory, RiskStatus, RiskStrategy } from '@jalon/risks';

/** The French words of the register's vocabulary, as the export writes them and the import reads them. */
export const CATEGORY_LABELS_FR: Record<RiskCategory, string> = {
  planning: 'Planning',
  budget: 'Budget',
  technical: 'Technique',
  people_change: 'Humain / conduite du changement',
  organisation: 'Organisation',
  vendor: 'Prestataire',
  gdpr_compliance: 'RGPD / conformité',
};

export const STATUS_LABELS_FR: Record<RiskStatus, string> = {
  identified: 'Identifié',
  in_treatment: 'En traitement',
  closed: 'Clos',
  occurred: 'Survenu',
};

export const STRATEGY_LABELS_FR: Record<RiskStrategy, string> = {
  avoid: 'Éviter',
  reduce: 'Réduire',
  transfer: 'Transférer',
  accept: 'Accepter',
};
