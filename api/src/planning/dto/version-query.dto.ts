import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

/** `?version=N` of a DELETE: the version the caller last saw. */
export class VersionQueryDto {
  @Type(() => Number)
  @IsInt({ message: 'version must be an integer (?version=N)' })
  @Min(1)
  version!: number;
}
