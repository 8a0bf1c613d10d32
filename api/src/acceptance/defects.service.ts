import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { permissionScope, type DefectDto, type DefectListQuery, type DefectSeverity, type DefectStatus, type ExecutionResult, type StepStatus, type TestStep } from '@jalon/domain';
import { ASSIGNEE_ONLY_FIELDS, DEFECT_TRANSITIONS, checkDefectTransition, defectReference, type DefectActor } from '@jalon/acceptance';
import { AuditTrail } from '../audit/audit-trail.service';
import { fieldError, notFound, refuse, staleVersion } from '../common/api-errors';
import { checkMember, type AcceptanceActor } from './campaigns-common';
import type { CreateDefectDto, DefectTransitionDto, UpdateDefectDto } from './defects.dto';

interface DefectRow {
  id: string;
  reference: string;
  title: string;
  description: string;
  severity: DefectSeverity;
  status: DefectStatus;
  assigneeUserId: string | null;
  assigneeName: string | null;
  foundByUserId: string | null;
  foundByName: string | null;
  executionId: string | null;
  stepIndex: number | null;
  campaignId: string | null;
  campaignName: string | null;
  testCaseReference: string | null;
  expected: string;
  actual: string;
  resolution: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const DEFECT_COLUMNS = `d.id, d.reference, d.title, d.description, d.severity, d.status,
  d.assignee_user_id AS "assigneeUserId", assignee.display_name AS "assigneeName",
  d.found_by_user_id AS "foundByUserId", finder.display_name AS "foundByName",
  d.execution_id AS "executionId", d.step_index AS "stepIndex", c.id AS "campaignId", c.name AS "campaignName",
  tc.reference AS "testCaseReference", d.expected, d.actual, d.resolution, d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.version`;
const DEFECT_FROM = `acceptance_defect d
  LEFT JOIN app_user assignee ON assignee.id = d.assignee_user_id
  LEFT JOIN app_user finder ON finder.id = d.found_by_user_id
  LEFT JOIN acceptance_execution e ON e.id = d.execution_id
  LEFT JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id
  LEFT JOIN acceptance_campaign c ON c.id = cc.campaign_id
  LEFT JOIN acceptance_test_case tc ON tc.id = cc.test_case_id`;

/** What the audit trail records of a defect. */
const defectSnapshot = (row: Pick<DefectRow, 'title' | 'description' | 'severity' | 'status' | 'assigneeUserId' | 'resolution'> & { reference?: string }) => ({
  ...(row.reference ? { reference: row.reference } : {}),
  title: row.title,
  description: row.description,
  severity: row.severity,
  status: row.status,
  assigneeUserId: row.assigneeUserId,
  resolution: row.resolution,
});

/** The first line of a text, cut to `length` characters. */
const firstLine = (text: string, length: number): string => {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
};

/**
 * Defects (anomalies): raised from a failed step (prefilled from the execution's copy of the step),
 * assigned (often to the vendor), moved through the workflow of @jalon/acceptance, re-tested by
 * the key user who found them. A member who holds `defect.edit` on their own defects only (the
 * vendor's contributor) sees and updates only the defects assigned to them.
 */
@Injectable()
export class DefectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
  ) {}

  private ownOnly(actor: AcceptanceActor): boolean {
    return permissionScope(actor.role, 'defect.edit') === 'own';
  }

  async list(projectId: string, query: DefectListQuery, actor: AcceptanceActor): Promise<DefectDto[]> {
    const conditions = ['d.project_id = $1'];
    const parameters: unknown[] = [projectId];
    const add = (condition: (index: number) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(parameters.length));
    };
    if (this.ownOnly(actor)) add((index) => `d.assignee_user_id = $${index}`, actor.id);
    if (query.status) add((index) => `d.status = $${index}`, query.status);
    if (query.severity) add((index) => `d.severity = $${index}`, query.severity);
    if (query.campaignId) add((index) => `c.id = $${index}`, query.campaignId);
    if (query.assignee) add((index) => `d.assignee_user_id = $${index}`, query.assignee === 'me' ? actor.id : query.assignee);
    const rows = (await this.dataSource.query(
      `SELECT ${DEFECT_COLUMNS} FROM ${DEFECT_FROM} WHERE ${conditions.join(' AND ')} ORDER BY d.sequence DESC`,
      parameters,
    )) as DefectRow[];
    return this.dtos(this.dataSource.manager, rows, actor);
  }

  async defect(projectId: string, defectId: string, actor: AcceptanceActor, manager: EntityManager = this.dataSource.manager): Promise<DefectDto> {
    const rows = (await manager.query(`SELECT ${DEFECT_COLUMNS} FROM ${DEFECT_FROM} WHERE d.project_id = $1 AND d.id = $2`, [projectId, defectId])) as DefectRow[];
    const row = rows[0];
    // Someone who sees only their own defects does not learn that the others exist.
    if (!row || (this.ownOnly(actor) && row.assigneeUserId !== actor.id)) throw notFound('acceptance_defect', defectId);
    const [dto] = await this.dtos(manager, [row], actor);
    return dto!;
  }

  private async dtos(manager: EntityManager, rows: DefectRow[], actor: AcceptanceActor): Promise<DefectDto[]> {
    if (rows.length === 0) return [];
    const retests = (await manager.query(
      `SELECT de.defect_id AS "defectId", e.id AS "executionId", e.result, e.started_at AS "startedAt"
         FROM acceptance_defect_execution de JOIN acceptance_execution e ON e.id = de.execution_id
        WHERE de.defect_id = ANY($1::uuid[]) ORDER BY de.created_at, e.id`,
      [rows.map((row) => row.id)],
    )) as Array<{ defectId: string; executionId: string; result: ExecutionResult; startedAt: Date }>;
    return rows.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      retests: retests
        .filter((retest) => retest.defectId === row.id)
        .map((retest) => ({ executionId: retest.executionId, result: retest.result, startedAt: retest.startedAt.toISOString() })),
      nextStatuses: DEFECT_TRANSITIONS.filter(
        (transition) => transition.from === row.status && checkDefectTransition(transition.from, transition.to, this.defectActor(row, actor)).allowed,
      ).map((transition) => transition.to),
    }));
  }

  private defectActor(row: Pick<DefectRow, 'foundByUserId' | 'assigneeUserId'>, actor: AcceptanceActor): DefectActor {
    return {
      isManager: actor.role === 'project_manager',
      isFinder: row.foundByUserId === actor.id,
      isAssignee: row.assigneeUserId === actor.id,
    };
  }

  /** Raises a defect from a failed or blocked step of an execution of this project. */
  async create(projectId: string, input: CreateDefectDto, actor: AcceptanceActor): Promise<DefectDto> {
    if (this.ownOnly(actor)) throw refuse(403, 'forbidden', 'Members with your role update the defects assigned to them; key users raise them');
    const id = await this.dataSource.transaction(async (manager) => {
      const executions = (await manager.query(
        `SELECT e.id, e.steps, tc.reference, e.title FROM acceptance_execution e
           JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id
           JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
          WHERE e.project_id = $1 AND e.id = $2`,
        [projectId, input.executionId],
      )) as Array<{ id: string; steps: TestStep[]; reference: string; title: string }>;
      const execution = executions[0];
      if (!execution) throw fieldError(422, 'executionId', `executionId ${input.executionId} is not an execution of this project`);
      const step = execution.steps[input.stepIndex];
      if (!step) {
        throw fieldError(422, 'stepIndex', `stepIndex must be from 0 to ${execution.steps.length - 1}: the run of ${execution.reference} has ${execution.steps.length} steps`);
      }
      const results = (await manager.query(`SELECT status, actual FROM acceptance_step_result WHERE execution_id = $1 AND step_index = $2`, [
        execution.id,
        input.stepIndex,
      ])) as Array<{ status: StepStatus; actual: string }>;
      const result = results[0];
      if (!result || result.status === 'reussi') {
        throw fieldError(422, 'stepIndex', `Step ${input.stepIndex + 1} of ${execution.reference} did not fail: a defect is raised from a failed or blocked step`);
      }
      await checkMember(manager, projectId, input.assigneeUserId, 'assigneeUserId');
      // The project row orders the allocation of ANO-nnn references (no gap, no duplicate).
      await manager.query(`SELECT id FROM project WHERE id = $1 FOR NO KEY UPDATE`, [projectId]);
      const [next] = (await manager.query(`SELECT coalesce(max(sequence), 0) + 1 AS sequence FROM acceptance_defect WHERE project_id = $1`, [
        projectId,
      ])) as Array<{ sequence: number }>;
      const values = {
        reference: defectReference(next!.sequence),
        title: input.title ?? `${execution.reference} — étape ${input.stepIndex + 1} : ${firstLine(step.action, 200)}`,
        description: input.description ?? '',
        severity: input.severity,
        status: 'nouvelle' as DefectStatus,
        assigneeUserId: input.assigneeUserId ?? null,
        resolution: '',
      };
      const [row] = (await manager.query(
        `INSERT INTO acceptance_defect (project_id, sequence, reference, title, description, severity, status, assignee_user_id, found_by_user_id,
                                        execution_id, step_index, expected, actual)
         VALUES ($1, $2, $3, $4, $5, $6, 'nouvelle', $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          projectId,
          next!.sequence,
          values.reference,
          values.title,
          values.description,
          values.severity,
          values.assigneeUserId,
          actor.id,
          execution.id,
          input.stepIndex,
          step.expected,
          result.actual,
        ],
      )) as Array<{ id: string }>;
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_defect',
        entityId: row!.id,
        action: 'create',
        after: { ...defectSnapshot(values), executionId: execution.id, step: input.stepIndex + 1 },
        label: `${values.reference} ${values.title}`,
      });
      return row!.id;
    });
    return this.defect(projectId, id, actor);
  }

  async update(projectId: string, defectId: string, input: UpdateDefectDto, actor: AcceptanceActor): Promise<DefectDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockDefect(manager, projectId, defectId, input.version, actor);
      if (this.ownOnly(actor)) {
        const refused = (['title', 'description', 'severity', 'assigneeUserId'] as const).filter((field) => input[field] !== undefined);
        if (refused.length > 0) {
          throw refuse(403, 'forbidden', `Members with your role change only ${ASSIGNEE_ONLY_FIELDS.join(', ')} and the status of the defects assigned to them`, {
            fields: refused.map((field) => ({ field, messages: [`${field} is changed by the key users or the project manager`] })),
          });
        }
      }
      if (input.assigneeUserId !== undefined) await checkMember(manager, projectId, input.assigneeUserId, 'assigneeUserId');
      const next = {
        title: input.title ?? current.title,
        description: input.description ?? current.description,
        severity: input.severity ?? current.severity,
        status: current.status,
        assigneeUserId: input.assigneeUserId === undefined ? current.assigneeUserId : input.assigneeUserId,
        resolution: input.resolution ?? current.resolution,
      };
      await manager.query(
        `UPDATE acceptance_defect SET title = $2, description = $3, severity = $4, assignee_user_id = $5, resolution = $6,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [defectId, next.title, next.description, next.severity, next.assigneeUserId, next.resolution],
      );
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_defect',
        entityId: defectId,
        action: 'update',
        before: defectSnapshot(current),
        after: defectSnapshot(next),
        label: `${current.reference} ${next.title}`,
      });
    });
    return this.defect(projectId, defectId, actor);
  }

  /**
   * Moves the defect's status by the workflow (who may: DEFECT_TRANSITIONS). A re-test names the
   * execution that re-ran the case; it is linked to the defect.
   */
  async transition(projectId: string, defectId: string, input: DefectTransitionDto, actor: AcceptanceActor): Promise<DefectDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockDefect(manager, projectId, defectId, input.version, actor);
      const check = checkDefectTransition(current.status, input.to, this.defectActor(current, actor));
      if (!check.allowed && check.reason === 'not_a_transition') {
        throw refuse(409, 'defect_transition_refused', `A defect ${current.status} cannot become ${input.to}`, {
          fields: [{ field: 'to', messages: [`from ${current.status}: ${DEFECT_TRANSITIONS.filter((t) => t.from === current.status).map((t) => t.to).join(', ') || 'no move'}`] }],
        });
      }
      if (!check.allowed) {
        const who = { manager: 'the project manager', finder: 'the key user who found it', assignee: 'its assignee' };
        throw refuse(403, 'forbidden', `Only ${check.by.map((capacity) => who[capacity]).join(' or ')} may move ${current.reference} from ${current.status} to ${input.to}`);
      }
      if (input.executionId) {
        const executions = (await manager.query(`SELECT 1 FROM acceptance_execution WHERE project_id = $1 AND id = $2`, [projectId, input.executionId])) as unknown[];
        if (executions.length === 0) throw fieldError(422, 'executionId', `executionId ${input.executionId} is not an execution of this project`);
        await manager.query(`INSERT INTO acceptance_defect_execution (defect_id, execution_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [defectId, input.executionId]);
      }
      await manager.query(`UPDATE acceptance_defect SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [defectId, input.to]);
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'acceptance_defect',
        entityId: defectId,
        action: 'update',
        before: { status: current.status },
        after: { status: input.to, ...(input.executionId ? { retestExecutionId: input.executionId } : {}) },
        label: `${current.reference} ${current.title}`,
      });
    });
    return this.defect(projectId, defectId, actor);
  }

  private async lockDefect(manager: EntityManager, projectId: string, defectId: string, version: number, actor: AcceptanceActor): Promise<DefectRow> {
    const locked = (await manager.query(`SELECT assignee_user_id AS "assigneeUserId" FROM acceptance_defect WHERE project_id = $1 AND id = $2 FOR UPDATE`, [
      projectId,
      defectId,
    ])) as Array<{ assigneeUserId: string | null }>;
    if (locked.length === 0 || (this.ownOnly(actor) && locked[0]!.assigneeUserId !== actor.id)) throw notFound('acceptance_defect', defectId);
    const [row] = (await manager.query(`SELECT ${DEFECT_COLUMNS} FROM ${DEFECT_FROM} WHERE d.id = $1`, [defectId])) as DefectRow[];
    if (row!.version !== version) throw staleVersion('acceptance_defect', defectId, row!.version);
    return row!;
  }
}
