import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActionStatus, AgendaItemKind, Attendance, Weather } from '@jalon/domain';
import { demoProjectOf, demoUserOf, type DemoSeedContext, type DemoSeeder } from '../demo/demo-seeder';
import { DEMO_PROJECT } from '../demo/demo-project';
import {
  MeetingActionEntity,
  MeetingAgendaItemEntity,
  MeetingDecisionEntity,
  MeetingEntity,
  MeetingParticipantEntity,
} from './entities/meeting.entities';
import { MeetingsService } from './meetings.service';
import { SteeringRecordsService } from './steering-records.service';

const PM = 'pm@demo.jalon.fr';
const SPONSOR = 'sponsor@demo.jalon.fr';
const COPIL = 'copil@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';
const VENDOR = 'vendor@demo.jalon.fr';

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** `dueIn` days after the meeting, but before today (never before the meeting itself). */
function dueBefore(meetingDate: string, dueIn: number, today: string): string {
  const due = addDays(meetingDate, dueIn);
  const yesterday = addDays(today, -1);
  if (due <= yesterday) return due;
  return yesterday > meetingDate ? yesterday : meetingDate;
}

/** The first Tuesday of the month of `date`. */
function firstTuesdayOf(date: string): string {
  const first = `${date.slice(0, 8)}01`;
  return addDays(first, (2 - weekday(first) + 7) % 7);
}

/** The latest first-Tuesday-of-a-month strictly before `today`. */
export function lastFirstTuesdayBefore(today: string): string {
  const thisMonth = firstTuesdayOf(today);
  if (thisMonth < today) return thisMonth;
  return firstTuesdayOf(addDays(`${today.slice(0, 8)}01`, -1));
}

/** The latest Thursday strictly before `today`. */
export function lastThursdayBefore(today: string): string {
  const back = (weekday(today) - 4 + 7) % 7 || 7;
  return addDays(today, -back);
}

interface DemoItem {
  kind: AgendaItemKind;
  title: string;
  minutes: number;
  notes: string;
}

interface DemoAction {
  title: string;
  owner: string;
  /** Days from the meeting's date to the due date. */
  dueIn: number;
  status: ActionStatus;
  /** Due before today whatever the day of the seed (clamped between the meeting and yesterday). */
  overdue?: boolean;
  /** The agenda item (index) it comes from. */
  item: number;
}

const COPIL_AGENDA: DemoItem[] = [
  { kind: 'weather', title: 'Météo du projet', minutes: 10, notes: 'Météo nuageuse : prérequis réseau encore à confirmer par l’éditeur.' },
  { kind: 'milestones', title: 'Jalons clés et glissements', minutes: 25, notes: 'Fin des ateliers de spécification tenue. VABF décalée d’une semaine, sans impact sur le go-live à ce stade.' },
  { kind: 'risks', title: 'Risques nouveaux et en hausse', minutes: 25, notes: 'Disponibilité des utilisateurs clés pour la recette : risque en hausse, plan d’action demandé.' },
  { kind: 'decisions_pending', title: 'Décisions attendues', minutes: 25, notes: 'Périmètre du pilote et reprise des historiques de contacts arbitrés.' },
  { kind: 'actions_overdue', title: 'Actions en retard', minutes: 15, notes: 'Deux actions en retard relancées en séance.' },
  { kind: 'free', title: 'Questions diverses', minutes: 10, notes: 'Communication interne sur le projet à préparer pour le comité de direction.' },
];

const COPIL_DECISIONS = [
  { text: 'Le pilote démarre sur le plateau de Lyon (40 conseillers), canaux voix et courriel uniquement.', decidedBy: 'COPIL', scope: true, time: false, budget: false, item: 3 },
  { text: 'La reprise des historiques de contacts est limitée aux 24 derniers mois.', decidedBy: 'Sponsor', scope: true, time: false, budget: true, item: 3 },
  { text: 'La VABF est décalée d’une semaine ; le go-live est maintenu.', decidedBy: 'COPIL', scope: false, time: true, budget: false, item: 1 },
];

