import type { Translations } from './fr';

export const EN: Translations = {
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
    projectNavigation: 'Project navigation',
  },
  projects: {
    title: 'My projects',
    subtitle: 'Deployments in progress and their weather',
    empty: 'No project yet.',
    goLive: 'Go-live',
    daysToGoLive: 'D-{{days}}',
    goLivePassed: 'Live for {{days}} days',
    goLiveToday: 'Go-live today',
    open: 'Open the planning',
    status: {
      cadrage: 'Scoping',
      in_progress: 'In progress',
      incubation: 'Incubation',
      closed: 'Closed',
    },
    weather: {
      label: 'Weather',
      sunny: 'Sunny',
      cloudy: 'Cloudy',
      stormy: 'Stormy',
    },
  },
  upcoming: {
    title: 'This module is coming soon',
    planning: 'The interactive retroplanning (Gantt, baselines, slippage) is being built.',
    risks: 'The risk matrix (probability × impact) and its steering-committee review are being built.',
    committees: 'COPIL, COPROJ and workshops (agendas, minutes, decisions, actions) are being built.',
    acceptance: 'Acceptance testing (test cases, campaigns, defects, PV and go / no-go) is being built.',
    back: 'Back to projects',
  },
  errors: {
    notFound: 'Page not found',
    projectNotFound: 'This project does not exist or you have no access to it.',
  },
};
