import type {
  RequirementCategory,
  RequirementConformity,
  RequirementPriority,
  RequirementStatus,
  TestCaseCriticality,
  TestCaseStatus,
} from '@jalon/domain';

/** French labels, as the CDC and the exports write them (the import reads them back). */
export const REQUIREMENT_CATEGORY_LABELS_FR: Record<RequirementCategory, string> = {
  fonctionnelle: 'Fonctionnelle',
  technique: 'Technique',
  reporting: 'Reporting',
  rgpd: 'RGPD',
  formation: 'Formation',
  securite: 'Sécurité',
  autre: 'Autre',
};

export const REQUIREMENT_PRIORITY_LABELS_FR: Record<RequirementPriority, string> = {
  indispensable: 'Indispensable',
  souhaitable: 'Souhaitable',
  facultatif: 'Facultatif',
};

export const REQUIREMENT_CONFORMITY_LABELS_FR: Record<RequirementConformity, string> = {
  standard: 'Standard',
  specifique: 'Spécifique',
  non_disponible: 'Non disponible',
};

export const REQUIREMENT_STATUS_LABELS_FR: Record<RequirementStatus, string> = {
  brouillon: 'Brouillon',
  validee: 'Validée',
  obsolete: 'Obsolète',
};

export const TEST_CASE_CRITICALITY_LABELS_FR: Record<TestCaseCriticality, string> = {
  haute: 'Haute',
  moyenne: 'Moyenne',
  basse: 'Basse',
};

export const TEST_CASE_STATUS_LABELS_FR: Record<TestCaseStatus, string> = {
  brouillon: 'Brouillon',
  pret: 'Prêt',
  obsolete: 'Obsolète',
};
