import type { GanttTranslations } from './gantt.fr';

export const GANTT_EN: GanttTranslations = {
  gantt: {
    weekPrefix: 'W',
    drag: {
      dates: '{{start}} → {{finish}}',
      date: '{{date}}',
      pinnedFinish: 'scheduled as late as possible: its successors hold the finish',
      pinnedStart: 'scheduled as soon as possible: its predecessors hold the start',
    },
    trend: {
      baseline: 'Baseline',
      forecast: 'Forecast',
      frozenOn: 'frozen on {{date}}',
      now: 'Current plan',
      empty: 'No key milestone to follow.',
    },
  },
};
