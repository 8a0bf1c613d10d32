import type { AuditTranslations } from './audit.fr';

export const AUDIT_EN: AuditTranslations = {
  audit: {
    title: 'Change log',
    subtitle: 'Who changed what and when, with the values before and after',
    entity: 'Object',
    action: 'Action',
    from: 'From',
    to: 'To',
    all: 'All',
    filter: 'Filter',
    empty: 'No change matches these filters.',
    when: 'When',
    who: 'Who',
    what: 'What',
    changes: 'Changes',
    system: 'System',
    more: 'Show more',
    actions: { create: 'Creation', update: 'Update', delete: 'Deletion' },
    entities: {
      project: 'Project',
      member: 'Member',
      user: 'User',
      settings: 'Plan settings',
      lot: 'Lot',
      phase: 'Phase',
      task: 'Task',
      link: 'Link',
      baseline: 'Baseline',
    },
  },
};
