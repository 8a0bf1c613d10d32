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
} from '@jalon/domain';
import { IfPresent, IsCalendarDate } from './plan-validators';

export class PlanCalendarInput {
  @IfPresent()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(7)
  @IsInt({ each: true, message: 'calendar.workingWeekdays must hold ISO weekdays 1 … 7' })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingWeekdays?: number[];

  @IfPresent()
  @IsIn(PUBLIC_HOLIDAY_SETS)
  publicHolidays?: PublicHolidaySet;

  @IfPresent()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsCalendarDate({ each: true, message: 'calendar.extraHolidays must hold dates YYYY-MM-DD' })
  extraHolidays?: string[];
}

export class UpdatePlanSettingsDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IfPresent()
  @IsIn(SCHEDULING_MODES)
  mode?: SchedulingMode;

  @IfPresent()
  @IsCalendarDate()
  targetGoLive?: string;

  @IsOptional()
  @IsCalendarDate()
  projectStart?: string | null;

  @IfPresent()
  @ValidateNested()
  @Type(() => PlanCalendarInput)
  calendar?: PlanCalendarInput;

  /** Null: "today" at each computation. */
  @IsOptional()
  @IsCalendarDate()
  statusDate?: string | null;
}
