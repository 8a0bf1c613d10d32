import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RetroPlanningDto } from '@jalon/domain';
import { Clock } from '../clock/clock';
import { PlanSettingsEntity } from './entities/plan-settings.entity';
import { PlanReader } from './plan-reader.service';
import { PlanRepository } from './plan-repository';
import { recomputeAndStore } from './plan-schedule';

/**
 * The write transaction of a plan. Each edit runs in one transaction that locks the plan (see
 * `lockPlan`), applies the change, recomputes the schedule and stores it, so edits of one plan
 * are serialised and a refused change writes nothing.
 */
@Injectable()
export class PlanWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PlanRepository,
    private readonly reader: PlanReader,
    private readonly clock: Clock,
  ) {}

  /** 'YYYY-MM-DD' in France, from the app's Clock: the status date of plans that have none. */
  today(): string {
    return this.clock.today();
  }

  /**
   * Runs `change` in one transaction with the plan locked, then recomputes and stores the
   * schedule, and answers the plan as stored. Everything inside uses `manager` only: on PGlite
   * the session is leased to one query runner, so any other connection would wait forever.
   */
  async write(
    projectId: string,
    change: (manager: EntityManager, settings: PlanSettingsEntity) => Promise<void>,
  ): Promise<RetroPlanningDto> {
    const entry = await this.dataSource.transaction(async (manager) => {
      const settings = await this.lockPlan(manager, projectId);
      await change(manager, settings);
      const { revision } = await recomputeAndStore(manager, projectId, this.today());
      return { revision: String(revision), plan: await this.repository.readPlan(manager, projectId) };
    });
    // Committed, and read under the plan lock: exactly that revision, so the next GET is a hit.
    this.reader.remember(projectId, entry);
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

  /** Recomputes and stores a plan inside the caller's transaction (templates, seeds, jobs). */
  async recompute(manager: EntityManager, projectId: string): Promise<void> {
    await recomputeAndStore(manager, projectId, this.today());
  }
}
