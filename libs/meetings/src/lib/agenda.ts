import type { ActionStatus, AgendaItemKind, KpiStatus, MeetingType, ProposedAgendaItemDto, Weather } from '@jalon/domain';
import { isOpenStatus, isReviewOverdue, isSevereBand, type RiskBand, type RiskStatus, type RiskTrend } from '@jalon/risks';
import { isActionClosed, isActionOverdue } from './actions';

/**
 * The agenda Jalon proposes for a meeting, from the state of the project (issue 13). A COPIL
 * reviews everything the steering committee decides on; a COPROJ only the work in progress and the
 * actions due. Pure: the API gathers the state, this decides what is worth the committee's time.
 */

export interface AgendaMilestoneFact {
  taskId: string;
  name: string;
  finish: string;
  /** Its finish in the previous COPIL's baseline; null when it was not in it (or no baseline). */
  referenceFinish: string | null;
  /** Working days, positive = late, against that baseline. */
  slippage: number | null;
  critical: boolean;
  done: boolean;
}

export interface AgendaRiskFact {
  id: string;
  reference: string;
  title: string;
  status: RiskStatus;
  band: RiskBand;
  score: number;
  strategy: string;
  /** An acceptance is on record (strategy « accepter »). */
  accepted: boolean;
  /** Since the latest review (@jalon/risks `compareReviews`); null before any review included it. */
  trend: RiskTrend | null;
  materialising: boolean;
  /** ISO instant of its creation. */
  createdAt: string;
  nextReviewOn: string;
}

export interface AgendaActionFact {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
}

export interface AgendaTaskFact {
  id: string;
  name: string;
  start: string;
  finish: string;
  progress: number;
  actualStart: string | null;
  actualFinish: string | null;
  isMilestone: boolean;
  critical: boolean;
}

export interface AgendaAcceptanceFact {
  cases: number;
  passed: number;
  failed: number;
  blocked: number;
  notRun: number;
  openDefects: number;
}

/** A réserve of a signed go / no-go past its due date and not lifted (issue 16). */
export interface AgendaReserveFact {
  defectReference: string;
  defectTitle: string;
  campaignName: string;
  ownerName: string;
  /** 'YYYY-MM-DD'. */
  dueDate: string;
  daysLate: number;
}

/** The project's latest signed go / no-go decision, when it is a no-go. */
export interface AgendaNoGoFact {
  campaignName: string;
  /** ISO instant it was signed. */
  decidedAt: string;
}

export interface AgendaKpiFact {
  name: string;
  status: KpiStatus;
}

/** Everything the proposal reads, gathered by the API (or crafted by a test). */
export interface AgendaProjectState {
  meetingType: MeetingType;
  /** 'YYYY-MM-DD', today in France. */
  today: string;
  /** 'YYYY-MM-DD', the meeting's local date. */
  meetingDate: string;
  /** ISO instant of the previous COPIL, the point "new" and "slipped since" are measured from. */
  previousCopilAt: string | null;
  weather: { weather: Weather; comment: string; setAt: string } | null;
  /** Key milestones of the plan. */
  milestones: AgendaMilestoneFact[];
  /** The critical path now, and at the previous COPIL (from its pack) when known. */
  criticalPath: { current: Array<{ id: string; name: string }>; previousIds: string[] | null };
  risks: AgendaRiskFact[];
  /** Open actions (neither done nor abandoned) of the project. */
  actions: AgendaActionFact[];
  /** Tasks of the plan (a COPROJ reviews those in progress and late). */
  tasks: AgendaTaskFact[];
  /** Null when the project has no acceptance (recette) yet. */
  acceptance: AgendaAcceptanceFact | null;
  kpis: AgendaKpiFact[];
  /** Réserves of signed go / no-go decisions past their due date, not lifted (absent: none). */
  overdueReserves?: AgendaReserveFact[];
  /** The latest signed go / no-go decision when it is a no-go (absent or null: none). */
  noGo?: AgendaNoGoFact | null;
}

