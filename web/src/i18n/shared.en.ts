import type { SharedTranslations } from './shared.fr';

export const SHARED_EN: SharedTranslations = {
  shared: {
    cancel: 'Cancel',
    confirm: 'Confirm',
    save: 'Save',
    dismiss: 'Close',
    nameRequired: 'Enter a name.',
    loading: 'Loading…',
    loadFailed: 'Could not load this data. Try again in a moment.',
    notAllowed: 'You are not allowed to see this data.',
    empty: 'Nothing to show.',
    yes: 'Yes',
    no: 'No',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
  },
};
