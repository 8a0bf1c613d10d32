import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFECT_SEVERITIES,
  type CampaignCaseDto,
  type CampaignDto,
  type CampaignPhaseDto,
  type CampaignProgressDto,
  type CampaignStatus,
  type CampaignSummaryDto,
  type CampaignType,
  type DefectSeverity,
  type ExecutionResult,
  type IterationDto,
  type RerunReason,
} from '@jalon/domain';
import { casesToRerun, passRate, progressByDay, type IterationCandidate } from '@jalon/acceptance';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../clock/clock';
import { fieldError, notFound, refuse, staleVersion } from '../common/api-errors';
import { checkMember, iso, resultCounts, type AcceptanceActor } from './campaigns-common';
import type { AddCampaignCasesDto, CreateCampaignDto, CreateIterationDto, UpdateCampaignCaseDto, UpdateCampaignDto } from './campaigns.dto';

interface CampaignRow {
  id: string;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  lotId: string | null;
  lotName: string | null;
  phaseId: string | null;
  startDate: string;
  endDate: string;
  iteration: number | null;
  version: number;
}

const CAMPAIGN_COLUMNS = `c.id, c.name, c.type, c.status, c.lot_id AS "lotId", l.name AS "lotName", c.phase_id AS "phaseId",
  to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", to_char(c.end_date, 'YYYY-MM-DD') AS "endDate", c.version,
  (SELECT max(i.number) FROM acceptance_iteration i WHERE i.campaign_id = c.id) AS iteration`;
const CAMPAIGN_FROM = `acceptance_campaign c LEFT JOIN plan_lot l ON l.id = c.lot_id`;

/** What the audit trail records of a campaign. */
const campaignSnapshot = (row: Pick<CampaignRow, 'name' | 'type' | 'status' | 'lotId' | 'phaseId' | 'startDate' | 'endDate'>) => ({
  name: row.name,
  type: row.type,
  status: row.status,
  lotId: row.lotId,
  phaseId: row.phaseId,
  startDate: row.startDate,
  endDate: row.endDate,
});

/** The label of the first iteration, created with the campaign. */
export const FIRST_ITERATION_LABEL = 'Livraison initiale';

