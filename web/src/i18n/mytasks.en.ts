import type { MyTasksTranslations } from './mytasks.fr';

export const MYTASKS_EN: MyTasksTranslations = {
  myTasks: {
    title: 'My tasks',
    subtitle: 'The tasks assigned to you in your projects. Report their progress and actual dates.',
    empty: 'No task is assigned to you yet.',
    project: 'Project',
    task: 'Task',
    planned: 'Planned dates',
    progress: 'Progress',
    actualStart: 'Actual start',
    actualFinish: 'Actual finish',
    actions: 'Actions',
    save: 'Save',
    saved: 'Progress of “{{name}}” saved.',
    readOnly: 'Read only',
    progressInvalid: 'The progress of “{{name}}” must be a whole number from 0 to 100.',
    fields: {
      progress: 'Progress',
      actualStart: 'Actual start',
      actualFinish: 'Actual finish',
      version: 'Version',
    },
  },
};
