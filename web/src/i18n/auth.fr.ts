import type { Shape } from './shape';

/** French texts of the auth pages (the reference language). */
export const AUTH_FR = {
  login: {
    title: 'Connexion à Jalon',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    errors: {
      credentials: 'Adresse e-mail ou mot de passe incorrect.',
      throttled: 'Trop de tentatives : patientez une minute avant de réessayer.',
      unreachable: 'Le serveur Jalon ne répond pas. Réessayez dans un instant.',
    },
    demoTitle: 'Comptes de démonstration',
    demoHint: 'Un compte par rôle, mot de passe « {{password}} ». Cliquez pour remplir le formulaire.',
  },
  account: {
    menu: 'Mon compte',
    title: 'Mon compte',
    subtitle: 'Votre profil et l’abonnement à votre calendrier.',
    profile: 'Profil',
    name: 'Nom',
    email: 'E-mail',
    feed: {
      title: 'Calendrier des jalons',
      hint: 'Abonnez-vous à cette adresse dans Outlook ou un autre agenda pour voir les jalons clés du projet. Elle est personnelle : ne la partagez pas.',
      project: 'Projet',
      url: 'Adresse d’abonnement',
      copy: 'Copier l’adresse',
      copied: 'Adresse copiée dans le presse-papiers.',
      reset: 'Réinitialiser le jeton',
      resetTitle: 'Réinitialiser le jeton du calendrier ?',
      resetMessage: 'Les agendas abonnés à l’ancienne adresse ne recevront plus les jalons. Il faudra vous réabonner avec la nouvelle adresse.',
      resetDone: 'Nouveau jeton créé : l’ancienne adresse ne fonctionne plus.',
      noProject: 'Vous n’êtes membre d’aucun projet.',
    },
    changePassword: 'Changer le mot de passe',
    currentPassword: 'Mot de passe actuel',
    newPassword: 'Nouveau mot de passe',
    passwordRule: 'Au moins 10 caractères.',
    save: 'Enregistrer',
    logout: 'Se déconnecter',
    outcome: {
      changed: 'Mot de passe changé. Vos autres sessions ont été fermées.',
      wrong: 'Le mot de passe actuel est incorrect.',
      failed: 'Le mot de passe n’a pas pu être changé.',
    },
  },
};

export type AuthTranslations = Shape<typeof AUTH_FR>;
