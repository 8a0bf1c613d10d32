import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { GoNoGoSignalsDto, LatestGoNoGoDecisionDto, OverdueReserveDto } from '@jalon/domain';
import { ProjectAccess } from '../access/access.decorators';
import { Clock } from '../clock/clock';
import { fieldError } from '../common/api-errors';

/**
 * What other pages show of the go / no-go (issue 16, « Réserves » and « Link to the plan »): the
 * réserves past their due date and not lifted (overview, next COPIL's agenda) and the latest
 * signed decision of the project (a no-go: planning banner, COPIL arbitrage). Read-only.
 *
 * Only réserves of a signed decision count: those of a decision still proposed are not accepted
 * yet, those of a refused one never were. The latest decision is the latest signed one (a no-go
 * proposed and not yet signed is not a decision; a refused proposal decided nothing).
 */

/** Whether the go / no-go tables exist (a database migrated before issue 16 has none). */
async function goNoGoPresent(manager: EntityManager): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT to_regclass('gonogo_reserve') IS NOT NULL AND to_regclass('gonogo_decision') IS NOT NULL AS present`,
  )) as Array<{ present: boolean }>;
  return rows[0]?.present === true;
}

/** Days from 'YYYY-MM-DD' `from` to `to`, by the calendar digits (never through a time zone). */
function daysBetween(from: string, to: string): number {
  const day = (date: string) => {
    const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
    return Date.UTC(year, month - 1, dayOfMonth) / 86_400_000;
  };
  return day(to) - day(from);
}

/** Réserves of the project's signed decisions due before `today` ('YYYY-MM-DD') and not lifted, the most late first. */
export async function overdueReserves(manager: EntityManager, projectId: string, today: string): Promise<OverdueReserveDto[]> {
  if (!(await goNoGoPresent(manager))) return [];
  const rows = (await manager.query(
    `SELECT r.id, r.decision_id AS "decisionId", g.campaign_id AS "campaignId", c.name AS "campaignName",
            r.defect_id AS "defectId", d.reference AS "defectReference", d.title AS "defectTitle",
            r.owner_user_id AS "ownerUserId", u.display_name AS "ownerName", to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate"
       FROM gonogo_reserve r
       JOIN gonogo_decision g ON g.id = r.decision_id AND g.status = 'signee'
       JOIN acceptance_campaign c ON c.id = g.campaign_id
       JOIN acceptance_defect d ON d.id = r.defect_id
       JOIN app_user u ON u.id = r.owner_user_id
      WHERE r.project_id = $1 AND r.levee_date IS NULL AND r.due_date < $2::date
      ORDER BY r.due_date, d.reference, r.id`,
    [projectId, today],
  )) as Array<Omit<OverdueReserveDto, 'daysLate'>>;
  return rows.map((row) => ({ ...row, daysLate: daysBetween(row.dueDate, today) }));
}

/** The project's latest signed go / no-go decision (by the time of its last signature), or null. */
export async function latestSignedDecision(manager: EntityManager, projectId: string): Promise<LatestGoNoGoDecisionDto | null> {
  if (!(await goNoGoPresent(manager))) return null;
  // Signed when its last signature was given (signed_at, the instant the signer saw recorded).
  const rows = (await manager.query(
    `SELECT g.id AS "decisionId", g.campaign_id AS "campaignId", c.name AS "campaignName", g.kind, s.decided_at AS "decidedAt"
       FROM gonogo_decision g
       JOIN acceptance_campaign c ON c.id = g.campaign_id
       JOIN LATERAL (SELECT coalesce(max(signed_at), g.closed_at, g.updated_at) AS decided_at FROM gonogo_signature WHERE decision_id = g.id) s ON true
      WHERE g.project_id = $1 AND g.status = 'signee'
      ORDER BY s.decided_at DESC, g.closed_at DESC NULLS LAST, g.proposed_at DESC, g.id DESC LIMIT 1`,
    [projectId],
  )) as Array<Omit<LatestGoNoGoDecisionDto, 'decidedAt'> & { decidedAt: Date }>;
  const row = rows[0];
  return row ? { ...row, decidedAt: new Date(row.decidedAt).toISOString() } : null;
}

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => fieldError(400, field, `${field} must be a UUID`) });

/** GET /api/projects/:projectId/go-no-go/signals (gonogo.read): the latest signed decision and the overdue réserves. */
@ApiTags('go-no-go')
@Controller('projects/:projectId/go-no-go/signals')
export class GoNoGoSignalsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ProjectAccess('gonogo.read')
  @ApiOkResponse({ description: 'GoNoGoSignalsDto: the latest signed go / no-go decision of the project (null before any) and its réserves past their due date, not lifted' })
  async signals(@Param('projectId', uuid('projectId')) projectId: string): Promise<GoNoGoSignalsDto> {
    const manager = this.dataSource.manager;
    const [latestDecision, reserves] = await Promise.all([latestSignedDecision(manager, projectId), overdueReserves(manager, projectId, this.clock.today())]);
    return { latestDecision, overdueReserves: reserves };
  }
}