/** Minutes per item when there is something to review, and when there is nothing to report. */
export const AGENDA_DEFAULT_MINUTES: Record<AgendaItemKind, number> = {
  weather: 5,
  milestones: 15,
  critical_path: 10,
  risks: 20,
  decisions_pending: 15,
  actions_overdue: 10,
  acceptance: 15,
  kpis: 10,
  tasks_in_progress: 20,
  actions_due: 15,
  free: 30,
};
export const AGENDA_QUIET_MINUTES = 5;

/** Lines listed per item at most; the rest is counted (« … et 12 autres »). */
const MAX_LINES = 8;

const WEATHER_LABELS: Record<Weather, string> = { ensoleille: 'ensoleillé', nuageux: 'nuageux', orageux: 'orageux' };

/** 'YYYY-MM-DD' as « 02/03/2027 », by its digits (never through a time zone). */
export function frenchDay(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** « +3 j », « −2 j », « 0 j ». */
export function slippageLabel(days: number): string {
  return days === 0 ? '0 j' : days > 0 ? `+${days} j` : `−${-days} j`;
}

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `… et ${lines.length - MAX_LINES} autres`];
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

/** Adds calendar days to 'YYYY-MM-DD', by the numbers. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const isOpenAction = (action: AgendaActionFact): boolean => !isActionClosed(action.status);

const isTaskDone = (task: AgendaTaskFact): boolean => task.actualFinish !== null || task.progress >= 100;

function item(kind: AgendaItemKind, title: string, busy: boolean, details: string[], counts: Record<string, number>): ProposedAgendaItemDto {
  return { kind, title, durationMinutes: busy ? AGENDA_DEFAULT_MINUTES[kind] : AGENDA_QUIET_MINUTES, details: capped(details), counts };
}

function weatherItem(state: AgendaProjectState): ProposedAgendaItemDto {
  const weather = state.weather;
  const details = weather
    ? [`Météo actuelle : ${WEATHER_LABELS[weather.weather]}${weather.comment ? ` — ${weather.comment}` : ''}`]
    : ['Météo non renseignée : à fixer en séance'];
  return item('weather', 'Météo du projet', true, details, { set: weather ? 1 : 0 });
}

function milestonesItem(state: AgendaProjectState): ProposedAgendaItemDto {
  const open = state.milestones.filter((milestone) => !milestone.done).sort((a, b) => a.finish.localeCompare(b.finish));
  const slipped = open.filter((milestone) => (milestone.slippage ?? 0) > 0);
  const ahead = open.filter((milestone) => (milestone.slippage ?? 0) < 0);
  // Slipped milestones first (the largest slip first), then the others by date.
  const ordered = [...slipped.sort((a, b) => (b.slippage ?? 0) - (a.slippage ?? 0)), ...open.filter((m) => !slipped.includes(m))];
  const details = ordered.map((milestone) => {
    const slip = milestone.slippage === null ? 'nouveau depuis la référence' : slippageLabel(milestone.slippage);
    return `${milestone.name} : ${frenchDay(milestone.finish)} (${slip})${milestone.critical ? ', critique' : ''}`;
  });
  if (open.length === 0) details.push('Aucun jalon clé à venir');
  const title = slipped.length > 0 ? `Jalons clés : ${plural(slipped.length, 'glissement', 'glissements')}` : 'Jalons clés';
  return item('milestones', title, open.length > 0, details, { milestones: open.length, slipped: slipped.length, ahead: ahead.length });
}

function criticalPathItem(state: AgendaProjectState): ProposedAgendaItemDto {
  const { current, previousIds } = state.criticalPath;
  if (previousIds === null) {
    return item('critical_path', 'Chemin critique', false, [`${plural(current.length, 'tâche critique', 'tâches critiques')} (pas de COPIL précédent pour comparer)`], {
      critical: current.length,
      entered: 0,
      left: 0,
    });
  }
  const before = new Set(previousIds);
  const now = new Set(current.map((task) => task.id));
  const entered = current.filter((task) => !before.has(task.id));
  const left = previousIds.filter((id) => !now.has(id));
  const details = [
    ...entered.map((task) => `Entre sur le chemin critique : ${task.name}`),
    ...(left.length > 0 ? [`${plural(left.length, 'tâche sortie', 'tâches sorties')} du chemin critique`] : []),
  ];
  if (details.length === 0) details.push('Chemin critique inchangé depuis le COPIL précédent');
  const changed = entered.length + left.length > 0;
  return item('critical_path', changed ? 'Chemin critique : changements' : 'Chemin critique', changed, details, {
    critical: current.length,
    entered: entered.length,
    left: left.length,
  });
}

/** The open risks the committee must look at, each under the first reason that applies. */
export function risksToReview(state: Pick<AgendaProjectState, 'risks' | 'today' | 'previousCopilAt'>): {
  materialising: AgendaRiskFact[];
  rising: AgendaRiskFact[];
  fresh: AgendaRiskFact[];
  reviewOverdue: AgendaRiskFact[];
} {
  const open = state.risks.filter((risk) => isOpenStatus(risk.status));
  // New since the previous COPIL: recorded after it, unless risk reviews already compared it
  // between two reviews (a register loaded in one go keeps its history); without a previous
  // COPIL, new since the review before the latest.
  const isNew = (risk: AgendaRiskFact) =>
    state.previousCopilAt !== null ? risk.createdAt > state.previousCopilAt && (risk.trend === null || risk.trend === 'new') : risk.trend === 'new';
  const byScore = (a: AgendaRiskFact, b: AgendaRiskFact) => b.score - a.score || a.reference.localeCompare(b.reference);
  return {
    materialising: open.filter((risk) => risk.materialising || risk.status === 'occurred').sort(byScore),
    rising: open.filter((risk) => risk.trend === 'up').sort(byScore),
    fresh: open.filter(isNew).sort(byScore),
    reviewOverdue: open.filter((risk) => isReviewOverdue(risk.nextReviewOn, state.today)).sort(byScore),
  };
}

