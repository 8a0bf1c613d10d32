import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, MaxLength, Min } from 'class-validator';
import { STEP_STATUSES, type RecordStepResultRequest, type StepStatus } from '@jalon/domain';
import { IfPresent } from '../planning/dto/plan-validators';

/** Longest actual result or comment of a step. */
export const STEP_TEXT_MAX = 8000;

export class RecordStepResultDto implements RecordStepResultRequest {
  @ApiProperty({ description: 'The execution’s version read; a stale one gets 409' })
  @IsInt({ message: 'version must be the whole number read with the execution' })
  @Min(1, { message: 'version must be the whole number read with the execution' })
  version!: number;

  @ApiProperty({ enum: STEP_STATUSES })
  @IsIn(STEP_STATUSES, { message: `status must be one of ${STEP_STATUSES.join(', ')}` })
  status!: StepStatus;

  @ApiPropertyOptional({ maxLength: STEP_TEXT_MAX, description: 'What happened' })
  @IfPresent()
  @IsString()
  @MaxLength(STEP_TEXT_MAX)
  actual?: string;

  @ApiPropertyOptional({ maxLength: STEP_TEXT_MAX })
  @IfPresent()
  @IsString()
  @MaxLength(STEP_TEXT_MAX)
  comment?: string;
}
