import type { SerialisedJson } from '../common/serialised-json';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ActionDto,
  DecisionDto,
  IncubationDto,
  KpiBoardDto,
  KpiDto,
  MyActionDto,
  ProjectWeather,
  Weather,
  WeatherEntryDto,
} from '@jalon/domain';
import { greenStreak, incubationState, isWeekStart, kpiStatus } from '@jalon/meetings';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../clock/clock';
import { createRow, deleteRow, editRow } from '../common/edit-row';
import { fieldError, notFound, staleVersion } from '../common/api-errors';
import type { ActionListQueryDto, CreateKpiDto, DecisionLogQueryDto, KpiSettingsDtoIn, KpiValueDtoIn, UpdateKpiDto, WeatherDtoIn } from './dto/meeting.dto';
import { MeetingSettingsEntity, ProjectKpiEntity, ProjectKpiValueEntity, ProjectWeatherEntity } from './entities/meeting.entities';
import { KPI_KIND, queryActions, queryDecisions } from './meeting-rows';
import type { MeetingActor } from './meetings.service';

const DEFAULT_GREEN_WEEKS = 4;

/** The project's own weather field, in the words of the project record. */
const PROJECT_WEATHER_OF: Record<Weather, ProjectWeather> = { ensoleille: 'sunny', nuageux: 'cloudy', orageux: 'stormy' };

/** How many serialised lists the read cache keeps (a log of 300 decisions is about 150 KB of JSON). */
const CACHE_SIZE = 100;

/** A list ready to send: serialising hundreds of rows on every GET would dominate its cost. */
export type SerialisedList = SerialisedJson;

interface CachedList {
  stamp: string;
  json: Buffer;
  gzip?: Buffer;
}

/**
 * What outlives single meetings: the decision log and the action list of a project (filters,
 * exports), each member's own actions across projects, the weather history and the incubation KPIs.
 */
