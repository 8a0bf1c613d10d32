import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { LINK_TYPES, type BulkLinkRequest, type CreateLinkRequest, type LinkTypeCode, type UpdateLinkRequest } from '@jalon/domain';
import { IfPresent } from './plan-validators';

const MAX_LAG = 10_000;

export class CreateLinkDto implements CreateLinkRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fromTaskId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  toTaskId!: string;

  @ApiPropertyOptional({ enum: LINK_TYPES })
  @IfPresent()
  @IsIn(LINK_TYPES)
  type?: LinkTypeCode;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt({ message: 'lag must be a whole number of working days' })
  @Min(-MAX_LAG)
  @Max(MAX_LAG)
  lag?: number;
}

export class UpdateLinkDto implements UpdateLinkRequest {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: LINK_TYPES })
  @IfPresent()
  @IsIn(LINK_TYPES)
  type?: LinkTypeCode;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt({ message: 'lag must be a whole number of working days' })
  @Min(-MAX_LAG)
  @Max(MAX_LAG)
  lag?: number;
}

export class BulkLinkDto extends UpdateLinkDto implements BulkLinkRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
