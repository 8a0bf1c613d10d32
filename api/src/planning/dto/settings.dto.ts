import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  PUBLIC_HOLIDAY_SETS,
  SCHEDULING_MODES,
  type PublicHolidaySet,
  type SchedulingMode,
  type UpdatePlanSettingsRequest,
} from '@jalon/domain';
import { IfPresent, IsCalendarDate } from './plan-validators';

export class PlanCalendarInput {
  @ApiPropertyOptional({ type: [Number], example: [1, 2, 3, 4, 5] })
  @IfPresent()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(7)
  @IsInt({ each: true, message: 'calendar.workingWeekdays must hold ISO weekdays 1 … 7' })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingWeekdays?: number[];

  @ApiPropertyOptional({ enum: PUBLIC_HOLIDAY_SETS })
  @IfPresent()
  @IsIn(PUBLIC_HOLIDAY_SETS)
  publicHolidays?: PublicHolidaySet;

  @ApiPropertyOptional({ type: [String] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsCalendarDate({ each: true, message: 'calendar.extraHolidays must hold dates YYYY-MM-DD' })
  extraHolidays?: string[];
}

export class UpdatePlanSettingsDto implements UpdatePlanSettingsRequest {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: SCHEDULING_MODES })
  @IfPresent()
  @IsIn(SCHEDULING_MODES)
  mode?: SchedulingMode;

  @ApiPropertyOptional({ format: 'date', example: '2027-05-19' })
  @IfPresent()
  @IsCalendarDate()
  targetGoLive?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-05-19', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  projectStart?: string | null;

  @ApiPropertyOptional({ type: () => PlanCalendarInput })
  @IfPresent()
  @ValidateNested()
  @Type(() => PlanCalendarInput)
  calendar?: PlanCalendarInput;

  /** Null: "today" at each computation. */
  @ApiPropertyOptional({ format: 'date', example: '2027-05-19', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  statusDate?: string | null;
}
