import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type CampaignCriteriaDto,
  type CampaignState,
  type ChainVerificationDto,
  type CreateReadinessItemRequest,
  type DefectSeverity,
  type DefectStatus,
  type GoNoGoCriterionConfig,
  type GoNoGoDecisionDto,
  type GoNoGoDecisionKind,
  type GoNoGoDecisionStatus,
  type GoNoGoEvaluationDto,
  type GoNoGoOverviewDto,
  type AttachmentContentType,
  type DecisionAddendumDto,
  type ReadinessEvidenceFileDto,
  type ReadinessItemDto,
  type ReserveDto,
  type ReserveProposal,
  type SignatureDto,
  type SignerRole,
  type UpdateReadinessItemRequest,
} from '@jalon/domain';
import { passRate } from '@jalon/acceptance';
import {
  GENESIS_HASH,
  contentHash,
  defaultCriteria,
  evaluateCriteria,
  isOpenDefect,
  READINESS_TEMPLATE,
  signatureHash,
  signatureMeaning,
  signingRefusal,
  statusAfter,
  validateCriteria,
  verifyChain,
  type ChainSignature,
} from '@jalon/go-no-go';
import type { AuthenticatedUser } from '../access/access.decorators';
import { AccountsService } from '../accounts/accounts.service';
import { FailureLimiter } from '../accounts/sign-in-limiter';
import { CoverageService } from '../acceptance/coverage.service';
import { checkAttachment, type UploadedAttachment } from '../acceptance/executions-attachments';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../clock/clock';
import { fieldError, fieldErrors, notFound, refuse, staleVersion } from '../common/api-errors';
import { createRow, deleteRow, editRow } from '../common/edit-row';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { PlanningService } from '../planning/planning.service';
import { RisksService } from '../risks/risks.service';
import { GoNoGoCampaignCriteriaEntity, GoNoGoReadinessItemEntity, GoNoGoReserveEntity } from './entities/go-no-go.entities';
import { CRITERIA_KIND, READINESS_KIND, RESERVE_KIND } from './go-no-go-rows';

/** Files kept per readiness item at most. */
export const EVIDENCE_MAX_PER_ITEM = 20;

const evidenceUrl = (projectId: string, itemId: string, fileId: string): string =>
  `/api/projects/${projectId}/go-no-go/readiness/${itemId}/evidence/${fileId}`;

const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/** A calendar date column read by the pg driver (string) or PGlite (Date at midnight UTC). */
const calendar = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

interface CampaignRow {
  id: string;
  name: string;
  type: string;
  status: string;
  lotId: string | null;
  startDate: string;
  endDate: string;
}

interface DecisionRow {
  id: string;
  projectId: string;
  campaignId: string;
  kind: GoNoGoDecisionKind;
  status: GoNoGoDecisionStatus;
  comment: string;
  evaluation: GoNoGoEvaluationDto;
  content: Record<string, unknown>;
  contentHash: string;
  proposedBy: string | null;
  proposedByName: string;
  proposedAt: Date | string;
}

interface SignatureRow {
  id: string;
  decisionId: string;
  sequence: number;
  signerUserId: string;
  printedName: string;
  role: SignerRole;
  signedAt: Date | string;
  meaning: string;
  outcome: 'approuve' | 'refuse';
  refusalReason: string | null;
  contentHash: string;
  previousHash: string;
  hash: string;
}

/** Whom a signature is asked of, and from which address (for the rate limit of wrong passwords). */
export interface SigningCaller {
  user: AuthenticatedUser;
  address: string;
}

/**
 * The signed go / no-go of a campaign (issue 16): readiness, criteria (locked), live evaluation,
 * decisions frozen with their content hash, signatures chained by SHA-256 and asked with the
 * password, verification of the chain, réserves to their levée, and the plan's Go / No-Go
 * milestone set by a signed go.
 */