function risksItem(state: AgendaProjectState, only: 'all' | 'materialising'): ProposedAgendaItemDto {
  const review = risksToReview(state);
  const sections: Array<[string, AgendaRiskFact[]]> =
    only === 'materialising'
      ? [['en train de se matérialiser', review.materialising]]
      : [
          ['en train de se matérialiser', review.materialising],
          ['en hausse', review.rising],
          ['nouveau', review.fresh],
          ['revue en retard', review.reviewOverdue],
        ];
  const details = sections.flatMap(([label, risks]) => risks.map((risk) => `${risk.reference} ${risk.title} (${label}, score ${risk.score})`));
  const flagged = new Set(sections.flatMap(([, risks]) => risks.map((risk) => risk.id)));
  if (details.length === 0) details.push('Aucun risque nouveau, en hausse, en train de se matérialiser ou à revoir');
  const parts = [
    review.fresh.length ? plural(review.fresh.length, 'nouveau', 'nouveaux') : '',
    review.rising.length ? `${review.rising.length} en hausse` : '',
    review.materialising.length ? `${review.materialising.length} en train de se matérialiser` : '',
    review.reviewOverdue.length ? `${review.reviewOverdue.length} à revoir` : '',
  ].filter((part) => part !== '' && (only === 'all' || part.includes('matérialiser')));
  const title =
    only === 'materialising' ? 'Risques en train de se matérialiser' : parts.length > 0 ? `Risques : ${parts.join(', ')}` : 'Risques';
  return item('risks', title, flagged.size > 0, details, {
    flagged: flagged.size,
    new: review.fresh.length,
    rising: review.rising.length,
    materialising: review.materialising.length,
    reviewOverdue: review.reviewOverdue.length,
  });
}

/**
 * What waits for the committee's decision: the arbitrage of a no-go when the project's latest
 * signed go / no-go decision is one, severe risks whose strategy is « accepter » without an
 * acceptance on record (only the sponsor or the project manager may accept them), and a new
 * baseline of the plan when key milestones slipped since the previous COPIL's.
 */
