import type { SerialisedJson } from '../common/serialised-json';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { gzipSync } from 'node:zlib';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProjectRole } from '@jalon/domain';
import { roleAllows } from '@jalon/domain';
import {
  ASSESSMENT_KINDS,
  DEFAULT_BAND_CONFIG,
  DEFAULT_FLOAT_THRESHOLD,
  DEFAULT_REVIEW_INTERVALS,
  compactRegister,
  compareReviews,
  isOpenStatus,
  isReviewOverdue,
  isTreatmentOverdue,
  materialisingIndex,
  mayAcceptRisk,
  nextReviewDate,
  riskReference,
  validateBandConfig,
  validateReviewIntervals,
  validateScaleLabels,
  type AcceptanceDto,
  type AssessmentDto,
  type AssessmentKind,
  type BandConfig,
  type MatrixCell,
  type ReviewIntervals,
  type RiskDto,
  type RiskImportResultDto,
  type RiskInput,
  type RiskRegisterDto,
  type RiskReviewDto,
  type RiskReviewSummaryDto,
  type RiskSettingsDto,
  type RiskState,
  type RiskTrend,
  type ScaleLabels,
  type TreatmentDto,
} from '@jalon/risks';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../clock/clock';
import { fieldError, fieldErrors, notFound, refuse, staleVersion } from '../common/api-errors';
import { queryPrepared, type PreparedStatement } from '../database/prepared-statement';
import { BaselinesService } from '../planning/baselines.service';
import { PlanningService } from '../planning/planning.service';
import { readRiskFile, type ImportMember, type ImportedRow } from './risks-import';
import type { AcceptRiskDto, CreateReviewDto, CreateRiskDto, CreateTreatmentDto, UpdateRiskDto, UpdateRiskSettingsDto, UpdateTreatmentDto } from './dto/risk.dto';
import {
  REVIEW_ITEM_COLUMNS,
  RISK_COLUMNS,
  RISK_FIELD_COLUMNS,
  TREATMENT_COLUMNS,
  assessments,
  reviewItemDto,
  riskSnapshot,
  type ReviewItemRow,
  type RiskField,
  type RiskRow,
  type TreatmentRow,
} from './risk-rows';

/** What an import found (and, unless previewed, created). */
export type RiskImportResult = RiskImportResultDto;

/** Who acts, as the access guard resolved them. */
export interface RiskActor {
  id: string;
  displayName: string;
  isAdmin: boolean;
  /** Null for an instance administrator who is not a member (acts as project manager). */
  role: ProjectRole | null;
}

interface SettingsRow {
  bands: BandConfig;
  labels: ScaleLabels | null;
  reviewIntervals: ReviewIntervals;
  floatThreshold: number;
  nextSequence: number;
  version: number;
}

const SETTINGS_COLUMNS = `bands, labels, review_intervals AS "reviewIntervals", float_threshold AS "floatThreshold",
  next_sequence AS "nextSequence", version`;

const DEFAULT_SETTINGS: SettingsRow = {
  bands: DEFAULT_BAND_CONFIG,
  labels: null,
  reviewIntervals: DEFAULT_REVIEW_INTERVALS,
  floatThreshold: DEFAULT_FLOAT_THRESHOLD,
  nextSequence: 1,
  version: 1,
};

interface ReviewRow {
  id: string;
  heldOn: string;
  title: string;
  heldBy: string | null;
  heldByName: string;
  riskCount: number;
  createdAt: Date;
}

const REVIEW_COLUMNS = `id, held_on AS "heldOn", title, held_by AS "heldBy", held_by_name AS "heldByName",
  risk_count AS "riskCount", created_at AS "createdAt"`;

const NO_MOVEMENT: Record<AssessmentKind, null> = { inherent: null, residual: null, target: null };

/** How many registers the read cache keeps; a register of 1,000 risks is about 1.5 MB of JSON. */
const CACHE_SIZE = 50;

/** The register ready to send: serialising 1,000 risks on every GET would dominate its cost. */
export type SerialisedRegister = SerialisedJson;

/** `plain`: a `RiskRegisterDto`; `compact`: a `CompactRiskRegisterDto` (about a third of the bytes). */
export type RegisterEncoding = 'plain' | 'compact';

interface CachedRegister {
  stamp: string;
  json: Buffer;
  gzip?: Buffer;
  compactJson: Buffer;
  compactGzip?: Buffer;
}

/** What `registerStamp` reads on every GET of the register, prepared once per connection. */
const REGISTER_STAMP: PreparedStatement = {
  name: 'jalon_risk_register_stamp',
  text: `SELECT (SELECT revision FROM risk_settings WHERE project_id = $1) AS "riskRevision",
                (SELECT revision FROM plan_settings WHERE project_id = $1) AS "planRevision",
                (SELECT count(*) FROM plan_baseline WHERE project_id = $1) AS "baselines",
                (SELECT max(updated_at) FROM app_user) AS "usersChanged"`,
};

const cellOf = (assessment: AssessmentDto): MatrixCell => ({ probability: assessment.probability, impact: assessment.impact });

/**
 * The risk register of a project: risks with their three assessments, treatments, acceptances,
 * links to the plan, and reviews. Every write runs in one transaction that locks the project's
 * `risk_settings` row (so references are allocated without gaps or duplicates and writes of one
 * register are serialised), checks the version read, writes, audits, and moves `revision`.
 */
