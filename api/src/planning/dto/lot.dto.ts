import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IfPresent, IsCalendarDate } from './plan-validators';

export class CreateLotDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsCalendarDate()
  goLive?: string | null;

  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdateLotDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsCalendarDate()
  goLive?: string | null;

  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}
