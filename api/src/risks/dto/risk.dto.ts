import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  RISK_CATEGORIES,
  RISK_STATUSES,
  RISK_STRATEGIES,
  TREATMENT_EFFECTS,
  TREATMENT_STATUSES,
  type AssessmentInput,
  type RiskCategory,
  type RiskInput,
  type RiskStatus,
  type RiskStrategy,
  type TreatmentEffect,
  type TreatmentStatus,
} from '@jalon/risks';
import { IfPresent, IsCalendarDate } from '../../planning/dto/plan-validators';

const TEXT = 4000;

export class AssessmentInputDto implements AssessmentInput {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt({ message: 'probability must be a whole number from 1 to 5' })
  @Min(1, { message: 'probability must be a whole number from 1 to 5' })
  @Max(5, { message: 'probability must be a whole number from 1 to 5' })
  probability!: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt({ message: 'impact must be a whole number from 1 to 5' })
  @Min(1, { message: 'impact must be a whole number from 1 to 5' })
  @Max(5, { message: 'impact must be a whole number from 1 to 5' })
  impact!: number;
}

/** The fields a risk shares between creation and edition (all optional here; creation requires some). */
class RiskFieldsDto {
  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(TEXT)
  description?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(TEXT)
  cause?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(TEXT)
  consequence?: string;

  @ApiPropertyOptional({ nullable: true, description: 'A member of the project' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerUserId must be the id of a member of the project' })
  ownerUserId?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  proximity?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(TEXT)
  trigger?: string;

  @ApiPropertyOptional({ enum: RISK_STRATEGIES })
  @IfPresent()
  @IsIn(RISK_STRATEGIES, { message: `strategy must be one of ${RISK_STRATEGIES.join(', ')}` })
  strategy?: RiskStrategy;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(TEXT)
  contingencyPlan?: string;

  @ApiPropertyOptional({ enum: RISK_STATUSES })
  @IfPresent()
  @IsIn(RISK_STATUSES, { message: `status must be one of ${RISK_STATUSES.join(', ')}` })
  status?: RiskStatus;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'When the risk occurred (status "occurred")' })
  @IsOptional()
  @IsCalendarDate()
  occurredOn?: string | null;

  @ApiPropertyOptional({ description: 'What happened (status "occurred")' })
  @IfPresent()
  @IsString()
  @MaxLength(TEXT)
  occurrenceNote?: string;

  @ApiPropertyOptional({ type: AssessmentInputDto, description: 'Now, after the treatments in place' })
  @IfPresent()
  @ValidateNested()
  @Type(() => AssessmentInputDto)
  residual?: AssessmentInputDto;

  @ApiPropertyOptional({ type: AssessmentInputDto, description: 'What the plan aims for' })
  @IfPresent()
  @ValidateNested()
  @Type(() => AssessmentInputDto)
  target?: AssessmentInputDto;

  @ApiPropertyOptional({ type: [String], description: 'Tasks and milestones of this project’s plan that the risk threatens' })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'linkedTaskIds must list task ids' })
  linkedTaskIds?: string[];
}

export class CreateRiskDto extends RiskFieldsDto implements RiskInput {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: RISK_CATEGORIES })
  @IsIn(RISK_CATEGORIES, { message: `category must be one of ${RISK_CATEGORIES.join(', ')}` })
  category!: RiskCategory;

  @ApiProperty({ type: AssessmentInputDto, description: 'Before treatment' })
  @ValidateNested()
  @Type(() => AssessmentInputDto)
  inherent!: AssessmentInputDto;
}

export class UpdateRiskDto extends RiskFieldsDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: RISK_CATEGORIES })
  @IfPresent()
  @IsIn(RISK_CATEGORIES, { message: `category must be one of ${RISK_CATEGORIES.join(', ')}` })
  category?: RiskCategory;

  @ApiPropertyOptional({ type: AssessmentInputDto })
  @IfPresent()
  @ValidateNested()
  @Type(() => AssessmentInputDto)
  inherent?: AssessmentInputDto;
}

export class AcceptRiskDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ description: 'Why the risk is accepted as it is' })
  @IsString()
  @IsNotEmpty({ message: 'justification must not be empty' })
  @MaxLength(TEXT)
  justification!: string;
}

/** What a treatment's creation and its edit share; the title is required on creation only. */
class TreatmentFieldsDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'ownerUserId must be the id of a member of the project' })
  ownerUserId?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: TREATMENT_STATUSES })
  @IfPresent()
  @IsIn(TREATMENT_STATUSES, { message: `status must be one of ${TREATMENT_STATUSES.join(', ')}` })
  status?: TreatmentStatus;

  @ApiPropertyOptional({ enum: TREATMENT_EFFECTS })
  @IfPresent()
  @IsIn(TREATMENT_EFFECTS, { message: `effect must be one of ${TREATMENT_EFFECTS.join(', ')}` })
  effect?: TreatmentEffect;
}

export class CreateTreatmentDto extends TreatmentFieldsDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;
}

export class UpdateTreatmentDto extends TreatmentFieldsDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;
}

export class CreateReviewDto {
  @ApiPropertyOptional({ description: 'e.g. « COPIL de mars »' })
  @IfPresent()
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ format: 'date', description: 'The day of the review; today when absent. One review per day.' })
  @IfPresent()
  @IsCalendarDate()
  heldOn?: string;
}

/** Settings are free-form JSON here: the rules of @jalon/risks check them and name each field. */
export class UpdateRiskSettingsDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: 'The four bands low, medium, high, critical with min and max scores, covering 1–25' })
  @IfPresent()
  @IsArray({ message: 'bands must list the four bands' })
  bands?: unknown[];

  @ApiPropertyOptional({ nullable: true, description: 'Five probability and five impact labels, or null for the defaults' })
  @IsOptional()
  labels?: unknown;

  @ApiPropertyOptional({ description: 'Per band: { weeks } or { months }' })
  @IfPresent()
  reviewIntervals?: unknown;

  @ApiPropertyOptional({ description: 'Working days of float under which a linked task makes its risk materialise' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(250)
  floatThreshold?: number;
}

export class ImportRisksDto {
  @ApiProperty({ description: 'The file name; .xlsx or .csv decides how it is read' })
  @IsString()
  @IsNotEmpty({ message: 'fileName must not be empty' })
  @MaxLength(255)
  fileName!: string;

  @ApiProperty({ description: 'The file, base64-encoded (the request stays under the 1 MB body limit)' })
  @IsString()
  @IsNotEmpty({ message: 'content must not be empty' })
  content!: string;

  @ApiPropertyOptional({ description: 'Check every row and write nothing' })
  @IfPresent()
  @IsBoolean()
  preview?: boolean;

  @ApiPropertyOptional({ description: 'Import the valid rows even when others are rejected' })
  @IfPresent()
  @IsBoolean()
  validOnly?: boolean;
}
