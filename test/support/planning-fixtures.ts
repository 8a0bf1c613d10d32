import type {
  BaselineComparisonDto,
  BaselineSummaryDto,
  LinkDto,
  LinkTypeCode,
  MilestoneTrendDto,
  PhaseDto,
  RetroPlanningDto,
  TaskDto,
} from '@jalon/domain';
import { WorkingCalendar } from '@jalon/planning';
import { newLink, newLot, newPhase, newPlan, newTask, scheduledPlan } from '@jalon/planning/testing';

/**
 * Plans for the planning page's browser tests and screenshots, computed with the real engine so
 * that their dates are the ones the API would serve.
 */
export interface TaskSpec {
  key: string;
  phase: string;
  name: string;
  duration: number;
  owner?: string;
  progress?: number;
  keyMilestone?: boolean;
  actualStart?: string;
  actualFinish?: string;
  fixedDate?: string;
  after?: Array<string | { key: string; type?: LinkTypeCode; lag?: number }>;
}

export interface PlanSpec {
  projectId: string;
  goLive: string;
  phases: string[];
  tasks: TaskSpec[];
  today?: string;
}

export function buildPlan(spec: PlanSpec): RetroPlanningDto {
  const phases: PhaseDto[] = spec.phases.map((name, position) => newPhase({ name, position }));
  const phaseId = new Map(phases.map((phase) => [phase.name, phase.id]));
  const tasks: TaskDto[] = spec.tasks.map((task) =>
    newTask({
      phaseId: phaseId.get(task.phase) ?? null,
      name: task.name,
      duration: task.duration,
      keyMilestone: task.keyMilestone ?? false,
      fixedDate: task.fixedDate ?? null,
      ownerName: task.owner ?? '',
      progress: task.progress ?? 0,
      actualStart: task.actualStart ?? null,
      actualFinish: task.actualFinish ?? null,
    }),
  );
  const ids = new Map(spec.tasks.map((task, i) => [task.key, tasks[i]!.id]));
  const links: LinkDto[] = spec.tasks.flatMap((task) =>
    (task.after ?? []).map((after) => {
      const from = typeof after === 'string' ? { key: after } : after;
      return newLink(ids.get(from.key)!, ids.get(task.key)!, { type: from.type ?? 'FS', lag: from.lag ?? 0 });
    }),
  );
  return scheduledPlan(
    newPlan({
      projectId: spec.projectId,
      settings: { targetGoLive: spec.goLive },
      lots: [newLot({ name: 'Lot 1 — voix' })],
      phases,
      tasks,
      links,
    }),
    spec.today ?? new Date().toISOString().slice(0, 10),
  );
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A Tuesday about four months after `today`, as the demo seed does. */
export function demoGoLiveFrom(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  const goLive = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 4, date.getUTCDate()));
  goLive.setUTCDate(goLive.getUTCDate() + ((2 - goLive.getUTCDay() + 7) % 7));
  return goLive.toISOString().slice(0, 10);
}

/** The demo project's retroplanning (the template's phases, shortened), for screenshots without the planning API. */
export function demoPlan(projectId: string, today = new Date().toISOString().slice(0, 10)): RetroPlanningDto {
  const goLive = demoGoLiveFrom(today);
  const plan = buildPlan({
    projectId,
    goLive,
    today,
    phases: ['Cadrage', 'Cahier des charges & consultation', 'Spécifications', 'Mise en œuvre', 'Recette', 'Formation', 'Pilote & go-live', 'Incubation'],
    tasks: [
      { key: 'besoins', phase: 'Cadrage', name: 'Recueil des besoins', duration: 10, owner: 'C. Martin', progress: 100, after: [] },
      { key: 'cadrage', phase: 'Cadrage', name: 'Cadrage fonctionnel', duration: 8, owner: 'C. Martin', progress: 60, after: ['besoins'] },
      { key: 'm-cadrage', phase: 'Cadrage', name: 'Cadrage validé (COPIL)', duration: 0, keyMilestone: true, after: ['cadrage'] },
      { key: 'cdc', phase: 'Cahier des charges & consultation', name: 'Rédaction du CDC', duration: 8, owner: 'C. Martin', after: ['m-cadrage'] },
      { key: 'consult', phase: 'Cahier des charges & consultation', name: 'Consultation (5 éditeurs)', duration: 15, owner: 'Achats', after: ['cdc'] },
      { key: 'analyse', phase: 'Cahier des charges & consultation', name: 'Analyse des réponses', duration: 5, owner: 'C. Martin', after: ['consult'] },
      { key: 'soutenances', phase: 'Cahier des charges & consultation', name: 'Soutenances', duration: 3, owner: 'COPIL', after: ['analyse'] },
      { key: 'm-choix', phase: 'Cahier des charges & consultation', name: 'Choix du prestataire', duration: 0, keyMilestone: true, after: ['soutenances'] },
      { key: 'ateliers', phase: 'Spécifications', name: 'Ateliers (routage, bandeau, email, chat)', duration: 10, owner: 'Éditeur', after: ['m-choix'] },
      { key: 'prereq', phase: 'Spécifications', name: 'Validation des prérequis techniques', duration: 5, owner: 'DSI', after: [{ key: 'ateliers', type: 'SS', lag: 3 }] },
      { key: 'm-specs', phase: 'Spécifications', name: 'Spécifications validées', duration: 0, keyMilestone: true, after: ['ateliers', 'prereq'] },
      { key: 'param', phase: 'Mise en œuvre', name: 'Paramétrage', duration: 15, owner: 'Intégrateur', after: ['m-specs'] },
      { key: 'integ', phase: 'Mise en œuvre', name: 'Intégrations CRM, GED, téléphonie', duration: 12, owner: 'DSI', after: ['m-specs'] },
      { key: 'migration', phase: 'Mise en œuvre', name: 'Reprise des données (revue RGPD)', duration: 6, owner: 'DPO', after: ['m-specs'] },
      { key: 'com', phase: 'Mise en œuvre', name: 'Communication interne', duration: 4, owner: 'Communication', after: ['m-specs'] },
      { key: 'cas', phase: 'Recette', name: 'Rédaction des cas de test', duration: 5, owner: 'Utilisateurs clés', after: ['m-specs'] },
      { key: 'vabf', phase: 'Recette', name: 'VABF par les utilisateurs clés', duration: 10, owner: 'Utilisateurs clés', after: ['param', 'integ', 'migration', 'cas'] },
      { key: 'corrections', phase: 'Recette', name: 'Correction des anomalies', duration: 5, owner: 'Intégrateur', after: [{ key: 'vabf', type: 'SS', lag: 5 }] },
      { key: 'm-pv', phase: 'Recette', name: 'PV de recette signé', duration: 0, keyMilestone: true, after: ['vabf', 'corrections'] },
      { key: 'form-uc', phase: 'Formation', name: 'Formation des utilisateurs clés', duration: 3, owner: 'Éditeur', after: ['m-pv'] },
      { key: 'form-agents', phase: 'Formation', name: 'Formation des agents', duration: 4, owner: 'Utilisateurs clés', after: ['form-uc', 'com'] },
      { key: 'pilote', phase: 'Pilote & go-live', name: 'Pilote en période calme', duration: 5, owner: 'C. Martin', after: ['form-agents'] },
      { key: 'm-gonogo', phase: 'Pilote & go-live', name: 'Go / No-Go', duration: 0, keyMilestone: true, after: ['pilote'] },
      // As in the template: the go-live milestone is fixed on the go-live and the incubation runs after it.
      { key: 'm-mep', phase: 'Pilote & go-live', name: 'Mise en production', duration: 0, keyMilestone: true, fixedDate: goLive, after: ['m-gonogo'] },
      { key: 'suivi', phase: 'Incubation', name: 'Suivi hebdomadaire des KPI', duration: 30, owner: 'C. Martin', after: ['m-mep'] },
      { key: 'm-incubation', phase: 'Incubation', name: 'Fin d’incubation', duration: 0, keyMilestone: true, after: ['suivi'] },
    ],
  });
  void addDays;
  return plan;
}

