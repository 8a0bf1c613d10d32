import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { BulkTaskRequest, CreateTaskRequest, EditableTaskField, UpdateTaskRequest } from '@jalon/domain';
import { IfPresent, IsCalendarDate } from './plan-validators';

const MAX_DURATION = 10_000;

/** The fields a user edits on a task; the same on create (with name and duration required) and update. */
class TaskFields {
  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  phaseId?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  lotId?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsBoolean()
  keyMilestone?: boolean;

  /** Milestones only. */
  @ApiPropertyOptional({ format: 'date', example: '2027-05-19', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  fixedDate?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(200)
  ownerName?: string;

  /** A member of the project who owns the task (a contributor may then report its progress). */
  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt({ message: 'progress must be a whole percentage' })
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({ format: 'date', example: '2027-05-19', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  actualStart?: string | null;

  @ApiPropertyOptional({ format: 'date', example: '2027-05-19', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  actualFinish?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(10_000)
  notes?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}

export class CreateTaskDto extends TaskFields implements CreateTaskRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty()
  @IsInt({ message: 'duration must be a whole number of working days' })
  @Min(0, { message: 'duration must not be negative' })
  @Max(MAX_DURATION)
  duration!: number;

  /** Insert the task between this one and its successors (see CreateTaskRequest). */
  @ApiPropertyOptional({ format: 'uuid', description: 'Insert the new task between this task and its successors' })
  @IfPresent()
  @IsUUID()
  insertAfterTaskId?: string;
}

export class UpdateTaskDto extends TaskFields implements UpdateTaskRequest {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt({ message: 'duration must be a whole number of working days' })
  @Min(0, { message: 'duration must not be negative' })
  @Max(MAX_DURATION)
  duration?: number;
}

export class BulkTaskDto extends UpdateTaskDto implements BulkTaskRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

/** Compile-time check: the update DTO accepts every editable task field listed in @jalon/domain. */
type MissingTaskFields = Exclude<EditableTaskField, keyof UpdateTaskDto>;
export const UPDATE_TASK_DTO_IS_COMPLETE: [MissingTaskFields] extends [never] ? true : MissingTaskFields = true;
