import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { WorkingCalendar } from '@jalon/planning';
import type {
  BaselineComparisonDto,
  BaselineSummaryDto,
  MilestoneTrendDto,
  SlippageDto,
} from '@jalon/domain';
import { AuditTrail } from '../audit/audit-trail.service';
import { PlanBaselineEntity } from './entities/plan-baseline.entity';
import { calendarOf } from './plan-schedule';
import { PlanningService } from './planning.service';

/** One task's dates on one side of a comparison. */
interface DatedTask {
  taskId: string;
  name: string;
  duration: number;
  keyMilestone: boolean;
  start: string;
  finish: string;
  /** Order in which the plan shows it. */
  rank: number;
}

export interface BaselineAuthor {
  id: string;
  name: string;
}

/**
 * Baselines ("références"): frozen, named copies of every task's dates, compared with the plan
 * or with each other. Immutable once frozen: there is no update or delete.
 */
@Injectable()
export class BaselinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planning: PlanningService,
    private readonly auditTrail: AuditTrail,
  ) {}

  async list(projectId: string): Promise<BaselineSummaryDto[]> {
    await this.requireProject(projectId);
    const baselines = await this.dataSource.getRepository(PlanBaselineEntity).find({
      where: { projectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return baselines.map((baseline) => this.summary(baseline));
  }

  async create(projectId: string, name: string, author: BaselineAuthor | null): Promise<BaselineSummaryDto> {
    return this.dataSource.transaction((manager) => this.freeze(manager, projectId, name, author));
  }

  /** Freezes the stored dates of the plan inside the caller's transaction (also used by seeds). */
  async freeze(manager: EntityManager, projectId: string, name: string, author: BaselineAuthor | null): Promise<BaselineSummaryDto> {
    // The plan lock keeps a concurrent edit from landing between the copy of two tasks.
    await this.planning.lockPlan(manager, projectId);
    // The count is taken with the rows under the plan lock: a baseline row is never updated.
    const inserted = (await manager.query(
      `INSERT INTO plan_baseline (project_id, name, created_by_id, created_by_name, task_count)
       SELECT $1, $2, $3, $4, count(*) FROM plan_task
        WHERE project_id = $1 AND start_date IS NOT NULL AND finish_date IS NOT NULL
       RETURNING id`,
      [projectId, name, author?.id ?? null, author?.name ?? null],
    )) as { id: string }[];
    const id = inserted[0]?.id;
    if (!id) throw new Error('The baseline was not created');
    await manager.query(
      `INSERT INTO plan_baseline_task (baseline_id, task_id, name, duration, key_milestone, start_date, finish_date)
       SELECT $1, id, name, duration, key_milestone, start_date, finish_date
         FROM plan_task WHERE project_id = $2 AND start_date IS NOT NULL AND finish_date IS NOT NULL`,
      [id, projectId],
    );
    const baseline = await manager.findOneByOrFail(PlanBaselineEntity, { id });
    await this.auditTrail.record(manager, {
      projectId,
      entity: 'baseline',
      entityId: id,
      action: 'create',
      after: { name: baseline.name, taskCount: baseline.taskCount },
      label: baseline.name,
    });
    return this.summary(baseline);
  }

  /** `reference` compared with the current plan (`with` = 'plan') or another baseline. */
  async compare(projectId: string, referenceId: string, withWhat: string): Promise<BaselineComparisonDto> {
    const reference = await this.findBaseline(projectId, referenceId);
    const calendar = await this.calendar(projectId);
    const referenceTasks = await this.baselineTasks(reference.id);
    let current: BaselineComparisonDto['current'];
    let currentTasks: DatedTask[];
    if (withWhat === 'plan') {
      current = { kind: 'plan' };
      currentTasks = await this.planTasks(projectId);
    } else {
      const other = await this.findBaseline(projectId, withWhat);
      current = { kind: 'baseline', id: other.id, name: other.name };
      currentTasks = await this.baselineTasks(other.id);
    }
    return {
      reference: { kind: 'baseline', id: reference.id, name: reference.name },
      current,
      rows: compareTasks(referenceTasks, currentTasks, calendar),
    };
  }

  /** Per key milestone, its date at each baseline and now: the data of a milestone trend chart. */
  async milestoneTrend(projectId: string): Promise<MilestoneTrendDto> {
    await this.requireProject(projectId);
    const baselines = await this.dataSource.getRepository(PlanBaselineEntity).find({
      where: { projectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const current = await this.planTasks(projectId);
    const rows = baselines.length
      ? ((await this.dataSource.query(
          `SELECT bt.baseline_id AS "baselineId", bt.task_id AS "taskId", bt.name, bt.finish_date AS finish
             FROM plan_baseline_task bt JOIN plan_baseline b ON b.id = bt.baseline_id
            WHERE b.project_id = $1 AND bt.key_milestone AND bt.duration = 0`,
          [projectId],
        )) as { baselineId: string; taskId: string; name: string; finish: string }[])
      : [];
    const forecastsByTask = new Map<string, Map<string, string>>();
    const names = new Map<string, string>();
    for (const row of rows) {
      let byBaseline = forecastsByTask.get(row.taskId);
      if (!byBaseline) forecastsByTask.set(row.taskId, (byBaseline = new Map()));
      byBaseline.set(row.baselineId, row.finish);
      names.set(row.taskId, row.name);
    }
    const currentMilestones = current.filter((task) => task.keyMilestone && task.duration === 0);
    const currentById = new Map(currentMilestones.map((task) => [task.taskId, task]));
    // Current key milestones in plan order, then those that only live in baselines.
    const taskIds = [
      ...currentMilestones.map((task) => task.taskId),
      ...[...forecastsByTask.keys()].filter((id) => !currentById.has(id)),
    ];
    return {
      baselines: baselines.map((baseline) => ({ id: baseline.id, name: baseline.name, createdAt: baseline.createdAt.toISOString() })),
      milestones: taskIds.map((taskId) => ({
        taskId,
        name: currentById.get(taskId)?.name ?? names.get(taskId) ?? '',
        forecasts: baselines.map((baseline) => forecastsByTask.get(taskId)?.get(baseline.id) ?? null),
        current: currentById.get(taskId)?.finish ?? null,
      })),
    };
  }

  /** Finish slippage of each task of the plan against the most recent baseline (for exports). */
  async slippageAgainstLatest(projectId: string): Promise<{ baseline: BaselineSummaryDto | null; byTask: Map<string, number | null> }> {
    const latest = await this.dataSource.getRepository(PlanBaselineEntity).findOne({
      where: { projectId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    if (!latest) return { baseline: null, byTask: new Map() };
    const comparison = compareTasks(await this.baselineTasks(latest.id), await this.planTasks(projectId), await this.calendar(projectId));
    return {
      baseline: this.summary(latest),
      byTask: new Map(comparison.map((row) => [row.taskId, row.finishSlippage])),
    };
  }

  private summary(baseline: PlanBaselineEntity): BaselineSummaryDto {
    return {
      id: baseline.id,
      name: baseline.name,
      createdAt: baseline.createdAt.toISOString(),
      createdBy: baseline.createdByName,
      taskCount: baseline.taskCount,
    };
  }

  private async requireProject(projectId: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM project WHERE id = $1`, [projectId])) as unknown[];
    if (rows.length === 0) throw new NotFoundException(`Project ${projectId} not found`);
  }

  private async findBaseline(projectId: string, baselineId: string): Promise<PlanBaselineEntity> {
    const baseline = await this.dataSource.getRepository(PlanBaselineEntity).findOneBy({ id: baselineId, projectId });
    if (!baseline) throw new NotFoundException(`The baseline ${baselineId} does not exist in this project`);
    return baseline;
  }

  private async calendar(projectId: string): Promise<WorkingCalendar> {
    const plan = await this.planning.getPlan(projectId);
    return calendarOf({ ...plan.settings.calendar, mode: plan.settings.mode, projectStart: null, statusDate: null });
  }

  private async baselineTasks(baselineId: string): Promise<DatedTask[]> {
    return (await this.dataSource.query(
      `SELECT task_id AS "taskId", name, duration, key_milestone AS "keyMilestone", start_date AS start,
              finish_date AS finish, (row_number() OVER (ORDER BY start_date, finish_date, name))::int AS rank
         FROM plan_baseline_task WHERE baseline_id = $1`,
      [baselineId],
    )) as DatedTask[];
  }

  private async planTasks(projectId: string): Promise<DatedTask[]> {
    const plan = await this.planning.getPlan(projectId);
    return plan.tasks.map((task, rank) => ({
      taskId: task.id,
      name: task.name,
      duration: task.duration,
      keyMilestone: task.keyMilestone,
      start: task.start,
      finish: task.finish,
      rank,
    }));
  }
}

/**
 * Rows in the order of the current side, then tasks only the reference has. Slippage is in
 * working days of the project's calendar, current minus reference: positive = late.
 */
export function compareTasks(reference: DatedTask[], current: DatedTask[], calendar: WorkingCalendar): SlippageDto[] {
  const referenceById = new Map(reference.map((task) => [task.taskId, task]));
  const currentIds = new Set(current.map((task) => task.taskId));
  const row = (ref: DatedTask | undefined, cur: DatedTask | undefined): SlippageDto => {
    const task = (cur ?? ref) as DatedTask;
    return {
      taskId: task.taskId,
      name: task.name,
      isMilestone: task.duration === 0,
      keyMilestone: task.keyMilestone,
      referenceStart: ref?.start ?? null,
      referenceFinish: ref?.finish ?? null,
      currentStart: cur?.start ?? null,
      currentFinish: cur?.finish ?? null,
      finishSlippage: ref && cur ? calendar.workingDaysBetween(ref.finish, cur.finish) : null,
      startSlippage: ref && cur ? calendar.workingDaysBetween(ref.start, cur.start) : null,
    };
  };
  return [
    ...[...current].sort((a, b) => a.rank - b.rank).map((cur) => row(referenceById.get(cur.taskId), cur)),
    ...[...reference]
      .filter((ref) => !currentIds.has(ref.taskId))
      .sort((a, b) => a.rank - b.rank)
      .map((ref) => row(ref, undefined)),
  ];
}
