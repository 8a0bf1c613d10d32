import type { Shape } from './shape';

/** French texts of the upcoming pages (the reference language). */
export const UPCOMING_FR = {
  upcoming: {
    title: 'Ce module arrive bientôt',
    planning: 'Le rétroplanning interactif (Gantt, références, dérives) est en cours de construction.',
    risks: 'La matrice des risques (probabilité × impact) et son suivi en COPIL sont en cours de construction.',
    overview: 'La vue d’ensemble du projet est en cours de construction.',
    meetings: 'Les COPIL, COPROJ et ateliers (ordres du jour, comptes rendus, décisions, actions) sont en cours de construction.',
    acceptance: 'La recette (cas de test, campagnes, anomalies, PV et go / no-go) est en cours de construction.',
    back: 'Retour aux projets',
  },
};

export type UpcomingTranslations = Shape<typeof UPCOMING_FR>;