/** A baseline taken "a month ago": the same plan with every date a few working days earlier. */
export function demoBaseline(plan: RetroPlanningDto, name = 'COPIL octobre'): {
  summary: BaselineSummaryDto;
  comparison: BaselineComparisonDto;
  trend: MilestoneTrendDto;
} {
  const calendar = new WorkingCalendar(plan.settings.calendar);
  const shift = (task: TaskDto) => (task.position % 3 === 0 ? -3 : task.position % 3 === 1 ? 0 : 2);
  const summary: BaselineSummaryDto = {
    id: 'e5000000-0000-4000-8000-000000000001',
    name,
    createdAt: addDays(new Date().toISOString().slice(0, 10), -30) + 'T09:00:00.000Z',
    createdBy: 'pm@demo.jalon.fr',
    taskCount: plan.tasks.length,
  };
  const rows = plan.tasks.map((task) => {
    const referenceStart = calendar.addWorkingDays(task.start, -shift(task));
    const referenceFinish = calendar.addWorkingDays(task.finish, -shift(task));
    return {
      taskId: task.id,
      name: task.name,
      isMilestone: task.isMilestone,
      keyMilestone: task.keyMilestone,
      referenceStart,
      referenceFinish,
      currentStart: task.start,
      currentFinish: task.finish,
      finishSlippage: calendar.workingDaysBetween(referenceFinish, task.finish),
      startSlippage: calendar.workingDaysBetween(referenceStart, task.start),
    };
  });
  const keyMilestones = plan.tasks.filter((task) => task.keyMilestone);
  const trend: MilestoneTrendDto = {
    baselines: [
      { id: 'e5000000-0000-4000-8000-000000000000', name: 'COPIL septembre', createdAt: addDays(summary.createdAt.slice(0, 10), -30) + 'T09:00:00.000Z' },
      { id: summary.id, name: summary.name, createdAt: summary.createdAt },
    ],
    milestones: keyMilestones.map((task, i) => ({
      taskId: task.id,
      name: task.name,
      forecasts: [calendar.addWorkingDays(task.finish, -(i % 3) - 2), calendar.addWorkingDays(task.finish, -(i % 2))],
      current: task.finish,
    })),
  };
  return { summary, comparison: { reference: { kind: 'baseline', id: summary.id, name }, current: { kind: 'plan' }, rows }, trend };
}

/** A generated plan of `count` tasks in 20 phases: chains with cross links, for the benchmark. */
export function largePlan(projectId: string, count: number, goLive: string): RetroPlanningDto {
  const phases = Array.from({ length: 20 }, (_, i) => `Phase ${i + 1}`);
  const perPhase = Math.ceil(count / phases.length);
  const tasks: TaskSpec[] = Array.from({ length: count }, (_, i) => {
    const phase = phases[Math.floor(i / perPhase)]!;
    const after: TaskSpec['after'] = i % perPhase === 0 ? (i >= perPhase ? [`t${i - perPhase}`] : []) : [`t${i - 1}`];
    if (i % 7 === 3 && i > 10) after.push(`t${i - 9}`);
    return { key: `t${i}`, phase, name: `Tâche ${i + 1}`, duration: i % 11 === 0 ? 0 : 1 + (i % 5), owner: `Équipe ${i % 6}`, after };
  });
  return buildPlan({ projectId, goLive, phases, tasks });
}