/**
 * Acceptance campaigns: their period over the plan's Recette phase, the cases in scope with the
 * member who runs each, the iterations (vendor deliveries), and their progress. Every write runs
 * in one transaction, checks the version read, and writes its audit rows.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------------------------- reads

  async list(projectId: string): Promise<CampaignSummaryDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGN_FROM} WHERE c.project_id = $1 ORDER BY c.start_date, c.name, c.id`,
      [projectId],
    )) as CampaignRow[];
    return this.summaries(this.dataSource.manager, projectId, rows);
  }

  async campaign(projectId: string, campaignId: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignDto> {
    const rows = (await manager.query(`SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGN_FROM} WHERE c.project_id = $1 AND c.id = $2`, [
      projectId,
      campaignId,
    ])) as CampaignRow[];
    if (rows.length === 0) throw notFound('acceptance_campaign', campaignId);
    const [summary] = await this.summaries(manager, projectId, rows);
    const [cases, iterations] = await Promise.all([this.cases(manager, campaignId), this.iterations(manager, campaignId)]);
    return { ...summary!, cases, iterations };
  }

  private async summaries(manager: EntityManager, projectId: string, rows: CampaignRow[]): Promise<CampaignSummaryDto[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [phases, results, defects] = await Promise.all([
      this.phases(manager, projectId, rows.map((row) => row.phaseId).filter((id): id is string => id !== null)),
      manager.query(
        `SELECT campaign_id AS "campaignId", latest_result AS result, count(*)::int AS count
           FROM acceptance_campaign_case WHERE campaign_id = ANY($1::uuid[]) GROUP BY 1, 2`,
        [ids],
      ) as Promise<Array<{ campaignId: string; result: ExecutionResult | null; count: number }>>,
      manager.query(
        `SELECT cc.campaign_id AS "campaignId", count(DISTINCT d.id)::int AS count
           FROM acceptance_defect d
           JOIN acceptance_execution e ON e.id = d.execution_id
           JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id
          WHERE d.project_id = $1 AND cc.campaign_id = ANY($2::uuid[]) AND d.status IN ('nouvelle', 'en_correction', 'corrigee')
          GROUP BY 1`,
        [projectId, ids],
      ) as Promise<Array<{ campaignId: string; count: number }>>,
    ]);
    const openDefects = new Map(defects.map((row) => [row.campaignId, row.count]));
    return rows.map((row): CampaignSummaryDto => {
      const counts = resultCounts(results.filter((result) => result.campaignId === row.id));
      const caseCount = Object.values(counts).reduce((sum, count) => sum + count, 0);
      return {
        id: row.id,
        name: row.name,
        type: row.type,
        status: row.status,
        lotId: row.lotId,
        lotName: row.lotName,
        phase: row.phaseId ? (phases.get(row.phaseId) ?? null) : null,
        startDate: row.startDate,
        endDate: row.endDate,
        caseCount,
        runCount: counts.reussi + counts.echoue + counts.bloque,
        results: counts,
        passRate: passRateOfCounts(counts),
        openDefects: openDefects.get(row.id) ?? 0,
        iteration: row.iteration ?? 1,
        version: row.version,
      };
    });
  }

  /** The phases named, with the dates the plan computed for their tasks. */
  private async phases(manager: EntityManager, projectId: string, phaseIds: string[]): Promise<Map<string, CampaignPhaseDto>> {
    if (phaseIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT ph.id, ph.name, to_char(min(t.start_date), 'YYYY-MM-DD') AS "startDate", to_char(max(t.finish_date), 'YYYY-MM-DD') AS "finishDate"
         FROM plan_phase ph LEFT JOIN plan_task t ON t.phase_id = ph.id AND t.project_id = ph.project_id
        WHERE ph.project_id = $1 AND ph.id = ANY($2::uuid[])
        GROUP BY ph.id, ph.name`,
      [projectId, [...new Set(phaseIds)]],
    )) as CampaignPhaseDto[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  private async cases(manager: EntityManager, campaignId: string): Promise<CampaignCaseDto[]> {
    const rows = (await manager.query(
      `SELECT cc.id, cc.test_case_id AS "testCaseId", tc.reference, tc.title, tc.criticality, tc.revision AS "testCaseRevision",
              cc.assignee_user_id AS "assigneeUserId", u.display_name AS "assigneeName",
              cc.latest_execution_id AS "latestExecutionId", cc.latest_result AS "latestResult",
              e.test_case_revision AS "latestRevision", e.started_at AS "latestStartedAt", cc.pending AS "toRun", cc.version
         FROM acceptance_campaign_case cc
         JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
         JOIN app_user u ON u.id = cc.assignee_user_id
         LEFT JOIN acceptance_execution e ON e.id = cc.latest_execution_id
        WHERE cc.campaign_id = $1
        ORDER BY tc.reference, cc.id`,
      [campaignId],
    )) as Array<Omit<CampaignCaseDto, 'latestStartedAt'> & { latestStartedAt: Date | null }>;
    return rows.map((row) => ({ ...row, latestStartedAt: iso(row.latestStartedAt) }));
  }

  private async iterations(manager: EntityManager, campaignId: string): Promise<IterationDto[]> {
    const rows = (await manager.query(
      `SELECT id, number, label, to_char(delivered_on, 'YYYY-MM-DD') AS "deliveredOn", rerun, created_at AS "createdAt"
         FROM acceptance_iteration WHERE campaign_id = $1 ORDER BY number`,
      [campaignId],
    )) as Array<Omit<IterationDto, 'createdAt'> & { createdAt: Date }>;
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }

  /** Planned vs run by day over the campaign's period, results, pass rate and open defects by severity. */
  async progress(projectId: string, campaignId: string): Promise<CampaignProgressDto> {
    const manager = this.dataSource.manager;
    const rows = (await manager.query(`SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGN_FROM} WHERE c.project_id = $1 AND c.id = $2`, [
      projectId,
      campaignId,
    ])) as CampaignRow[];
    const campaign = rows[0];
    if (!campaign) throw notFound('acceptance_campaign', campaignId);
    const [phases, results, firstRuns, defects] = await Promise.all([
      this.phases(manager, projectId, campaign.phaseId ? [campaign.phaseId] : []),
      manager.query(
        `SELECT latest_result AS result, count(*)::int AS count FROM acceptance_campaign_case WHERE campaign_id = $1 GROUP BY 1`,
        [campaignId],
      ) as Promise<Array<{ result: ExecutionResult | null; count: number }>>,
      // The day (in Paris) each case of the campaign was first run to its end.
      manager.query(
        `SELECT day, count(*)::int AS count FROM (
           SELECT to_char((min(e.finished_at) AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM-DD') AS day
             FROM acceptance_execution e JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id
            WHERE cc.campaign_id = $1 AND e.finished_at IS NOT NULL
            GROUP BY cc.id) first_runs
          GROUP BY day`,
        [campaignId],
      ) as Promise<Array<{ day: string; count: number }>>,
      manager.query(
        `SELECT d.severity, count(DISTINCT d.id)::int AS count
           FROM acceptance_defect d
           JOIN acceptance_execution e ON e.id = d.execution_id
           JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id
          WHERE d.project_id = $1 AND cc.campaign_id = $2 AND d.status IN ('nouvelle', 'en_correction', 'corrigee')
          GROUP BY 1`,
        [projectId, campaignId],
      ) as Promise<Array<{ severity: DefectSeverity; count: number }>>,
    ]);
    const counts = resultCounts(results);
    const caseCount = Object.values(counts).reduce((sum, count) => sum + count, 0);
    const today = this.clock.today();
    const openDefectsBySeverity = Object.fromEntries(DEFECT_SEVERITIES.map((severity) => [severity, 0])) as Record<DefectSeverity, number>;
    for (const row of defects) openDefectsBySeverity[row.severity] = row.count;
    return {
      campaignId,
      startDate: campaign.startDate,
      endDate: campaign.endDate,
      phase: campaign.phaseId ? (phases.get(campaign.phaseId) ?? null) : null,
      today,
      caseCount,
      days: progressByDay(campaign, caseCount, new Map(firstRuns.map((row) => [row.day, row.count])), today),
      results: counts,
      passRate: passRateOfCounts(counts),
      openDefectsBySeverity,
    };
  }

  // ---------------------------------------------------------------------------------- writes

  async create(projectId: string, input: CreateCampaignDto, actor: AcceptanceActor): Promise<CampaignDto> {
    checkPeriod(input.startDate, input.endDate);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.checkPlanRefs(manager, projectId, input.lotId, input.phaseId);
      const values = {
        name: input.name,
        type: input.type,
        status: input.status ?? 'preparation',
        lotId: input.lotId ?? null,
        phaseId: input.phaseId ?? null,
        startDate: input.startDate,
        endDate: input.endDate,
      };
      const [row] = (await manager.query(
        `INSERT INTO acceptance_campaign (project_id, name, type, status, lot_id, phase_id, start_date, end_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [projectId, values.name, values.type, values.status, values.lotId, values.phaseId, values.startDate, values.endDate],
      )) as Array<{ id: string }>;
      await manager.query(
        `INSERT INTO acceptance_iteration (campaign_id, number, label, delivered_on, created_by) VALUES ($1, 1, $2, $3, $4)`,
        [row!.id, FIRST_ITERATION_LABEL, input.startDate, actor.id],
      );
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_campaign',
        entityId: row!.id,
        action: 'create',
        after: campaignSnapshot(values),
        label: values.name,
      });
      return row!.id;
    });
    return this.campaign(projectId, id);
  }

  async update(projectId: string, campaignId: string, input: UpdateCampaignDto): Promise<CampaignDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockCampaign(manager, projectId, campaignId, input.version);
      const next = campaignSnapshot({
        name: input.name ?? current.name,
        type: input.type ?? current.type,
        status: input.status ?? current.status,
        lotId: input.lotId === undefined ? current.lotId : input.lotId,
        phaseId: input.phaseId === undefined ? current.phaseId : input.phaseId,
        startDate: input.startDate ?? current.startDate,
        endDate: input.endDate ?? current.endDate,
      });
      checkPeriod(next.startDate, next.endDate, input.endDate !== undefined ? 'endDate' : 'startDate');
      await this.checkPlanRefs(manager, projectId, input.lotId, input.phaseId);
      await manager.query(
        `UPDATE acceptance_campaign SET name = $2, type = $3, status = $4, lot_id = $5, phase_id = $6, start_date = $7, end_date = $8,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [campaignId, next.name, next.type, next.status, next.lotId, next.phaseId, next.startDate, next.endDate],
      );
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_campaign',
        entityId: campaignId,
        action: 'update',
        before: campaignSnapshot(current),
        after: next,
        label: next.name,
      });
    });
    return this.campaign(projectId, campaignId);
  }

  /** Deletes a campaign nothing was run in yet (results are the recette's evidence: they stay). */
  async remove(projectId: string, campaignId: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockCampaign(manager, projectId, campaignId, version);
      const runs = (await manager.query(
        `SELECT 1 FROM acceptance_execution e JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id WHERE cc.campaign_id = $1 LIMIT 1`,
        [campaignId],
      )) as unknown[];
      if (runs.length > 0) {
        throw refuse(409, 'conflict', `The campaign ${current.name} has executions: it is kept as the recette's evidence (mark it terminee instead)`);
      }
      await manager.query(`DELETE FROM acceptance_campaign WHERE id = $1`, [campaignId]);
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_campaign',
        entityId: campaignId,
        action: 'delete',
        before: campaignSnapshot(current),
        label: current.name,
      });
    });
  }

  /** Puts test cases of the project in the campaign's scope, assigned to one member. */
  async addCases(projectId: string, campaignId: string, input: AddCampaignCasesDto): Promise<CampaignDto> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockCampaign(manager, projectId, campaignId, null);
      await checkMember(manager, projectId, input.assigneeUserId, 'assigneeUserId');
      const ids = [...new Set(input.testCaseIds)];
      const found = (await manager.query(
        `SELECT tc.id, tc.reference, tc.status, cc.id AS "campaignCaseId"
           FROM acceptance_test_case tc
           LEFT JOIN acceptance_campaign_case cc ON cc.test_case_id = tc.id AND cc.campaign_id = $3
          WHERE tc.project_id = $1 AND tc.id = ANY($2::uuid[])`,
        [projectId, ids, campaignId],
      )) as Array<{ id: string; reference: string; status: string; campaignCaseId: string | null }>;
      const known = new Set(found.map((row) => row.id));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0) {
        throw fieldError(422, 'testCaseIds', `testCaseIds: ${missing.join(', ')} ${missing.length > 1 ? 'are not test cases' : 'is not a test case'} of this project`, 'invalid_reference');
      }
      const obsolete = found.filter((row) => row.status === 'obsolete');
      if (obsolete.length > 0) {
        throw fieldError(422, 'testCaseIds', `testCaseIds: ${obsolete.map((row) => row.reference).join(', ')} obsolete, not to be run`, 'invalid_reference');
      }
      const already = found.filter((row) => row.campaignCaseId !== null);
      if (already.length > 0) {
        throw refuse(409, 'conflict', `Already in the campaign: ${already.map((row) => row.reference).join(', ')}`, {
          fields: [{ field: 'testCaseIds', messages: [`${already.map((row) => row.reference).join(', ')} already in the campaign`] }],
        });
      }
      const inserted = (await manager.query(
        `INSERT INTO acceptance_campaign_case (project_id, campaign_id, test_case_id, assignee_user_id)
         SELECT $1, $2, id, $3 FROM unnest($4::uuid[]) AS id
         RETURNING id, test_case_id AS "testCaseId"`,
        [projectId, campaignId, input.assigneeUserId, ids],
      )) as Array<{ id: string; testCaseId: string }>;
      const references = new Map(found.map((row) => [row.id, row.reference]));
      for (const row of inserted) {
        await this.auditTrail.record(manager, {
          projectId,
          entity: 'acceptance_campaign_case',
          entityId: row.id,
          action: 'create',
          after: { campaignId, testCaseId: row.testCaseId, assigneeUserId: input.assigneeUserId },
          label: `${campaign.name} — ${references.get(row.testCaseId)}`,
        });
      }
    });
    return this.campaign(projectId, campaignId);
  }

  async updateCase(projectId: string, campaignId: string, campaignCaseId: string, input: UpdateCampaignCaseDto): Promise<CampaignDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockCase(manager, projectId, campaignId, campaignCaseId, input.version);
      await checkMember(manager, projectId, input.assigneeUserId, 'assigneeUserId');
      await manager.query(
        `UPDATE acceptance_campaign_case SET assignee_user_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [campaignCaseId, input.assigneeUserId],
      );
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_campaign_case',
        entityId: campaignCaseId,
        action: 'update',
        before: { assigneeUserId: current.assigneeUserId },
        after: { assigneeUserId: input.assigneeUserId },
        label: current.label,
      });
    });
    return this.campaign(projectId, campaignId);
  }

  /** Takes a case out of the campaign's scope while it has not been run in it. */
  async removeCase(projectId: string, campaignId: string, campaignCaseId: string, version: number): Promise<CampaignDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockCase(manager, projectId, campaignId, campaignCaseId, version);
      if (current.latestExecutionId !== null) {
        throw refuse(409, 'conflict', `${current.label} was run in this campaign: its results are kept`);
      }
      await manager.query(`DELETE FROM acceptance_campaign_case WHERE id = $1`, [campaignCaseId]);
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_campaign_case',
        entityId: campaignCaseId,
        action: 'delete',
        before: { campaignId, testCaseId: current.testCaseId, assigneeUserId: current.assigneeUserId },
        label: current.label,
      });
    });
    return this.campaign(projectId, campaignId);
  }

  /**
   * A vendor delivery: a new iteration that re-runs the failed cases and those the delivery
   * touched (`casesToRerun` of @jalon/acceptance); those cases are to run again.
   */
  async createIteration(projectId: string, campaignId: string, input: CreateIterationDto, actor: AcceptanceActor): Promise<IterationDto> {
    const iterationId = await this.dataSource.transaction(async (manager) => {
      const campaign = await this.lockCampaign(manager, projectId, campaignId, null);
      const touchedCases = await this.checkIds(manager, projectId, 'acceptance_test_case', input.touchedTestCaseIds ?? [], 'touchedTestCaseIds');
      const touchedRequirements = await this.checkIds(
        manager,
        projectId,
        'acceptance_requirement',
        input.touchedRequirementIds ?? [],
        'touchedRequirementIds',
      );
      const candidates = (await manager.query(
        `SELECT cc.id AS "campaignCaseId", cc.test_case_id AS "testCaseId", cc.latest_result AS "latestResult",
                coalesce(array_agg(cr.requirement_id) FILTER (WHERE cr.requirement_id IS NOT NULL), '{}') AS "requirementIds"
           FROM acceptance_campaign_case cc
           JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
           LEFT JOIN acceptance_case_requirement cr ON cr.test_case_id = cc.test_case_id
          WHERE cc.campaign_id = $1
          GROUP BY cc.id, tc.reference
          ORDER BY tc.reference`,
        [campaignId],
      )) as IterationCandidate[];
      const rerun = casesToRerun(candidates, { testCaseIds: touchedCases, requirementIds: touchedRequirements });
      const [row] = (await manager.query(
        `INSERT INTO acceptance_iteration (campaign_id, number, label, delivered_on, rerun, created_by)
         SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5 FROM acceptance_iteration WHERE campaign_id = $1
         RETURNING id, number`,
        [campaignId, input.label, input.deliveredOn, JSON.stringify(rerun), actor.id],
      )) as Array<{ id: string; number: number }>;
      if (rerun.length > 0) {
        await manager.query(`UPDATE acceptance_campaign_case SET pending = true WHERE id = ANY($1::uuid[])`, [
          rerun.map((entry) => entry.campaignCaseId),
        ]);
      }
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_iteration',
        entityId: row!.id,
        action: 'create',
        after: {
          campaignId,
          number: row!.number,
          label: input.label,
          deliveredOn: input.deliveredOn,
          rerun: countReasons(rerun),
        },
        label: `${campaign.name} — itération ${row!.number}`,
      });
      return row!.id;
    });
    const iterations = await this.iterations(this.dataSource.manager, campaignId);
    return iterations.find((iteration) => iteration.id === iterationId)!;
  }

  // ---------------------------------------------------------------------------------- helpers

  private async lockCampaign(manager: EntityManager, projectId: string, campaignId: string, version: number | null): Promise<CampaignRow> {
    const locked = (await manager.query(`SELECT id FROM acceptance_campaign WHERE project_id = $1 AND id = $2 FOR UPDATE`, [
      projectId,
      campaignId,
    ])) as unknown[];
    if (locked.length === 0) throw notFound('acceptance_campaign', campaignId);
    const [row] = (await manager.query(`SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGN_FROM} WHERE c.id = $1`, [campaignId])) as CampaignRow[];
    if (version !== null && row!.version !== version) throw staleVersion('acceptance_campaign', campaignId, row!.version);
    return row!;
  }

  private async lockCase(manager: EntityManager, projectId: string, campaignId: string, campaignCaseId: string, version: number) {
    const rows = (await manager.query(
      `SELECT cc.id, cc.campaign_id AS "campaignId", cc.test_case_id AS "testCaseId", cc.assignee_user_id AS "assigneeUserId",
              cc.latest_execution_id AS "latestExecutionId", cc.version, c.name || ' — ' || tc.reference AS label
         FROM acceptance_campaign_case cc
         JOIN acceptance_campaign c ON c.id = cc.campaign_id
         JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
        WHERE cc.project_id = $1 AND cc.id = $2 AND cc.campaign_id = $3
        FOR UPDATE OF cc`,
      [projectId, campaignCaseId, campaignId],
    )) as Array<{ id: string; testCaseId: string; assigneeUserId: string; latestExecutionId: string | null; version: number; label: string }>;
    const row = rows[0];
    if (!row) throw notFound('acceptance_campaign_case', campaignCaseId, `The case ${campaignCaseId} is not in the campaign ${campaignId}`);
    if (row.version !== version) throw staleVersion('acceptance_campaign_case', campaignCaseId, row.version);
    return row;
  }

  private async checkPlanRefs(manager: EntityManager, projectId: string, lotId: string | null | undefined, phaseId: string | null | undefined) {
    if (lotId) {
      const rows = (await manager.query(`SELECT 1 FROM plan_lot WHERE project_id = $1 AND id = $2`, [projectId, lotId])) as unknown[];
      if (rows.length === 0) throw fieldError(422, 'lotId', `lotId ${lotId} is not a lot of this project's plan`);
    }
    if (phaseId) {
      const rows = (await manager.query(`SELECT 1 FROM plan_phase WHERE project_id = $1 AND id = $2`, [projectId, phaseId])) as unknown[];
      if (rows.length === 0) throw fieldError(422, 'phaseId', `phaseId ${phaseId} is not a phase of this project's plan`);
    }
  }

  private async checkIds(manager: EntityManager, projectId: string, table: 'acceptance_test_case' | 'acceptance_requirement', ids: string[], field: string) {
    const distinct = [...new Set(ids)];
    if (distinct.length === 0) return [];
    const rows = (await manager.query(`SELECT id FROM ${table} WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, distinct])) as Array<{
      id: string;
    }>;
    const found = new Set(rows.map((row) => row.id));
    const missing = distinct.filter((id) => !found.has(id));
    if (missing.length > 0) throw fieldError(422, field, `${field}: ${missing.join(', ')} not found in this project`);
    return distinct;
  }
}

function checkPeriod(startDate: string, endDate: string, field = 'endDate'): void {
  if (endDate < startDate) throw fieldError(400, field, `The campaign ends (${endDate}) before it starts (${startDate})`);
}

function passRateOfCounts(counts: Record<ExecutionResult, number>): number | null {
  return passRate([
    ...Array<ExecutionResult>(counts.reussi).fill('reussi'),
    ...Array<ExecutionResult>(counts.echoue).fill('echoue'),
    ...Array<ExecutionResult>(counts.bloque).fill('bloque'),
  ]);
}

function countReasons(rerun: Array<{ reason: RerunReason }>): Record<RerunReason, number> {
  const counts: Record<RerunReason, number> = { failed: 0, touched: 0, not_run: 0 };
  for (const entry of rerun) counts[entry.reason] += 1;
  return counts;
}