const COPIL_ACTIONS: DemoAction[] = [
  { title: 'Confirmer les prérequis réseau (QoS, bande passante) avec l’éditeur', owner: VENDOR, dueIn: 7, status: 'a_faire', item: 0, overdue: true },
  { title: 'Libérer deux utilisateurs clés à mi-temps pour la recette', owner: SPONSOR, dueIn: 10, status: 'en_cours', item: 2, overdue: true },
  { title: 'Diffuser le planning de référence à l’ensemble des sites', owner: PM, dueIn: 5, status: 'faite', item: 1 },
  { title: 'Chiffrer la reprise des historiques sur 24 mois', owner: VENDOR, dueIn: 10, status: 'faite', item: 3 },
  { title: 'Préparer la communication interne pour le comité de direction', owner: COPIL, dueIn: 60, status: 'a_faire', item: 5 },
];

const COPROJ_AGENDA: DemoItem[] = [
  { kind: 'tasks_in_progress', title: 'Tâches en cours et en retard', minutes: 30, notes: 'Paramétrage du routage avancé à 60 %.' },
  { kind: 'actions_due', title: 'Actions à échéance', minutes: 20, notes: 'Point sur les actions issues du COPIL.' },
  { kind: 'free', title: 'Points divers', minutes: 10, notes: '' },
];

const COPROJ_ACTIONS: DemoAction[][] = [
  [
    { title: 'Envoyer la matrice des flux téléphoniques à l’intégrateur', owner: KEY_USER, dueIn: 3, status: 'faite', item: 0 },
    { title: 'Planifier l’atelier des motifs de contact', owner: PM, dueIn: 6, status: 'a_faire', item: 0 },
  ],
  [{ title: 'Livrer la maquette des fiches contact', owner: VENDOR, dueIn: 5, status: 'en_cours', item: 0 }],
];

const KPIS = [
  { name: 'Taux de décroché', unit: '%', target: 90, direction: 'higher' as const, tolerance: 5 },
  { name: 'DMT (durée moyenne de traitement)', unit: 's', target: 300, direction: 'lower' as const, tolerance: 30 },
  { name: 'FCR (résolution au premier contact)', unit: '%', target: 75, direction: 'higher' as const, tolerance: 5 },
  { name: 'SLA respecté (appels décrochés en moins de 20 s)', unit: '%', target: 80, direction: 'higher' as const, tolerance: 5 },
  { name: 'Satisfaction client', unit: '/10', target: 8, direction: 'higher' as const, tolerance: 0.5 },
  { name: 'Volumes par canal : courriels traités sous 24 h', unit: '%', target: 95, direction: 'higher' as const, tolerance: 5 },
];

/**
 * The demo's steering: the COPIL series (first Tuesday, 10:00, 2 h) with its last meeting held and
 * closed (attendance, minutes, decisions, actions, some done, some overdue, the undone ones carried
 * to the next COPIL, which is in preparation), the COPROJ series (Thursdays, 14:00, 1 h) with two
 * held meetings, incubation KPIs without values (the go-live is ahead) and a weather history.
 * Listed in DEMO_SEEDERS after the plan and risks seeders.
 */
