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
    title: 'My account',
    subtitle: 'Your profile and your calendar subscription.',
    profile: 'Profile',
    name: 'Name',
    email: 'E-mail',
    feed: {
      title: 'Milestone calendar',
      hint: 'Subscribe to this address in Outlook or another calendar to see the project’s key milestones. It is personal: do not share it.',
      project: 'Project',
      url: 'Subscription address',
      copy: 'Copy the address',
      copied: 'Address copied to the clipboard.',
      reset: 'Reset the token',
      resetTitle: 'Reset the calendar token?',
      resetMessage: 'Calendars subscribed to the old address will no longer receive milestones. You will have to subscribe again with the new address.',
      resetDone: 'New token created: the old address no longer works.',
      noProject: 'You are not a member of any project.',
    },
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
