import type { MembersTranslations } from './members.fr';

export const MEMBERS_EN: MembersTranslations = {
  members: {
    title: 'Project members',
    subtitle: 'Who takes part in the project, and in which role',
    invite: 'Invite a user',
    user: 'User',
    role: 'Role',
    add: 'Add',
    actions: 'Actions',
    remove: 'Remove',
    invited: 'Member added.',
    roleChanged: 'Role changed.',
    removed: 'Member removed.',
    yourRole: 'Your role',
  },
};
