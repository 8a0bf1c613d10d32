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
    treatments: {
      title: 'Risk treatments falling due',
      subtitle: 'The risk treatments you own that are overdue or due within two weeks.',
      empty: 'No risk treatment of yours falls due within two weeks.',
      risk: 'Risk',
      treatment: 'Treatment',
      due: 'Due',
      overdue: 'Overdue',
    },
    fields: {
      progress: 'Progress',
      actualStart: 'Actual start',
      actualFinish: 'Actual finish',
      version: 'Version',
    },
  },
};
