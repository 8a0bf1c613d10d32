import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import type { MyAcceptanceTestDto } from '@jalon/domain';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '../access/access.decorators';
import { Clock } from '../clock/clock';

/** How many users' latest answers the gzip cache keeps (a list of 200 cases is about 120 KB of JSON, 18 KB gzipped). */
const CACHE_SIZE = 500;

/**
 * « Mes tests »: the cases assigned to the caller in running campaigns, across their projects.
 *
 * The list is read on every GET (the runs that change it do not move a version the route could
 * check first), but gzip, which browsers ask for, cost several times the query: the answer is
 * gzipped once per content. Each user's latest answer is kept with its ETag (a hash of the
 * JSON), reused while the JSON is the same, and a client holding that ETag gets 304.
 */
@ApiTags('acceptance')
@Controller('me/acceptance-tests')
export class MyAcceptanceTestsController {
  private readonly cache = new Map<string, { etag: string; gzip: Buffer }>();

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
  @ApiOkResponse({ description: 'MyAcceptanceTestDto[], overdue first; ETag (304 while unchanged)' })
  async list(@CurrentUser() user: AuthenticatedUser, @Req() request: Request, @Res() response: Response): Promise<void> {
    const json = Buffer.from(JSON.stringify(await this.rows(user.id)));
    const etag = `W/"${createHash('sha1').update(json).digest('base64url')}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Vary', 'Accept-Encoding');
    // Express's own freshness rule (If-None-Match against the ETag just set, unless the request says no-cache).
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    response.status(200).type('application/json; charset=utf-8');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      let entry = this.cache.get(user.id);
      if (entry?.etag !== etag) {
        entry = { etag, gzip: gzipSync(json, { level: 6 }) };
        this.cache.delete(user.id);
        this.cache.set(user.id, entry);
        while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      }
      response.setHeader('Content-Encoding', 'gzip');
      response.setHeader('Content-Length', entry.gzip.length);
      response.end(entry.gzip);
    } else {
      response.setHeader('Content-Length', json.length);
      response.end(json);
    }
  }

  private async rows(userId: string): Promise<MyAcceptanceTestDto[]> {
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
      [userId, today],
    )) as MyAcceptanceTestDto[];
  }
}
