import type { Shape } from './shape';

/** French texts of the Gantt chart and the milestone trend chart (the reference language). */
export const GANTT_FR = {
  gantt: {
    /** Before an ISO week number: « S13 ». */
    weekPrefix: 'S',
    drag: {
      dates: '{{start}} → {{finish}}',
      date: '{{date}}',
      pinnedFinish: 'planifiée au plus tard : la fin reste fixée par ses successeurs',
      pinnedStart: 'planifiée au plus tôt : le début reste fixé par ses prédécesseurs',
    },
    trend: {
      baseline: 'Référence',
      forecast: 'Prévision',
      frozenOn: 'figée le {{date}}',
      now: 'Plan actuel',
      empty: 'Aucun jalon clé à suivre.',
    },
  },
};

export type GanttTranslations = Shape<typeof GANTT_FR>;
