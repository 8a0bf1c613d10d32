import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { RetroPlanningDto } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { IfPresent, IsCalendarDate } from './dto/plan-validators';
import type { UpdateTaskDto } from './dto/task.dto';
import { PlanningService } from './planning.service';

/** What a contributor (vendor, integrator) reports on a task: progress and actual dates, nothing else. */
export class TaskProgressDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IfPresent()
  @IsInt({ message: 'progress must be a whole percentage' })
  @Min(0)
  @Max(100)
  progress?: number;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  actualStart?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  actualFinish?: string | null;
}

@ApiTags('planning')
@Controller('projects/:projectId/plan/tasks/:taskId/progress')
export class TaskProgressController {
  constructor(private readonly planning: PlanningService) {}

  /**
   * Contributors update the tasks assigned to them; the project manager updates any task. The
   * access guard checks the ownership (`ownerOf`); the write checks the version read, so a task
   * reassigned since is refused as stale.
   */
  @Patch()
  @ProjectAccess('plan.progress', { ownerOf: 'task' })
  @ApiOkResponse({ description: 'The recomputed plan' })
  async report(
    @Param('projectId', new ParseUUIDPipe()) projectId: string,
    @Param('taskId', new ParseUUIDPipe()) taskId: string,
    @Body() input: TaskProgressDto,
  ): Promise<RetroPlanningDto> {
    const changes: UpdateTaskDto = { version: input.version } as UpdateTaskDto;
    if (input.progress !== undefined) changes.progress = input.progress;
    if (input.actualStart !== undefined) changes.actualStart = input.actualStart;
    if (input.actualFinish !== undefined) changes.actualFinish = input.actualFinish;
    return this.planning.updateTask(projectId, taskId, changes);
  }
}
