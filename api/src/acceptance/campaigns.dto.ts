import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import {
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  type AddCampaignCasesRequest,
  type CampaignStatus,
  type CampaignType,
  type CreateCampaignRequest,
  type CreateIterationRequest,
  type UpdateCampaignCaseRequest,
  type UpdateCampaignRequest,
} from '@jalon/domain';
import { IsName, OptionalNotNull } from '../common/validation';
import { IfPresent, IsCalendarDate } from '../planning/dto/plan-validators';

/** Most cases put in scope, or named by a delivery, in one request. */
export const MAX_CASES_PER_REQUEST = 5000;

const VERSION_MESSAGE = 'version must be the whole number read with the row';

export class CreateCampaignDto implements CreateCampaignRequest {
  @ApiProperty({ maxLength: 200 })
  @IsName(200)
  name!: string;

  @ApiProperty({ enum: CAMPAIGN_TYPES })
  @IsIn(CAMPAIGN_TYPES, { message: `type must be one of ${CAMPAIGN_TYPES.join(', ')}` })
  type!: CampaignType;

  @ApiPropertyOptional({ nullable: true, description: 'A lot of the plan' })
  @IsOptional()
  @IsUUID('all', { message: 'lotId must be the id of a lot of the plan' })
  lotId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'A phase of the plan (the Recette phase)' })
  @IsOptional()
  @IsUUID('all', { message: 'phaseId must be the id of a phase of the plan' })
  phaseId?: string | null;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  endDate!: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @OptionalNotNull()
  @IsIn(CAMPAIGN_STATUSES, { message: `status must be one of ${CAMPAIGN_STATUSES.join(', ')}` })
  status?: CampaignStatus;
}

export class UpdateCampaignDto implements UpdateCampaignRequest {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent()
  @IsName(200)
  name?: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_TYPES })
  @OptionalNotNull()
  @IsIn(CAMPAIGN_TYPES, { message: `type must be one of ${CAMPAIGN_TYPES.join(', ')}` })
  type?: CampaignType;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'lotId must be the id of a lot of the plan' })
  lotId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'phaseId must be the id of a phase of the plan' })
  phaseId?: string | null;

  @ApiPropertyOptional({ format: 'date' })
  @OptionalNotNull()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  @OptionalNotNull()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES })
  @OptionalNotNull()
  @IsIn(CAMPAIGN_STATUSES, { message: `status must be one of ${CAMPAIGN_STATUSES.join(', ')}` })
  status?: CampaignStatus;
}

export class AddCampaignCasesDto implements AddCampaignCasesRequest {
  @ApiProperty({ type: [String], description: 'Test cases of the project, not yet in the campaign' })
  @IsArray()
  @ArrayMinSize(1, { message: 'testCaseIds must name at least one test case' })
  @ArrayMaxSize(MAX_CASES_PER_REQUEST)
  @IsUUID('all', { each: true, message: 'testCaseIds must hold test case ids' })
  testCaseIds!: string[];

  @ApiProperty({ description: 'A member of the project who runs them' })
  @IsUUID('all', { message: 'assigneeUserId must be the id of a member of the project' })
  assigneeUserId!: string;
}

export class UpdateCampaignCaseDto implements UpdateCampaignCaseRequest {
  @ApiProperty()
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;

  @ApiProperty({ description: 'A member of the project' })
  @IsUUID('all', { message: 'assigneeUserId must be the id of a member of the project' })
  assigneeUserId!: string;
}

export class CreateIterationDto implements CreateIterationRequest {
  @ApiProperty({ maxLength: 200, description: 'The vendor delivery (« Livraison 2 — correctifs routage »)' })
  @IsName(200)
  label!: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  deliveredOn!: string;

  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_CASES_PER_REQUEST)
  @IsUUID('all', { each: true, message: 'touchedTestCaseIds must hold test case ids' })
  touchedTestCaseIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_CASES_PER_REQUEST)
  @IsUUID('all', { each: true, message: 'touchedRequirementIds must hold requirement ids' })
  touchedRequirementIds?: string[];
}
