import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import type { DeleteTaskQuery } from '@jalon/domain';

/** `?version=N` of a DELETE: the version the caller last saw. */
export class VersionQueryDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409 with the current version' })
  @Type(() => Number)
  @IsInt({ message: 'version must be an integer (?version=N)' })
  @Min(1)
  version!: number;
}

/** `?version=N&reconnect=false` of a task's DELETE; `reconnect` defaults to true. */
export class DeleteTaskQueryDto extends VersionQueryDto implements DeleteTaskQuery {
  @ApiPropertyOptional({ default: true, description: 'Link each predecessor to each successor (FS) before deleting' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'reconnect must be true or false' })
  reconnect?: boolean;
}
