import type { ReadinessCategory } from '@jalon/domain';

/**
 * The readiness checklist a lot starts from, after the seeds' mistakes to avoid before a go-live:
 * training too early or too late, prerequisites found missing on the day, a migration nobody
 * checked, no way back, users not told, support not ready, a pilot in the busy season.
 * `dueOffsetDays`: working days before the go-live (the project edits the dates).
 */
export const READINESS_TEMPLATE: ReadonlyArray<{ category: ReadinessCategory; label: string; dueOffsetDays: number }> = [
  { category: 'formation', label: 'Formation des utilisateurs clés réalisée', dueOffsetDays: 15 },
  { category: 'formation', label: 'Formation des agents réalisée (environ une semaine avant la mise en production)', dueOffsetDays: 5 },
  { category: 'technique', label: 'Prérequis réseau validés', dueOffsetDays: 10 },
  { category: 'technique', label: 'Postes de travail et navigateurs validés', dueOffsetDays: 10 },
  { category: 'technique', label: 'Téléphonie (PABX / IPBX) raccordée et testée', dueOffsetDays: 10 },
  { category: 'donnees', label: 'Reprise des données vérifiée (avec sa revue RGPD)', dueOffsetDays: 5 },
  { category: 'retour_arriere', label: 'Plan de retour arrière écrit et validé', dueOffsetDays: 5 },
  { category: 'communication', label: 'Communication aux utilisateurs envoyée', dueOffsetDays: 5 },
  { category: 'support', label: 'Organisation du support prête (niveaux, astreinte, contacts)', dueOffsetDays: 3 },
  { category: 'pilote', label: 'Pilote tenu en période calme', dueOffsetDays: 10 },
];
