import type { Shape } from './shape';

/** French texts of the shell, navigation, roles and common errors (the reference language). */
export const APP_FR = {
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
    members: 'Membres',
    audit: 'Journal',
    projectNavigation: 'Navigation du projet',
  },
  errors: {
    notFound: 'Page introuvable',
    projectNotFound: 'Ce projet n’existe pas ou vous n’y avez pas accès.',
  },
  roles: {
    project_manager: 'Chef·fe de projet',
    sponsor: 'Sponsor',
    steering_member: 'Membre du COPIL',
    key_user: 'Utilisateur clé',
    contributor: 'Contributeur (éditeur / intégrateur)',
    viewer: 'Lecteur',
    admin: 'Administrateur',
  },
};

export type AppTranslations = Shape<typeof APP_FR>;
