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
    /** Appended to a refusal that names fields: « Vérifiez : « Nom », « Date ». » */
    fields: 'Vérifiez : {{fields}}.',
    /** One message per refusal code of the API (`ApiErrorCode`), chosen by the code, never the API's text. */
    codes: {
      network: 'Impossible de joindre le serveur Jalon. Réessayez dans un instant.',
      unknown: 'La demande a échoué (erreur {{status}}).',
      validation_failed: 'Certaines valeurs sont invalides.',
      malformed_json: 'La demande est mal formée.',
      payload_too_large: 'La demande est trop volumineuse.',
      unsupported_media_type: 'Format de demande non pris en charge.',
      csrf_invalid: 'Votre session a expiré pour cette page : rechargez-la puis réessayez.',
      unauthenticated: 'Votre session a pris fin : reconnectez-vous.',
      invalid_credentials: 'E-mail ou mot de passe incorrect.',
      wrong_password: 'Le mot de passe actuel est incorrect.',
      forbidden: 'Vous n’avez pas le droit de faire cela.',
      not_found: 'Cet élément n’existe pas ou plus.',
      route_not_found: 'Cette adresse n’existe pas.',
      stale_version: 'Quelqu’un d’autre a modifié ces données entre-temps : elles ont été rechargées, refaites votre modification.',
      too_many_requests: 'Trop de tentatives : patientez une minute avant de réessayer.',
      plan_cycle: 'Ce lien créerait une boucle entre des tâches.',
      plan_not_computable: 'Le planning ne peut pas être calculé avec cette modification.',
      duplicate_link: 'Ces deux tâches sont déjà liées.',
      last_project_manager: 'Le projet doit garder au moins un·e chef·fe de projet.',
      last_administrator: 'Jalon doit garder au moins un administrateur actif.',
      email_taken: 'Un compte utilise déjà cet e-mail.',
      already_member: 'Cette personne est déjà membre du projet.',
      conflict: 'Cette modification entre en conflit avec les données actuelles.',
      internal_error: 'Une erreur inattendue est survenue sur le serveur.',
    },
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
