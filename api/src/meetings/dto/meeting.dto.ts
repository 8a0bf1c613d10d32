import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_STATUSES,
  AGENDA_ITEM_KINDS,
  ATTENDANCES,
  DECISION_IMPACTS,
  KPI_DIRECTIONS,
  MEETING_STATUSES,
  MEETING_TYPES,
  NON_WORKING_POLICIES,
  WEATHERS,
  type ActionInput,
  type ActionListQuery,
  type ActionStatus,
  type ActionStatusInput,
  type AddendumInput,
  type AgendaItemInput,
  type AgendaItemKind,
  type AgendaNotesInput,
  type AgendaOrderInput,
  type Attendance,
  type AttendanceInput,
  type DecisionImpact,
  type DecisionInput,
  type DecisionLogQuery,
  type KpiDirection,
  type KpiInput,
  type KpiSettingsInput,
  type KpiValueInput,
  type MeetingInput,
  type MeetingSeriesInput,
  type MeetingStatus,
  type MeetingStatusInput,
  type MeetingType,
  type NonWorkingPolicy,
  type ParticipantInput,
  type UpdateActionInput,
  type UpdateAgendaItemInput,
  type UpdateDecisionInput,
  type UpdateKpiInput,
  type UpdateMeetingInput,
  type UpdateMeetingSeriesInput,
  type Weather,
  type WeatherInput,
} from '@jalon/domain';
import { IfPresent, IsCalendarDate } from '../../planning/dto/plan-validators';
import { IsName, OptionalNotNull } from '../../common/validation';

const TEXT = 10_000;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localMessage = (field: string) => ({ message: `${field} must be a local date-time YYYY-MM-DDTHH:mm` });

class VersionDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt()
  @Min(1)
  version!: number;
}

function Duration(): PropertyDecorator {
  return (target, property) => {
    IsInt({ message: `${String(property)} must be a whole number of minutes from 5 to 1440` })(target, property);
    Min(5, { message: `${String(property)} must be a whole number of minutes from 5 to 1440` })(target, property);
    Max(1440, { message: `${String(property)} must be a whole number of minutes from 5 to 1440` })(target, property);
  };
}

// ------------------------------------------------------------------------------------ series

/** What a series and a single meeting both say of their meetings: type, title, time zone, length, place. */
abstract class MeetingSlotDto {
  @ApiProperty({ enum: MEETING_TYPES })
  @IsIn(MEETING_TYPES)
  type!: MeetingType;

  @ApiProperty()
  @IsName(200)
  title!: string;

  @ApiPropertyOptional({ example: 'Europe/Paris' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(60)
  timeZone?: string;

  @ApiProperty()
  @Duration()
  durationMinutes!: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(300)
  place?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  videoLink?: string;
}

export class CreateMeetingSeriesDto extends MeetingSlotDto implements MeetingSeriesInput {
  @ApiProperty({ example: 'FREQ=MONTHLY;BYDAY=1TU', description: 'An RFC 5545 RRULE' })
  @IsString()
  @MaxLength(500)
  rrule!: string;

  @ApiProperty({ example: '2027-01-05T10:00', description: 'Local date-time of the first occurrence' })
  @Matches(LOCAL_DATE_TIME, localMessage('dtstart'))
  dtstart!: string;

  @ApiPropertyOptional({ enum: NON_WORKING_POLICIES })
  @OptionalNotNull()
  @IsIn(NON_WORKING_POLICIES)
  nonWorkingPolicy?: NonWorkingPolicy;
}

/** Every field of a series, optional (an omitted one stays as it is, null is refused), and the version read. */
export class UpdateMeetingSeriesDto
  extends IntersectionType(VersionDto, PartialType(CreateMeetingSeriesDto, { skipNullProperties: false }))
  implements UpdateMeetingSeriesInput {}

// ------------------------------------------------------------------------------------ meetings

export class CreateMeetingDto extends MeetingSlotDto implements MeetingInput {
  @ApiProperty({ example: '2027-01-05T10:00', description: 'On an edit, moves the occurrence (it keeps its occurrence key)' })
  @Matches(LOCAL_DATE_TIME, localMessage('localStart'))
  localStart!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'organiserUserId must be the id of a member of the project' })
  organiserUserId?: string | null;
}

