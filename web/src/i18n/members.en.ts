import type { MembersTranslations } from './members.fr';

export const MEMBERS_EN: MembersTranslations = {
  members: {
    title: 'Project members',
    subtitle: 'Who takes part in the project, and in which role',
    invite: 'Invite a user',
    user: 'User',
    search: 'Find a user',
    searchHint: 'Name or e-mail, at least 3 characters',
    role: 'Role',
    add: 'Add',
    actions: 'Actions',
    remove: 'Remove',
    invited: 'Member added.',
    roleChanged: 'Role changed.',
    removed: 'Member removed.',
    yourRole: 'Your role:',
    removeTitle: 'Remove {{name}} from the project?',
    removeMessage: '{{name}} will no longer have access to the project. Their history stays in the change log.',
    table: 'Members',
    fields: {
      role: 'Role',
      userId: 'User',
    },
  },
};
