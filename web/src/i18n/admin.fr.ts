import type { Shape } from './shape';

/** French texts of the admin pages (the reference language). */
export const ADMIN_FR = {
  admin: {
    title: 'Utilisateurs',
    subtitle: 'Comptes de l’instance : création, désactivation, droits d’administration',
    create: 'Créer un utilisateur',
    displayName: 'Nom affiché',
    initialPassword: 'Mot de passe initial',
    add: 'Créer',
    created: 'Utilisateur créé.',
    isAdmin: 'Administrateur',
    isActive: 'Actif',
    user: 'Utilisateur',
    actions: 'Actions',
    reset: {
      open: 'Nouveau mot de passe',
      title: 'Nouveau mot de passe pour {{name}}',
      hint: 'Ses sessions en cours seront fermées. Transmettez-lui ce mot de passe par un canal sûr ; il pourra le changer depuis « Mon compte ».',
      submit: 'Définir le mot de passe',
      done: 'Mot de passe de {{name}} changé ; ses sessions ont été fermées.',
    },
    fields: {
      email: 'E-mail',
      displayName: 'Nom affiché',
      password: 'Mot de passe',
      newPassword: 'Nouveau mot de passe',
      isAdmin: 'Administrateur',
      isActive: 'Actif',
    },
  },
};

export type AdminTranslations = Shape<typeof ADMIN_FR>;
