import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MyTaskDto } from '@jalon/domain';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '../access/access.decorators';

/** « Mes tâches »: what the signed-in user is assigned, across the projects they are a member of. */
@ApiTags('planning')
@Controller('me/tasks')
export class MyTasksController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The caller's assigned tasks (`ownerUserId` = the caller) in the projects they are still a
   * member of, unfinished first, then by finish date. Each carries its version, to report
   * progress with `PATCH /api/projects/:projectId/plan/tasks/:taskId/progress`.
   */
  @Get()
  @Authenticated()
  @ApiOkResponse({ description: 'MyTaskDto[] of @jalon/domain' })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<MyTaskDto[]> {
    return (await this.dataSource.query(
      `SELECT t.project_id AS "projectId", p.name AS "projectName", t.id AS "taskId", t.name, t.duration = 0 AS "isMilestone",
              ph.name AS "phaseName", t.start_date AS start, t.finish_date AS finish, t.progress,
              t.actual_start AS "actualStart", t.actual_finish AS "actualFinish", t.version
         FROM plan_task t
         JOIN project p ON p.id = t.project_id
         JOIN project_member m ON m.project_id = t.project_id AND m.user_id = t.owner_user_id
         LEFT JOIN plan_phase ph ON ph.id = t.phase_id
        WHERE t.owner_user_id = $1
        ORDER BY (t.actual_finish IS NOT NULL), t.finish_date NULLS LAST, p.name, t.position, t.id`,
      [user.id],
    )) as MyTaskDto[];
  }
}
