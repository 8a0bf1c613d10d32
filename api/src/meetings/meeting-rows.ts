import type { EntityManager } from 'typeorm';
import type {
  ActionDto,
  ActionStatus,
  AgendaItemDto,
  DecisionDto,
  MeetingSeriesDto,
  MeetingStatus,
  MeetingSummaryDto,
  MeetingType,
  ParticipantDto,
} from '@jalon/domain';
import { instantToLocal } from '@jalon/meetings';
import type { RowKind } from '../common/edit-row';
import {
  MeetingActionEntity,
  MeetingAgendaItemEntity,
  MeetingDecisionEntity,
  MeetingEntity,
  MeetingParticipantEntity,
  MeetingSeriesEntity,
  ProjectKpiEntity,
} from './entities/meeting.entities';

const localOf = (meeting: Pick<MeetingEntity, 'startsAt' | 'timeZone'>) => instantToLocal(meeting.startsAt, meeting.timeZone);

/** A series' own fields: what its audit rows record and its DTO shows besides ids, horizon and version. */
const seriesFields = (row: MeetingSeriesEntity) => ({
  type: row.type,
  title: row.title,
  rrule: row.rrule,
  dtstart: row.dtstart,
  timeZone: row.timeZone,
  durationMinutes: row.durationMinutes,
  place: row.place,
  videoLink: row.videoLink,
  nonWorkingPolicy: row.nonWorkingPolicy,
});

export const SERIES_KIND: RowKind<MeetingSeriesEntity> = {
  target: MeetingSeriesEntity,
  entity: 'meeting_series',
  snapshot: seriesFields,
  label: (row) => row.title,
};

/** A meeting's own fields: what its audit rows record and its summary shows besides ids, instants and version. */
const meetingFields = (row: MeetingEntity) => ({
  type: row.type,
  title: row.title,
  localStart: localOf(row),
  timeZone: row.timeZone,
  durationMinutes: row.durationMinutes,
  place: row.place,
  videoLink: row.videoLink,
  organiserUserId: row.organiserUserId,
  status: row.status,
  baselineId: row.baselineId,
});

export const MEETING_KIND: RowKind<MeetingEntity> = {
  target: MeetingEntity,
  entity: 'meeting',
  snapshot: meetingFields,
  label: (row) => `${row.title} (${localOf(row).slice(0, 10)})`,
};

export const PARTICIPANT_KIND: RowKind<MeetingParticipantEntity> = {
  target: MeetingParticipantEntity,
  entity: 'meeting_participant',
  snapshot: (row) => ({ meetingId: row.meetingId, userId: row.userId, email: row.email, name: row.name, attendance: row.attendance }),
  label: (row) => row.name,
};

/** An agenda item's own fields: what its audit rows record and its DTO shows besides ids, carry-over and version. */
const agendaItemFields = (row: MeetingAgendaItemEntity) => ({
  meetingId: row.meetingId,
  position: row.position,
  kind: row.kind,
  title: row.title,
  durationMinutes: row.durationMinutes,
  notes: row.notes,
});

export const AGENDA_ITEM_KIND: RowKind<MeetingAgendaItemEntity> = {
  target: MeetingAgendaItemEntity,
  entity: 'agenda_item',
  snapshot: agendaItemFields,
  label: (row) => row.title,
};

export const DECISION_KIND: RowKind<MeetingDecisionEntity> = {
  target: MeetingDecisionEntity,
  entity: 'decision',
  snapshot: (row) => ({
    meetingId: row.meetingId,
    agendaItemId: row.agendaItemId,
    text: row.text,
    decidedBy: row.decidedBy,
    impactScope: row.impactScope,
    impactTime: row.impactTime,
    impactBudget: row.impactBudget,
    linkedTaskIds: row.linkedTaskIds,
    linkedRiskIds: row.linkedRiskIds,
    baselineId: row.baselineId,
    acceptedRiskId: row.acceptedRiskId,
  }),
  label: (row) => (row.text.length > 80 ? `${row.text.slice(0, 79)}…` : row.text),
};

export const ACTION_KIND: RowKind<MeetingActionEntity> = {
  target: MeetingActionEntity,
  entity: 'action',
  snapshot: (row) => ({
    meetingId: row.meetingId,
    title: row.title,
    ownerUserId: row.ownerUserId,
    dueDate: row.dueDate,
    status: row.status,
    carriedOverToMeetingId: row.carriedOverToMeetingId,
  }),
  label: (row) => row.title,
};

