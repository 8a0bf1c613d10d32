import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ATTACHMENT_MAX_PER_STEP,
  type AttachmentContentType,
  type AttachmentDto,
  type DefectSeverity,
  type DefectStatus,
  type ExecutionDto,
  type ExecutionResult,
  type ExecutionSummaryDto,
  type StepStatus,
  type TestStep,
} from '@jalon/domain';
import { caseResultOf, isFinishedResult } from '@jalon/acceptance';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../clock/clock';
import { fieldError, notFound, refuse, staleVersion } from '../common/api-errors';
import { iso, type AcceptanceActor } from './campaigns-common';
import { checkAttachment, type UploadedAttachment } from './executions-attachments';
import type { RecordStepResultDto } from './executions.dto';

interface ExecutionRow {
  id: string;
  campaignId: string;
  campaignName: string;
  campaignStatus: string;
  campaignCaseId: string;
  latestExecutionId: string | null;
  testCaseId: string;
  reference: string;
  title: string;
  preconditions: string;
  testCaseRevision: number;
  iteration: number;
  result: ExecutionResult;
  assigneeUserId: string;
  executedById: string | null;
  executedByName: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  steps: TestStep[];
  version: number;
}

const EXECUTION_COLUMNS = `e.id, cc.campaign_id AS "campaignId", c.name AS "campaignName", c.status AS "campaignStatus",
  e.campaign_case_id AS "campaignCaseId", cc.latest_execution_id AS "latestExecutionId", cc.test_case_id AS "testCaseId",
  tc.reference, e.title, e.preconditions, e.test_case_revision AS "testCaseRevision", i.number AS iteration, e.result,
  cc.assignee_user_id AS "assigneeUserId", e.executed_by AS "executedById", u.display_name AS "executedByName",
  e.started_at AS "startedAt", e.finished_at AS "finishedAt", e.steps, e.version`;
const EXECUTION_FROM = `acceptance_execution e
  JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id
  JOIN acceptance_campaign c ON c.id = cc.campaign_id
  JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
  JOIN acceptance_iteration i ON i.id = e.iteration_id
  LEFT JOIN app_user u ON u.id = e.executed_by`;

export const attachmentUrl = (projectId: string, executionId: string, attachmentId: string): string =>
  `/api/projects/${projectId}/acceptance/executions/${executionId}/attachments/${attachmentId}`;

/**
 * Executions: a run of a case in a campaign, with the copy of its steps as they were when it
 * started (a later edit of the case never changes past results), its step results, attachments
 * and the case's result rolled up from its steps.
 */
