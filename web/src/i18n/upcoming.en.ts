import type { UpcomingTranslations } from './upcoming.fr';

export const UPCOMING_EN: UpcomingTranslations = {
  upcoming: {
    title: 'This module is coming soon',
    planning: 'The interactive retroplanning (Gantt, baselines, slippage) is being built.',
    risks: 'The risk matrix (probability × impact) and its steering-committee review are being built.',
    overview: 'The project overview is being built.',
    meetings: 'COPIL, COPROJ and workshops (agendas, minutes, decisions, actions) are being built.',
    acceptance: 'Acceptance testing (test cases, campaigns, defects, PV and go / no-go) is being built.',
    back: 'Back to projects',
  },
};
