import type { SerialisedJson } from '../common/serialised-json';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { compactPlan, type RetroPlanningDto } from '@jalon/domain';
import { queryPrepared, type PreparedStatement } from '../database/prepared-statement';
import { PlanRepository } from './plan-repository';

/** How many plans the read cache keeps; a plan of 1,000 tasks is about 0.5 MB. */
const CACHE_SIZE = 100;

/** The plan's revision, read on every GET of the plan to tell whether the cached plan is current. */
const PLAN_REVISION: PreparedStatement = {
  name: 'jalon_plan_revision',
  text: `SELECT p.id, s.revision FROM project p LEFT JOIN plan_settings s ON s.project_id = p.id WHERE p.id = $1`,
};

export interface CachedPlan {
  revision: string;
  plan: RetroPlanningDto;
  /** The plan serialised once per revision and encoding, as sent, plain and gzipped. */
  json?: Buffer;
  gzip?: Buffer;
  compactJson?: Buffer;
  compactGzip?: Buffer;
}

/** `plain`: a `RetroPlanningDto`; `compact`: a `CompactPlanDto` (about a third of the bytes). */
export type PlanEncoding = 'plain' | 'compact';

/** The plan ready to send: serialising 1,000 tasks on every GET would dominate its cost. */
export type SerialisedPlan = SerialisedJson;

/**
 * Reading plans, with a cache per revision. Reads never recompute; a plan unchanged since the
 * last read (same revision of its settings row) is served from memory. Writes hand the plan they
 * read under the plan lock to `remember`, so the GET after an edit is a hit.
 */
@Injectable()
export class PlanReader {
  private readonly cache = new Map<string, CachedPlan>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PlanRepository,
  ) {}

  async getPlan(projectId: string): Promise<RetroPlanningDto> {
    return (await this.cachedPlan(projectId)).plan;
  }

  /** The plan as the GET route sends it, serialised (and compressed) once per revision and encoding. */
  async getSerialisedPlan(projectId: string, encoding: PlanEncoding = 'plain'): Promise<SerialisedPlan> {
    const entry = await this.cachedPlan(projectId);
    if (encoding === 'compact') {
      entry.compactJson ??= Buffer.from(JSON.stringify(compactPlan(entry.plan)));
      const json = entry.compactJson;
      return {
        etag: `"plan-${entry.revision}-${projectId}-compact"`,
        json,
        gzip: () => (entry.compactGzip ??= gzipSync(json, { level: 6 })),
      };
    }
    entry.json ??= Buffer.from(JSON.stringify(entry.plan));
    const json = entry.json;
    return {
      etag: `"plan-${entry.revision}-${projectId}"`,
      json,
      gzip: () => (entry.gzip ??= gzipSync(json, { level: 6 })),
    };
  }

  /** Keeps a plan read under the plan lock of the write that produced `revision`. */
  remember(projectId: string, entry: CachedPlan): void {
    this.cache.delete(projectId);
    this.cache.set(projectId, entry);
    while (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  private async cachedPlan(projectId: string): Promise<CachedPlan> {
    const rows = await queryPrepared<{ id: string; revision: string | null }>(this.dataSource, PLAN_REVISION, [projectId]);
    const row = rows[0];
    if (!row) throw new NotFoundException(`Project ${projectId} not found`);
    const manager = this.dataSource.manager;
    // A plan never edited has no settings row: revision 0, and nothing worth caching.
    if (row.revision === null) return { revision: '0', plan: await this.repository.readPlan(manager, projectId) };
    const revision = String(row.revision);
    const cached = this.cache.get(projectId);
    if (cached && cached.revision === revision) {
      // Most recently used last, so the oldest entry is the one evicted.
      this.remember(projectId, cached);
      return cached;
    }
    // Read after the revision: if an edit commits in between, the newer plan is cached under
    // the older revision and simply re-read on the next GET, never the other way round.
    const entry: CachedPlan = { revision, plan: await this.repository.readPlan(manager, projectId) };
    this.remember(projectId, entry);
    return entry;
  }
}
