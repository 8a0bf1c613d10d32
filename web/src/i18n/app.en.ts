import type { AppTranslations } from './app.fr';

export const APP_EN: AppTranslations = {
  app: {
    name: 'Jalon',
    tagline: 'Customer-interaction platform deployment',
    skipToContent: 'Skip to content',
    language: 'Language',
    switchLanguage: 'Français',
    switchLanguageLabel: 'Switch to French',
    projectSwitcher: 'Project',
    noProject: 'Choose a project',
    loadError: 'Cannot reach the Jalon server. Try again in a moment.',
    retry: 'Retry',
  },
  nav: {
    projects: 'Projects',
    planning: 'Planning',
    risks: 'Risks',
    committees: 'Committees',
    acceptance: 'Acceptance',
    members: 'Members',
    audit: 'Change log',
    projectNavigation: 'Project navigation',
  },
  errors: {
    notFound: 'Page not found',
    projectNotFound: 'This project does not exist or you have no access to it.',
  },
  roles: {
    project_manager: 'Project manager',
    sponsor: 'Sponsor',
    steering_member: 'Steering committee member',
    key_user: 'Key user',
    contributor: 'Contributor (vendor / integrator)',
    viewer: 'Viewer',
    admin: 'Administrator',
  },
};
