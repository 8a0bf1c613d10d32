import type { ProjectsTranslations } from './projects.fr';

export const PROJECTS_EN: ProjectsTranslations = {
  projects: {
    create: {
      title: 'New project',
      name: 'Project name',
      company: 'Company',
      template: 'Start from the “contact-centre deployment” template (phases, tasks, milestones, retroplanned from the go-live)',
      cancel: 'Cancel',
      submit: 'Create the project',
    },
    edit: {
      title: 'Edit the project',
      open: 'Edit',
      description: 'Description',
      status: 'Status',
      weatherComment: 'Weather comment',
      saved: 'Project saved.',
      errors: {
        stale_version: 'Someone changed this project in the meantime. Close this window and open it again to start from its current version.',
      },
    },
    fields: {
      name: 'Project name',
      company: 'Company',
      description: 'Description',
      status: 'Status',
      weather: 'Weather',
      weatherComment: 'Weather comment',
      targetGoLive: 'Go-live',
    },
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
};
