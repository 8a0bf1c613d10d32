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
  },
};
