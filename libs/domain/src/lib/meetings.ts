/**
 * Steering meetings (issue 13): series, meetings and their minutes, decisions, actions, the
 * project's weather and the incubation KPIs. The API and the web share these shapes.
 * Calendar dates are 'YYYY-MM-DD' strings; local times 'YYYY-MM-DDTHH:mm' in the meeting's zone;
 * instants ISO 8601 strings in UTC.
 */

export const MEETING_TYPES = ['copil', 'coproj', 'atelier'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** brouillon → convoquee → en_cours → cloturee; brouillon / convoquee → annulee (a cancelled occurrence). */
export const MEETING_STATUSES = ['brouillon', 'convoquee', 'en_cours', 'cloturee', 'annulee'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** What a series does with an occurrence falling on a non-working day of the plan. */
export const NON_WORKING_POLICIES = ['skip', 'next_working_day'] as const;
export type NonWorkingPolicy = (typeof NON_WORKING_POLICIES)[number];

export const ATTENDANCES = ['present', 'excuse', 'absent'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

export const AGENDA_ITEM_KINDS = [
  'weather',
  'milestones',
  'critical_path',
  'risks',
  'decisions_pending',
  'actions_overdue',
  'acceptance',
  'kpis',
  'tasks_in_progress',
  'actions_due',
  'free',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const ACTION_STATUSES = ['a_faire', 'en_cours', 'faite', 'abandonnee'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const WEATHERS = ['ensoleille', 'nuageux', 'orageux'] as const;
export type Weather = (typeof WEATHERS)[number];

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/** 'none': no value for that week. */
export type KpiStatus = 'green' | 'amber' | 'red' | 'none';

export const DECISION_IMPACTS = ['scope', 'time', 'budget'] as const;
export type DecisionImpact = (typeof DECISION_IMPACTS)[number];

/** The default time zone of meetings and series. */
export const DEFAULT_MEETING_TIME_ZONE = 'Europe/Paris';

// ------------------------------------------------------------------------------------ series

export interface MeetingSeriesInput {
  type: MeetingType;
  title: string;
  /** An RFC 5545 RRULE, with or without the `RRULE:` prefix, e.g. `FREQ=MONTHLY;BYDAY=1TU`. */
  rrule: string;
  /** The first occurrence's local date-time 'YYYY-MM-DDTHH:mm' in `timeZone`. */
  dtstart: string;
  timeZone?: string;
  durationMinutes: number;
  place?: string;
  videoLink?: string;
  nonWorkingPolicy?: NonWorkingPolicy;
}

export interface UpdateMeetingSeriesInput extends Partial<MeetingSeriesInput> {
  version: number;
}

export interface MeetingSeriesDto {
  id: string;
  projectId: string;
  type: MeetingType;
  title: string;
  rrule: string;
  dtstart: string;
  timeZone: string;
  durationMinutes: number;
  place: string;
  videoLink: string;
  nonWorkingPolicy: NonWorkingPolicy;
  /** Occurrences are materialised as meetings up to this date ('YYYY-MM-DD'). */
  horizon: string;
  version: number;
}

// ------------------------------------------------------------------------------------ meetings

export interface MeetingInput {
  type: MeetingType;
  title: string;
  /** Local date-time 'YYYY-MM-DDTHH:mm' in `timeZone`. */
  localStart: string;
  timeZone?: string;
  durationMinutes: number;
  place?: string;
  videoLink?: string;
  organiserUserId?: string | null;
}

/** Moving an occurrence (`localStart`) detaches it from its series' rule; `seriesId` can never change. */
export interface UpdateMeetingInput extends Partial<MeetingInput> {
  version: number;
  /** Refused unless it is the meeting's own series (an occurrence cannot move into another series). */
  seriesId?: string | null;
}

export interface MeetingStatusInput {
  status: MeetingStatus;
  version: number;
}

export interface MeetingSummaryDto {
  id: string;
  projectId: string;
  seriesId: string | null;
  /** The original local date of a series occurrence ('YYYY-MM-DD'), kept when it is moved. */
  occurrenceKey: string | null;
  /** True once the occurrence was moved on its own (series changes no longer move it). */
  detached: boolean;
  type: MeetingType;
  title: string;
  startsAt: string;
  localStart: string;
  timeZone: string;
  durationMinutes: number;
  place: string;
  videoLink: string;
  organiserUserId: string | null;
  organiserName: string | null;
  status: MeetingStatus;
  minutesFrozenAt: string | null;
  /** The baseline frozen with this meeting (a COPIL freezing the plan). */
  baselineId: string | null;
  version: number;
}

export interface ParticipantInput {
  /** A member of the project… */
  userId?: string | null;
  /** …or an external person, by e-mail and name. */
  email?: string | null;
  name?: string | null;
}

export interface ParticipantDto {
  id: string;
  meetingId: string;
  userId: string | null;
  email: string | null;
  name: string;
  attendance: Attendance | null;
  version: number;
}

export interface AttendanceInput {
  attendance: Attendance | null;
  version: number;
}

export interface AgendaItemInput {
  kind?: AgendaItemKind;
  title: string;
  durationMinutes?: number;
}

export interface UpdateAgendaItemInput extends Partial<AgendaItemInput> {
  version: number;
}

export interface AgendaNotesInput {
  notes: string;
  version: number;
}

export interface AgendaOrderInput {
  /** Every item of the meeting's agenda, in the new order. */
  itemIds: string[];
}

export interface AgendaItemDto {
  id: string;
  meetingId: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  durationMinutes: number;
  notes: string;
  /** The item it continues (moved from a previous occurrence). */
  carriedFromItemId: string | null;
  carriedFromMeetingId: string | null;
  version: number;
}

/** The agenda with its total duration against the meeting's length. */
export interface AgendaDto {
  items: AgendaItemDto[];
  totalMinutes: number;
  meetingMinutes: number;
  /** totalMinutes − meetingMinutes (positive: the agenda overruns). */
  overrunMinutes: number;
}

export interface DecisionInput {
  text: string;
  /** Who decided (a name or a body: « COPIL », « Sponsor »). */
  decidedBy?: string;
  agendaItemId?: string | null;
  impactScope?: boolean;
  impactTime?: boolean;
  impactBudget?: boolean;
  linkedTaskIds?: string[];
  linkedRiskIds?: string[];
  /** Freeze a baseline of the plan in the same act. */
  freezeBaseline?: { name: string } | null;
  /** Accept a risk in the same act (the risk's version as read, and why). */
  acceptRisk?: { riskId: string; version: number; justification: string } | null;
}

export interface UpdateDecisionInput {
  text?: string;
  decidedBy?: string;
  impactScope?: boolean;
  impactTime?: boolean;
  impactBudget?: boolean;
  linkedTaskIds?: string[];
  linkedRiskIds?: string[];
  version: number;
}

export interface DecisionDto {
  id: string;
  projectId: string;
  meetingId: string;
  meetingTitle: string;
  meetingType: MeetingType;
  meetingStartsAt: string;
  agendaItemId: string | null;
  text: string;
  decidedBy: string;
  impactScope: boolean;
  impactTime: boolean;
  impactBudget: boolean;
  linkedTaskIds: string[];
  linkedRiskIds: string[];
  baselineId: string | null;
  acceptedRiskId: string | null;
  decidedAt: string;
  version: number;
}

export interface ActionInput {
  title: string;
  /** A member of the project (422 `ownerUserId` otherwise). */
  ownerUserId: string;
  dueDate?: string | null;
  status?: ActionStatus;
  agendaItemId?: string | null;
}

export interface UpdateActionInput {
  title?: string;
  ownerUserId?: string;
  dueDate?: string | null;
  status?: ActionStatus;
  version: number;
}

export interface ActionStatusInput {
  status: ActionStatus;
  version: number;
}

export interface ActionDto {
  id: string;
  projectId: string;
  /** The meeting the action comes from. */
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
  agendaItemId: string | null;
  title: string;
  ownerUserId: string;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  /** The meeting it was carried over to when its meeting closed undone (the latest one). */
  carriedOverToMeetingId: string | null;
  /** Not done (a_faire / en_cours) and due before today. */
  overdue: boolean;
  version: number;
}

/** An action on the « mes actions » list, across projects. */
export interface MyActionDto extends ActionDto {
  projectName: string;
}

export interface AddendumInput {
  text: string;
}

export interface AddendumDto {
  id: string;
  meetingId: string;
  text: string;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: string;
}

/** One meeting with its minutes. */
export interface MeetingDto extends MeetingSummaryDto {
  participants: ParticipantDto[];
  agenda: AgendaDto;
  decisions: DecisionDto[];
  /** Actions born in this meeting, and those carried over to it. */
  actions: ActionDto[];
  addenda: AddendumDto[];
}

/** Filters of the decision log (`GET …/decisions`), also applied to its export. */
export interface DecisionLogQuery {
  meetingId?: string;
  impact?: DecisionImpact;
}

/** Filters of the action list (`GET …/actions`), also applied to its export. */
export interface ActionListQuery {
  meetingId?: string;
  ownerUserId?: string;
  status?: ActionStatus;
  overdue?: boolean;
}

// ------------------------------------------------------------------------------------ weather

export interface WeatherInput {
  weather: Weather;
  comment?: string;
  meetingId?: string | null;
}

export interface WeatherEntryDto {
  id: string;
  projectId: string;
  weather: Weather;
  comment: string;
  setByUserId: string | null;
  setByName: string | null;
  setAt: string;
  meetingId: string | null;
}

// ------------------------------------------------------------------------------------ KPIs

export interface KpiInput {
  name: string;
  unit?: string;
  target: number;
  direction: KpiDirection;
  /** How far from the target (in the KPI's unit) a value is still amber rather than red. */
  tolerance?: number;
}

export interface UpdateKpiInput extends Partial<KpiInput> {
  version: number;
}

export interface KpiValueInput {
  /** null clears the week's value. */
  value: number | null;
}

export interface KpiValueDto {
  /** The Monday of the week ('YYYY-MM-DD'). */
  weekStart: string;
  value: number;
  status: KpiStatus;
}

export interface KpiDto {
  id: string;
  projectId: string;
  name: string;
  unit: string;
  target: number;
  direction: KpiDirection;
  tolerance: number;
  position: number;
  values: KpiValueDto[];
  /** The status of the latest value ('none' without values). */
  status: KpiStatus;
  /** Consecutive green weeks ending with the latest value. */
  greenStreak: number;
  version: number;
}

export interface KpiSettingsInput {
  greenWeeksRequired: number;
  version: number;
}

export interface IncubationDto {
  /** Every KPI green this many consecutive weeks ends the incubation. */
  greenWeeksRequired: number;
  /** Consecutive weeks, ending with the latest week with values, in which every KPI was green. */
  currentStreak: number;
  /** True once the streak reached `greenWeeksRequired`. */
  ended: boolean;
  /** The Monday of the week that completed the streak. */
  endedWeek: string | null;
  /** The version of the project's meeting settings (for `PUT …/kpis/settings`). */
  version: number;
}

export interface KpiBoardDto {
  kpis: KpiDto[];
  incubation: IncubationDto;
}
