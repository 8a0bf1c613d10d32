import type { Shape } from './shape';

/** French texts of the members pages (the reference language). */
export const MEMBERS_FR = {
  members: {
    title: 'Membres du projet',
    subtitle: 'Qui participe au projet et avec quel rôle',
    invite: 'Inviter un utilisateur',
    user: 'Utilisateur',
    search: 'Rechercher un utilisateur',
    searchHint: 'Nom ou e-mail, 3 caractères au moins',
    role: 'Rôle',
    add: 'Ajouter',
    actions: 'Actions',
    remove: 'Retirer',
    invited: 'Membre ajouté.',
    roleChanged: 'Rôle modifié.',
    removed: 'Membre retiré.',
    yourRole: 'Votre rôle\u00a0:',
    removeTitle: 'Retirer {{name}} du projet ?',
    removeMessage: '{{name}} n’aura plus accès au projet. Son historique reste dans le journal.',
    table: 'Membres',
    fields: {
      role: 'Rôle',
      userId: 'Utilisateur',
    },
  },
};

export type MembersTranslations = Shape<typeof MEMBERS_FR>;