@Injectable()
export class ExecutionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execution(projectId: string, executionId: string, manager: EntityManager = this.dataSource.manager): Promise<ExecutionDto> {
    const rows = (await manager.query(`SELECT ${EXECUTION_COLUMNS} FROM ${EXECUTION_FROM} WHERE e.project_id = $1 AND e.id = $2`, [
      projectId,
      executionId,
    ])) as ExecutionRow[];
    const row = rows[0];
    if (!row) throw notFound('acceptance_execution', executionId);
    const [results, attachments, defects] = await Promise.all([
      manager.query(
        `SELECT step_index AS "stepIndex", status, actual, comment, recorded_at AS "recordedAt" FROM acceptance_step_result WHERE execution_id = $1`,
        [executionId],
      ) as Promise<Array<{ stepIndex: number; status: StepStatus; actual: string; comment: string; recordedAt: Date }>>,
      manager.query(
        `SELECT id, step_index AS "stepIndex", file_name AS "fileName", content_type AS "contentType", size, created_at AS "createdAt"
           FROM acceptance_attachment WHERE execution_id = $1 ORDER BY created_at, id`,
        [executionId],
      ) as Promise<Array<{ id: string; stepIndex: number; fileName: string; contentType: AttachmentContentType; size: number; createdAt: Date }>>,
      manager.query(
        `SELECT d.id, d.reference, d.title, d.severity, d.status, d.step_index AS "stepIndex"
           FROM acceptance_defect d
          WHERE d.project_id = $1 AND (d.execution_id = $2 OR d.id IN (SELECT defect_id FROM acceptance_defect_execution WHERE execution_id = $2))
          ORDER BY d.sequence`,
        [projectId, executionId],
      ) as Promise<Array<{ id: string; reference: string; title: string; severity: DefectSeverity; status: DefectStatus; stepIndex: number | null }>>,
    ]);
    const resultByStep = new Map(results.map((result) => [result.stepIndex, result]));
    return {
      id: row.id,
      campaignId: row.campaignId,
      campaignName: row.campaignName,
      campaignCaseId: row.campaignCaseId,
      testCaseId: row.testCaseId,
      reference: row.reference,
      title: row.title,
      preconditions: row.preconditions,
      testCaseRevision: row.testCaseRevision,
      iteration: row.iteration,
      result: row.result,
      assigneeUserId: row.assigneeUserId,
      executedById: row.executedById,
      executedByName: row.executedByName,
      startedAt: row.startedAt.toISOString(),
      finishedAt: iso(row.finishedAt),
      steps: row.steps.map((step, index) => {
        const recorded = resultByStep.get(index);
        return {
          index,
          action: step.action,
          data: step.data,
          expected: step.expected,
          status: recorded?.status ?? null,
          actual: recorded?.actual ?? '',
          comment: recorded?.comment ?? '',
          recordedAt: iso(recorded?.recordedAt),
          attachments: attachments
            .filter((attachment) => attachment.stepIndex === index)
            .map(
              (attachment): AttachmentDto => ({
                ...attachment,
                createdAt: attachment.createdAt.toISOString(),
                url: attachmentUrl(projectId, executionId, attachment.id),
              }),
            ),
        };
      }),
      defects,
      version: row.version,
    };
  }

  /** A case's executions in the campaign, newest first. */
  async history(projectId: string, campaignId: string, campaignCaseId: string): Promise<ExecutionSummaryDto[]> {
    const cases = (await this.dataSource.query(`SELECT 1 FROM acceptance_campaign_case WHERE project_id = $1 AND campaign_id = $2 AND id = $3`, [
      projectId,
      campaignId,
      campaignCaseId,
    ])) as unknown[];
    if (cases.length === 0) throw notFound('acceptance_campaign_case', campaignCaseId, `The case ${campaignCaseId} is not in the campaign ${campaignId}`);
    const rows = (await this.dataSource.query(
      `SELECT e.id, i.number AS iteration, e.test_case_revision AS "testCaseRevision", e.result, u.display_name AS "executedByName",
              e.started_at AS "startedAt", e.finished_at AS "finishedAt"
         FROM acceptance_execution e JOIN acceptance_iteration i ON i.id = e.iteration_id LEFT JOIN app_user u ON u.id = e.executed_by
        WHERE e.campaign_case_id = $1 ORDER BY e.started_at DESC, e.created_at DESC, e.id`,
      [campaignCaseId],
    )) as Array<Omit<ExecutionSummaryDto, 'startedAt' | 'finishedAt'> & { startedAt: Date; finishedAt: Date | null }>;
    return rows.map((row) => ({ ...row, startedAt: row.startedAt.toISOString(), finishedAt: iso(row.finishedAt) }));
  }

  /**
   * Starts a run of the case (its current steps and revision copied), in the campaign's current
   * iteration; an unfinished run of the same iteration is resumed instead of starting another.
   */
  async start(projectId: string, campaignId: string, campaignCaseId: string, actor: AcceptanceActor): Promise<ExecutionDto> {
    const executionId = await this.dataSource.transaction(async (manager) => {
      const cases = (await manager.query(
        `SELECT cc.id, cc.campaign_id AS "campaignId", cc.test_case_id AS "testCaseId", c.status, c.name
           FROM acceptance_campaign_case cc JOIN acceptance_campaign c ON c.id = cc.campaign_id
          WHERE cc.project_id = $1 AND cc.id = $2
          FOR UPDATE OF cc`,
        [projectId, campaignCaseId],
      )) as Array<{ id: string; campaignId: string; testCaseId: string; status: string; name: string }>;
      const campaignCase = cases[0];
      if (!campaignCase || campaignCase.campaignId !== campaignId) {
        throw notFound('acceptance_campaign_case', campaignCaseId, `The case ${campaignCaseId} is not in the campaign ${campaignId}`);
      }
      if (campaignCase.status === 'terminee') throw refuse(409, 'conflict', `The campaign ${campaignCase.name} is over: no more runs`);
      const [iteration] = (await manager.query(
        `SELECT id FROM acceptance_iteration WHERE campaign_id = $1 ORDER BY number DESC LIMIT 1`,
        [campaignId],
      )) as Array<{ id: string }>;
      const unfinished = (await manager.query(
        `SELECT id FROM acceptance_execution WHERE campaign_case_id = $1 AND iteration_id = $2 AND result IN ('non_execute', 'en_cours')
          ORDER BY started_at DESC, created_at DESC LIMIT 1`,
        [campaignCaseId, iteration!.id],
      )) as Array<{ id: string }>;
      if (unfinished[0]) return unfinished[0].id;
      const [testCase] = (await manager.query(
        `SELECT reference, title, preconditions, steps, revision FROM acceptance_test_case WHERE id = $1`,
        [campaignCase.testCaseId],
      )) as Array<{ reference: string; title: string; preconditions: string | null; steps: TestStep[]; revision: number }>;
      const steps = testCase!.steps.map((step) => ({ action: step.action, data: step.data ?? '', expected: step.expected }));
      const [row] = (await manager.query(
        `INSERT INTO acceptance_execution (project_id, campaign_case_id, iteration_id, test_case_revision, title, preconditions, steps, executed_by, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [projectId, campaignCaseId, iteration!.id, testCase!.revision, testCase!.title, testCase!.preconditions ?? '', JSON.stringify(steps), actor.id, this.clock.now()],
      )) as Array<{ id: string }>;
      await manager.query(
        `UPDATE acceptance_campaign_case SET latest_execution_id = $2, latest_result = 'non_execute', pending = true WHERE id = $1`,
        [campaignCaseId, row!.id],
      );
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_execution',
        entityId: row!.id,
        action: 'create',
        after: { campaignId, testCaseId: campaignCase.testCaseId, testCaseRevision: testCase!.revision, result: 'non_execute' },
        label: `${campaignCase.name} — ${testCase!.reference}`,
      });
      return row!.id;
    });
    return this.execution(projectId, executionId);
  }

  /** Records one step's result; the case's result rolls up from every step of the copy. */
  async recordStep(projectId: string, executionId: string, stepIndex: number, input: RecordStepResultDto, actor: AcceptanceActor): Promise<ExecutionDto> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lockExecution(manager, projectId, executionId);
      if (row.version !== input.version) throw staleVersion('acceptance_execution', executionId, row.version);
      this.checkWritable(row);
      checkStepIndex(row, stepIndex);
      const previous = (await manager.query(
        `SELECT status, actual, comment FROM acceptance_step_result WHERE execution_id = $1 AND step_index = $2`,
        [executionId, stepIndex],
      )) as Array<{ status: StepStatus; actual: string; comment: string }>;
      const recorded = { status: input.status, actual: input.actual ?? '', comment: input.comment ?? '' };
      await manager.query(
        `INSERT INTO acceptance_step_result (execution_id, step_index, status, actual, comment, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (execution_id, step_index) DO UPDATE
           SET status = EXCLUDED.status, actual = EXCLUDED.actual, comment = EXCLUDED.comment,
               recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by`,
        [executionId, stepIndex, recorded.status, recorded.actual, recorded.comment, actor.id, this.clock.now()],
      );
      const statuses = (await manager.query(`SELECT step_index AS "stepIndex", status FROM acceptance_step_result WHERE execution_id = $1`, [
        executionId,
      ])) as Array<{ stepIndex: number; status: StepStatus }>;
      const byStep = new Map(statuses.map((status) => [status.stepIndex, status.status]));
      const result = caseResultOf(row.steps.map((_step, index) => byStep.get(index) ?? null));
      const finished = isFinishedResult(result);
      await manager.query(
        `UPDATE acceptance_execution
            SET result = $2, executed_by = $3, version = version + 1, updated_at = now(),
                finished_at = CASE WHEN $4::boolean THEN coalesce(finished_at, $5::timestamptz) ELSE NULL END
          WHERE id = $1`,
        [executionId, result, actor.id, finished, this.clock.now()],
      );
      await manager.query(`UPDATE acceptance_campaign_case SET latest_result = $2, pending = NOT $3::boolean WHERE id = $1 AND latest_execution_id = $4`, [
        row.campaignCaseId,
        result,
        finished,
        executionId,
      ]);
      const step = `step${stepIndex + 1}`;
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_execution',
        entityId: executionId,
        action: 'update',
        before: { [step]: previous[0] ?? null, result: row.result },
        after: { [step]: recorded, result },
        label: `${row.campaignName} — ${row.reference}`,
      });
    });
    return this.execution(projectId, executionId);
  }

  /** Stores a screenshot or a log for one step, checked by its content (see `checkAttachment`). */
  async addAttachment(projectId: string, executionId: string, stepIndex: number, file: UploadedAttachment | undefined, actor: AcceptanceActor): Promise<AttachmentDto> {
    const checked = checkAttachment(file);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockExecution(manager, projectId, executionId);
      this.checkWritable(row);
      checkStepIndex(row, stepIndex);
      const [count] = (await manager.query(`SELECT count(*)::int AS count FROM acceptance_attachment WHERE execution_id = $1 AND step_index = $2`, [
        executionId,
        stepIndex,
      ])) as Array<{ count: number }>;
      if (count!.count >= ATTACHMENT_MAX_PER_STEP) {
        throw fieldError(422, 'file', `A step holds at most ${ATTACHMENT_MAX_PER_STEP} attachments`);
      }
      const [inserted] = (await manager.query(
        `INSERT INTO acceptance_attachment (project_id, execution_id, step_index, file_name, content_type, size, sha256, data, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at AS "createdAt"`,
        [projectId, executionId, stepIndex, checked.fileName, checked.contentType, file!.buffer.length, checked.sha256, file!.buffer, actor.id],
      )) as Array<{ id: string; createdAt: Date }>;
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_attachment',
        entityId: inserted!.id,
        action: 'create',
        after: { executionId, step: stepIndex + 1, fileName: checked.fileName, contentType: checked.contentType, size: file!.buffer.length, sha256: checked.sha256 },
        label: `${row.reference} — ${checked.fileName}`,
      });
      return {
        id: inserted!.id,
        stepIndex,
        fileName: checked.fileName,
        contentType: checked.contentType,
        size: file!.buffer.length,
        createdAt: inserted!.createdAt.toISOString(),
        url: attachmentUrl(projectId, executionId, inserted!.id),
      };
    });
  }

  /** An attachment's bytes, for members of its project only. */
  async attachment(projectId: string, executionId: string, attachmentId: string): Promise<{ fileName: string; contentType: AttachmentContentType; data: Buffer }> {
    const rows = (await this.dataSource.query(
      `SELECT file_name AS "fileName", content_type AS "contentType", data FROM acceptance_attachment WHERE project_id = $1 AND execution_id = $2 AND id = $3`,
      [projectId, executionId, attachmentId],
    )) as Array<{ fileName: string; contentType: AttachmentContentType; data: Buffer }>;
    if (!rows[0]) throw notFound('acceptance_attachment', attachmentId);
    return rows[0];
  }

  private async lockExecution(manager: EntityManager, projectId: string, executionId: string): Promise<ExecutionRow> {
    const locked = (await manager.query(`SELECT id FROM acceptance_execution WHERE project_id = $1 AND id = $2 FOR UPDATE`, [projectId, executionId])) as unknown[];
    if (locked.length === 0) throw notFound('acceptance_execution', executionId);
    const [row] = (await manager.query(`SELECT ${EXECUTION_COLUMNS} FROM ${EXECUTION_FROM} WHERE e.id = $1`, [executionId])) as ExecutionRow[];
    return row!;
  }

  /** Results are recorded on the case's latest run of a campaign still running. */
  private checkWritable(row: ExecutionRow): void {
    if (row.campaignStatus === 'terminee') throw refuse(409, 'conflict', `The campaign ${row.campaignName} is over: its results are frozen`);
    if (row.latestExecutionId !== row.id) {
      throw refuse(409, 'conflict', `A newer run of ${row.reference} exists: this one is history, record on the newer one`);
    }
  }
}

function checkStepIndex(row: ExecutionRow, stepIndex: number): void {
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= row.steps.length) {
    throw fieldError(400, 'stepIndex', `stepIndex must be from 0 to ${row.steps.length - 1}: the run of ${row.reference} has ${row.steps.length} steps`);
  }
}
