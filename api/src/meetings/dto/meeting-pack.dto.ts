import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { PackInput } from '@jalon/domain';
import { IsName, OptionalNotNull } from '../../common/validation';

/** `POST …/meetings/:meetingId/agenda/apply`: the meeting's version as read, to refuse a stale apply. */
export class ApplyAgendaProposalDto {
  @ApiPropertyOptional({ description: 'The meeting version as read (409 stale_version if it changed)' })
  @OptionalNotNull()
  @IsInt({ message: 'version must be a whole number' })
  @Min(1, { message: 'version must be a whole number from 1' })
  @Max(2147483647, { message: 'version is too large' })
  version?: number;
}

/** `POST …/meetings/:meetingId/pack`. */
export class CreatePackDto implements PackInput {
  @ApiPropertyOptional({ description: 'Freeze a baseline of the plan in the same transaction' })
  @IsOptional()
  @IsBoolean({ message: 'freezeBaseline must be true or false' })
  freezeBaseline?: boolean;

  @ApiPropertyOptional({ description: 'The frozen baseline\'s name (default: the meeting\'s title and date)' })
  @OptionalNotNull()
  @IsName(200)
  baselineName?: string;
}
