import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  DEFECT_SEVERITIES,
  DEFECT_STATUSES,
  type CreateDefectRequest,
  type DefectSeverity,
  type DefectStatus,
  type DefectTransitionRequest,
  type UpdateDefectRequest,
} from '@jalon/domain';
import { IsName, OptionalNotNull } from '../common/validation';
import { IfPresent } from '../planning/dto/plan-validators';

export const DEFECT_TEXT_MAX = 8000;
const VERSION_MESSAGE = 'version must be the whole number read with the defect';

export class CreateDefectDto implements CreateDefectRequest {
  @ApiProperty({ description: 'An execution of this project' })
  @IsUUID('all', { message: 'executionId must be the id of an execution of this project' })
  executionId!: string;

  @ApiProperty({ description: 'The failed (or blocked) step, 0-based' })
  @IsInt({ message: 'stepIndex must be the 0-based position of a step' })
  @Min(0, { message: 'stepIndex must be the 0-based position of a step' })
  @Max(1000, { message: 'stepIndex must be the 0-based position of a step' })
  stepIndex!: number;

  @ApiProperty({ enum: DEFECT_SEVERITIES })
  @IsIn(DEFECT_SEVERITIES, { message: `severity must be one of ${DEFECT_SEVERITIES.join(', ')}` })
  severity!: DefectSeverity;

  @ApiPropertyOptional({ maxLength: 300, description: 'Defaults to the case and the step' })
  @IfPresent()
  @IsName(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: DEFECT_TEXT_MAX })
  @IfPresent()
  @IsString()
  @MaxLength(DEFECT_TEXT_MAX)
  description?: string;

  @ApiPropertyOptional({ nullable: true, description: 'A member of the project (the vendor, often)' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeUserId must be the id of a member of the project' })
  assigneeUserId?: string | null;
}

export class UpdateDefectDto implements UpdateDefectRequest {
  @ApiProperty()
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;

  @ApiPropertyOptional({ maxLength: 300 })
  @IfPresent()
  @IsName(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: DEFECT_TEXT_MAX })
  @IfPresent()
  @IsString()
  @MaxLength(DEFECT_TEXT_MAX)
  description?: string;

  @ApiPropertyOptional({ enum: DEFECT_SEVERITIES })
  @OptionalNotNull()
  @IsIn(DEFECT_SEVERITIES, { message: `severity must be one of ${DEFECT_SEVERITIES.join(', ')}` })
  severity?: DefectSeverity;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeUserId must be the id of a member of the project' })
  assigneeUserId?: string | null;

  @ApiPropertyOptional({ maxLength: DEFECT_TEXT_MAX })
  @IfPresent()
  @IsString()
  @MaxLength(DEFECT_TEXT_MAX)
  resolution?: string;
}

export class DefectTransitionDto implements DefectTransitionRequest {
  @ApiProperty()
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;

  @ApiProperty({ enum: DEFECT_STATUSES })
  @IsIn(DEFECT_STATUSES, { message: `to must be one of ${DEFECT_STATUSES.join(', ')}` })
  to!: DefectStatus;

  @ApiPropertyOptional({ description: 'The re-test’s execution (same project)' })
  @IfPresent()
  @IsUUID('all', { message: 'executionId must be the id of an execution of this project' })
  executionId?: string;
}