@Injectable()
export class RisksService {
  private readonly cache = new Map<string, CachedRegister>();
  /** Computations of a register under way, by project and stamp. */
  private readonly computing = new Map<string, Promise<{ entry: CachedRegister; register: RiskRegisterDto }>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly planning: PlanningService,
    private readonly baselines: BaselinesService,
    private readonly clock: Clock,
  ) {}

  /** 'YYYY-MM-DD' in Europe/Paris, from the app's Clock (tests set it). */
  today(): string {
    return this.clock.today();
  }

  // ---------------------------------------------------------------------------------- reads

  async settings(projectId: string, manager: EntityManager = this.dataSource.manager): Promise<RiskSettingsDto> {
    const { nextSequence: _next, ...settings } = await this.settingsRow(manager, projectId);
    return settings;
  }

  private async settingsRow(manager: EntityManager, projectId: string, lock = false): Promise<SettingsRow> {
    const rows = (await manager.query(
      `SELECT ${SETTINGS_COLUMNS} FROM risk_settings WHERE project_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [projectId],
    )) as SettingsRow[];
    return rows[0] ?? DEFAULT_SETTINGS;
  }

  /**
   * The state the register is computed from: the register's revision (moved by every risk write),
   * the plan's revision, the number of baselines, the latest change of a user (owners' names) and
   * today's date (overdue flags).
   */
  private async registerStamp(projectId: string, today: string): Promise<string> {
    const rows = await queryPrepared<{ riskRevision: string | null; planRevision: string | null; baselines: string; usersChanged: Date | null }>(
      this.dataSource,
      REGISTER_STAMP,
      [projectId],
    );
    const row = rows[0]!;
    return [row.riskRevision, row.planRevision, row.baselines, row.usersChanged?.toISOString(), today].join(':');
  }

  /**
   * The register of a state, computed and serialised once: concurrent readers of a state not yet
   * cached wait for one computation instead of each computing it (20 clients reading the register
   * just after a write). `computed` is the register object when this call computed it.
   */
  private async cachedRegister(projectId: string, today: string): Promise<{ entry: CachedRegister; computed: RiskRegisterDto | null }> {
    // The stamp is read before the rows: if a write commits in between, the newer register is kept
    // under the older stamp and simply computed again on the next read, never the other way round.
    const stamp = await this.registerStamp(projectId, today);
    const cached = this.cache.get(projectId);
    if (cached?.stamp === stamp) return { entry: cached, computed: null };
    const key = `${projectId}:${stamp}`;
    const running = this.computing.get(key);
    if (running) return { entry: (await running).entry, computed: null };
    const computation = (async () => {
      const register = await this.computeRegister(projectId, today);
      // Both encodings now, before any caller holds the register: they describe the same state.
      const entry: CachedRegister = {
        stamp,
        json: Buffer.from(JSON.stringify(register)),
        compactJson: Buffer.from(JSON.stringify(compactRegister(register))),
      };
      this.cache.delete(projectId);
      this.cache.set(projectId, entry);
      while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      return { entry, register };
    })();
    this.computing.set(key, computation);
    try {
      const { entry, register } = await computation;
      return { entry, computed: register };
    } finally {
      this.computing.delete(key);
    }
  }

  /** The register as the GET route sends it, computed and serialised once per state (see `registerStamp`). */
  async serialisedRegister(projectId: string, encoding: RegisterEncoding = 'plain'): Promise<SerialisedRegister> {
    const today = this.today();
    const { entry } = await this.cachedRegister(projectId, today);
    const etag = `risks-${Buffer.from(entry.stamp).toString('base64url')}-${projectId}`;
    if (encoding === 'compact') {
      return {
        etag: `"${etag}-compact"`,
        json: entry.compactJson,
        gzip: () => (entry.compactGzip ??= gzipSync(entry.compactJson, { level: 6 })),
      };
    }
    return {
      etag: `"${etag}"`,
      json: entry.json,
      gzip: () => (entry.gzip ??= gzipSync(entry.json, { level: 6 })),
    };
  }

  /**
   * The whole register with every flag computed for `today`, from the register cache when its state
   * is cached (each caller gets its own copy, parsed from the cached JSON, which is the DTO as
   * computed: every field is a string, number, boolean, null, array or plain object).
   */
  async register(projectId: string, today = this.today()): Promise<RiskRegisterDto> {
    // Another day than the clock's (never in the product's own calls) is computed, not cached.
    if (today !== this.today()) return this.computeRegister(projectId, today);
    const { entry, computed } = await this.cachedRegister(projectId, today);
    return computed ?? (JSON.parse(entry.json.toString('utf8')) as RiskRegisterDto);
  }

  /** The whole register with every flag computed for `today`, read from the database. */
  private async computeRegister(projectId: string, today: string): Promise<RiskRegisterDto> {
    const manager = this.dataSource.manager;
    const [settings, riskRows, linkRows, treatmentRows, acceptances, reviews] = await Promise.all([
      this.settings(projectId),
      manager.query(
        `SELECT ${RISK_COLUMNS} FROM risk r LEFT JOIN app_user owner ON owner.id = r.owner_user_id
         WHERE r.project_id = $1 ORDER BY r.sequence`,
        [projectId],
      ) as Promise<RiskRow[]>,
      manager.query(`SELECT risk_id AS "riskId", task_id AS "taskId" FROM risk_task_link WHERE project_id = $1`, [projectId]) as Promise<
        Array<{ riskId: string; taskId: string }>
      >,
      manager.query(
        `SELECT ${TREATMENT_COLUMNS} FROM risk_treatment t LEFT JOIN app_user owner ON owner.id = t.owner_user_id
         WHERE t.project_id = $1 ORDER BY t.due_date NULLS LAST, t.created_at`,
        [projectId],
      ) as Promise<TreatmentRow[]>,
      this.latestAcceptances(manager, projectId),
      manager.query(`SELECT ${REVIEW_COLUMNS} FROM risk_review WHERE project_id = $1 ORDER BY held_on DESC LIMIT 2`, [
        projectId,
      ]) as Promise<ReviewRow[]>,
    ]);

    const linksByRisk = groupBy(linkRows, (row) => row.riskId, (row) => row.taskId);
    const treatmentsByRisk = groupBy(treatmentRows, (row) => row.riskId, (row) => this.treatmentDto(row, today));

    // The plan is read only when a risk is linked to it, and the baseline only for linked milestones.
    let causesOf: (taskIds: readonly string[]) => RiskDto['materialising'] = () => [];
    if (linkRows.length > 0) {
      const plan = await this.planning.getPlan(projectId);
      const linked = new Set(linkRows.map((row) => row.taskId));
      const linksMilestone = plan.tasks.some((task) => task.isMilestone && linked.has(task.id));
      const slippage = linksMilestone ? (await this.baselines.slippageAgainstLatest(projectId)).byTask : new Map<string, number | null>();
      const index = materialisingIndex(plan, slippage, settings.floatThreshold);
      causesOf = (taskIds) => index.causesOf(taskIds);
    }

    // Trend and arrows: from the review before the latest to the latest.
    const [latest, previous] = reviews;
    const items = latest ? await this.reviewItems(manager, reviews.map((review) => review.id)) : [];
    const latestItems = new Map(items.filter((item) => item.reviewId === latest?.id).map((item) => [item.riskId, item]));
    const previousItems = new Map(items.filter((item) => item.reviewId === previous?.id).map((item) => [item.riskId, item]));
    const trends = new Map<string, RiskTrend>();
    if (latest) {
      const state = (item: ReviewItemRow): RiskState => ({
        riskId: item.riskId,
        probability: item.residualProbability,
        impact: item.residualImpact,
        score: item.residualProbability * item.residualImpact,
        status: item.status,
      });
      for (const movement of compareReviews([...previousItems.values()].map(state), [...latestItems.values()].map(state))) {
        trends.set(movement.riskId, movement.trend);
      }
    }

    const risks = riskRows.map((row): RiskDto => {
      const scores = assessments(row, settings.bands);
      const open = isOpenStatus(row.status);
      const nextReviewOn = nextReviewDate(row.lastReviewedOn ?? row.createdOn, scores.residual.band, settings.reviewIntervals);
      const treatments = treatmentsByRisk.get(row.id) ?? [];
      const linkedTaskIds = linksByRisk.get(row.id) ?? [];
      const before = previousItems.get(row.id);
      const after = latestItems.get(row.id);
      let movement: RiskDto['movement'] = NO_MOVEMENT;
      if (before && after) {
        const from = assessments(before, settings.bands);
        const to = assessments(after, settings.bands);
        movement = { ...NO_MOVEMENT };
        for (const kind of ASSESSMENT_KINDS) {
          if (from[kind].probability !== to[kind].probability || from[kind].impact !== to[kind].impact) {
            movement[kind] = { from: cellOf(from[kind]), to: cellOf(to[kind]) };
          }
        }
      }
      return {
        id: row.id,
        reference: row.reference,
        title: row.title,
        description: row.description,
        category: row.category,
        cause: row.cause,
        consequence: row.consequence,
        ownerUserId: row.ownerUserId,
        ownerName: row.ownerName,
        proximity: row.proximity,
        trigger: row.trigger,
        strategy: row.strategy,
        contingencyPlan: row.contingencyPlan,
        status: row.status,
        occurredOn: row.occurredOn,
        occurrenceNote: row.occurrenceNote,
        ...scores,
        linkedTaskIds,
        treatments,
        acceptance: row.strategy === 'accept' ? (acceptances.get(row.id) ?? null) : null,
        createdAt: row.createdAt.toISOString(),
        lastReviewedOn: row.lastReviewedOn,
        nextReviewOn,
        reviewOverdue: open && isReviewOverdue(nextReviewOn, today),
        overdueTreatments: open ? treatments.filter((treatment) => treatment.overdue).length : 0,
        // A risk that occurred has materialised already; a closed one threatens nothing.
        materialising: row.status === 'identified' || row.status === 'in_treatment' ? causesOf(linkedTaskIds) : [],
        trend: trends.get(row.id) ?? null,
        movement,
        version: row.version,
      };
    });
    return { settings, risks, latestReviews: reviews.map((review) => this.reviewSummary(review)), today };
  }

  async risk(projectId: string, riskId: string): Promise<RiskDto> {
    const risk = (await this.register(projectId)).risks.find((candidate) => candidate.id === riskId);
    if (!risk) throw notFound('risk', riskId);
    return risk;
  }

  private async latestAcceptances(manager: EntityManager, projectId: string): Promise<Map<string, AcceptanceDto>> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (risk_id) id, risk_id AS "riskId", accepted_at AS "acceptedAt", accepted_by AS "acceptedBy",
              accepted_by_name AS "acceptedByName", accepted_by_role AS "acceptedByRole", justification, scores
       FROM risk_acceptance WHERE project_id = $1 ORDER BY risk_id, accepted_at DESC`,
      [projectId],
    )) as Array<Omit<AcceptanceDto, 'acceptedAt' | 'inherent' | 'residual' | 'target'> & {
      riskId: string;
      acceptedAt: Date;
      scores: Pick<AcceptanceDto, 'inherent' | 'residual' | 'target'>;
    }>;
    return new Map(
      rows.map(({ riskId, scores, acceptedAt, ...row }) => [riskId, { ...row, acceptedAt: acceptedAt.toISOString(), ...scores }]),
    );
  }

  private async reviewItems(manager: EntityManager, reviewIds: string[]): Promise<ReviewItemRow[]> {
    if (reviewIds.length === 0) return [];
    return manager.query(`SELECT ${REVIEW_ITEM_COLUMNS} FROM risk_review_item i WHERE i.review_id = ANY($1::uuid[]) ORDER BY i.reference`, [
      reviewIds,
    ]) as Promise<ReviewItemRow[]>;
  }

  private treatmentDto(row: TreatmentRow, today: string): TreatmentDto {
    return { ...row, overdue: isTreatmentOverdue(row, today) };
  }

  private reviewSummary(row: ReviewRow): RiskReviewSummaryDto {
    return { ...row, createdAt: row.createdAt.toISOString() };
  }

  // ---------------------------------------------------------------------------------- writes

  /** One write of the register: locked, audited with the caller's transaction, revision moved. */
  private async write<T>(projectId: string, work: (manager: EntityManager, settings: SettingsRow) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => this.writeIn(manager, projectId, work));
  }

  /** `write` inside the caller's transaction (a COPIL decision accepting a risk in the same act). */
  private async writeIn<T>(manager: EntityManager, projectId: string, work: (manager: EntityManager, settings: SettingsRow) => Promise<T>): Promise<T> {
    await manager.query(
      `INSERT INTO risk_settings (project_id, bands, review_intervals) VALUES ($1, $2, $3) ON CONFLICT (project_id) DO NOTHING`,
      [projectId, JSON.stringify(DEFAULT_BAND_CONFIG), JSON.stringify(DEFAULT_REVIEW_INTERVALS)],
    );
    const settings = await this.settingsRow(manager, projectId, true);
    const result = await work(manager, settings);
    await manager.query(`UPDATE risk_settings SET revision = revision + 1 WHERE project_id = $1`, [projectId]);
    return result;
  }

  async createRisk(projectId: string, input: CreateRiskDto): Promise<RiskDto> {
    if (input.strategy === 'accept') {
      throw fieldError(400, 'strategy', 'strategy "accept" is set by accepting the risk (POST …/risks/:riskId/acceptance), which records who accepted it and why');
    }
    this.checkOccurrence(input.status ?? 'identified', input.occurredOn ?? null);
    const id = await this.write(projectId, async (manager, settings) => {
      await this.checkMember(manager, projectId, input.ownerUserId ?? null, 'ownerUserId');
      const linked = await this.checkTasks(manager, projectId, input.linkedTaskIds ?? []);
      const riskId = await this.insertRisk(manager, projectId, settings.nextSequence, input, linked);
      await manager.query(`UPDATE risk_settings SET next_sequence = next_sequence + 1 WHERE project_id = $1`, [projectId]);
      return riskId;
    });
    return this.risk(projectId, id);
  }

  /** Inserts one checked risk with the reference of `sequence`, its links, and its audit row. */
  private async insertRisk(manager: EntityManager, projectId: string, sequence: number, input: RiskInput, linked: string[]): Promise<string> {
    const residual = input.residual ?? input.inherent;
    const target = input.target ?? residual;
    const reference = riskReference(sequence);
    const values = {
      title: input.title.trim(),
      description: input.description ?? '',
      category: input.category,
      cause: input.cause ?? '',
      consequence: input.consequence ?? '',
      ownerUserId: input.ownerUserId ?? null,
      proximity: input.proximity ?? null,
      trigger: input.trigger ?? '',
      strategy: input.strategy ?? 'reduce',
      contingencyPlan: input.contingencyPlan ?? '',
      status: input.status ?? 'identified',
      occurredOn: input.occurredOn ?? null,
      occurrenceNote: input.occurrenceNote ?? '',
      inherentProbability: input.inherent.probability,
      inherentImpact: input.inherent.impact,
      residualProbability: residual.probability,
      residualImpact: residual.impact,
      targetProbability: target.probability,
      targetImpact: target.impact,
    } satisfies Record<RiskField, unknown>;
    const fields = Object.keys(RISK_FIELD_COLUMNS) as RiskField[];
    const rows = (await manager.query(
      `INSERT INTO risk (project_id, sequence, reference, created_on, ${fields.map((field) => RISK_FIELD_COLUMNS[field]).join(', ')})
       VALUES ($1, $2, $3, $4, ${fields.map((_, index) => `$${index + 5}`).join(', ')}) RETURNING id`,
      [projectId, sequence, reference, this.today(), ...fields.map((field) => values[field])],
    )) as Array<{ id: string }>;
    const riskId = rows[0]!.id;
    await this.replaceLinks(manager, projectId, riskId, linked);
    await this.auditTrail.record(manager, {
      projectId,
      entity: 'risk',
      entityId: riskId,
      action: 'create',
      after: { ...riskSnapshot({ ...values, reference }), linkedTaskIds: linked },
    });
    return riskId;
  }

  /**
   * Imports a register from an .xlsx or .csv file. `preview` reads and checks every row and writes
   * nothing; otherwise, when any row is rejected, nothing is written (422 naming each row and column)
   * unless `validOnly` asks to import the valid rows alone. All rows are written in one transaction.
   */
  async importRisks(projectId: string, file: { fileName: string; content: Buffer }, mode: { preview: boolean; validOnly: boolean }): Promise<RiskImportResult> {
    const members = (await this.dataSource.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName" FROM project_member m JOIN app_user u ON u.id = m.user_id WHERE m.project_id = $1`,
      [projectId],
    )) as ImportMember[];
    const rows = await readRiskFile(file.fileName, file.content, members);
    const rejected = rows.filter((row) => row.input === null);
    const result = (created: string[]): RiskImportResult => ({
      rows: rows.map((row) => ({ row: row.row, title: row.title, valid: row.input !== null, errors: row.errors })),
      valid: rows.length - rejected.length,
      rejected: rejected.length,
      created,
    });
    if (mode.preview) return result([]);
    if (rejected.length > 0 && !mode.validOnly) {
      throw refuse(422, 'validation_failed', `${rejected.length} row(s) of the file are rejected: nothing was imported`, {
        fields: rejected.flatMap((row) => row.errors.map((error) => ({ field: `rows.${row.row}.${error.column}`, messages: [error.message] }))),
      });
    }
    const valid = rows.filter((row): row is ImportedRow & { input: RiskInput } => row.input !== null);
    if (valid.length === 0) throw fieldError(400, 'file', 'No row of the file can be imported');
    const created = await this.write(projectId, async (manager, settings) => {
      const references: string[] = [];
      let sequence = settings.nextSequence;
      for (const row of valid) {
        await this.insertRisk(manager, projectId, sequence, row.input, []);
        references.push(riskReference(sequence));
        sequence += 1;
      }
      await manager.query(`UPDATE risk_settings SET next_sequence = $2 WHERE project_id = $1`, [projectId, sequence]);
      return references;
    });
    return result(created);
  }

  async updateRisk(projectId: string, riskId: string, input: UpdateRiskDto): Promise<RiskDto> {
    await this.write(projectId, async (manager) => {
      const current = await this.lockRisk(manager, projectId, riskId, input.version);
      if (input.strategy === 'accept' && current.strategy !== 'accept') {
        throw fieldError(400, 'strategy', 'strategy "accept" is set by accepting the risk (POST …/risks/:riskId/acceptance), which records who accepted it and why');
      }
      if (input.ownerUserId !== undefined) await this.checkMember(manager, projectId, input.ownerUserId, 'ownerUserId');
      const linked = input.linkedTaskIds === undefined ? null : await this.checkTasks(manager, projectId, input.linkedTaskIds);
      const next: Record<RiskField, unknown> = { ...current };
      const assign = (field: RiskField, value: unknown) => {
        if (value !== undefined) next[field] = value;
      };
      assign('title', input.title?.trim());
      for (const field of ['description', 'category', 'cause', 'consequence', 'ownerUserId', 'proximity', 'trigger', 'strategy', 'contingencyPlan', 'status', 'occurredOn', 'occurrenceNote'] as const) {
        assign(field, input[field]);
      }
      for (const kind of ASSESSMENT_KINDS) {
        const assessment = input[kind];
        if (assessment) {
          next[`${kind}Probability`] = assessment.probability;
          next[`${kind}Impact`] = assessment.impact;
        }
      }
      this.checkOccurrence(next['status'] as RiskRow['status'], next['occurredOn'] as string | null);
      const fields = Object.keys(RISK_FIELD_COLUMNS) as RiskField[];
      await manager.query(
        `UPDATE risk SET ${fields.map((field, index) => `${RISK_FIELD_COLUMNS[field]} = $${index + 2}`).join(', ')},
                version = version + 1, updated_at = now()
         WHERE id = $1`,
        [riskId, ...fields.map((field) => next[field])],
      );
      let linkChange: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {};
      if (linked) {
        const before = (await this.linksOf(manager, riskId)).sort();
        await this.replaceLinks(manager, projectId, riskId, linked);
        linkChange = { before: { linkedTaskIds: before }, after: { linkedTaskIds: [...linked].sort() } };
      }
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'risk',
        entityId: riskId,
        action: 'update',
        before: { ...riskSnapshot(current), ...linkChange.before },
        after: { ...riskSnapshot({ ...(next as Pick<RiskRow, RiskField>), reference: current.reference }), ...linkChange.after },
      });
    });
    return this.risk(projectId, riskId);
  }

  /** Accepting a risk is a recorded act: who, when, why, and the scores at that moment. */
  async acceptRisk(projectId: string, riskId: string, input: AcceptRiskDto, actor: RiskActor): Promise<RiskDto> {
    await this.dataSource.transaction((manager) => this.acceptRiskIn(manager, projectId, riskId, input, actor));
    return this.risk(projectId, riskId);
  }

  /** Accepts a risk inside the caller's transaction (a meeting's decision accepting it in the same act). */
  async acceptRiskIn(manager: EntityManager, projectId: string, riskId: string, input: Pick<AcceptRiskDto, 'version' | 'justification'>, actor: RiskActor): Promise<void> {
    await this.writeIn(manager, projectId, async (manager, settings) => {
      const current = await this.lockRisk(manager, projectId, riskId, input.version);
      const scores = assessments(current, settings.bands);
      if (!mayAcceptRisk(actor.role, scores.residual.band, actor.isAdmin && actor.role === null)) {
        throw refuse(403, 'forbidden', `Only the sponsor or the project manager may accept a risk rated ${scores.residual.band} (${current.reference})`, {
          fields: [{ field: 'residual', messages: [`the residual score ${scores.residual.score} is ${scores.residual.band}`] }],
        });
      }
      const rows = (await manager.query(
        `INSERT INTO risk_acceptance (project_id, risk_id, accepted_by, accepted_by_name, accepted_by_role, justification, scores)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [projectId, riskId, actor.id, actor.displayName, actor.role ?? 'administrator', input.justification.trim(), JSON.stringify(scores)],
      )) as Array<{ id: string }>;
      await manager.query(`UPDATE risk SET strategy = 'accept', version = version + 1, updated_at = now() WHERE id = $1`, [riskId]);
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'risk_acceptance',
        entityId: rows[0]!.id,
        action: 'create',
        after: { riskId, reference: current.reference, justification: input.justification.trim(), ...scores },
      });
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'risk',
        entityId: riskId,
        action: 'update',
        before: { strategy: current.strategy },
        after: { strategy: 'accept' },
      });
    });
  }

  /** Treatments: the risk editors, and the owner of the risk (unless a viewer), may change them. */
  async createTreatment(projectId: string, riskId: string, input: CreateTreatmentDto, actor: RiskActor): Promise<RiskDto> {
    await this.write(projectId, async (manager) => {
      const risk = await this.lockRisk(manager, projectId, riskId, null);
      this.checkTreatmentRight(risk, actor);
      await this.checkMember(manager, projectId, input.ownerUserId ?? null, 'ownerUserId');
      const values = {
        title: input.title.trim(),
        ownerUserId: input.ownerUserId ?? null,
        dueDate: input.dueDate ?? null,
        status: input.status ?? 'planned',
        effect: input.effect ?? 'probability',
      };
      const rows = (await manager.query(
        `INSERT INTO risk_treatment (project_id, risk_id, title, owner_user_id, due_date, status, effect)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [projectId, riskId, values.title, values.ownerUserId, values.dueDate, values.status, values.effect],
      )) as Array<{ id: string }>;
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'risk_treatment',
        entityId: rows[0]!.id,
        action: 'create',
        after: { riskId, reference: risk.reference, ...values },
      });
    });
    return this.risk(projectId, riskId);
  }

  async updateTreatment(projectId: string, riskId: string, treatmentId: string, input: UpdateTreatmentDto, actor: RiskActor): Promise<RiskDto> {
    await this.write(projectId, async (manager) => {
      const risk = await this.lockRisk(manager, projectId, riskId, null);
      this.checkTreatmentRight(risk, actor);
      const current = await this.lockTreatment(manager, riskId, treatmentId, input.version);
      if (input.ownerUserId !== undefined) await this.checkMember(manager, projectId, input.ownerUserId, 'ownerUserId');
      const before = { title: current.title, ownerUserId: current.ownerUserId, dueDate: current.dueDate, status: current.status, effect: current.effect };
      const after = {
        title: input.title?.trim() ?? before.title,
        ownerUserId: input.ownerUserId === undefined ? before.ownerUserId : input.ownerUserId,
        dueDate: input.dueDate === undefined ? before.dueDate : input.dueDate,
        status: input.status ?? before.status,
        effect: input.effect ?? before.effect,
      };
      await manager.query(
        `UPDATE risk_treatment SET title = $2, owner_user_id = $3, due_date = $4, status = $5, effect = $6,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [treatmentId, after.title, after.ownerUserId, after.dueDate, after.status, after.effect],
      );
      await this.auditTrail.record(manager, { projectId, entity: 'risk_treatment', entityId: treatmentId, action: 'update', before, after });
    });
    return this.risk(projectId, riskId);
  }

  async deleteTreatment(projectId: string, riskId: string, treatmentId: string, version: number, actor: RiskActor): Promise<RiskDto> {
    await this.write(projectId, async (manager) => {
      const risk = await this.lockRisk(manager, projectId, riskId, null);
      this.checkTreatmentRight(risk, actor);
      const current = await this.lockTreatment(manager, riskId, treatmentId, version);
      await manager.query(`DELETE FROM risk_treatment WHERE id = $1`, [treatmentId]);
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'risk_treatment',
        entityId: treatmentId,
        action: 'delete',
        before: { riskId, title: current.title, ownerUserId: current.ownerUserId, dueDate: current.dueDate, status: current.status, effect: current.effect },
      });
    });
    return this.risk(projectId, riskId);
  }

  async updateSettings(projectId: string, input: UpdateRiskSettingsDto): Promise<RiskSettingsDto> {
    const violations = [
      ...(input.bands !== undefined ? validateBandConfig(input.bands).violations : []),
      ...(input.labels !== undefined && input.labels !== null ? validateScaleLabels(input.labels) : []),
      ...(input.reviewIntervals !== undefined ? validateReviewIntervals(input.reviewIntervals) : []),
    ];
    if (violations.length > 0) {
      throw fieldErrors(violations.map((violation) => ({ field: violation.field, messages: [violation.message] })));
    }
    await this.write(projectId, async (manager, current) => {
      if (current.version !== input.version) throw staleVersion('risk_settings', projectId, current.version);
      const next = {
        bands: (input.bands as BandConfig | undefined) ?? current.bands,
        labels: input.labels === undefined ? current.labels : ((input.labels as ScaleLabels | null) ?? null),
        reviewIntervals: (input.reviewIntervals as ReviewIntervals | undefined) ?? current.reviewIntervals,
        floatThreshold: input.floatThreshold ?? current.floatThreshold,
      };
      await manager.query(
        `UPDATE risk_settings SET bands = $2, labels = $3, review_intervals = $4, float_threshold = $5,
                version = version + 1, updated_at = now() WHERE project_id = $1`,
        [projectId, JSON.stringify(next.bands), next.labels ? JSON.stringify(next.labels) : null, JSON.stringify(next.reviewIntervals), next.floatThreshold],
      );
      const { nextSequence: _n, version: _v, ...before } = current;
      await this.auditTrail.record(manager, { projectId, entity: 'risk_settings', entityId: projectId, action: 'update', before, after: next });
    });
    return this.settings(projectId);
  }

  // --------------------------------------------------------------------------------- reviews

  async reviews(projectId: string): Promise<RiskReviewSummaryDto[]> {
    const rows = (await this.dataSource.query(`SELECT ${REVIEW_COLUMNS} FROM risk_review WHERE project_id = $1 ORDER BY held_on DESC`, [
      projectId,
    ])) as ReviewRow[];
    return rows.map((row) => this.reviewSummary(row));
  }

  async review(projectId: string, reviewId: string): Promise<RiskReviewDto> {
    const manager = this.dataSource.manager;
    const rows = (await manager.query(`SELECT ${REVIEW_COLUMNS} FROM risk_review WHERE project_id = $1 AND id = $2`, [projectId, reviewId])) as ReviewRow[];
    const row = rows[0];
    if (!row) throw notFound('review', reviewId);
    const before = (await manager.query(
      `SELECT id FROM risk_review WHERE project_id = $1 AND held_on < $2 ORDER BY held_on DESC LIMIT 1`,
      [projectId, row.heldOn],
    )) as Array<{ id: string }>;
    const settings = await this.settings(projectId);
    const items = await this.reviewItems(manager, [reviewId, ...before.map((review) => review.id)]);
    const current = items.filter((item) => item.reviewId === reviewId);
    const previous = items.filter((item) => item.reviewId !== reviewId);
    const state = (item: ReviewItemRow): RiskState => ({
      riskId: item.riskId,
      probability: item.residualProbability,
      impact: item.residualImpact,
      score: item.residualProbability * item.residualImpact,
      status: item.status,
    });
    const references = new Map(items.map((item) => [item.riskId, item.reference]));
    return {
      ...this.reviewSummary(row),
      items: current.map((item) => reviewItemDto(item, settings.bands)),
      movements: compareReviews(previous.map(state), current.map(state)).map((movement) => ({
        riskId: movement.riskId,
        reference: references.get(movement.riskId) ?? '',
        trend: movement.trend,
        reRated: movement.reRated,
      })),
    };
  }

  /**
   * Holds a review: snapshots every open risk's scores, status and owner. The snapshot is never
   * changed afterwards (the database refuses it); one review per project and day.
   */
  async holdReview(projectId: string, input: CreateReviewDto, actor: RiskActor, today = this.today()): Promise<RiskReviewDto> {
    const heldOn = input.heldOn ?? today;
    if (heldOn > today) throw fieldError(400, 'heldOn', `heldOn (${heldOn}) is in the future: a review records what is, on the day it is held`);
    const reviewId = await this.write(projectId, async (manager) => {
      const clash = (await manager.query(`SELECT 1 FROM risk_review WHERE project_id = $1 AND held_on = $2`, [projectId, heldOn])) as unknown[];
      if (clash.length > 0) {
        throw refuse(409, 'conflict', `A review of this project was already held on ${heldOn}`, {
          fields: [{ field: 'heldOn', messages: [`a review was already held on ${heldOn}`] }],
        });
      }
      const later = (await manager.query(`SELECT 1 FROM risk_review WHERE project_id = $1 AND held_on > $2`, [projectId, heldOn])) as unknown[];
      if (later.length > 0) {
        throw fieldError(400, 'heldOn', `a later review exists: a review snapshots the register as it is now, so it cannot be dated before ${heldOn}'s successors`);
      }
      const open = (await manager.query(
        `SELECT ${RISK_COLUMNS} FROM risk r LEFT JOIN app_user owner ON owner.id = r.owner_user_id
         WHERE r.project_id = $1 AND r.status <> 'closed' ORDER BY r.sequence`,
        [projectId],
      )) as RiskRow[];
      const title = input.title?.trim() || `Revue des risques du ${heldOn}`;
      const rows = (await manager.query(
        `INSERT INTO risk_review (project_id, held_on, title, held_by, held_by_name, risk_count) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [projectId, heldOn, title, actor.id, actor.displayName, open.length],
      )) as Array<{ id: string }>;
      const id = rows[0]!.id;
      if (open.length > 0) {
        await manager.query(
          `INSERT INTO risk_review_item (project_id, review_id, risk_id, reference, title, status, owner_user_id, owner_name,
             inherent_probability, inherent_impact, residual_probability, residual_impact, target_probability, target_impact)
           SELECT $1, $2, r.id, r.reference, r.title, r.status, r.owner_user_id, u.display_name,
             r.inherent_probability, r.inherent_impact, r.residual_probability, r.residual_impact, r.target_probability, r.target_impact
           FROM risk r LEFT JOIN app_user u ON u.id = r.owner_user_id
           WHERE r.project_id = $1 AND r.status <> 'closed'`,
          [projectId, id],
        );
        await manager.query(`UPDATE risk SET last_reviewed_on = $2 WHERE project_id = $1 AND status <> 'closed'`, [projectId, heldOn]);
      }
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'risk_review',
        entityId: id,
        action: 'create',
        after: { heldOn, title, riskCount: open.length, references: open.map((risk) => risk.reference) },
      });
      return id;
    });
    return this.review(projectId, reviewId);
  }

  // --------------------------------------------------------------------------------- checks

  private async lockRisk(manager: EntityManager, projectId: string, riskId: string, version: number | null): Promise<RiskRow> {
    const rows = (await manager.query(
      `SELECT ${RISK_COLUMNS} FROM risk r LEFT JOIN app_user owner ON owner.id = r.owner_user_id
       WHERE r.project_id = $1 AND r.id = $2 FOR UPDATE OF r`,
      [projectId, riskId],
    )) as RiskRow[];
    const row = rows[0];
    if (!row) throw notFound('risk', riskId);
    if (version !== null && row.version !== version) throw staleVersion('risk', riskId, row.version);
    return row;
  }

  private async lockTreatment(manager: EntityManager, riskId: string, treatmentId: string, version: number): Promise<TreatmentRow> {
    const rows = (await manager.query(
      `SELECT ${TREATMENT_COLUMNS} FROM risk_treatment t LEFT JOIN app_user owner ON owner.id = t.owner_user_id
       WHERE t.risk_id = $1 AND t.id = $2 FOR UPDATE OF t`,
      [riskId, treatmentId],
    )) as TreatmentRow[];
    const row = rows[0];
    if (!row) throw notFound('treatment', treatmentId);
    if (row.version !== version) throw staleVersion('treatment', treatmentId, row.version);
    return row;
  }

  private checkTreatmentRight(risk: RiskRow, actor: RiskActor): void {
    const role = actor.role ?? (actor.isAdmin ? 'project_manager' : null);
    if (roleAllows(role, 'risk.treatment')) return;
    if (risk.ownerUserId === actor.id && role !== 'viewer') return;
    throw refuse(403, 'forbidden', `Only the risk editors and the owner of ${risk.reference} may change its treatments`);
  }

  private checkOccurrence(status: RiskRow['status'], occurredOn: string | null): void {
    if (status === 'occurred' && !occurredOn) {
      throw fieldError(400, 'occurredOn', 'occurredOn is required when the status is "occurred": say when it happened');
    }
  }

  private async checkMember(manager: EntityManager, projectId: string, userId: string | null, field: string): Promise<void> {
    if (userId === null) return;
    const rows = (await manager.query(`SELECT 1 FROM project_member WHERE project_id = $1 AND user_id = $2`, [projectId, userId])) as unknown[];
    if (rows.length === 0) throw fieldError(422, field, `${field} ${userId} is not a member of this project`, 'invalid_reference');
  }

  /** The distinct task ids, each a task or milestone of this project's plan. */
  private async checkTasks(manager: EntityManager, projectId: string, taskIds: string[]): Promise<string[]> {
    const distinct = [...new Set(taskIds)];
    if (distinct.length === 0) return [];
    const rows = (await manager.query(`SELECT id FROM plan_task WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, distinct])) as Array<{
      id: string;
    }>;
    const found = new Set(rows.map((row) => row.id));
    const missing = distinct.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw fieldError(422, 'linkedTaskIds', `linkedTaskIds: ${missing.join(', ')} ${missing.length > 1 ? 'are not tasks' : 'is not a task'} of this project's plan`, 'invalid_reference');
    }
    return distinct;
  }

  private async linksOf(manager: EntityManager, riskId: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT task_id AS "taskId" FROM risk_task_link WHERE risk_id = $1`, [riskId])) as Array<{ taskId: string }>;
    return rows.map((row) => row.taskId);
  }

  private async replaceLinks(manager: EntityManager, projectId: string, riskId: string, taskIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM risk_task_link WHERE risk_id = $1`, [riskId]);
    if (taskIds.length === 0) return;
    await manager.query(
      `INSERT INTO risk_task_link (project_id, risk_id, task_id) SELECT $1, $2, unnest($3::uuid[])`,
      [projectId, riskId, taskIds],
    );
  }
}

function groupBy<T, V>(rows: readonly T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}