export function pendingDecisions(state: Pick<AgendaProjectState, 'risks' | 'milestones' | 'noGo'>): string[] {
  const toAccept = state.risks
    .filter((risk) => isOpenStatus(risk.status) && risk.strategy === 'accept' && !risk.accepted && isSevereBand(risk.band))
    .sort((a, b) => b.score - a.score || a.reference.localeCompare(b.reference))
    .map((risk) => `Accepter le risque ${risk.reference} ${risk.title} (score ${risk.score})`);
  const slipped = state.milestones.filter((milestone) => !milestone.done && (milestone.slippage ?? 0) > 0);
  const rebaseline = slipped.length > 0 ? [`Geler une nouvelle référence du plan (${plural(slipped.length, 'jalon clé a glissé', 'jalons clés ont glissé')})`] : [];
  // A no-go signed on a campaign: the committee decides what follows (new campaign, new date, scope).
  const noGo = state.noGo ? [`Décision no-go de la recette ${state.noGo.campaignName} : arbitrage`] : [];
  return [...noGo, ...toAccept, ...rebaseline];
}

function decisionsItem(state: AgendaProjectState): ProposedAgendaItemDto {
  const pending = pendingDecisions(state);
  const details = pending.length > 0 ? pending : ['Aucune décision en attente'];
  return item('decisions_pending', pending.length > 0 ? `Décisions à prendre (${pending.length})` : 'Décisions à prendre', pending.length > 0, details, {
    pending: pending.length,
  });
}

function actionLine(action: AgendaActionFact): string {
  return `${action.title} — ${action.ownerName ?? 'sans responsable'}${action.dueDate ? `, échéance ${frenchDay(action.dueDate)}` : ''}`;
}

function overdueActionsItem(state: AgendaProjectState): ProposedAgendaItemDto {
  const overdue = state.actions
    .filter((action) => isActionOverdue(action, state.today))
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.title.localeCompare(b.title));
  const details = overdue.length > 0 ? overdue.map(actionLine) : ['Aucune action en retard'];
  return item('actions_overdue', overdue.length > 0 ? `Actions en retard (${overdue.length})` : 'Actions en retard', overdue.length > 0, details, {
    overdue: overdue.length,
  });
}

function acceptanceItem(acceptance: AgendaAcceptanceFact): ProposedAgendaItemDto {
  const run = acceptance.passed + acceptance.failed + acceptance.blocked;
  const details = [
    `Cas exécutés : ${run}/${acceptance.cases} (${plural(acceptance.passed, 'réussi', 'réussis')}, ${acceptance.failed} en échec, ${plural(acceptance.blocked, 'bloqué', 'bloqués')})`,
    `Anomalies ouvertes : ${acceptance.openDefects}`,
  ];
  return item('acceptance', 'Avancement de la recette', acceptance.cases > 0, details, {
    cases: acceptance.cases,
    run,
    failed: acceptance.failed,
    openDefects: acceptance.openDefects,
  });
}

/** Overdue réserves of the go / no-go, the most late first (an item of kind `acceptance`: they belong to the recette). */
function overdueReservesItem(reserves: AgendaReserveFact[]): ProposedAgendaItemDto {
  const ordered = [...reserves].sort((a, b) => b.daysLate - a.daysLate || a.defectReference.localeCompare(b.defectReference));
  const details = ordered.map(
    (reserve) =>
      `${reserve.defectReference} ${reserve.defectTitle} (recette ${reserve.campaignName}) — ${reserve.ownerName}, échéance ${frenchDay(reserve.dueDate)}, ${plural(reserve.daysLate, 'jour', 'jours')} de retard`,
  );
  return item('acceptance', `Réserves de recette en retard (${reserves.length})`, true, details, { overdueReserves: reserves.length });
}

function kpisItem(kpis: AgendaKpiFact[]): ProposedAgendaItemDto {
  const count = (status: KpiStatus) => kpis.filter((kpi) => kpi.status === status).length;
  const counts = { green: count('green'), amber: count('amber'), red: count('red'), none: count('none') };
  const details = [
    `${counts.green} au vert, ${counts.amber} à l'orange, ${counts.red} au rouge, ${counts.none} sans valeur`,
    ...kpis.filter((kpi) => kpi.status === 'red' || kpi.status === 'amber').map((kpi) => `${kpi.name} : ${kpi.status === 'red' ? 'rouge' : 'orange'}`),
  ];
  return item('kpis', "Indicateurs d'incubation", counts.green + counts.amber + counts.red > 0, details, counts);
}

