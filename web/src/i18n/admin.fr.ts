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
  },
};

export type AdminTranslations = Shape<typeof ADMIN_FR>;
