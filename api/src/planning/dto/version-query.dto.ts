import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

/** `?version=N` of a DELETE: the version the caller last saw. */
export class VersionQueryDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @Type(() => Number)
  @IsInt({ message: 'version must be an integer (?version=N)' })
  @Min(1)
  version!: number;
}
