import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { gzipSync } from 'node:zlib';
import { DataSource, In, type EntityManager } from 'typeorm';
import type {
  LinkDto,
  LotDto,
  PhaseDto,
  PlanIssueDto,
  PlanSettingsDto,
  RetroPlanningDto,
  TaskDto,
} from '@jalon/domain';
import { AuditTrail } from '../audit/audit-trail.service';
import { PlanLinkEntity } from './entities/plan-link.entity';
import { PlanLotEntity } from './entities/plan-lot.entity';
import { PlanPhaseEntity } from './entities/plan-phase.entity';
import { PlanSettingsEntity } from './entities/plan-settings.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';
import type { BulkPlanEditDto } from './dto/bulk.dto';
import type { BulkLinkDto, CreateLinkDto, UpdateLinkDto } from './dto/link.dto';
import type { CreateLotDto, UpdateLotDto } from './dto/lot.dto';
import type { CreatePhaseDto, UpdatePhaseDto } from './dto/phase.dto';
import type { UpdatePlanSettingsDto } from './dto/settings.dto';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { fieldError, notFound, staleVersion } from './plan-errors';
import { recomputeAndStore, todayInFrance } from './plan-schedule';
import { linkSnapshot, lotSnapshot, phaseSnapshot, settingsSnapshot, taskSnapshot } from './plan-snapshots';

const DEFAULT_SETTINGS = {
  mode: 'backward',
  projectStart: null,
  workingWeekdays: [1, 2, 3, 4, 5],
  publicHolidays: 'fr',
  extraHolidays: [],
  statusDate: null,
  version: 1,
} as const;

/** How many plans the read cache keeps; a plan of 1,000 tasks is about 0.5 MB. */
const CACHE_SIZE = 100;

type TaskFields = Omit<UpdateTaskDto, 'version'>;

interface CachedPlan {
  revision: string;
  plan: RetroPlanningDto;
  /** The plan serialised once per revision, as sent, plain and gzipped. */
  json?: Buffer;
  gzip?: Buffer;
}

/** The plan ready to send: serialising 1,000 tasks on every GET would dominate its cost. */
export interface SerialisedPlan {
  /** Strong validator of this revision of the plan. */
  etag: string;
  json: Buffer;
  gzip(): Buffer;
}

/**
 * The retroplanning of a project: reads and every edit. Each edit runs in one transaction that
 * locks the plan (see `lockPlan`), applies the change, recomputes the schedule and stores it, so
 * edits of one plan are serialised and a refused change writes nothing.
 */
