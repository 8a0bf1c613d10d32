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
