import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import type { CreatePhaseRequest, UpdatePhaseRequest } from '@jalon/domain';
import { IfPresent } from './plan-validators';

export class CreatePhaseDto implements CreatePhaseRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdatePhaseDto implements UpdatePhaseRequest {
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

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt()
  @Min(0)
  position?: number;
}