@Injectable()
export class GoNoGoService {
  /** Wrong passwords at signing, per user and per address, as the sign-in limiter counts them. */
  private readonly passwordFailures: FailureLimiter;
  private readonly logger = new Logger('GoNoGo');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly coverage: CoverageService,
    private readonly risks: RisksService,
    private readonly planning: PlanningService,
    @Inject(ENVIRONMENT) environment: Environment,
  ) {
    this.passwordFailures = FailureLimiter.forEnvironment(environment);
  }

  // ---------------------------------------------------------------- readiness

  async readiness(projectId: string): Promise<ReadinessItemDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.lot_id AS "lotId", r.category, r.label, r.owner_user_id AS "ownerUserId", u.display_name AS "ownerName",
              r.due_date AS "dueDate", r.status, r.evidence_note AS "evidenceNote", r.evidence_link AS "evidenceLink", r.position, r.version
         FROM gonogo_readiness_item r LEFT JOIN app_user u ON u.id = r.owner_user_id
        WHERE r.project_id = $1 ORDER BY r.position, r.created_at, r.id`,
      [projectId],
    )) as Array<Omit<ReadinessItemDto, 'evidenceFiles'> & { dueDate: Date | string | null }>;
    const files = (await this.dataSource.query(
      `SELECT f.id, f.item_id AS "itemId", f.file_name AS "fileName", f.content_type AS "contentType", f.size, f.created_at AS "createdAt",
              u.display_name AS "createdByName"
         FROM gonogo_readiness_evidence f LEFT JOIN app_user u ON u.id = f.created_by
        WHERE f.project_id = $1 ORDER BY f.created_at, f.id`,
      [projectId],
    )) as Array<Omit<ReadinessEvidenceFileDto, 'url'> & { itemId: string; createdAt: Date | string }>;
    const byItem = new Map<string, ReadinessEvidenceFileDto[]>();
    for (const { itemId, ...file } of files) {
      const list = byItem.get(itemId) ?? [];
      list.push({ ...file, size: Number(file.size), createdAt: iso(file.createdAt)!, url: evidenceUrl(projectId, itemId, file.id) });
      byItem.set(itemId, list);
    }
    return rows.map((row) => ({ ...row, dueDate: calendar(row.dueDate), evidenceFiles: byItem.get(row.id) ?? [] }));
  }

  /** Keeps a file as evidence of a readiness item, checked by its content (as the acceptance attachments). */
  async addEvidenceFile(projectId: string, itemId: string, file: UploadedAttachment | undefined, actorId: string): Promise<ReadinessEvidenceFileDto> {
    const checked = checkAttachment(file);
    const id = await this.dataSource.transaction(async (manager) => {
      const items = (await manager.query(`SELECT id, label FROM gonogo_readiness_item WHERE project_id = $1 AND id = $2 FOR UPDATE`, [projectId, itemId])) as Array<{
        label: string;
      }>;
      if (!items[0]) throw notFound('gonogo_readiness_item', itemId);
      const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM gonogo_readiness_evidence WHERE item_id = $1`, [itemId])) as [{ count: number }];
      if (Number(count) >= EVIDENCE_MAX_PER_ITEM) throw fieldError(422, 'file', `A readiness item holds at most ${EVIDENCE_MAX_PER_ITEM} files`);
      const [inserted] = (await manager.query(
        `INSERT INTO gonogo_readiness_evidence (project_id, item_id, file_name, content_type, size, sha256, data, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [projectId, itemId, checked.fileName, checked.contentType, file!.buffer.length, checked.sha256, file!.buffer, actorId],
      )) as Array<{ id: string }>;
      await this.audit.record(manager, {
        projectId,
        entity: 'gonogo_readiness_item',
        entityId: itemId,
        action: 'update',
        before: { evidenceFile: null },
        after: { evidenceFile: checked.fileName, contentType: checked.contentType, size: file!.buffer.length, sha256: checked.sha256 },
        label: `${items[0].label} — ${checked.fileName}`,
      });
      return inserted!.id;
    });
    const item = await this.readinessItem(projectId, itemId);
    return item.evidenceFiles.find((row) => row.id === id)!;
  }

  /** An evidence file's bytes, for members of its project only (404 otherwise). */
  async evidenceFile(projectId: string, itemId: string, fileId: string): Promise<{ fileName: string; contentType: AttachmentContentType; data: Buffer }> {
    const rows = (await this.dataSource.query(
      `SELECT file_name AS "fileName", content_type AS "contentType", data FROM gonogo_readiness_evidence WHERE project_id = $1 AND item_id = $2 AND id = $3`,
      [projectId, itemId, fileId],
    )) as Array<{ fileName: string; contentType: AttachmentContentType; data: Buffer }>;
    if (!rows[0]) throw notFound('gonogo_readiness_evidence', fileId);
    return rows[0];
  }

  async deleteEvidenceFile(projectId: string, itemId: string, fileId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT f.file_name AS "fileName", f.content_type AS "contentType", f.size, f.sha256, i.label
           FROM gonogo_readiness_evidence f JOIN gonogo_readiness_item i ON i.id = f.item_id
          WHERE f.project_id = $1 AND f.item_id = $2 AND f.id = $3 FOR UPDATE OF f`,
        [projectId, itemId, fileId],
      )) as Array<{ fileName: string; contentType: string; size: number; sha256: string; label: string }>;
      const row = rows[0];
      if (!row) throw notFound('gonogo_readiness_evidence', fileId);
      await manager.query(`DELETE FROM gonogo_readiness_evidence WHERE id = $1`, [fileId]);
      await this.audit.record(manager, {
        projectId,
        entity: 'gonogo_readiness_item',
        entityId: itemId,
        action: 'update',
        before: { evidenceFile: row.fileName, contentType: row.contentType, size: Number(row.size), sha256: row.sha256 },
        after: { evidenceFile: null },
        label: `${row.label} — ${row.fileName}`,
      });
    });
  }

  private async readinessItem(projectId: string, id: string): Promise<ReadinessItemDto> {
    const item = (await this.readiness(projectId)).find((row) => row.id === id);
    if (!item) throw notFound('gonogo_readiness_item', id);
    return item;
  }

  private async checkReadinessRefs(manager: EntityManager, projectId: string, input: Partial<CreateReadinessItemRequest>): Promise<void> {
    if (input.lotId) {
      const lots = (await manager.query(`SELECT 1 FROM plan_lot WHERE project_id = $1 AND id = $2`, [projectId, input.lotId])) as unknown[];
      if (lots.length === 0) throw fieldError(422, 'lotId', `lotId ${input.lotId} is not a lot of this project`);
    }
    if (input.ownerUserId) {
      const members = (await manager.query(`SELECT 1 FROM project_member WHERE project_id = $1 AND user_id = $2`, [projectId, input.ownerUserId])) as unknown[];
      if (members.length === 0) throw fieldError(422, 'ownerUserId', `ownerUserId ${input.ownerUserId} is not a member of this project`);
    }
    if (input.evidenceLink !== undefined && input.evidenceLink !== null && input.evidenceLink !== '' && !/^https?:\/\/\S+$/i.test(input.evidenceLink)) {
      throw fieldError(400, 'evidenceLink', 'evidenceLink must be an http(s) link');
    }
  }

  async createReadinessItem(projectId: string, input: CreateReadinessItemRequest): Promise<ReadinessItemDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      await this.checkReadinessRefs(manager, projectId, input);
      const [{ next }] = (await manager.query(`SELECT coalesce(max(position), 0) + 1 AS next FROM gonogo_readiness_item WHERE project_id = $1`, [projectId])) as [
        { next: number },
      ];
      const row = manager.create(GoNoGoReadinessItemEntity, {
        projectId,
        lotId: input.lotId ?? null,
        category: input.category,
        label: input.label.trim(),
        ownerUserId: input.ownerUserId ?? null,
        dueDate: input.dueDate ?? null,
        status: input.status ?? 'a_faire',
        evidenceNote: input.evidenceNote ?? '',
        evidenceLink: input.evidenceLink || null,
        position: Number(next),
      });
      return (await createRow(manager, this.audit, READINESS_KIND, projectId, row)).id;
    });
    return this.readinessItem(projectId, id);
  }

  /** Adds the template's items (the seeds' mistakes to avoid) for a lot, dated back from `goLive` when given. */
  async applyReadinessTemplate(projectId: string, lotId: string | null, manager?: EntityManager): Promise<ReadinessItemDto[]> {
    const run = async (m: EntityManager) => {
      await this.checkReadinessRefs(m, projectId, { lotId });
      const [{ next }] = (await m.query(`SELECT coalesce(max(position), 0) + 1 AS next FROM gonogo_readiness_item WHERE project_id = $1`, [projectId])) as [
        { next: number },
      ];
      let position = Number(next);
      for (const item of READINESS_TEMPLATE) {
        const row = m.create(GoNoGoReadinessItemEntity, {
          projectId,
          lotId,
          category: item.category,
          label: item.label,
          ownerUserId: null,
          dueDate: null,
          status: 'a_faire',
          evidenceNote: '',
          evidenceLink: null,
          position: position++,
        });
        await createRow(m, this.audit, READINESS_KIND, projectId, row);
      }
    };
    if (manager) await run(manager);
    else await this.dataSource.transaction(run);
    return manager ? [] : this.readiness(projectId);
  }

  async updateReadinessItem(projectId: string, id: string, input: UpdateReadinessItemRequest): Promise<ReadinessItemDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.checkReadinessRefs(manager, projectId, input);
      await editRow(manager, this.audit, READINESS_KIND, { projectId, id, where: { id, projectId } }, input.version, (row) => {
        if (input.lotId !== undefined) row.lotId = input.lotId;
        if (input.category !== undefined) row.category = input.category;
        if (input.label !== undefined) row.label = input.label.trim();
        if (input.ownerUserId !== undefined) row.ownerUserId = input.ownerUserId;
        if (input.dueDate !== undefined) row.dueDate = input.dueDate;
        if (input.status !== undefined) row.status = input.status;
        if (input.evidenceNote !== undefined) row.evidenceNote = input.evidenceNote;
        if (input.evidenceLink !== undefined) row.evidenceLink = input.evidenceLink || null;
      });
    });
    return this.readinessItem(projectId, id);
  }

  async deleteReadinessItem(projectId: string, id: string, version: number): Promise<void> {
    await this.dataSource.transaction((manager) => deleteRow(manager, this.audit, READINESS_KIND, { projectId, id, where: { id, projectId } }, version));
  }

  // ---------------------------------------------------------------- criteria

  private async campaign(manager: EntityManager, projectId: string, campaignId: string): Promise<CampaignRow> {
    const rows = (await manager.query(
      `SELECT id, name, type, status, lot_id AS "lotId", start_date AS "startDate", end_date AS "endDate"
         FROM acceptance_campaign WHERE project_id = $1 AND id = $2`,
      [projectId, campaignId],
    )) as CampaignRow[];
    if (rows.length === 0) throw notFound('acceptance_campaign', campaignId);
    const row = rows[0]!;
    return { ...row, startDate: calendar(row.startDate)!, endDate: calendar(row.endDate)! };
  }

  async overview(projectId: string): Promise<GoNoGoOverviewDto> {
    const campaigns = (await this.dataSource.query(
      `SELECT c.id, c.name, c.type, c.status, k.locked_at AS "lockedAt",
              (SELECT count(*)::int FROM gonogo_decision d WHERE d.campaign_id = c.id) AS "decisionCount"
         FROM acceptance_campaign c LEFT JOIN gonogo_campaign_criteria k ON k.campaign_id = c.id
        WHERE c.project_id = $1 ORDER BY c.start_date, c.name, c.id`,
      [projectId],
    )) as Array<GoNoGoOverviewDto['campaigns'][number] & { lockedAt: Date | string | null }>;
    return { campaigns: campaigns.map((row) => ({ ...row, lockedAt: iso(row.lockedAt) })) };
  }

  async criteria(projectId: string, campaignId: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignCriteriaDto> {
    await this.campaign(manager, projectId, campaignId);
    const row = await manager.findOneBy(GoNoGoCampaignCriteriaEntity, { campaignId, projectId });
    if (!row) return { campaignId, criteria: defaultCriteria(), lockedAt: null, version: 0 };
    return { campaignId, criteria: row.config, lockedAt: iso(row.lockedAt), version: row.version };
  }

  /**
   * Sets the criteria (`version` 0 while the campaign still has the defaults): refused once they
   * are locked (409 `criteria_locked`), each bad entry named (400).
   */
  async updateCriteria(projectId: string, campaignId: string, criteria: GoNoGoCriterionConfig[], version: number, lock = false): Promise<CampaignCriteriaDto> {
    const violations = validateCriteria(criteria);
    if (violations.length > 0) throw fieldErrors(violations.map((violation) => ({ field: violation.field, messages: [violation.message] })));
    return this.writeCriteria(projectId, campaignId, version, (row) => {
      row.config = criteria.map((criterion) => ({
        key: criterion.key,
        enabled: criterion.enabled,
        ...(criterion.key === 'pass_rate' ? { threshold: criterion.threshold ?? 95 } : {}),
      }));
      if (lock) row.lockedAt = this.clock.now();
    });
  }

  /** Locks the criteria (as they are, defaults if never set): from then on they cannot change. */
  async lockCriteria(projectId: string, campaignId: string, version: number, userId: string): Promise<CampaignCriteriaDto> {
    return this.writeCriteria(projectId, campaignId, version, (row) => {
      row.lockedAt = this.clock.now();
      row.lockedBy = userId;
    });
  }

  private async writeCriteria(
    projectId: string,
    campaignId: string,
    version: number,
    change: (row: GoNoGoCampaignCriteriaEntity) => void,
  ): Promise<CampaignCriteriaDto> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaign(manager, projectId, campaignId);
      await manager.query(`SELECT campaign_id FROM gonogo_campaign_criteria WHERE campaign_id = $1 FOR UPDATE`, [campaignId]);
      let row = await manager.findOneBy(GoNoGoCampaignCriteriaEntity, { campaignId, projectId });
      const current = row?.version ?? 0;
      if (row?.lockedAt) {
        throw refuse(409, 'criteria_locked', `The criteria of campaign ${campaignId} were locked on ${iso(row.lockedAt)}`, {
          fields: [{ field: 'criteria', messages: ['the criteria are locked'] }],
        });
      }
      if (version !== current) throw staleVersion('gonogo_criteria', campaignId, current);
      const before = row ? CRITERIA_KIND.snapshot(row) : undefined;
      if (!row) {
        row = manager.create(GoNoGoCampaignCriteriaEntity, { campaignId, projectId, config: defaultCriteria(), lockedAt: null, lockedBy: null, version: 0 });
      }
      change(row);
      row.version = current + 1;
      row.updatedAt = this.clock.now();
      await manager.save(GoNoGoCampaignCriteriaEntity, row);
      await this.audit.record(manager, {
        projectId,
        entity: 'gonogo_criteria',
        entityId: campaignId,
        action: before ? 'update' : 'create',
        before,
        after: CRITERIA_KIND.snapshot(row),
        label: campaign.name,
      });
      return { campaignId, criteria: row.config, lockedAt: iso(row.lockedAt), version: row.version };
    });
  }

  // ---------------------------------------------------------------- evaluation

  /** The campaign as the criteria read it; `reserveDefectIds`: defects accepted as réserves. */
  private async campaignState(
    manager: EntityManager,
    projectId: string,
    campaign: CampaignRow,
    reserveDefectIds: ReadonlySet<string> | null,
  ): Promise<{ state: CampaignState; figures: GoNoGoEvaluationDto['figures'] }> {
    const defects = (await manager.query(
      `SELECT DISTINCT d.id, d.reference, d.title, d.severity, d.status
         FROM acceptance_defect d
        WHERE d.project_id = $1 AND (
              d.execution_id IN (SELECT e.id FROM acceptance_execution e JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id WHERE cc.campaign_id = $2)
           OR d.id IN (SELECT de.defect_id FROM acceptance_defect_execution de JOIN acceptance_execution e ON e.id = de.execution_id
                         JOIN acceptance_campaign_case cc ON cc.id = e.campaign_case_id WHERE cc.campaign_id = $2))
        ORDER BY d.reference`,
      [projectId, campaign.id],
    )) as Array<{ id: string; reference: string; title: string; severity: DefectSeverity; status: DefectStatus }>;
    let accepted = reserveDefectIds;
    if (!accepted) {
      const rows = (await manager.query(
        `SELECT r.defect_id AS "defectId" FROM gonogo_reserve r JOIN gonogo_decision d ON d.id = r.decision_id
          WHERE d.campaign_id = $1 AND d.status = 'signee' AND r.levee_date IS NULL`,
        [campaign.id],
      )) as Array<{ defectId: string }>;
      accepted = new Set(rows.map((row) => row.defectId));
    }
    const coverage = await this.coverage.coverage(projectId, campaign.id);
    const results = (await manager.query(`SELECT latest_result AS result FROM acceptance_campaign_case WHERE campaign_id = $1`, [campaign.id])) as Array<{
      result: 'non_execute' | 'en_cours' | 'reussi' | 'echoue' | 'bloque' | null;
    }>;
    const rate = passRate(results.map((row) => row.result));
    const readiness = (await manager.query(
      `SELECT id, label, status FROM gonogo_readiness_item WHERE project_id = $1 AND ($2::uuid IS NULL OR lot_id IS NULL OR lot_id = $2::uuid) ORDER BY position, id`,
      [projectId, campaign.lotId],
    )) as Array<{ id: string; label: string; status: string }>;
    const register = await this.risks.register(projectId);
    const openDefects: Record<DefectSeverity, number> = { bloquante: 0, majeure: 0, mineure: 0 };
    for (const defect of defects) if (isOpenDefect(defect.status)) openDefects[defect.severity] += 1;
    const state: CampaignState = {
      defects: defects.map((row) => ({ ...row, reserveAccepted: accepted.has(row.id) })),
      requirements: coverage.requirements.map((row) => ({
        id: row.requirementId,
        reference: row.reference,
        title: row.title,
        indispensable: row.priority === 'indispensable' && row.status !== 'brouillon',
        state: row.state,
      })),
      passRate: rate,
      readiness: readiness.map((row) => ({ id: row.id, label: row.label, done: row.status === 'fait' || row.status === 'non_applicable' })),
      risks: register.risks.map((risk) => ({
        id: risk.id,
        reference: risk.reference,
        title: risk.title,
        critical: risk.residual.band === 'critical',
        open: risk.status !== 'closed',
        decided: risk.acceptance !== null || risk.treatments.some((treatment) => treatment.status !== 'cancelled'),
      })),
    };
    const figures = {
      cases: results.length,
      run: results.filter((row) => row.result === 'reussi' || row.result === 'echoue' || row.result === 'bloque').length,
      passed: results.filter((row) => row.result === 'reussi').length,
      failed: results.filter((row) => row.result === 'echoue' || row.result === 'bloque').length,
      passRate: rate,
      openDefects,
    };
    return { state, figures };
  }

  private async evaluateIn(
    manager: EntityManager,
    projectId: string,
    campaignId: string,
    reserveDefectIds: ReadonlySet<string> | null,
  ): Promise<{ evaluation: GoNoGoEvaluationDto; state: CampaignState; campaign: CampaignRow }> {
    const campaign = await this.campaign(manager, projectId, campaignId);
    const criteria = await this.criteria(projectId, campaignId, manager);
    const { state, figures } = await this.campaignState(manager, projectId, campaign, reserveDefectIds);
    const { allPassed, results } = evaluateCriteria(criteria.criteria, state);
    return {
      campaign,
      state,
      evaluation: {
        campaignId,
        campaignName: campaign.name,
        evaluatedAt: this.clock.now().toISOString(),
        allPassed,
        criteria: results,
        figures,
        lockedAt: criteria.lockedAt,
      },
    };
  }

  async evaluate(projectId: string, campaignId: string): Promise<GoNoGoEvaluationDto> {
    return (await this.evaluateIn(this.dataSource.manager, projectId, campaignId, null)).evaluation;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Proposes a decision: the criteria must be locked (422), the evaluation is frozen with the
   * réserves proposed, the signers named (the project's sponsors and the campaign's key users),
   * and the content hashed. One decision awaiting signatures per campaign at a time (409).
   */
  async propose(
    projectId: string,
    campaignId: string,
    input: { kind: GoNoGoDecisionKind; comment?: string; reserves?: ReserveProposal[] },
    actor: AuthenticatedUser,
  ): Promise<GoNoGoDecisionDto> {
    const reserves = input.reserves ?? [];
    if (input.kind !== 'go_reserves' && reserves.length > 0) throw fieldError(400, 'reserves', 'only a « go avec réserves » carries réserves');
    if (input.kind === 'go_reserves' && reserves.length === 0) throw fieldError(400, 'reserves', 'a « go avec réserves » names at least one réserve');
    // Read before the transaction: the coverage and the risk register read through their own
    // services (on PGlite, one session: nothing may run beside an open transaction).
    const campaign = await this.campaign(this.dataSource.manager, projectId, campaignId);
    const criteria = await this.criteria(projectId, campaignId);
    if (!criteria.lockedAt) {
      throw refuse(422, 'criteria_not_locked', 'Lock the campaign’s criteria before proposing a decision', {
        fields: [{ field: 'criteria', messages: ['the criteria are not locked'] }],
      });
    }
    const { state, figures } = await this.campaignState(this.dataSource.manager, projectId, campaign, new Set());
    const seen = new Set<string>();
    for (const [index, reserve] of reserves.entries()) {
      const defect = state.defects.find((row) => row.id === reserve.defectId);
      if (!defect || !isOpenDefect(defect.status)) {
        throw fieldError(422, `reserves[${index}].defectId`, `defect ${reserve.defectId} is not an open defect of this campaign`);
      }
      if (seen.has(reserve.defectId)) throw fieldError(400, `reserves[${index}].defectId`, `defect ${defect.reference} is listed twice`);
      seen.add(reserve.defectId);
    }
    const withReserves: CampaignState = { ...state, defects: state.defects.map((row) => ({ ...row, reserveAccepted: seen.has(row.id) })) };
    const { allPassed, results } = evaluateCriteria(criteria.criteria, withReserves);
    const evaluation: GoNoGoEvaluationDto = {
      campaignId,
      campaignName: campaign.name,
      evaluatedAt: this.clock.now().toISOString(),
      allPassed,
      criteria: results,
      figures,
      lockedAt: criteria.lockedAt,
    };
    const id = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM acceptance_campaign WHERE project_id = $1 AND id = $2 FOR UPDATE`, [projectId, campaignId]);
      const pending = (await manager.query(`SELECT id FROM gonogo_decision WHERE campaign_id = $1 AND status = 'proposee'`, [campaignId])) as unknown[];
      if (pending.length > 0) throw refuse(409, 'conflict', 'A decision of this campaign is still awaiting its signatures');
      const reserveRows: Array<{ defectId: string; reference: string; title: string; severity: DefectSeverity; ownerUserId: string; ownerName: string; dueDate: string }> =
        [];
      for (const [index, reserve] of reserves.entries()) {
        const defect = state.defects.find((row) => row.id === reserve.defectId)!;
        const owner = (await manager.query(
          `SELECT u.display_name AS name FROM project_member m JOIN app_user u ON u.id = m.user_id WHERE m.project_id = $1 AND m.user_id = $2`,
          [projectId, reserve.ownerUserId],
        )) as Array<{ name: string }>;
        if (owner.length === 0) throw fieldError(422, `reserves[${index}].ownerUserId`, `ownerUserId ${reserve.ownerUserId} is not a member of this project`);
        reserveRows.push({ defectId: defect.id, reference: defect.reference, title: defect.title, severity: defect.severity, ownerUserId: reserve.ownerUserId, ownerName: owner[0]!.name, dueDate: reserve.dueDate });
      }
      const signers = (await manager.query(
        `SELECT m.user_id AS "userId", u.display_name AS name, m.role
           FROM project_member m JOIN app_user u ON u.id = m.user_id
          WHERE m.project_id = $1 AND u.is_active AND (m.role = 'sponsor' OR (m.role = 'key_user' AND m.user_id IN (
                SELECT assignee_user_id FROM acceptance_campaign_case WHERE campaign_id = $2)))
          ORDER BY CASE m.role WHEN 'key_user' THEN 0 ELSE 1 END, u.display_name, m.user_id`,
        [projectId, campaignId],
      )) as Array<{ userId: string; name: string; role: SignerRole }>;
      if (signers.length === 0) {
        throw fieldError(422, 'signers', 'the project has no sponsor and the campaign no key user to sign the decision', 'invalid_reference');
      }
      const [{ id: decisionId }] = (await manager.query(`SELECT gen_random_uuid() AS id`)) as [{ id: string }];
      const proposedAt = this.clock.now().toISOString();
      const content = {
        decisionId,
        projectId,
        campaignId,
        campaignName: campaign.name,
        kind: input.kind,
        comment: input.comment ?? '',
        proposedBy: actor.id,
        proposedByName: actor.displayName,
        proposedAt,
        evaluation,
        signers: signers.map((signer) => ({ userId: signer.userId, name: signer.name, role: signer.role })),
        reserves: reserveRows,
      };
      const hash = contentHash(content);
      await manager.query(
        `INSERT INTO gonogo_decision (id, project_id, campaign_id, kind, comment, evaluation, content, content_hash, proposed_by, proposed_by_name, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [decisionId, projectId, campaignId, input.kind, content.comment, JSON.stringify(evaluation), JSON.stringify(content), hash, actor.id, actor.displayName, proposedAt],
      );
      for (const [position, signer] of signers.entries()) {
        await manager.query(`INSERT INTO gonogo_decision_signer (decision_id, user_id, role, name, position) VALUES ($1, $2, $3, $4, $5)`, [
          decisionId,
          signer.userId,
          signer.role,
          signer.name,
          position,
        ]);
      }
      for (const reserve of reserveRows) {
        const row = manager.create(GoNoGoReserveEntity, {
          projectId,
          decisionId,
          defectId: reserve.defectId,
          ownerUserId: reserve.ownerUserId,
          dueDate: reserve.dueDate,
          leveeDate: null,
          retestExecutionId: null,
        });
        await createRow(manager, this.audit, RESERVE_KIND, projectId, row);
      }
      await this.audit.record(manager, {
        projectId,
        entity: 'gonogo_decision',
        entityId: decisionId,
        action: 'create',
        after: { kind: input.kind, contentHash: hash, signers: signers.map((signer) => signer.name), reserves: reserveRows.map((row) => row.reference) },
        label: `${campaign.name} – ${input.kind}`,
      });
      return decisionId;
    });
    return this.decision(projectId, id);
  }

  async decisions(projectId: string, campaignId: string): Promise<GoNoGoDecisionDto[]> {
    await this.campaign(this.dataSource.manager, projectId, campaignId);
    const rows = (await this.dataSource.query(`SELECT id FROM gonogo_decision WHERE project_id = $1 AND campaign_id = $2 ORDER BY proposed_at DESC, id`, [
      projectId,
      campaignId,
    ])) as Array<{ id: string }>;
    const decisions: GoNoGoDecisionDto[] = [];
    for (const row of rows) decisions.push(await this.decision(projectId, row.id));
    return decisions;
  }

  private async decisionRow(manager: EntityManager, projectId: string, decisionId: string, lock = false): Promise<DecisionRow> {
    const rows = (await manager.query(
      `SELECT id, project_id AS "projectId", campaign_id AS "campaignId", kind, status, comment, evaluation, content, content_hash AS "contentHash",
              proposed_by AS "proposedBy", proposed_by_name AS "proposedByName", proposed_at AS "proposedAt"
         FROM gonogo_decision WHERE project_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [projectId, decisionId],
    )) as DecisionRow[];
    if (rows.length === 0) throw notFound('gonogo_decision', decisionId);
    return rows[0]!;
  }

  private async signatureRows(manager: EntityManager, decisionId: string): Promise<SignatureRow[]> {
    return (await manager.query(
      `SELECT id, decision_id AS "decisionId", sequence, signer_user_id AS "signerUserId", printed_name AS "printedName", role, signed_at AS "signedAt",
              meaning, outcome, refusal_reason AS "refusalReason", content_hash AS "contentHash", previous_hash AS "previousHash", hash
         FROM gonogo_signature WHERE decision_id = $1 ORDER BY sequence`,
      [decisionId],
    )) as SignatureRow[];
  }

  private async signers(manager: EntityManager, decisionId: string): Promise<Array<{ userId: string; name: string; role: SignerRole }>> {
    return (await manager.query(`SELECT user_id AS "userId", name, role FROM gonogo_decision_signer WHERE decision_id = $1 ORDER BY position`, [
      decisionId,
    ])) as Array<{ userId: string; name: string; role: SignerRole }>;
  }

  async reserves(projectId: string, decisionId: string | null): Promise<ReserveDto[]> {
    const today = this.clock.today();
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.defect_id AS "defectId", d.reference AS "defectReference", d.title AS "defectTitle", d.severity, d.status AS "defectStatus",
              r.owner_user_id AS "ownerUserId", u.display_name AS "ownerName", r.due_date AS "dueDate", r.levee_date AS "leveeDate",
              r.retest_execution_id AS "retestExecutionId", r.version
         FROM gonogo_reserve r JOIN acceptance_defect d ON d.id = r.defect_id JOIN app_user u ON u.id = r.owner_user_id
        WHERE r.project_id = $1 AND ($2::uuid IS NULL OR r.decision_id = $2::uuid)
        ORDER BY r.due_date, d.reference`,
      [projectId, decisionId],
    )) as Array<ReserveDto & { dueDate: Date | string; leveeDate: Date | string | null }>;
    return rows.map((row) => {
      const dueDate = calendar(row.dueDate)!;
      const leveeDate = calendar(row.leveeDate);
      return { ...row, dueDate, leveeDate, overdue: leveeDate === null && dueDate < today };
    });
  }

  async decision(projectId: string, decisionId: string): Promise<GoNoGoDecisionDto> {
    const manager = this.dataSource.manager;
    const row = await this.decisionRow(manager, projectId, decisionId);
    const signatures = await this.signatureRows(manager, decisionId);
    const signers = await this.signers(manager, decisionId);
    return {
      id: row.id,
      campaignId: row.campaignId,
      kind: row.kind,
      status: row.status,
      comment: row.comment,
      proposedBy: row.proposedBy ?? '',
      proposedByName: row.proposedByName,
      proposedAt: iso(row.proposedAt)!,
      evaluation: row.evaluation,
      contentHash: row.contentHash,
      signers: signers.map((signer) => ({ ...signer, signed: signatures.some((signature) => signature.signerUserId === signer.userId) })),
      signatures: signatures.map((signature) => this.signatureDto(signature)),
      reserves: await this.reserves(projectId, decisionId),
      addenda: await this.addenda(manager, decisionId),
    };
  }

  /** The executions changed once the decision existed (written by a trigger, append-only). */
  async addenda(manager: EntityManager, decisionId: string): Promise<DecisionAddendumDto[]> {
    const rows = (await manager.query(
      `SELECT id, kind, decision_status AS "decisionStatus", execution_id AS "executionId", campaign_case_id AS "campaignCaseId",
              case_reference AS "caseReference", case_title AS "caseTitle", previous_result AS "previousResult", new_result AS "newResult",
              changed_by AS "changedBy", changed_by_name AS "changedByName", changed_at AS "changedAt"
         FROM gonogo_decision_addendum WHERE decision_id = $1 ORDER BY changed_at, id`,
      [decisionId],
    )) as Array<DecisionAddendumDto & { changedAt: Date | string }>;
    return rows.map((row) => ({ ...row, changedAt: iso(row.changedAt)! }));
  }

  private signatureDto(row: SignatureRow): SignatureDto {
    return {
      id: row.id,
      sequence: row.sequence,
      signerUserId: row.signerUserId,
      printedName: row.printedName,
      role: row.role,
      signedAt: iso(row.signedAt)!,
      meaning: row.meaning,
      outcome: row.outcome,
      refusalReason: row.refusalReason,
      contentHash: row.contentHash,
      previousHash: row.previousHash,
      hash: row.hash,
    };
  }

  /**
   * Signs (or refuses) a decision: the password again (a wrong one: 401 `wrong_password`, counted
   * by the rate limit, nothing written); only a named signer (403 `not_a_signer`), once (409
   * `already_signed`), while the decision awaits signatures (409 `decision_closed`). The
   * signature is chained to the previous one. A signed go sets the plan's Go / No-Go milestone.
   */
  async sign(
    projectId: string,
    decisionId: string,
    input: { password: string; outcome?: 'approuve' | 'refuse'; refusalReason?: string },
    caller: SigningCaller,
  ): Promise<GoNoGoDecisionDto> {
    const outcome = input.outcome ?? 'approuve';
    const reason = input.refusalReason?.trim() ?? '';
    if (outcome === 'refuse' && reason === '') throw fieldError(400, 'refusalReason', 'refusalReason is required to refuse');
    // The decision must exist in this project before the password is looked at (404 otherwise).
    await this.decisionRow(this.dataSource.manager, projectId, decisionId);
    this.passwordFailures.assertAllowed(caller.user.id, caller.address);
    const verified = await this.accounts.verifyCredentials(caller.user.email, input.password);
    if (!verified || verified.id !== caller.user.id) {
      this.passwordFailures.recordFailure(caller.user.id, caller.address);
      throw fieldError(401, 'password', 'The password is wrong: nothing was signed', 'wrong_password');
    }
    const result = await this.dataSource.transaction(async (manager) => {
      const decision = await this.decisionRow(manager, projectId, decisionId, true);
      const signers = await this.signers(manager, decisionId);
      const signatures = await this.signatureRows(manager, decisionId);
      const refusal = signingRefusal(signers, signatures, caller.user.id, decision.status);
      if (refusal === 'not_a_signer') throw refuse(403, 'not_a_signer', 'Only the signers named by the decision may sign it');
      if (refusal === 'already_signed') throw refuse(409, 'already_signed', 'You already signed this decision');
      if (refusal === 'decision_closed') throw refuse(409, 'decision_closed', `The decision is ${decision.status}`);
      const signer = signers.find((row) => row.userId === caller.user.id)!;
      const previousHash = signatures.at(-1)?.hash ?? GENESIS_HASH;
      const content = {
        decisionId,
        sequence: signatures.length + 1,
        signerUserId: caller.user.id,
        printedName: caller.user.displayName,
        role: signer.role,
        signedAt: this.clock.now().toISOString(),
        meaning: signatureMeaning(signer.role, outcome),
        outcome,
        refusalReason: outcome === 'refuse' ? reason : null,
      };
      const hash = signatureHash(previousHash, content, decision.contentHash);
      const [{ id }] = (await manager.query(
        `INSERT INTO gonogo_signature (project_id, decision_id, sequence, signer_user_id, printed_name, role, signed_at, meaning, outcome, refusal_reason, content_hash, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [projectId, decisionId, content.sequence, content.signerUserId, content.printedName, content.role, content.signedAt, content.meaning, outcome, content.refusalReason, decision.contentHash, previousHash, hash],
      )) as [{ id: string }];
      await this.audit.record(manager, {
        projectId,
        entity: 'gonogo_signature',
        entityId: id,
        action: 'create',
        after: { decisionId, sequence: content.sequence, printedName: content.printedName, role: content.role, meaning: content.meaning, outcome, refusalReason: content.refusalReason, hash },
        label: `${content.printedName} – ${content.meaning}`,
      });
      const status = statusAfter(signers, [...signatures, { signerUserId: caller.user.id, outcome }]);
      if (status !== decision.status) {
        await manager.query(`UPDATE gonogo_decision SET status = $2, closed_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [decisionId, status]);
        await this.audit.record(manager, {
          projectId,
          entity: 'gonogo_decision',
          entityId: decisionId,
          action: 'update',
          before: { status: decision.status },
          after: { status },
          label: `${String(decision.content['campaignName'] ?? '')} – ${decision.kind}`,
        });
      }
      return { status, kind: decision.kind, signedOn: this.clock.today() };
    });
    if (result.status === 'signee' && result.kind !== 'no_go') {
      // The signature is committed whatever the plan says: a plan edit refused (a stale or removed
      // milestone) is logged, never turned into a refusal of the signature.
      await this.markGoNoGoMilestone(projectId, result.signedOn).catch((error: unknown) =>
        this.logger.warn(`The Go / No-Go milestone of project ${projectId} was not updated: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    return this.decision(projectId, decisionId);
  }

  /** The plan's Go / No-Go milestone (a key milestone named so) gets its actual date, through the planning. */
  private async markGoNoGoMilestone(projectId: string, date: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT id, version, actual_start AS "actualStart" FROM plan_task
        WHERE project_id = $1 AND duration = 0 AND lower(regexp_replace(name, '[^a-zA-Z]', '', 'g')) = 'gonogo'
        ORDER BY key_milestone DESC, created_at LIMIT 1`,
      [projectId],
    )) as Array<{ id: string; version: number; actualStart: string | null }>;
    const task = rows[0];
    if (!task) return;
    await this.planning.updateTask(projectId, task.id, { version: task.version, actualStart: date, actualFinish: date, progress: 100 } as never);
  }

  // ---------------------------------------------------------------- verification

  async verify(projectId: string, decisionId: string): Promise<ChainVerificationDto> {
    const manager = this.dataSource.manager;
    const decision = await this.decisionRow(manager, projectId, decisionId);
    const signatures = await this.signatureRows(manager, decisionId);
    const chain: ChainSignature[] = signatures.map((row) => ({
      ...row,
      sequence: Number(row.sequence),
      signedAt: iso(row.signedAt)!,
      refusalReason: row.refusalReason,
    }));
    // The frozen evaluation is a copy of the content's: both must agree.
    const evaluationMatches = contentHash(decision.evaluation) === contentHash(decision.content['evaluation']) && decision.kind === decision.content['kind'];
    const verdict = evaluationMatches
      ? verifyChain({ id: decision.id, content: decision.content, contentHash: decision.contentHash.trim() }, chain)
      : ({ intact: false, kind: 'decision', id: decision.id, sequence: null, reason: 'content_hash' } as const);
    const verifiedAt = this.clock.now().toISOString();
    // The status must follow from the signatures of the signers named in the frozen content.
    const named = ((decision.content['signers'] ?? []) as Array<{ userId: string }>).map((signer) => ({ userId: signer.userId }));
    const expectedStatus = statusAfter(named, signatures.map((row) => ({ signerUserId: row.signerUserId, outcome: row.outcome })));
    if (verdict.intact && expectedStatus !== decision.status) {
      return {
        decisionId,
        intact: false,
        altered: { kind: 'decision', id: decision.id, label: `Décision ${decision.id}`, reason: 'status' },
        signatures: signatures.length,
        verifiedAt,
      };
    }
    if (verdict.intact) return { decisionId, intact: true, altered: null, signatures: signatures.length, verifiedAt };
    const signature = signatures.find((row) => row.id === verdict.id);
    return {
      decisionId,
      intact: false,
      altered: {
        kind: verdict.kind,
        id: verdict.id,
        label: signature ? `Signature n° ${signature.sequence} – ${signature.printedName}` : `Décision ${decision.id}`,
        reason: verdict.reason,
      },
      signatures: signatures.length,
      verifiedAt,
    };
  }

  // ---------------------------------------------------------------- réserves

  /** Lifts a réserve: only with a verified re-test of its defect (422 `reserve_not_verified`). */
  async liftReserve(projectId: string, reserveId: string, input: { retestExecutionId: string; leveeDate?: string; version: number }): Promise<ReserveDto> {
    await this.dataSource.transaction(async (manager) => {
      const reserve = await manager.findOneBy(GoNoGoReserveEntity, { id: reserveId, projectId });
      if (!reserve) throw notFound('gonogo_reserve', reserveId);
      if (reserve.leveeDate !== null) throw refuse(409, 'conflict', 'This réserve is already lifted');
      const defects = (await manager.query(`SELECT status, execution_id AS "executionId" FROM acceptance_defect WHERE id = $1`, [reserve.defectId])) as Array<{
        status: DefectStatus;
      }>;
      const retest = (await manager.query(
        `SELECT e.result FROM acceptance_execution e
          WHERE e.project_id = $1 AND e.id = $2 AND e.id IN (SELECT execution_id FROM acceptance_defect_execution WHERE defect_id = $3)`,
        [projectId, input.retestExecutionId, reserve.defectId],
      )) as Array<{ result: string }>;
      if (defects[0]?.status !== 'verifiee' || retest.length === 0 || retest[0]!.result !== 'reussi') {
        throw refuse(422, 'reserve_not_verified', 'A réserve is lifted only with a passed re-test of its defect, verified', {
          fields: [{ field: 'retestExecutionId', messages: ['not a passed re-test of a verified defect'] }],
        });
      }
      await editRow(manager, this.audit, RESERVE_KIND, { projectId, id: reserveId, where: { id: reserveId, projectId } }, input.version, (row) => {
        row.leveeDate = input.leveeDate ?? this.clock.today();
        row.retestExecutionId = input.retestExecutionId;
      });
    });
    const reserve = (await this.reserves(projectId, null)).find((row) => row.id === reserveId);
    return reserve!;
  }

  /** What the PV prints: the decision, its campaign and every signature. */
  async pvData(projectId: string, decisionId: string): Promise<{ decision: GoNoGoDecisionDto; projectName: string; campaign: CampaignRow }> {
    const decision = await this.decision(projectId, decisionId);
    const campaign = await this.campaign(this.dataSource.manager, projectId, decision.campaignId);
    const [{ name }] = (await this.dataSource.query(`SELECT name FROM project WHERE id = $1`, [projectId])) as [{ name: string }];
    return { decision, projectName: name, campaign };
  }
}
