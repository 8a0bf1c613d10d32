import type { AdminTranslations } from './admin.fr';

export const ADMIN_EN: AdminTranslations = {
  admin: {
    title: 'Users',
    subtitle: 'Accounts of this instance: creation, deactivation, administrator rights',
    create: 'Create a user',
    displayName: 'Display name',
    initialPassword: 'Initial password',
    add: 'Create',
    created: 'User created.',
    isAdmin: 'Administrator',
    isActive: 'Active',
    user: 'User',
    actions: 'Actions',
    reset: {
      open: 'New password',
      title: 'New password for {{name}}',
      hint: 'Their current sessions will end. Give them this password through a safe channel; they can change it from “My account”.',
      submit: 'Set the password',
      done: 'Password of {{name}} changed; their sessions were ended.',
    },
    fields: {
      email: 'E-mail',
      displayName: 'Display name',
      password: 'Password',
      newPassword: 'New password',
      isAdmin: 'Administrator',
      isActive: 'Active',
    },
  },
};
