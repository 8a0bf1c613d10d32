import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { CreateLotRequest, UpdateLotRequest } from '@jalon/domain';
import { IfPresent, IsCalendarDate } from './plan-validators';

export class CreateLotDto implements CreateLotRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-05-19', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  goLive?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdateLotDto implements UpdateLotRequest {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-05-19', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  goLive?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}