export const KPI_KIND: RowKind<ProjectKpiEntity> = {
  target: ProjectKpiEntity,
  entity: 'kpi',
  snapshot: (row) => ({ name: row.name, unit: row.unit, target: row.target, direction: row.direction, tolerance: row.tolerance, position: row.position }),
  label: (row) => row.name,
};

export function seriesDto(row: MeetingSeriesEntity): MeetingSeriesDto {
  return {
    id: row.id,
    projectId: row.projectId,
    ...seriesFields(row),
    horizon: row.horizon,
    version: row.version,
  };
}

export function meetingSummary(row: MeetingEntity, organiserName: string | null): MeetingSummaryDto {
  return {
    id: row.id,
    projectId: row.projectId,
    seriesId: row.seriesId,
    occurrenceKey: row.occurrenceKey,
    detached: row.detached,
    ...meetingFields(row),
    startsAt: row.startsAt.toISOString(),
    organiserName,
    minutesFrozenAt: row.minutesFrozenAt ? row.minutesFrozenAt.toISOString() : null,
    version: row.version,
  };
}

export function participantDto(row: MeetingParticipantEntity): ParticipantDto {
  return { id: row.id, meetingId: row.meetingId, userId: row.userId, email: row.email, name: row.name, attendance: row.attendance, version: row.version };
}

export function agendaItemDto(row: MeetingAgendaItemEntity): AgendaItemDto {
  return {
    id: row.id,
    ...agendaItemFields(row),
    carriedFromItemId: row.carriedFromItemId,
    carriedFromMeetingId: row.carriedFromMeetingId,
    version: row.version,
  };
}

// ---------------------------------------------------------------------------------- log reads

/** The decision log's columns, with the meeting each decision was taken in. */
export const DECISION_SELECT = `
  SELECT d.id, d.project_id AS "projectId", d.meeting_id AS "meetingId", m.title AS "meetingTitle", m.type AS "meetingType",
         m.starts_at AS "meetingStartsAt", d.agenda_item_id AS "agendaItemId", d.text, d.decided_by AS "decidedBy",
         d.impact_scope AS "impactScope", d.impact_time AS "impactTime", d.impact_budget AS "impactBudget",
         d.linked_task_ids AS "linkedTaskIds", d.linked_risk_ids AS "linkedRiskIds", d.baseline_id AS "baselineId",
         d.accepted_risk_id AS "acceptedRiskId", d.decided_at AS "decidedAt", d.version
    FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id`;

interface DecisionRow extends Omit<DecisionDto, 'meetingStartsAt' | 'decidedAt'> {
  meetingStartsAt: Date;
  decidedAt: Date;
}

export function decisionDto(row: DecisionRow): DecisionDto {
  return { ...row, meetingType: row.meetingType as MeetingType, meetingStartsAt: row.meetingStartsAt.toISOString(), decidedAt: row.decidedAt.toISOString() };
}

export async function queryDecisions(manager: EntityManager, where: string, params: unknown[]): Promise<DecisionDto[]> {
  const rows = (await manager.query(`${DECISION_SELECT} WHERE ${where} ORDER BY d.decided_at DESC, d.id`, params)) as DecisionRow[];
  return rows.map(decisionDto);
}

/** The action list's columns; `$today` is the parameter holding today's date. */
export const actionSelect = (today: string) => `
  SELECT a.id, a.project_id AS "projectId", a.meeting_id AS "meetingId", m.title AS "meetingTitle", m.starts_at AS "meetingStartsAt",
         a.agenda_item_id AS "agendaItemId", a.title, a.owner_user_id AS "ownerUserId", u.display_name AS "ownerName",
         to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.status, a.carried_over_to_meeting_id AS "carriedOverToMeetingId",
         (a.status IN ('a_faire', 'en_cours') AND a.due_date < ${today}::date) AS overdue, a.version
    FROM meeting_action a JOIN meeting m ON m.id = a.meeting_id LEFT JOIN app_user u ON u.id = a.owner_user_id`;

interface ActionRow extends Omit<ActionDto, 'meetingStartsAt' | 'status'> {
  meetingStartsAt: Date;
  status: ActionStatus;
}

export function actionDto(row: ActionRow): ActionDto {
  return { ...row, meetingStartsAt: row.meetingStartsAt.toISOString() };
}

/** Actions matching `where` (which may use $1 = today and further parameters). */
export async function queryActions(manager: EntityManager, where: string, params: unknown[], order = 'a.due_date ASC NULLS LAST, a.created_at, a.id'): Promise<ActionDto[]> {
  const rows = (await manager.query(`${actionSelect('$1')} WHERE ${where} ORDER BY ${order}`, params)) as ActionRow[];
  return rows.map(actionDto);
}

export type { MeetingStatus };
