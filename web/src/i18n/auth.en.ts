import type { AuthTranslations } from './auth.fr';

export const AUTH_EN: AuthTranslations = {
  login: {
    title: 'Sign in to Jalon',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in',
    errors: {
      credentials: 'Wrong e-mail address or password.',
      throttled: 'Too many attempts: wait a minute before trying again.',
      unreachable: 'The Jalon server does not answer. Try again in a moment.',
    },
    demoTitle: 'Demo accounts',
    demoHint: 'One account per role, password “{{password}}”. Click one to fill in the form.',
  },
  account: {
    menu: 'My account',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    passwordRule: 'At least 10 characters.',
    save: 'Save',
    logout: 'Sign out',
    outcome: {
      changed: 'Password changed. Your other sessions were signed out.',
      wrong: 'The current password is wrong.',
      failed: 'The password could not be changed.',
    },
  },
};
