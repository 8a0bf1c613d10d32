import type { Shape } from './shape';

/** French texts of the audit pages (the reference language). */
export const AUDIT_FR = {
  audit: {
    title: 'Journal des modifications',
    subtitle: 'Qui a modifié quoi et quand, avec les valeurs avant et après',
    entity: 'Objet',
    action: 'Action',
    from: 'Du',
    to: 'Au',
    all: 'Tous',
    filter: 'Filtrer',
    empty: 'Aucune modification ne correspond à ces filtres.',
    when: 'Quand',
    who: 'Qui',
    what: 'Quoi',
    changes: 'Modifications',
    system: 'Système',
    more: 'Afficher plus',
    actions: { create: 'Création', update: 'Modification', delete: 'Suppression' },
    entities: {
      project: 'Projet',
      member: 'Membre',
      user: 'Utilisateur',
      settings: 'Paramètres du planning',
      lot: 'Lot',
      phase: 'Phase',
      task: 'Tâche',
      link: 'Lien',
      baseline: 'Référence',
    },
  },
};

export type AuditTranslations = Shape<typeof AUDIT_FR>;
