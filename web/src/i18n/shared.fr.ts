import type { Shape } from './shape';

/** French texts of the shared components (dialogs, table states, notifier). */
export const SHARED_FR = {
  shared: {
    cancel: 'Annuler',
    confirm: 'Confirmer',
    save: 'Enregistrer',
    dismiss: 'Fermer',
    nameRequired: 'Saisissez un nom.',
    loading: 'Chargement…',
    loadFailed: 'Impossible de charger ces données. Réessayez dans un instant.',
    notAllowed: 'Vous n’avez pas le droit de consulter ces données.',
    empty: 'Rien à afficher.',
    yes: 'Oui',
    no: 'Non',
    copy: 'Copier',
    copied: 'Copié dans le presse-papiers.',
  },
};

export type SharedTranslations = Shape<typeof SHARED_FR>;
