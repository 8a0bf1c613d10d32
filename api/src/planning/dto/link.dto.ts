import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { LINK_TYPES, type LinkTypeCode } from '@jalon/domain';
import { IfPresent } from './plan-validators';

const MAX_LAG = 10_000;

export class CreateLinkDto {
  @IsUUID()
  fromTaskId!: string;

  @IsUUID()
  toTaskId!: string;

  @IfPresent()
  @IsIn(LINK_TYPES)
  type?: LinkTypeCode;

  @IfPresent()
  @IsInt({ message: 'lag must be a whole number of working days' })
  @Min(-MAX_LAG)
  @Max(MAX_LAG)
  lag?: number;
}

export class UpdateLinkDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IfPresent()
  @IsIn(LINK_TYPES)
  type?: LinkTypeCode;

  @IfPresent()
  @IsInt({ message: 'lag must be a whole number of working days' })
  @Min(-MAX_LAG)
  @Max(MAX_LAG)
  lag?: number;
}

export class BulkLinkDto extends UpdateLinkDto {
  @IsUUID()
  id!: string;
}