@Injectable()
export class MeetingsDemoSeeder implements DemoSeeder {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly records: SteeringRecordsService,
  ) {}

  async seed(context: DemoSeedContext): Promise<void> {
    const project = demoProjectOf(context);
    const manager = context.manager;
    const pm = demoUserOf(context, PM);
    const actor = { id: pm.id, displayName: pm.displayName, isAdmin: false, role: 'project_manager' as const };
    const pastCopil = lastFirstTuesdayBefore(context.today);
    const copilSeries = await this.meetings.createSeries(
      project.id,
      { type: 'copil', title: 'COPIL', rrule: 'FREQ=MONTHLY;BYDAY=1TU', dtstart: `${pastCopil}T10:00`, durationMinutes: 120, place: 'Siège – salle du conseil', videoLink: '', nonWorkingPolicy: 'next_working_day' },
      actor,
      manager,
      context.today,
    );
    const coprojSeries = await this.meetings.createSeries(
      project.id,
      { type: 'coproj', title: 'COPROJ', rrule: 'FREQ=WEEKLY;BYDAY=TH', dtstart: `${addDays(lastThursdayBefore(context.today), -7)}T14:00`, durationMinutes: 60, place: '', videoLink: 'https://visio.example.fr/coproj-relation-client', nonWorkingPolicy: 'skip' },
      actor,
      manager,
      context.today,
    );
    const copils = await manager.find(MeetingEntity, { where: { seriesId: copilSeries.id }, order: { startsAt: 'ASC' } });
    const coprojs = await manager.find(MeetingEntity, { where: { seriesId: coprojSeries.id }, order: { startsAt: 'ASC' } });
    const held = (meetings: MeetingEntity[]) => meetings.filter((meeting) => meeting.occurrenceKey! < context.today);

    const copil = held(copils)[0];
    const nextCopil = copils.find((meeting) => meeting.occurrenceKey! >= context.today) ?? null;
    if (copil) {
      await this.holdMeeting(context, copil, {
        participants: [
          [PM, 'present'],
          [SPONSOR, 'present'],
          [COPIL, 'excuse'],
          [VENDOR, 'present'],
        ],
        external: { email: 'direction.relation-client@client.example.fr', name: 'Direction de la relation client', attendance: 'present' },
        agenda: COPIL_AGENDA,
        decisions: COPIL_DECISIONS,
        actions: COPIL_ACTIONS,
        next: nextCopil,
      });
    }
    const pastCoprojs = held(coprojs).slice(-2);
    for (const [index, coproj] of pastCoprojs.entries()) {
      const next = coprojs.find((meeting) => meeting.startsAt > coproj.startsAt) ?? null;
      await this.holdMeeting(context, coproj, {
        participants: [
          [PM, 'present'],
          [KEY_USER, index === 0 ? 'present' : 'absent'],
          [VENDOR, 'present'],
        ],
        external: null,
        agenda: COPROJ_AGENDA,
        decisions: index === 0 ? [{ text: 'Les ateliers de spécification passent à deux demi-journées par semaine.', decidedBy: 'COPROJ', scope: false, time: true, budget: false, item: 0 }] : [],
        actions: COPROJ_ACTIONS[index] ?? [],
        next,
      });
    }
    if (nextCopil) {
      // The next COPIL's participants are invited; its agenda is proposed from live data (meetings pack seeder).
      for (const email of [PM, SPONSOR, COPIL, VENDOR]) {
        const user = demoUserOf(context, email);
        await manager.insert(MeetingParticipantEntity, { projectId: project.id, meetingId: nextCopil.id, userId: user.id, email: null, name: user.displayName, attendance: null, version: 1 });
      }
    }

    for (const kpi of KPIS) await this.records.createKpi(project.id, kpi, manager);

    const history: Array<{ weather: Weather; comment: string; at: Date; meetingId: string | null }> = [
      { weather: 'ensoleille', comment: 'Lancement réussi, équipes mobilisées.', at: new Date(context.now.getTime() - 75 * DAY), meetingId: null },
      { weather: 'nuageux', comment: 'VABF décalée d’une semaine, go-live maintenu.', at: copil ? new Date(copil.startsAt.getTime() + 90 * 60_000) : new Date(context.now.getTime() - 30 * DAY), meetingId: copil?.id ?? null },
      { weather: 'nuageux', comment: DEMO_PROJECT.weatherComment, at: new Date(context.now.getTime() - 2 * DAY), meetingId: null },
    ];
    // The latest entry is the project's current weather (seeded with the project).
    for (const entry of history) {
      await this.records.setWeather(project.id, { weather: entry.weather, comment: entry.comment, meetingId: entry.meetingId }, actor, manager, entry.at);
    }
  }

  /** Writes a held meeting's minutes, closes it and carries its undone actions to the next one. */
  private async holdMeeting(
    context: DemoSeedContext,
    meeting: MeetingEntity,
    minutes: {
      participants: Array<[string, Attendance]>;
      external: { email: string; name: string; attendance: Attendance } | null;
      agenda: DemoItem[];
      decisions: Array<{ text: string; decidedBy: string; scope: boolean; time: boolean; budget: boolean; item: number }>;
      actions: DemoAction[];
      next: MeetingEntity | null;
    },
  ): Promise<void> {
    const manager: EntityManager = context.manager;
    const projectId = meeting.projectId;
    const meetingDate = meeting.occurrenceKey!;
    for (const [email, attendance] of minutes.participants) {
      const user = demoUserOf(context, email);
      await manager.insert(MeetingParticipantEntity, { projectId, meetingId: meeting.id, userId: user.id, email: null, name: user.displayName, attendance, version: 1 });
    }
    if (minutes.external) {
      await manager.insert(MeetingParticipantEntity, { projectId, meetingId: meeting.id, userId: null, ...minutes.external, version: 1 });
    }
    const itemIds: string[] = [];
    for (const [index, item] of minutes.agenda.entries()) {
      const saved = await manager.save(MeetingAgendaItemEntity, manager.create(MeetingAgendaItemEntity, {
        projectId,
        meetingId: meeting.id,
        position: index + 1,
        kind: item.kind,
        title: item.title,
        durationMinutes: item.minutes,
        notes: item.notes,
        carriedFromItemId: null,
        carriedFromMeetingId: null,
        version: 1,
      }));
      itemIds.push(saved.id);
    }
    const decidedAt = new Date(meeting.startsAt.getTime() + 60 * 60_000);
    const milestones = (await manager.query(`SELECT id FROM plan_task WHERE project_id = $1 AND key_milestone ORDER BY start_date NULLS LAST LIMIT 1`, [projectId])) as Array<{ id: string }>;
    for (const decision of minutes.decisions) {
      await manager.insert(MeetingDecisionEntity, {
        projectId,
        meetingId: meeting.id,
        agendaItemId: itemIds[decision.item] ?? null,
        text: decision.text,
        decidedBy: decision.decidedBy,
        impactScope: decision.scope,
        impactTime: decision.time,
        impactBudget: decision.budget,
        linkedTaskIds: decision.time && milestones[0] ? [milestones[0].id] : [],
        linkedRiskIds: [],
        baselineId: null,
        acceptedRiskId: null,
        decidedAt,
        version: 1,
      });
    }
    const done = (status: ActionStatus) => status === 'faite' || status === 'abandonnee';
    for (const action of minutes.actions) {
      await manager.insert(MeetingActionEntity, {
        projectId,
        meetingId: meeting.id,
        agendaItemId: itemIds[action.item] ?? null,
        title: action.title,
        ownerUserId: demoUserOf(context, action.owner).id,
        dueDate: action.overdue ? dueBefore(meetingDate, action.dueIn, context.today) : addDays(meetingDate, action.dueIn),
        status: action.status,
        carriedOverToMeetingId: done(action.status) ? null : (minutes.next?.id ?? null),
        version: 1,
      });
    }
    // Actions carried to this meeting and still open go on to the next one.
    if (minutes.next) {
      await manager.query(
        `UPDATE meeting_action SET carried_over_to_meeting_id = $2, version = version + 1 WHERE carried_over_to_meeting_id = $1 AND status IN ('a_faire', 'en_cours')`,
        [meeting.id, minutes.next.id],
      );
    }
    const closedAt = new Date(Math.min(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000, context.now.getTime()));
    await manager.update(MeetingEntity, { id: meeting.id }, { status: 'cloturee', minutesFrozenAt: closedAt, version: 2 });
  }
}
