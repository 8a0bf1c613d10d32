import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type {
  ActionStatus,
  AgendaItemKind,
  Attendance,
  KpiDirection,
  MeetingStatus,
  MeetingType,
  NonWorkingPolicy,
  Weather,
} from '@jalon/domain';
import { EditableEntity } from '../../common/editable-entity';

/** numeric columns come back from pg as strings. */
const numeric = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'meeting_settings' })
export class MeetingSettingsEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'incubation_green_weeks', type: 'integer', default: 4 })
  incubationGreenWeeks!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** The columns a series and a meeting share: its project, type, title, time zone, length and place. */
export abstract class MeetingSlotEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 10 })
  type!: MeetingType;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 60 })
  timeZone!: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 300, default: '' })
  place!: string;

  @Column({ name: 'video_link', type: 'varchar', length: 1000, default: '' })
  videoLink!: string;
}

@Entity({ name: 'meeting_series' })
export class MeetingSeriesEntity extends MeetingSlotEntity {
  @Column({ type: 'varchar', length: 500 })
  rrule!: string;

  /** Local 'YYYY-MM-DDTHH:mm' in `timeZone`. */
  @Column({ type: 'varchar', length: 16 })
  dtstart!: string;

  @Column({ name: 'non_working_policy', type: 'varchar', length: 20 })
  nonWorkingPolicy!: NonWorkingPolicy;

  @Column({ type: 'date' })
  horizon!: string;
}

@Entity({ name: 'meeting' })
export class MeetingEntity extends MeetingSlotEntity {
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId!: string | null;

  @Column({ name: 'occurrence_key', type: 'date', nullable: true })
  occurrenceKey!: string | null;

  @Column({ type: 'boolean', default: false })
  detached!: boolean;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'organiser_user_id', type: 'uuid', nullable: true })
  organiserUserId!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'brouillon' })
  status!: MeetingStatus;

  @Column({ name: 'minutes_frozen_at', type: 'timestamptz', nullable: true })
  minutesFrozenAt!: Date | null;

  @Column({ name: 'baseline_id', type: 'uuid', nullable: true })
  baselineId!: string | null;
}

/** A row that belongs to one meeting (participant, agenda item, decision, action), in its project. */
export abstract class MeetingPartEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;
}

@Entity({ name: 'meeting_participant' })
export class MeetingParticipantEntity extends MeetingPartEntity {
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  attendance!: Attendance | null;
}

@Entity({ name: 'meeting_agenda_item' })
export class MeetingAgendaItemEntity extends MeetingPartEntity {
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 20, default: 'free' })
  kind!: AgendaItemKind;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'duration_minutes', type: 'integer', default: 0 })
  durationMinutes!: number;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ name: 'carried_from_item_id', type: 'uuid', nullable: true })
  carriedFromItemId!: string | null;

  @Column({ name: 'carried_from_meeting_id', type: 'uuid', nullable: true })
  carriedFromMeetingId!: string | null;
}

@Entity({ name: 'meeting_decision' })
export class MeetingDecisionEntity extends MeetingPartEntity {
  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, default: '' })
  decidedBy!: string;

  @Column({ name: 'impact_scope', type: 'boolean', default: false })
  impactScope!: boolean;

  @Column({ name: 'impact_time', type: 'boolean', default: false })
  impactTime!: boolean;

  @Column({ name: 'impact_budget', type: 'boolean', default: false })
  impactBudget!: boolean;

  @Column({ name: 'linked_task_ids', type: 'jsonb', default: () => "'[]'" })
  linkedTaskIds!: string[];

  @Column({ name: 'linked_risk_ids', type: 'jsonb', default: () => "'[]'" })
  linkedRiskIds!: string[];

  @Column({ name: 'baseline_id', type: 'uuid', nullable: true })
  baselineId!: string | null;

  @Column({ name: 'accepted_risk_id', type: 'uuid', nullable: true })
  acceptedRiskId!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}

@Entity({ name: 'meeting_action' })
export class MeetingActionEntity extends MeetingPartEntity {
  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'owner_user_id', type: 'uuid' })
  ownerUserId!: string;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'a_faire' })
  status!: ActionStatus;

  @Column({ name: 'carried_over_to_meeting_id', type: 'uuid', nullable: true })
  carriedOverToMeetingId!: string | null;
}

/** Corrections of closed minutes: immutable (database trigger). */
@Entity({ name: 'meeting_addendum' })
export class MeetingAddendumEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  @Column({ name: 'author_name', type: 'varchar', length: 200, nullable: true })
  authorName!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false })
  createdAt!: Date;
}

/** The weather history: append-only. */
@Entity({ name: 'project_weather' })
export class ProjectWeatherEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 12 })
  weather!: Weather;

  @Column({ type: 'text', default: '' })
  comment!: string;

  @Column({ name: 'set_by', type: 'uuid', nullable: true })
  setBy!: string | null;

  @Column({ name: 'set_by_name', type: 'varchar', length: 200, nullable: true })
  setByName!: string | null;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId!: string | null;
}

@Entity({ name: 'project_kpi' })
export class ProjectKpiEntity extends EditableEntity {
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 40, default: '' })
  unit!: string;

  @Column({ type: 'numeric', transformer: numeric })
  target!: number;

  @Column({ type: 'varchar', length: 6 })
  direction!: KpiDirection;

  @Column({ type: 'numeric', transformer: numeric, default: 0 })
  tolerance!: number;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}

@Entity({ name: 'project_kpi_value' })
export class ProjectKpiValueEntity {
  @PrimaryColumn({ name: 'kpi_id', type: 'uuid' })
  kpiId!: string;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'numeric', transformer: numeric })
  value!: number;
}

/** A frozen COPIL pack (M2 writes them): immutable (database trigger). */
@Entity({ name: 'meeting_pack' })
export class MeetingPackEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_name', type: 'varchar', length: 200, nullable: true })
  createdByName!: string | null;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea' })
  pdf!: Buffer;

  @Column({ type: 'jsonb' })
  snapshot!: unknown;
}

export const MEETING_ENTITIES = [
  MeetingSettingsEntity,
  MeetingSeriesEntity,
  MeetingEntity,
  MeetingParticipantEntity,
  MeetingAgendaItemEntity,
  MeetingDecisionEntity,
  MeetingActionEntity,
  MeetingAddendumEntity,
  ProjectWeatherEntity,
  ProjectKpiEntity,
  ProjectKpiValueEntity,
  MeetingPackEntity,
];