@Injectable()
export class PlanningService {
  private readonly cache = new Map<string, CachedPlan>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
  ) {}

  /** 'YYYY-MM-DD': the status date of plans that have none. */
  today(): string {
    return todayInFrance();
  }

  // ---------------------------------------------------------------------------------- reads

  /**
   * The stored plan. Reads never recompute; a plan unchanged since the last read (same
   * revision of its settings row) is served from memory.
   */
  async getPlan(projectId: string): Promise<RetroPlanningDto> {
    return (await this.cachedPlan(projectId)).plan;
  }

  /** The plan as the GET route sends it, serialised (and compressed) once per revision. */
  async getSerialisedPlan(projectId: string): Promise<SerialisedPlan> {
    const entry = await this.cachedPlan(projectId);
    entry.json ??= Buffer.from(JSON.stringify(entry.plan));
    const json = entry.json;
    return {
      etag: `"plan-${entry.revision}-${projectId}"`,
      json,
      gzip: () => (entry.gzip ??= gzipSync(json, { level: 6 })),
    };
  }

  private async cachedPlan(projectId: string): Promise<CachedPlan> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, s.revision FROM project p LEFT JOIN plan_settings s ON s.project_id = p.id WHERE p.id = $1`,
      [projectId],
    )) as { id: string; revision: string | null }[];
    const row = rows[0];
    if (!row) throw new NotFoundException(`Project ${projectId} not found`);
    // A plan never edited has no settings row: revision 0, and nothing worth caching.
    if (row.revision === null) return { revision: '0', plan: await this.readPlan(this.dataSource.manager, projectId) };
    const cached = this.cache.get(projectId);
    if (cached && cached.revision === row.revision) {
      // Most recently used last, so the oldest entry is the one evicted.
      this.cache.delete(projectId);
      this.cache.set(projectId, cached);
      return cached;
    }
    // Read after the revision: if an edit commits in between, the newer plan is cached under
    // the older revision and simply re-read on the next GET, never the other way round.
    const entry: CachedPlan = { revision: row.revision, plan: await this.readPlan(this.dataSource.manager, projectId) };
    this.remember(projectId, entry);
    return entry;
  }

  private remember(projectId: string, entry: CachedPlan): void {
    this.cache.delete(projectId);
    this.cache.set(projectId, entry);
    while (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  /** Reads the plan through `manager` (the transaction's one inside a write). */
  async readPlan(manager: EntityManager, projectId: string): Promise<RetroPlanningDto> {
    const settingsRows = (await manager.query(
      `SELECT p.target_go_live AS "targetGoLive", s.mode, s.project_start AS "projectStart",
              s.working_weekdays AS "workingWeekdays", s.public_holidays AS "publicHolidays",
              s.extra_holidays AS "extraHolidays", s.status_date AS "statusDate", s.version,
              s.computed_start AS "computedStart", s.computed_finish AS "computedFinish",
              s.warnings, s.computed_at AS "computedAt"
         FROM project p LEFT JOIN plan_settings s ON s.project_id = p.id WHERE p.id = $1`,
      [projectId],
    )) as Array<{
      targetGoLive: string;
      mode: PlanSettingsDto['mode'] | null;
      projectStart: string | null;
      workingWeekdays: number[] | null;
      publicHolidays: PlanSettingsDto['calendar']['publicHolidays'] | null;
      extraHolidays: string[] | null;
      statusDate: string | null;
      version: number | null;
      computedStart: string | null;
      computedFinish: string | null;
      warnings: PlanIssueDto[] | null;
      computedAt: Date | null;
    }>;
    const settings = settingsRows[0];
    if (!settings) throw new NotFoundException(`Project ${projectId} not found`);
    const queries = [
      () =>
        manager.query(
          `SELECT id, name, go_live AS "goLive", position, version FROM plan_lot WHERE project_id = $1 ORDER BY position, name`,
          [projectId],
        ) as Promise<LotDto[]>,
      () =>
        manager.query(`SELECT id, name, position, version FROM plan_phase WHERE project_id = $1 ORDER BY position, name`, [
          projectId,
        ]) as Promise<PhaseDto[]>,
      () =>
        manager.query(
          `SELECT id, phase_id AS "phaseId", lot_id AS "lotId", name, duration, duration = 0 AS "isMilestone",
                  key_milestone AS "keyMilestone", fixed_date AS "fixedDate", owner_name AS "ownerName",
                  owner_user_id AS "ownerUserId", progress, actual_start AS "actualStart", actual_finish AS "actualFinish",
                  notes, position, version, start_date AS start, finish_date AS finish, early_start AS "earlyStart",
                  early_finish AS "earlyFinish", late_start AS "lateStart", late_finish AS "lateFinish",
                  COALESCE(total_float, 0) AS "totalFloat", COALESCE(critical, false) AS critical
             FROM plan_task WHERE project_id = $1 ORDER BY position, id`,
          [projectId],
        ) as Promise<TaskDto[]>,
      () =>
        manager.query(
          `SELECT id, from_task_id AS "fromTaskId", to_task_id AS "toTaskId", type, lag, version
             FROM plan_link WHERE project_id = $1 ORDER BY created_at, id`,
          [projectId],
        ) as Promise<LinkDto[]>,
    ] as const;
    // In parallel on the pool, one after the other inside a transaction (one shared connection).
    const inTransaction = manager.queryRunner?.isTransactionActive ?? false;
    const [lots, phases, tasks, links] = inTransaction
      ? [await queries[0](), await queries[1](), await queries[2](), await queries[3]()]
      : await Promise.all([queries[0](), queries[1](), queries[2](), queries[3]()]);
    return {
      projectId,
      settings: {
        mode: settings.mode ?? DEFAULT_SETTINGS.mode,
        targetGoLive: settings.targetGoLive,
        projectStart: settings.projectStart,
        calendar: {
          workingWeekdays: settings.workingWeekdays ?? [...DEFAULT_SETTINGS.workingWeekdays],
          publicHolidays: settings.publicHolidays ?? DEFAULT_SETTINGS.publicHolidays,
          extraHolidays: settings.extraHolidays ?? [],
        },
        statusDate: settings.statusDate,
        version: settings.version ?? DEFAULT_SETTINGS.version,
      },
      lots,
      phases,
      tasks,
      links,
      projectStart: settings.computedStart,
      projectFinish: settings.computedFinish,
      warnings: settings.warnings ?? [],
      computedAt: (settings.computedAt ?? new Date()).toISOString(),
    };
  }

  // --------------------------------------------------------------------------------- writes

  /**
   * Runs `change` in one transaction with the plan locked, then recomputes and stores the
   * schedule. Everything inside uses `manager` only: on PGlite the session is leased to one
   * query runner, so any other connection would wait for this transaction forever.
   */
  private async writePlan(
    projectId: string,
    change: (manager: EntityManager, settings: PlanSettingsEntity) => Promise<void>,
  ): Promise<RetroPlanningDto> {
    const entry = await this.dataSource.transaction(async (manager) => {
      const settings = await this.lockPlan(manager, projectId);
      await change(manager, settings);
      const { revision } = await recomputeAndStore(manager, projectId, this.today());
      return { revision, plan: await this.readPlan(manager, projectId) };
    });
    // Committed, and read under the plan lock: exactly that revision, so the next GET is a hit.
    this.remember(projectId, entry);
    return entry.plan;
  }

  /**
   * Locks the project row, then creates the plan's settings row on its first edit. The lock
   * serialises every write of one plan (two edits never recompute from each other's stale
   * state), and taking the project row first, as a project edit does, keeps the lock order the
   * same everywhere, so a plan edit and a project edit cannot deadlock.
   */
  async lockPlan(manager: EntityManager, projectId: string): Promise<PlanSettingsEntity> {
    const project = (await manager.query(`SELECT id FROM project WHERE id = $1 FOR UPDATE`, [projectId])) as unknown[];
    if (project.length === 0) throw new NotFoundException(`Project ${projectId} not found`);
    await manager.query(`INSERT INTO plan_settings (project_id) VALUES ($1) ON CONFLICT (project_id) DO NOTHING`, [projectId]);
    return manager.findOneByOrFail(PlanSettingsEntity, { projectId });
  }

  /** Recomputes and stores a plan inside the caller's transaction (templates, seeds). */
  async recompute(manager: EntityManager, projectId: string): Promise<void> {
    await recomputeAndStore(manager, projectId, this.today());
  }

  async updateSettings(projectId: string, input: UpdatePlanSettingsDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager, settings) => {
      if (settings.version !== input.version) throw staleVersion('plan settings', projectId, settings.version);
      const project = (await manager.query(`SELECT target_go_live AS "targetGoLive" FROM project WHERE id = $1`, [
        projectId,
      ])) as { targetGoLive: string }[];
      const oldGoLive = project[0]?.targetGoLive ?? '';
      const before = settingsSnapshot(settings, oldGoLive);

      if (input.mode !== undefined) settings.mode = input.mode;
      if (input.projectStart !== undefined) settings.projectStart = input.projectStart;
      if (input.statusDate !== undefined) settings.statusDate = input.statusDate;
      if (input.calendar) {
        if (input.calendar.workingWeekdays !== undefined) {
          if (input.calendar.workingWeekdays.length === 0) {
            throw fieldError(400, 'calendar.workingWeekdays', 'calendar.workingWeekdays needs at least one working weekday');
          }
          settings.workingWeekdays = [...input.calendar.workingWeekdays].sort((a, b) => a - b);
        }
        if (input.calendar.publicHolidays !== undefined) settings.publicHolidays = input.calendar.publicHolidays;
        if (input.calendar.extraHolidays !== undefined) settings.extraHolidays = [...new Set(input.calendar.extraHolidays)].sort();
      }
      const goLive = input.targetGoLive ?? oldGoLive;
      if (settings.mode === 'forward') {
        if (settings.projectStart === null) {
          throw fieldError(400, 'projectStart', 'projectStart is required in forward mode');
        }
        if (goLive < settings.projectStart) {
          throw fieldError(400, 'targetGoLive', `targetGoLive ${goLive} is before the project start ${settings.projectStart}`);
        }
      }
      settings.version += 1;
      await manager.save(settings);
      if (input.targetGoLive !== undefined && input.targetGoLive !== oldGoLive) {
        await manager.query(
          `UPDATE project SET target_go_live = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
          [projectId, input.targetGoLive],
        );
        await this.moveGoLiveMilestones(manager, projectId, oldGoLive, input.targetGoLive);
      }
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'plan_settings',
        entityId: projectId,
        action: 'update',
        before,
        after: settingsSnapshot(settings, goLive),
      });
    });
  }

  /**
   * Milestones fixed on the go-live (the template's "Mise en production") stand for the go-live
   * itself: they follow it when it moves, as user edits (new version, audited).
   */
  private async moveGoLiveMilestones(manager: EntityManager, projectId: string, from: string, to: string): Promise<void> {
    const pinned = await manager.find(PlanTaskEntity, { where: { projectId, fixedDate: from } });
    for (const task of pinned) {
      const before = taskSnapshot(task);
      task.fixedDate = to;
      task.version += 1;
      await manager.save(task);
      await this.auditTrail.record(manager, { projectId, entity: 'task', entityId: task.id, action: 'update', before, after: taskSnapshot(task) });
    }
  }

  // ----- lots

  async createLot(projectId: string, input: CreateLotDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager, settings) => {
      this.checkLotGoLive(settings, input.goLive ?? null);
      const lot = manager.create(PlanLotEntity, {
        projectId,
        name: input.name,
        goLive: input.goLive ?? null,
        position: input.position ?? (await this.nextPosition(manager, 'plan_lot', projectId)),
      });
      await manager.save(lot);
      await this.auditTrail.record(manager, { projectId, entity: 'lot', entityId: lot.id, action: 'create', after: lotSnapshot(lot) });
    });
  }

  async updateLot(projectId: string, lotId: string, input: UpdateLotDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager, settings) => {
      const lot = await manager.findOneBy(PlanLotEntity, { id: lotId, projectId });
      if (!lot) throw notFound('lot', lotId);
      if (lot.version !== input.version) throw staleVersion('lot', lotId, lot.version);
      const before = lotSnapshot(lot);
      if (input.name !== undefined) lot.name = input.name;
      if (input.goLive !== undefined) lot.goLive = input.goLive;
      if (input.position !== undefined) lot.position = input.position;
      this.checkLotGoLive(settings, lot.goLive);
      lot.version += 1;
      await manager.save(lot);
      await this.auditTrail.record(manager, { projectId, entity: 'lot', entityId: lot.id, action: 'update', before, after: lotSnapshot(lot) });
    });
  }

  async deleteLot(projectId: string, lotId: string, version: number): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const lot = await manager.findOneBy(PlanLotEntity, { id: lotId, projectId });
      if (!lot) throw notFound('lot', lotId);
      if (lot.version !== version) throw staleVersion('lot', lotId, lot.version);
      // Its tasks stay in the plan, without a lot (ON DELETE SET NULL).
      await manager.delete(PlanLotEntity, { id: lotId, projectId });
      await this.auditTrail.record(manager, { projectId, entity: 'lot', entityId: lotId, action: 'delete', before: lotSnapshot(lot) });
    });
  }

  private checkLotGoLive(settings: PlanSettingsEntity, goLive: string | null): void {
    if (goLive !== null && settings.mode === 'forward' && settings.projectStart !== null && goLive < settings.projectStart) {
      throw fieldError(400, 'goLive', `goLive ${goLive} is before the project start ${settings.projectStart}`);
    }
  }

  // ----- phases

  async createPhase(projectId: string, input: CreatePhaseDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const phase = manager.create(PlanPhaseEntity, {
        projectId,
        name: input.name,
        position: input.position ?? (await this.nextPosition(manager, 'plan_phase', projectId)),
      });
      await manager.save(phase);
      await this.auditTrail.record(manager, { projectId, entity: 'phase', entityId: phase.id, action: 'create', after: phaseSnapshot(phase) });
    });
  }

  async updatePhase(projectId: string, phaseId: string, input: UpdatePhaseDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const phase = await manager.findOneBy(PlanPhaseEntity, { id: phaseId, projectId });
      if (!phase) throw notFound('phase', phaseId);
      if (phase.version !== input.version) throw staleVersion('phase', phaseId, phase.version);
      const before = phaseSnapshot(phase);
      if (input.name !== undefined) phase.name = input.name;
      if (input.position !== undefined) phase.position = input.position;
      phase.version += 1;
      await manager.save(phase);
      await this.auditTrail.record(manager, { projectId, entity: 'phase', entityId: phase.id, action: 'update', before, after: phaseSnapshot(phase) });
    });
  }

  async deletePhase(projectId: string, phaseId: string, version: number): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const phase = await manager.findOneBy(PlanPhaseEntity, { id: phaseId, projectId });
      if (!phase) throw notFound('phase', phaseId);
      if (phase.version !== version) throw staleVersion('phase', phaseId, phase.version);
      await manager.delete(PlanPhaseEntity, { id: phaseId, projectId });
      await this.auditTrail.record(manager, { projectId, entity: 'phase', entityId: phaseId, action: 'delete', before: phaseSnapshot(phase) });
    });
  }

  // ----- tasks

  async createTask(projectId: string, input: CreateTaskDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      await this.insertTask(manager, projectId, input);
    });
  }

  /** Inserts a task inside the caller's transaction (also used by templates); returns it. */
  async insertTask(manager: EntityManager, projectId: string, input: CreateTaskDto): Promise<PlanTaskEntity> {
    const task = manager.create(PlanTaskEntity, {
      projectId,
      name: input.name,
      duration: input.duration,
      phaseId: null,
      lotId: null,
      keyMilestone: false,
      fixedDate: null,
      ownerName: '',
      ownerUserId: null,
      progress: 0,
      actualStart: null,
      actualFinish: null,
      notes: '',
      position: 0,
    });
    const { name: _name, duration: _duration, ...fields } = input;
    this.applyTaskFields(task, fields);
    if (input.position === undefined) task.position = await this.nextPosition(manager, 'plan_task', projectId);
    await this.checkTask(manager, projectId, task, '');
    await manager.save(task);
    await this.auditTrail.record(manager, { projectId, entity: 'task', entityId: task.id, action: 'create', after: taskSnapshot(task) });
    return task;
  }

  async updateTask(projectId: string, taskId: string, input: UpdateTaskDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const task = await manager.findOneBy(PlanTaskEntity, { id: taskId, projectId });
      if (!task) throw notFound('task', taskId);
      await this.changeTask(manager, projectId, task, input, '');
    });
  }

  private async changeTask(
    manager: EntityManager,
    projectId: string,
    task: PlanTaskEntity,
    input: UpdateTaskDto,
    fieldPrefix: string,
  ): Promise<void> {
    if (task.version !== input.version) throw staleVersion('task', task.id, task.version);
    const before = taskSnapshot(task);
    const { version: _version, ...fields } = input;
    this.applyTaskFields(task, fields);
    await this.checkTask(manager, projectId, task, fieldPrefix);
    task.version += 1;
    await manager.save(task);
    await this.auditTrail.record(manager, { projectId, entity: 'task', entityId: task.id, action: 'update', before, after: taskSnapshot(task) });
  }

  private applyTaskFields(task: PlanTaskEntity, fields: TaskFields & { id?: string }): void {
    if (fields.name !== undefined) task.name = fields.name;
    if (fields.duration !== undefined) task.duration = fields.duration;
    if (fields.phaseId !== undefined) task.phaseId = fields.phaseId;
    if (fields.lotId !== undefined) task.lotId = fields.lotId;
    if (fields.keyMilestone !== undefined) task.keyMilestone = fields.keyMilestone;
    if (fields.fixedDate !== undefined) task.fixedDate = fields.fixedDate;
    if (fields.ownerName !== undefined) task.ownerName = fields.ownerName;
    if (fields.ownerUserId !== undefined) task.ownerUserId = fields.ownerUserId;
    if (fields.progress !== undefined) task.progress = fields.progress;
    if (fields.actualStart !== undefined) task.actualStart = fields.actualStart;
    if (fields.actualFinish !== undefined) task.actualFinish = fields.actualFinish;
    if (fields.notes !== undefined) task.notes = fields.notes;
    if (fields.position !== undefined) task.position = fields.position;
  }

  /** Checks the task as it would be stored, naming the field at fault. */
  private async checkTask(manager: EntityManager, projectId: string, task: PlanTaskEntity, prefix: string): Promise<void> {
    if (task.fixedDate !== null && task.duration !== 0) {
      throw fieldError(400, `${prefix}fixedDate`, 'fixedDate is for milestones only (duration 0)');
    }
    if (task.actualStart !== null && task.actualFinish !== null && task.actualFinish < task.actualStart) {
      throw fieldError(400, `${prefix}actualFinish`, `actualFinish ${task.actualFinish} is before actualStart ${task.actualStart}`);
    }
    if (task.phaseId !== null && !(await manager.existsBy(PlanPhaseEntity, { id: task.phaseId, projectId }))) {
      throw fieldError(422, `${prefix}phaseId`, `phaseId ${task.phaseId} is not a phase of this project`);
    }
    if (task.lotId !== null && !(await manager.existsBy(PlanLotEntity, { id: task.lotId, projectId }))) {
      throw fieldError(422, `${prefix}lotId`, `lotId ${task.lotId} is not a lot of this project`);
    }
    if (task.ownerUserId !== null) {
      const members = (await manager.query(`SELECT 1 FROM project_member WHERE project_id = $1 AND user_id = $2`, [
        projectId,
        task.ownerUserId,
      ])) as unknown[];
      if (members.length === 0) {
        throw fieldError(422, `${prefix}ownerUserId`, `ownerUserId ${task.ownerUserId} is not a member of this project`);
      }
    }
  }

  async deleteTask(projectId: string, taskId: string, version: number): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const task = await manager.findOneBy(PlanTaskEntity, { id: taskId, projectId });
      if (!task) throw notFound('task', taskId);
      if (task.version !== version) throw staleVersion('task', taskId, task.version);
      const links = await manager.find(PlanLinkEntity, {
        where: [
          { projectId, fromTaskId: taskId },
          { projectId, toTaskId: taskId },
        ],
      });
      for (const link of links) {
        await manager.delete(PlanLinkEntity, { id: link.id, projectId });
        await this.auditTrail.record(manager, { projectId, entity: 'link', entityId: link.id, action: 'delete', before: linkSnapshot(link) });
      }
      await manager.delete(PlanTaskEntity, { id: taskId, projectId });
      await this.auditTrail.record(manager, { projectId, entity: 'task', entityId: taskId, action: 'delete', before: taskSnapshot(task) });
    });
  }

  // ----- links

  async createLink(projectId: string, input: CreateLinkDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      await this.insertLink(manager, projectId, input);
    });
  }

  /** Inserts a link inside the caller's transaction (also used by templates). */
  async insertLink(manager: EntityManager, projectId: string, input: CreateLinkDto): Promise<PlanLinkEntity> {
    if (input.fromTaskId === input.toTaskId) {
      throw fieldError(400, 'toTaskId', 'a task cannot be linked to itself');
    }
    const tasks = await manager.find(PlanTaskEntity, {
      select: { id: true },
      where: { projectId, id: In([input.fromTaskId, input.toTaskId]) },
    });
    const found = new Set(tasks.map((task) => task.id));
    for (const field of ['fromTaskId', 'toTaskId'] as const) {
      if (!found.has(input[field])) throw fieldError(422, field, `${field} ${input[field]} is not a task of this project`);
    }
    if (await manager.existsBy(PlanLinkEntity, { projectId, fromTaskId: input.fromTaskId, toTaskId: input.toTaskId })) {
      throw fieldError(422, 'toTaskId', 'these two tasks are already linked in this direction');
    }
    const link = manager.create(PlanLinkEntity, {
      projectId,
      fromTaskId: input.fromTaskId,
      toTaskId: input.toTaskId,
      type: input.type ?? 'FS',
      lag: input.lag ?? 0,
    });
    await manager.save(link);
    await this.auditTrail.record(manager, { projectId, entity: 'link', entityId: link.id, action: 'create', after: linkSnapshot(link) });
    return link;
  }

  async updateLink(projectId: string, linkId: string, input: UpdateLinkDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const link = await manager.findOneBy(PlanLinkEntity, { id: linkId, projectId });
      if (!link) throw notFound('link', linkId);
      await this.changeLink(manager, projectId, link, input);
    });
  }

  private async changeLink(manager: EntityManager, projectId: string, link: PlanLinkEntity, input: UpdateLinkDto): Promise<void> {
    if (link.version !== input.version) throw staleVersion('link', link.id, link.version);
    const before = linkSnapshot(link);
    if (input.type !== undefined) link.type = input.type;
    if (input.lag !== undefined) link.lag = input.lag;
    link.version += 1;
    await manager.save(link);
    await this.auditTrail.record(manager, { projectId, entity: 'link', entityId: link.id, action: 'update', before, after: linkSnapshot(link) });
  }

  async deleteLink(projectId: string, linkId: string, version: number): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const link = await manager.findOneBy(PlanLinkEntity, { id: linkId, projectId });
      if (!link) throw notFound('link', linkId);
      if (link.version !== version) throw staleVersion('link', linkId, link.version);
      await manager.delete(PlanLinkEntity, { id: linkId, projectId });
      await this.auditTrail.record(manager, { projectId, entity: 'link', entityId: linkId, action: 'delete', before: linkSnapshot(link) });
    });
  }

  // ----- bulk

  /** Several tasks and links changed at once (a Gantt drag): one transaction, one recompute. */
  async bulkEdit(projectId: string, input: BulkPlanEditDto): Promise<RetroPlanningDto> {
    return this.writePlan(projectId, async (manager) => {
      const taskInputs = input.tasks ?? [];
      const linkInputs: BulkLinkDto[] = input.links ?? [];
      this.refuseDuplicates(taskInputs.map((task) => task.id), 'tasks');
      this.refuseDuplicates(linkInputs.map((link) => link.id), 'links');
      const tasks = taskInputs.length
        ? await manager.findBy(PlanTaskEntity, { projectId, id: In(taskInputs.map((task) => task.id)) })
        : [];
      const taskById = new Map(tasks.map((task) => [task.id, task]));
      for (const [index, change] of taskInputs.entries()) {
        const task = taskById.get(change.id);
        if (!task) throw fieldError(422, `tasks.${index}.id`, `task ${change.id} is not a task of this project`);
        const { id: _id, ...update } = change;
        await this.changeTask(manager, projectId, task, update, `tasks.${index}.`);
      }
      const links = linkInputs.length
        ? await manager.findBy(PlanLinkEntity, { projectId, id: In(linkInputs.map((link) => link.id)) })
        : [];
      const linkById = new Map(links.map((link) => [link.id, link]));
      for (const [index, change] of linkInputs.entries()) {
        const link = linkById.get(change.id);
        if (!link) throw fieldError(422, `links.${index}.id`, `link ${change.id} is not a link of this project`);
        const { id: _id, ...update } = change;
        await this.changeLink(manager, projectId, link, update);
      }
    });
  }

  private refuseDuplicates(ids: string[], field: 'tasks' | 'links'): void {
    const seen = new Set<string>();
    for (const [index, id] of ids.entries()) {
      if (seen.has(id)) throw fieldError(400, `${field}.${index}.id`, `${id} appears twice in ${field}`);
      seen.add(id);
    }
  }

  private async nextPosition(manager: EntityManager, table: 'plan_task' | 'plan_lot' | 'plan_phase', projectId: string): Promise<number> {
    const rows = (await manager.query(`SELECT COALESCE(MAX(position) + 1, 0) AS next FROM ${table} WHERE project_id = $1`, [
      projectId,
    ])) as { next: number }[];
    return Number(rows[0]?.next ?? 0);
  }
}
