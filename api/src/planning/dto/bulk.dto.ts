import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import type { BulkPlanEditRequest } from '@jalon/domain';
import { BulkLinkDto } from './link.dto';
import { BulkTaskDto } from './task.dto';
import { IfPresent } from './plan-validators';

/** What a Gantt drag sends: several tasks and links changed at once, one recompute. */
export class BulkPlanEditDto implements BulkPlanEditRequest {
  @ApiPropertyOptional({ type: () => [BulkTaskDto] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => BulkTaskDto)
  tasks?: BulkTaskDto[];

  @ApiPropertyOptional({ type: () => [BulkLinkDto] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => BulkLinkDto)
  links?: BulkLinkDto[];
}