@Injectable()
export class SteeringRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  private readonly cache = new Map<string, CachedList>();
  /** Computations under way, by key and stamp. */
  private readonly computing = new Map<string, Promise<CachedList>>();

  today(): string {
    return this.clock.today();
  }

  /**
   * The decision log as the GET route sends it, computed and serialised once per state of the
   * project's decisions and meetings (count, sum of versions and latest change of each: every
   * write adds or removes a row or moves a version) and filter.
   */
  async serialisedDecisionLog(projectId: string, query: DecisionLogQueryDto = {}): Promise<SerialisedList> {
    const rows = (await this.dataSource.query(
      `SELECT (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at)::text, '') FROM meeting_decision WHERE project_id = $1) AS decisions,
              (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at)::text, '') FROM meeting WHERE project_id = $1) AS meetings`,
      [projectId],
    )) as Array<{ decisions: string; meetings: string }>;
    const stamp = `${rows[0]!.decisions}:${rows[0]!.meetings}`;
    return this.serialised(`decisions:${projectId}:${query.meetingId ?? ''}:${query.impact ?? ''}`, stamp, () => this.decisionLog(projectId, query));
  }

  /** The action list likewise; the stamp adds today (overdue flags) and the latest change of a user (owners' names). */
  async serialisedActionList(projectId: string, query: ActionListQueryDto = {}): Promise<SerialisedList> {
    const rows = (await this.dataSource.query(
      `SELECT (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at)::text, '') FROM meeting_action WHERE project_id = $1) AS actions,
              (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at)::text, '') FROM meeting WHERE project_id = $1) AS meetings,
              (SELECT max(updated_at)::text FROM app_user) AS users`,
      [projectId],
    )) as Array<{ actions: string; meetings: string; users: string | null }>;
    const stamp = `${rows[0]!.actions}:${rows[0]!.meetings}:${rows[0]!.users ?? ''}:${this.today()}`;
    const key = `actions:${projectId}:${query.meetingId ?? ''}:${query.ownerUserId ?? ''}:${query.status ?? ''}:${query.overdue ?? ''}`;
    return this.serialised(key, stamp, () => this.actionList(projectId, query));
  }

  /**
   * The list of `key` in the state `stamp`, from the cache or computed once: concurrent readers of a
   * state not yet cached (every client just after a write) wait for the same computation.
   */
  private async serialised(key: string, stamp: string, compute: () => Promise<unknown>): Promise<SerialisedList> {
    let entry = this.cache.get(key);
    if (!entry || entry.stamp !== stamp) {
      const computationKey = `${key}\n${stamp}`;
      let computation = this.computing.get(computationKey);
      if (!computation) {
        computation = (async () => {
          const computed: CachedList = { stamp, json: Buffer.from(JSON.stringify(await compute())) };
          this.cache.delete(key);
          this.cache.set(key, computed);
          while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
          return computed;
        })();
        this.computing.set(computationKey, computation);
        void computation.then(
          () => this.computing.delete(computationKey),
          () => this.computing.delete(computationKey),
        );
      }
      entry = await computation;
    }
    const cached = entry;
    return {
      etag: `"${createHash('sha1').update(key).update(stamp).digest('base64url')}"`,
      json: cached.json,
      gzip: () => (cached.gzip ??= gzipSync(cached.json, { level: 6 })),
    };
  }

  // ---------------------------------------------------------------------------------- decision log, actions

  decisionLog(projectId: string, query: DecisionLogQueryDto = {}): Promise<DecisionDto[]> {
    const conditions = ['d.project_id = $1'];
    const params: unknown[] = [projectId];
    if (query.meetingId) {
      params.push(query.meetingId);
      conditions.push(`d.meeting_id = $${params.length}`);
    }
    if (query.impact) conditions.push(`d.impact_${query.impact} = true`);
    return queryDecisions(this.dataSource.manager, conditions.join(' AND '), params);
  }

  actionList(projectId: string, query: ActionListQueryDto = {}): Promise<ActionDto[]> {
    const conditions = ['a.project_id = $2'];
    const params: unknown[] = [this.today(), projectId];
    if (query.meetingId) {
      params.push(query.meetingId);
      conditions.push(`(a.meeting_id = $${params.length} OR a.carried_over_to_meeting_id = $${params.length})`);
    }
    if (query.ownerUserId) {
      params.push(query.ownerUserId);
      conditions.push(`a.owner_user_id = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      conditions.push(`a.status = $${params.length}`);
    }
    if (query.overdue === true) conditions.push(`a.status IN ('a_faire', 'en_cours') AND a.due_date < $1::date`);
    if (query.overdue === false) conditions.push(`NOT (a.status IN ('a_faire', 'en_cours') AND a.due_date IS NOT NULL AND a.due_date < $1::date)`);
    return queryActions(this.dataSource.manager, conditions.join(' AND '), params);
  }

  /** The caller's open actions in every project they are a member of, overdue first. */
  async myActions(userId: string): Promise<MyActionDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.id, p.name AS "projectName"
         FROM meeting_action a JOIN project p ON p.id = a.project_id
         JOIN project_member pm ON pm.project_id = a.project_id AND pm.user_id = $1
        WHERE a.owner_user_id = $1 AND a.status IN ('a_faire', 'en_cours')`,
      [userId],
    )) as Array<{ id: string; projectName: string }>;
    if (rows.length === 0) return [];
    const names = new Map(rows.map((row) => [row.id, row.projectName]));
    const actions = await queryActions(
      this.dataSource.manager,
      'a.id = ANY($2::uuid[])',
      [this.today(), rows.map((row) => row.id)],
      `(a.status IN ('a_faire', 'en_cours') AND a.due_date < $1::date) DESC, a.due_date ASC NULLS LAST, a.created_at, a.id`,
    );
    return actions.map((action) => ({ ...action, projectName: names.get(action.id) ?? '' }));
  }

  // ---------------------------------------------------------------------------------- weather

  async weatherHistory(projectId: string): Promise<WeatherEntryDto[]> {
    const rows = await this.dataSource.manager.find(ProjectWeatherEntity, { where: { projectId }, order: { setAt: 'DESC', id: 'DESC' } });
    return rows.map(weatherDto);
  }

  async setWeather(
    projectId: string,
    input: WeatherDtoIn,
    actor: MeetingActor | null,
    manager?: EntityManager,
    /** Seeds: the past instant of a history entry, which leaves the project's current weather alone. */
    at?: Date,
  ): Promise<WeatherEntryDto> {
    const work = async (manager: EntityManager) => {
      if (input.meetingId) {
        const rows = (await manager.query(`SELECT 1 FROM meeting WHERE id = $1 AND project_id = $2`, [input.meetingId, projectId])) as unknown[];
        if (rows.length === 0) throw fieldError(422, 'meetingId', `meetingId ${input.meetingId} is not a meeting of this project`, 'invalid_reference');
      }
      const row = await manager.save(ProjectWeatherEntity, manager.create(ProjectWeatherEntity, {
        projectId,
        weather: input.weather,
        comment: input.comment ?? '',
        setBy: actor?.id ?? null,
        setByName: actor?.displayName ?? null,
        setAt: at ?? this.clock.now(),
        meetingId: input.meetingId ?? null,
      }));
      // The project's current weather is the latest entry of its history.
      const projects = (await manager.query(`SELECT weather, weather_comment AS "weatherComment" FROM project WHERE id = $1 FOR UPDATE`, [projectId])) as Array<{
        weather: string;
        weatherComment: string;
      }>;
      const current = projects[0];
      const weather = PROJECT_WEATHER_OF[row.weather];
      if (!at && current && (current.weather !== weather || current.weatherComment !== row.comment)) {
        await manager.query(`UPDATE project SET weather = $2, weather_comment = $3, version = version + 1, updated_at = now() WHERE id = $1`, [projectId, weather, row.comment]);
        await this.auditTrail.record(manager, {
          projectId,
          entity: 'project',
          entityId: projectId,
          action: 'update',
          before: { weather: current.weather, weatherComment: current.weatherComment },
          after: { weather, weatherComment: row.comment },
        });
      }
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'weather',
        entityId: row.id,
        action: 'create',
        after: { weather: row.weather, comment: row.comment, meetingId: row.meetingId },
      });
      return weatherDto(row);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  // ---------------------------------------------------------------------------------- KPIs

  async kpiBoard(projectId: string, manager: EntityManager = this.dataSource.manager): Promise<KpiBoardDto> {
    const [kpis, values, settings] = await Promise.all([
      manager.find(ProjectKpiEntity, { where: { projectId }, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } }),
      manager.find(ProjectKpiValueEntity, { where: { projectId }, order: { weekStart: 'ASC' } }),
      manager.findOneBy(MeetingSettingsEntity, { projectId }),
    ]);
    const byKpi = new Map<string, Array<{ weekStart: string; value: number }>>();
    for (const value of values) {
      const list = byKpi.get(value.kpiId) ?? [];
      list.push({ weekStart: value.weekStart, value: value.value });
      byKpi.set(value.kpiId, list);
    }
    const dtos: KpiDto[] = kpis.map((kpi) => {
      const series = byKpi.get(kpi.id) ?? [];
      const latest = series[series.length - 1];
      return {
        id: kpi.id,
        projectId,
        name: kpi.name,
        unit: kpi.unit,
        target: kpi.target,
        direction: kpi.direction,
        tolerance: kpi.tolerance,
        position: kpi.position,
        values: series.map((entry) => ({ ...entry, status: kpiStatus(entry.value, kpi) })),
        status: kpiStatus(latest?.value ?? null, kpi),
        greenStreak: greenStreak({ ...kpi, values: series }),
        version: kpi.version,
      };
    });
    const greenWeeksRequired = settings?.incubationGreenWeeks ?? DEFAULT_GREEN_WEEKS;
    const state = incubationState(
      kpis.map((kpi) => ({ ...kpi, values: byKpi.get(kpi.id) ?? [] })),
      greenWeeksRequired,
    );
    const incubation: IncubationDto = { greenWeeksRequired, ...state, version: settings?.version ?? 1 };
    return { kpis: dtos, incubation };
  }

  async createKpi(projectId: string, input: CreateKpiDto, manager?: EntityManager): Promise<KpiBoardDto> {
    const work = async (manager: EntityManager) => {
      const last = (await manager.query(`SELECT coalesce(max(position), 0)::int AS position FROM project_kpi WHERE project_id = $1`, [projectId])) as Array<{ position: number }>;
      await createRow(manager, this.auditTrail, KPI_KIND, projectId, manager.create(ProjectKpiEntity, {
        projectId,
        name: input.name,
        unit: input.unit ?? '',
        target: input.target,
        direction: input.direction,
        tolerance: input.tolerance ?? 0,
        position: last[0]!.position + 1,
        version: 1,
      }));
      return this.kpiBoard(projectId, manager);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async updateKpi(projectId: string, kpiId: string, input: UpdateKpiDto): Promise<KpiBoardDto> {
    return this.dataSource.transaction(async (manager) => {
      await editRow(manager, this.auditTrail, KPI_KIND, { projectId, id: kpiId, where: { id: kpiId, projectId } }, input.version, (row) => {
        if (input.name !== undefined) row.name = input.name;
        if (input.unit !== undefined) row.unit = input.unit;
        if (input.target !== undefined) row.target = input.target;
        if (input.direction !== undefined) row.direction = input.direction;
        if (input.tolerance !== undefined) row.tolerance = input.tolerance;
      });
      return this.kpiBoard(projectId, manager);
    });
  }

  async deleteKpi(projectId: string, kpiId: string, version: number): Promise<KpiBoardDto> {
    return this.dataSource.transaction(async (manager) => {
      await deleteRow(manager, this.auditTrail, KPI_KIND, { projectId, id: kpiId, where: { id: kpiId, projectId } }, version);
      return this.kpiBoard(projectId, manager);
    });
  }

  /** A week's value (the Monday of the week); null removes it. */
  async setKpiValue(projectId: string, kpiId: string, weekStart: string, input: KpiValueDtoIn): Promise<KpiBoardDto> {
    if (!isWeekStart(weekStart)) throw fieldError(400, 'weekStart', 'weekStart must be the Monday of a week, YYYY-MM-DD');
    return this.dataSource.transaction(async (manager) => {
      const kpi = await manager.findOneBy(ProjectKpiEntity, { id: kpiId, projectId });
      if (!kpi) throw notFound('kpi', kpiId);
      const before = await manager.findOneBy(ProjectKpiValueEntity, { kpiId, weekStart });
      if (input.value === null || input.value === undefined) {
        if (before) await manager.delete(ProjectKpiValueEntity, { kpiId, weekStart });
      } else {
        await manager.query(
          `INSERT INTO project_kpi_value (project_id, kpi_id, week_start, value) VALUES ($1, $2, $3, $4)
           ON CONFLICT (kpi_id, week_start) DO UPDATE SET value = EXCLUDED.value`,
          [projectId, kpiId, weekStart, input.value],
        );
      }
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'kpi_value',
        entityId: kpiId,
        action: before ? (input.value === null || input.value === undefined ? 'delete' : 'update') : 'create',
        before: before ? { weekStart, value: before.value } : undefined,
        after: input.value === null || input.value === undefined ? undefined : { weekStart, value: input.value },
        label: `${kpi.name} (${weekStart})`,
      });
      return this.kpiBoard(projectId, manager);
    });
  }

  async updateKpiSettings(projectId: string, input: KpiSettingsDtoIn): Promise<KpiBoardDto> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO meeting_settings (project_id) VALUES ($1) ON CONFLICT (project_id) DO NOTHING`, [projectId]);
      const locked = (await manager.query(`SELECT version, incubation_green_weeks AS weeks FROM meeting_settings WHERE project_id = $1 FOR UPDATE`, [projectId])) as Array<{
        version: number;
        weeks: number;
      }>;
      const current = locked[0]!;
      if (current.version !== input.version) throw staleVersion('meeting_settings', projectId, current.version);
      await manager.query(`UPDATE meeting_settings SET incubation_green_weeks = $2, version = version + 1, updated_at = now() WHERE project_id = $1`, [
        projectId,
        input.greenWeeksRequired,
      ]);
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'meeting_settings',
        entityId: projectId,
        action: 'update',
        before: { greenWeeksRequired: current.weeks },
        after: { greenWeeksRequired: input.greenWeeksRequired },
      });
      return this.kpiBoard(projectId, manager);
    });
  }
}

function weatherDto(row: ProjectWeatherEntity): WeatherEntryDto {
  return {
    id: row.id,
    projectId: row.projectId,
    weather: row.weather,
    comment: row.comment,
    setByUserId: row.setBy,
    setByName: row.setByName,
    setAt: row.setAt.toISOString(),
    meetingId: row.meetingId,
  };
}
