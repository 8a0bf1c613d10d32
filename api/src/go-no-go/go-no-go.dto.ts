import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import {
  GO_NO_GO_DECISION_KINDS,
  READINESS_CATEGORIES,
  READINESS_STATUSES,
  type CreateReadinessItemRequest,
  type GoNoGoCriterionConfig,
  type GoNoGoDecisionKind,
  type LiftReserveRequest,
  type ProposeDecisionRequest,
  type ReadinessCategory,
  type ReadinessStatus,
  type ReserveProposal,
  type SignDecisionRequest,
  type UpdateCampaignCriteriaRequest,
  type UpdateReadinessItemRequest,
} from '@jalon/domain';
import { IsName, OptionalNotNull } from '../common/validation';
import { IfPresent, IsCalendarDate } from '../planning/dto/plan-validators';

const VERSION_MESSAGE = 'version must be the whole number read with the row';

/** The criteria's version: 0 while the campaign has the defaults. */
export class CriteriaVersionDto {
  @ApiProperty({ description: '0 while the campaign has the default criteria' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(0, { message: VERSION_MESSAGE })
  version!: number;
}

export class VersionDto {
  @ApiProperty()
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;
}

export class CreateReadinessItemDto implements CreateReadinessItemRequest {
  @ApiPropertyOptional({ nullable: true, description: 'A lot of the plan; null: the whole project' })
  @IsOptional()
  @IsUUID('all', { message: 'lotId must be the id of a lot of this project' })
  lotId?: string | null;

  @ApiProperty({ enum: READINESS_CATEGORIES })
  @IsIn(READINESS_CATEGORIES, { message: `category must be one of ${READINESS_CATEGORIES.join(', ')}` })
  category!: ReadinessCategory;

  @ApiProperty({ maxLength: 300 })
  @IsName(300)
  label!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'ownerUserId must be the id of a member of this project' })
  ownerUserId?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: READINESS_STATUSES })
  @IfPresent()
  @IsIn(READINESS_STATUSES, { message: `status must be one of ${READINESS_STATUSES.join(', ')}` })
  status?: ReadinessStatus;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IfPresent()
  @IsString()
  @MaxLength(4000)
  evidenceNote?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000, description: 'An http(s) link to the evidence' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  evidenceLink?: string | null;
}

/** Every field of an item, optional (an omitted one stays as it is; null only where creation allows it), and the version read. */
export class UpdateReadinessItemDto
  extends IntersectionType(VersionDto, PartialType(CreateReadinessItemDto, { skipNullProperties: false }))
  implements UpdateReadinessItemRequest {}

export class CriterionConfigDto implements GoNoGoCriterionConfig {
  @ApiProperty()
  @IsString()
  key!: GoNoGoCriterionConfig['key'];

  @ApiProperty()
  @IsIn([true, false], { message: 'enabled must be true or false' })
  enabled!: boolean;

  @ApiPropertyOptional({ description: 'pass_rate only, percent' })
  @IfPresent()
  threshold?: number;
}

export class UpdateCampaignCriteriaDto extends CriteriaVersionDto implements UpdateCampaignCriteriaRequest {
  @ApiProperty({ type: [CriterionConfigDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionConfigDto)
  criteria!: CriterionConfigDto[];
}

export class ReserveProposalDto implements ReserveProposal {
  @ApiProperty()
  @IsUUID('all', { message: 'defectId must be the id of an open defect of this campaign' })
  defectId!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'ownerUserId must be the id of a member of this project' })
  ownerUserId!: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  dueDate!: string;
}

export class ProposeDecisionDto implements ProposeDecisionRequest {
  @ApiProperty({ enum: GO_NO_GO_DECISION_KINDS })
  @IsIn(GO_NO_GO_DECISION_KINDS, { message: `kind must be one of ${GO_NO_GO_DECISION_KINDS.join(', ')}` })
  kind!: GoNoGoDecisionKind;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IfPresent()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ type: [ReserveProposalDto] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReserveProposalDto)
  reserves?: ReserveProposalDto[];
}

export class SignDecisionDto implements SignDecisionRequest {
  @ApiProperty({ description: 'The signer’s password, asked again at the moment of signing' })
  @IsString({ message: 'password is required' })
  @MinLength(1, { message: 'password is required' })
  @MaxLength(1000)
  password!: string;

  @ApiPropertyOptional({ enum: ['approuve', 'refuse'] })
  @IfPresent()
  @IsIn(['approuve', 'refuse'], { message: 'outcome must be approuve or refuse' })
  outcome?: 'approuve' | 'refuse';

  @ApiPropertyOptional({ maxLength: 4000, description: 'Required when refusing' })
  @OptionalNotNull()
  @IfPresent()
  @IsString()
  @MaxLength(4000)
  refusalReason?: string;
}

export class LiftReserveDto extends VersionDto implements LiftReserveRequest {
  @ApiProperty({ description: 'The execution that re-tested the defect (it must be verified)' })
  @IsUUID('all', { message: 'retestExecutionId must be the id of an execution of this project' })
  retestExecutionId!: string;

  @ApiPropertyOptional({ format: 'date' })
  @IfPresent()
  @IsCalendarDate()
  leveeDate?: string;
}
