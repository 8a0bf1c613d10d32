/** French is the reference language: every key exists here first. */
export const FR = {
  app: {
    name: 'Jalon',
    tagline: 'Pilotage du déploiement relation client',
    skipToContent: 'Aller au contenu',
    language: 'Langue',
    switchLanguage: 'English',
    switchLanguageLabel: 'Passer en anglais',
    projectSwitcher: 'Projet',
    noProject: 'Choisir un projet',
    loadError: 'Impossible de joindre le serveur Jalon. Réessayez dans un instant.',
    retry: 'Réessayer',
  },
  nav: {
    projects: 'Projets',
    planning: 'Planning',
    risks: 'Risques',
    committees: 'Comités',
    acceptance: 'Recette',
    projectNavigation: 'Navigation du projet',
  },
  projects: {
    title: 'Mes projets',
    subtitle: 'Déploiements en cours et leur météo',
    empty: 'Aucun projet pour le moment.',
    goLive: 'Mise en production',
    daysToGoLive: 'J-{{days}}',
    goLivePassed: 'En production depuis {{days}} j',
    goLiveToday: 'Mise en production aujourd’hui',
    open: 'Ouvrir le planning',
    status: {
      cadrage: 'Cadrage',
      in_progress: 'En cours',
      incubation: 'Incubation',
      closed: 'Clôturé',
    },
    weather: {
      label: 'Météo',
      sunny: 'Ensoleillé',
      cloudy: 'Nuageux',
      stormy: 'Orageux',
    },
  },
  upcoming: {
    title: 'Ce module arrive bientôt',
    planning: 'Le rétroplanning interactif (Gantt, références, dérives) est en cours de construction.',
    risks: 'La matrice des risques (probabilité × impact) et son suivi en COPIL sont en cours de construction.',
    committees: 'Les COPIL, COPROJ et ateliers (ordres du jour, comptes rendus, décisions, actions) sont en cours de construction.',
    acceptance: 'La recette (cas de test, campagnes, anomalies, PV et go / no-go) est en cours de construction.',
    back: 'Retour aux projets',
  },
  errors: {
    notFound: 'Page introuvable',
    projectNotFound: 'Ce projet n’existe pas ou vous n’y avez pas accès.',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
/** Every other language must have exactly the French keys. */
export type Translations = Shape<typeof FR>;