export class UpdateMeetingDto
  extends IntersectionType(VersionDto, PartialType(CreateMeetingDto, { skipNullProperties: false }))
  implements UpdateMeetingInput
{
  @ApiPropertyOptional({ nullable: true, description: 'Only its own series: an occurrence cannot move into another series' })
  @IsOptional()
  @IsUUID('all', { message: 'seriesId must be a UUID' })
  seriesId?: string | null;
}

export class MeetingStatusDto extends VersionDto implements MeetingStatusInput {
  @ApiProperty({ enum: MEETING_STATUSES })
  @IsIn(MEETING_STATUSES)
  status!: MeetingStatus;
}

export class ParticipantDtoIn implements ParticipantInput {
  @ApiPropertyOptional({ nullable: true, description: 'A member of the project' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be the id of a member of the project' })
  userId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'An external participant: e-mail and name' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsName(200)
  name?: string | null;
}

export class AttendanceDto extends VersionDto implements AttendanceInput {
  @ApiProperty({ enum: ATTENDANCES, nullable: true })
  @IsOptional()
  @IsIn(ATTENDANCES)
  attendance!: Attendance | null;
}

export class AgendaItemDtoIn implements AgendaItemInput {
  @ApiPropertyOptional({ enum: AGENDA_ITEM_KINDS })
  @OptionalNotNull()
  @IsIn(AGENDA_ITEM_KINDS)
  kind?: AgendaItemKind;

  @ApiProperty()
  @IsName(300)
  title!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt({ message: 'durationMinutes must be a whole number of minutes from 0 to 1440' })
  @Min(0, { message: 'durationMinutes must be a whole number of minutes from 0 to 1440' })
  @Max(1440, { message: 'durationMinutes must be a whole number of minutes from 0 to 1440' })
  durationMinutes?: number;
}

export class UpdateAgendaItemDto
  extends IntersectionType(VersionDto, PartialType(AgendaItemDtoIn, { skipNullProperties: false }))
  implements UpdateAgendaItemInput {}

export class AgendaNotesDto extends VersionDto implements AgendaNotesInput {
  @ApiProperty()
  @IsString()
  @MaxLength(TEXT)
  notes!: string;
}

export class AgendaOrderDto implements AgendaOrderInput {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'itemIds must be ids of the agenda items' })
  itemIds!: string[];
}

export class VersionOnlyDto extends VersionDto {}

class FreezeBaselineDto {
  @ApiProperty()
  @IsName(200)
  name!: string;
}

class AcceptRiskInDecisionDto {
  @ApiProperty()
  @IsUUID('all', { message: 'acceptRisk.riskId must be a risk of this project' })
  riskId!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty()
  @IsName(4000)
  justification!: string;
}

export class CreateDecisionDto implements DecisionInput {
  @ApiProperty()
  @IsName(TEXT)
  text!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  decidedBy?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'agendaItemId must be an item of this meeting' })
  agendaItemId?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  impactScope?: boolean;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  impactTime?: boolean;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  impactBudget?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'linkedTaskIds must be tasks of this project' })
  linkedTaskIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'linkedRiskIds must be risks of this project' })
  linkedRiskIds?: string[];

  @ApiPropertyOptional({ type: FreezeBaselineDto, nullable: true, description: 'Freeze a baseline of the plan in the same act' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FreezeBaselineDto)
  freezeBaseline?: FreezeBaselineDto | null;

  @ApiPropertyOptional({ type: AcceptRiskInDecisionDto, nullable: true, description: 'Accept a risk in the same act' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AcceptRiskInDecisionDto)
  acceptRisk?: AcceptRiskInDecisionDto | null;
}

/** A decision's own fields, optional; the agenda item, the baseline and the risk acceptance are only set on creation. */
export class UpdateDecisionDto
  extends IntersectionType(
    VersionDto,
    PartialType(OmitType(CreateDecisionDto, ['agendaItemId', 'freezeBaseline', 'acceptRisk'] as const), { skipNullProperties: false }),
  )
  implements UpdateDecisionInput {}

export class CreateActionDto implements ActionInput {
  @ApiProperty()
  @IsName(300)
  title!: string;

  @ApiProperty({ description: 'A member of the project' })
  @IsUUID('all', { message: 'ownerUserId must be the id of a member of the project' })
  ownerUserId!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @OptionalNotNull()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'agendaItemId must be an item of this meeting' })
  agendaItemId?: string | null;
}

