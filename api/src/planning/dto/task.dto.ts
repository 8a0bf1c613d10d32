import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IfPresent, IsCalendarDate } from './plan-validators';

const MAX_DURATION = 10_000;

/** The fields a user edits on a task; the same on create (with name and duration required) and update. */
class TaskFields {
  @IsOptional()
  @IsUUID()
  phaseId?: string | null;

  @IsOptional()
  @IsUUID()
  lotId?: string | null;

  @IfPresent()
  @IsBoolean()
  keyMilestone?: boolean;

  /** Milestones only. */
  @IsOptional()
  @IsCalendarDate()
  fixedDate?: string | null;

  @IfPresent()
  @IsString()
  @MaxLength(200)
  ownerName?: string;

  @IfPresent()
  @IsInt({ message: 'progress must be a whole percentage' })
  @Min(0)
  @Max(100)
  progress?: number;

  @IsOptional()
  @IsCalendarDate()
  actualStart?: string | null;

  @IsOptional()
  @IsCalendarDate()
  actualFinish?: string | null;

  @IfPresent()
  @IsString()
  @MaxLength(10_000)
  notes?: string;

  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}

export class CreateTaskDto extends TaskFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @IsInt({ message: 'duration must be a whole number of working days' })
  @Min(0, { message: 'duration must not be negative' })
  @Max(MAX_DURATION)
  duration!: number;
}

export class UpdateTaskDto extends TaskFields {
  @IsInt()
  @Min(1)
  version!: number;

  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @IfPresent()
  @IsInt({ message: 'duration must be a whole number of working days' })
  @Min(0, { message: 'duration must not be negative' })
  @Max(MAX_DURATION)
  duration?: number;
}

export class BulkTaskDto extends UpdateTaskDto {
  @IsUUID()
  id!: string;
}