function tasksItem(state: AgendaProjectState): ProposedAgendaItemDto {
  const open = state.tasks.filter((task) => !isTaskDone(task) && !task.isMilestone);
  const late = open.filter((task) => task.finish < state.today || (task.start < state.today && task.actualStart === null && task.progress === 0));
  const lateIds = new Set(late.map((task) => task.id));
  const inProgress = open.filter((task) => !lateIds.has(task.id) && (task.actualStart !== null || task.progress > 0 || task.start <= state.today));
  const byFinish = (a: AgendaTaskFact, b: AgendaTaskFact) => a.finish.localeCompare(b.finish) || a.name.localeCompare(b.name);
  const details = [
    ...late.sort(byFinish).map((task) => `En retard : ${task.name} (fin ${frenchDay(task.finish)}, ${task.progress} %)`),
    ...inProgress.sort(byFinish).map((task) => `En cours : ${task.name} (fin ${frenchDay(task.finish)}, ${task.progress} %)`),
  ];
  if (details.length === 0) details.push('Aucune tâche en cours ou en retard');
  const title = late.length > 0 ? `Tâches en cours et en retard (${late.length} en retard)` : 'Tâches en cours';
  return item('tasks_in_progress', title, late.length + inProgress.length > 0, details, {
    inProgress: inProgress.length,
    late: late.length,
  });
}

function actionsDueItem(state: AgendaProjectState): ProposedAgendaItemDto {
  // Due by a week after the meeting (the next COPROJ), overdue included.
  const horizon = addDays(state.meetingDate, 7);
  const due = state.actions
    .filter((action) => isOpenAction(action) && action.dueDate !== null && action.dueDate <= horizon)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.title.localeCompare(b.title));
  const overdue = due.filter((action) => isActionOverdue(action, state.today)).length;
  const details = due.length > 0 ? due.map((action) => `${isActionOverdue(action, state.today) ? 'En retard : ' : ''}${actionLine(action)}`) : ['Aucune action à échéance'];
  return item('actions_due', due.length > 0 ? `Actions à échéance (${due.length})` : 'Actions à échéance', due.length > 0, details, {
    due: due.length,
    overdue,
  });
}

/**
 * The proposed agenda. COPIL: weather, key milestones and their slippage, critical-path changes,
 * risks, decisions to take (a no-go's arbitrage first), overdue actions, then acceptance (when it
 * exists), the go / no-go réserves past their due date (when there are any) and incubation KPIs
 * (when defined); an item with nothing to report keeps 5 minutes. COPROJ: tasks in progress and
 * late, actions due, and the materialising risks when there are any. Atelier: one free item.
 */
export function proposeAgenda(state: AgendaProjectState): ProposedAgendaItemDto[] {
  if (state.meetingType === 'copil') {
    const items = [
      weatherItem(state),
      milestonesItem(state),
      criticalPathItem(state),
      risksItem(state, 'all'),
      decisionsItem(state),
      overdueActionsItem(state),
    ];
    if (state.acceptance) items.push(acceptanceItem(state.acceptance));
    if ((state.overdueReserves ?? []).length > 0) items.push(overdueReservesItem(state.overdueReserves!));
    if (state.kpis.length > 0) items.push(kpisItem(state.kpis));
    return items;
  }
  if (state.meetingType === 'coproj') {
    const items = [tasksItem(state), actionsDueItem(state)];
    if (risksToReview(state).materialising.length > 0) items.push(risksItem(state, 'materialising'));
    return items;
  }
  return [{ kind: 'free', title: "Sujets de l'atelier", durationMinutes: AGENDA_DEFAULT_MINUTES.free, details: [], counts: {} }];
}

export function agendaMinutes(items: ReadonlyArray<{ durationMinutes: number }>): number {
  return items.reduce((total, entry) => total + entry.durationMinutes, 0);
}
