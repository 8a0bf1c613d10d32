import type { MyWorkTranslations } from './mywork.fr';

export const MYWORK_EN: MyWorkTranslations = {
  myWork: {
    nav: 'My work',
    title: 'My work',
    subtitle: 'What is assigned to you across your projects: overdue first, then your tasks, actions, risk treatments, tests and next meetings.',
    loadFailed: 'Your work could not be loaded. Try again in a moment.',
    counts: '{{overdue}} overdue · {{tasks}} task(s) · {{actions}} action(s) · {{treatments}} treatment(s) · {{tests}} test(s) · {{meetings}} meeting(s)',
    sectionCount: '{{count}} · {{overdue}} overdue',
    project: 'Project',
    kind: 'Kind',
    item: 'Item',
    due: 'Due',
    status: 'Status',
    overdue: 'Overdue',
    kinds: {
      task: 'Task',
      action: 'Action',
      treatment: 'Risk treatment',
      test: 'Test',
    },
    late: {
      title: 'Overdue',
      empty: 'Nothing is overdue. Well done!',
    },
    tasks: {
      title: 'Tasks to report on',
      help: 'Your unfinished tasks starting within two weeks or already started.',
      empty: 'No task to report on for now.',
      planned: 'Planned dates',
      progress: 'Progress',
    },
    actions: {
      title: 'Actions',
      help: 'The meeting actions you own, to do or in progress.',
      empty: 'No open action is assigned to you.',
    },
    treatments: {
      title: 'Risk treatments',
      help: 'The open treatments of the risks you are responsible for.',
      empty: 'No open risk treatment is assigned to you.',
      risk: 'Risk',
    },
    tests: {
      title: 'Tests to run',
      help: 'The acceptance cases assigned to you that are still to run; the due date is the end of the campaign.',
      empty: 'No test is waiting for you.',
    },
    meetings: {
      title: 'Next meetings',
      help: 'The meetings you organise or take part in.',
      empty: 'No upcoming meeting.',
      when: 'Date',
      type: 'Type',
      meeting: 'Meeting',
    },
  },
};