/** An action's fields, optional; the agenda item is only set on creation. */
export class UpdateActionDto
  extends IntersectionType(VersionDto, PartialType(OmitType(CreateActionDto, ['agendaItemId'] as const), { skipNullProperties: false }))
  implements UpdateActionInput {}

export class ActionStatusDto extends VersionDto implements ActionStatusInput {
  @ApiProperty({ enum: ACTION_STATUSES })
  @IsIn(ACTION_STATUSES)
  status!: ActionStatus;
}

export class AddendumDtoIn implements AddendumInput {
  @ApiProperty()
  @IsName(TEXT)
  text!: string;
}

const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class DecisionLogQueryDto implements DecisionLogQuery {
  @ApiPropertyOptional()
  @IfPresent()
  @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId?: string;

  @ApiPropertyOptional({ enum: DECISION_IMPACTS })
  @IfPresent()
  @IsIn(DECISION_IMPACTS)
  impact?: DecisionImpact;
}

export class ActionListQueryDto implements ActionListQuery {
  @ApiPropertyOptional()
  @IfPresent()
  @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsUUID('all', { message: 'ownerUserId must be a UUID' })
  ownerUserId?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IfPresent()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ type: Boolean })
  @IfPresent()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class MeetingListQueryDto {
  @ApiPropertyOptional({ format: 'date' })
  @IfPresent()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IfPresent()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsUUID('all', { message: 'seriesId must be a UUID' })
  seriesId?: string;

  @ApiPropertyOptional({ enum: MEETING_TYPES })
  @IfPresent()
  @IsIn(MEETING_TYPES)
  type?: MeetingType;
}

// ------------------------------------------------------------------------------------ weather, KPIs

export class WeatherDtoIn implements WeatherInput {
  @ApiProperty({ enum: WEATHERS })
  @IsIn(WEATHERS)
  weather!: Weather;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'meetingId must be a meeting of this project' })
  meetingId?: string | null;
}

const finite = (field: string) => ({ message: `${field} must be a number`, allowNaN: false, allowInfinity: false });

export class CreateKpiDto implements KpiInput {
  @ApiProperty()
  @IsName(200)
  name!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(40)
  unit?: string;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false }, finite('target'))
  @Min(-1e12)
  @Max(1e12)
  target!: number;

  @ApiProperty({ enum: KPI_DIRECTIONS })
  @IsIn(KPI_DIRECTIONS)
  direction!: KpiDirection;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false }, finite('tolerance'))
  @Min(0, { message: 'tolerance must be zero or more' })
  @Max(1e12)
  tolerance?: number;
}

export class UpdateKpiDto extends IntersectionType(VersionDto, PartialType(CreateKpiDto, { skipNullProperties: false })) implements UpdateKpiInput {}

export class KpiValueDtoIn implements KpiValueInput {
  @ApiProperty({ nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, finite('value'))
  @Min(-1e12)
  @Max(1e12)
  value!: number | null;
}

export class KpiSettingsDtoIn extends VersionDto implements KpiSettingsInput {
  @ApiProperty({ minimum: 1, maximum: 52 })
  @IsInt({ message: 'greenWeeksRequired must be a whole number of weeks from 1 to 52' })
  @Min(1, { message: 'greenWeeksRequired must be a whole number of weeks from 1 to 52' })
  @Max(52, { message: 'greenWeeksRequired must be a whole number of weeks from 1 to 52' })
  greenWeeksRequired!: number;
}
