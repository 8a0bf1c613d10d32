import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MyAcceptanceTestDto } from '@jalon/domain';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '../access/access.decorators';
import { Clock } from '../clock/clock';

/** « Mes tests »: the cases assigned to the caller in running campaigns, across their projects. */
@ApiTags('acceptance')
@Controller('me/acceptance-tests')
export class MyAcceptanceTestsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's cases in campaigns not over, in projects they are still a member of, with the
   * latest result; overdue first (to run and the campaign's last day passed), then those to run,
   * then by the campaign's end, project and reference.
   */
  @Get()
  @Authenticated()
  @ApiOkResponse({ description: 'MyAcceptanceTestDto[], overdue first' })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<MyAcceptanceTestDto[]> {
    const today = this.clock.today();
    return (await this.dataSource.query(
      `SELECT c.project_id AS "projectId", p.name AS "projectName", c.id AS "campaignId", c.name AS "campaignName",
              c.type AS "campaignType", to_char(c.end_date, 'YYYY-MM-DD') AS "endDate", cc.id AS "campaignCaseId",
              tc.id AS "testCaseId", tc.reference, tc.title, tc.criticality,
              cc.latest_execution_id AS "latestExecutionId", cc.latest_result AS "latestResult", cc.pending AS "toRun",
              (cc.pending AND c.end_date < $2::date) AS overdue
         FROM acceptance_campaign_case cc
         JOIN acceptance_campaign c ON c.id = cc.campaign_id
         JOIN project p ON p.id = c.project_id
         JOIN project_member m ON m.project_id = c.project_id AND m.user_id = cc.assignee_user_id
         JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
        WHERE cc.assignee_user_id = $1 AND c.status <> 'terminee'
        ORDER BY overdue DESC, cc.pending DESC, c.end_date, p.name, c.name, tc.reference, cc.id`,
      [user.id, today],
    )) as MyAcceptanceTestDto[];
  }
}
