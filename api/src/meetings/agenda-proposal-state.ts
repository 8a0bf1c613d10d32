import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ActionStatus,
  KpiDirection,
  LatestGoNoGoDecisionDto,
  OverdueReserveDto,
  MeetingStatus,
  MeetingType,
  PackAcceptance,
  PackKpiRow,
  RetroPlanningDto,
  SlippageDto,
  Weather,
} from '@jalon/domain';
import { kpiStatus, type AgendaProjectState } from '@jalon/meetings';
import type { RiskRegisterDto } from '@jalon/risks';
import { Clock } from '../clock/clock';
import { notFound } from '../common/api-errors';
import { latestSignedDecision, overdueReserves } from '../go-no-go/go-no-go-signals';
import { BaselinesService } from '../planning/baselines.service';
import { PlanningService } from '../planning/planning.service';
import { RisksService } from '../risks/risks.service';

/** The meeting a proposal or a pack is made for. */
export interface MeetingRow {
  id: string;
  projectId: string;
  seriesId: string | null;
  type: MeetingType;
  title: string;
  startsAt: Date;
  timeZone: string;
  durationMinutes: number;
  status: MeetingStatus;
  minutesFrozenAt: Date | null;
  baselineId: string | null;
  version: number;
}

export interface PreviousCopil {
  id: string;
  title: string;
  startsAt: Date;
  baselineId: string | null;
}

export interface BaselineRef {
  id: string;
  name: string;
  createdAt: Date;
}

export interface WeatherRow {
  weather: Weather;
  comment: string;
  setAt: Date;
  setByName: string | null;
}

export interface OpenActionRow {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
}

/** Everything a proposal, a pack or the overview reads of a project, gathered with a few set-based queries. */
export interface ProjectFacts {
  projectId: string;
  projectName: string;
  targetGoLive: string;
  today: string;
  plan: RetroPlanningDto;
  previousCopil: PreviousCopil | null;
  baseline: BaselineRef | null;
  /** Every task of the plan against `baseline` (empty without one). */
  slippage: SlippageDto[];
  /** The critical path at the previous COPIL, from its latest pack (null when it has none). */
  previousCriticalIds: string[] | null;
  register: RiskRegisterDto;
  weather: WeatherRow | null;
  weatherHistory: Array<{ weather: Weather; setAt: Date }>;
  openActions: OpenActionRow[];
  acceptance: PackAcceptance | null;
  kpis: PackKpiRow[];
  /** The go / no-go (issue 16): réserves past their due date and not lifted, the latest signed decision. */
  goNoGo: { overdueReserves: OverdueReserveDto[]; latestDecision: LatestGoNoGoDecisionDto | null };
}

export const MEETING_COLUMNS = `m.id, m.project_id AS "projectId", m.series_id AS "seriesId", m.type, m.title, m.starts_at AS "startsAt",
  m.time_zone AS "timeZone", m.duration_minutes AS "durationMinutes", m.status, m.minutes_frozen_at AS "minutesFrozenAt",
  m.baseline_id AS "baselineId", m.version`;

/** 'YYYY-MM-DD' of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
}

/**
 * Reads the state of a project for a meeting: the plan (through the planning reader's cache), the
 * slippage of every task against the previous COPIL's baseline, the risk register with its flags
 * (@jalon/risks rules), the weather, open actions, acceptance progress and KPIs.
 */
@Injectable()
export class MeetingFactsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planning: PlanningService,
    private readonly baselines: BaselinesService,
    private readonly risks: RisksService,
    private readonly clock: Clock,
  ) {}

  /** The meeting of this project, or 404 (also for a meeting of another project). */
  async meeting(projectId: string, meetingId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<MeetingRow> {
    const rows = (await manager.query(
      `SELECT ${MEETING_COLUMNS} FROM meeting m WHERE m.id = $1 AND m.project_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [meetingId, projectId],
    )) as MeetingRow[];
    const meeting = rows[0];
    if (!meeting) throw notFound('meeting', meetingId);
    return meeting;
  }

  /** The latest COPIL held (or being held) before `before`. */
  async previousCopil(projectId: string, before: Date, excludeId: string | null): Promise<PreviousCopil | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, title, starts_at AS "startsAt", baseline_id AS "baselineId" FROM meeting
        WHERE project_id = $1 AND type = 'copil' AND status IN ('en_cours', 'cloturee') AND starts_at < $2 AND id IS DISTINCT FROM $3
        ORDER BY starts_at DESC, id LIMIT 1`,
      [projectId, before, excludeId],
    )) as PreviousCopil[];
    return rows[0] ?? null;
  }

  /**
   * The baseline slippage is measured against: the one frozen with the previous COPIL, else the
   * latest frozen before it, else the latest of the project (none: no slippage).
   */
  async referenceBaseline(projectId: string, previous: PreviousCopil | null): Promise<BaselineRef | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, created_at AS "createdAt" FROM plan_baseline
        WHERE project_id = $1
        ORDER BY (id = $2) DESC, (created_at <= $3) DESC, created_at DESC, id DESC LIMIT 1`,
      [projectId, previous?.baselineId ?? null, previous?.startsAt ?? '9999-12-31T00:00:00Z'],
    )) as BaselineRef[];
    return rows[0] ?? null;
  }

  async facts(projectId: string, meeting: Pick<MeetingRow, 'id' | 'startsAt'> | null): Promise<ProjectFacts> {
    const today = this.clock.today();
    const projects = (await this.dataSource.query(`SELECT name, target_go_live AS "targetGoLive" FROM project WHERE id = $1`, [projectId])) as Array<{
      name: string;
      targetGoLive: string;
    }>;
    const project = projects[0];
    if (!project) throw notFound('project', projectId);
    const previousCopil = await this.previousCopil(projectId, meeting?.startsAt ?? this.clock.now(), meeting?.id ?? null);
    const [plan, baseline, register, weatherRows, openActions, acceptance, kpis, previousCriticalIds, reserves, latestDecision] = await Promise.all([
      this.planning.getPlan(projectId),
      this.referenceBaseline(projectId, previousCopil),
      this.risks.register(projectId, today),
      this.dataSource.query(
        `SELECT weather, comment, set_at AS "setAt", set_by_name AS "setByName" FROM project_weather
          WHERE project_id = $1 ORDER BY set_at DESC, id DESC LIMIT 12`,
        [projectId],
      ) as Promise<WeatherRow[]>,
      this.dataSource.query(
        `SELECT a.id, a.title, u.display_name AS "ownerName", to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.status
           FROM meeting_action a LEFT JOIN app_user u ON u.id = a.owner_user_id
          WHERE a.project_id = $1 AND a.status IN ('a_faire', 'en_cours')
          ORDER BY a.due_date NULLS LAST, a.title, a.id`,
        [projectId],
      ) as Promise<OpenActionRow[]>,
      this.acceptance(projectId),
      this.kpis(projectId),
      previousCopil ? this.packCriticalIds(previousCopil.id) : Promise.resolve(null),
      overdueReserves(this.dataSource.manager, projectId, today),
      latestSignedDecision(this.dataSource.manager, projectId),
    ]);
    const slippage = baseline ? (await this.baselines.compare(projectId, baseline.id, 'plan')).rows : [];
    return {
      projectId,
      projectName: project.name,
      targetGoLive: project.targetGoLive,
      today,
      plan,
      previousCopil,
      baseline,
      slippage,
      previousCriticalIds,
      register,
      weather: weatherRows[0] ?? null,
      weatherHistory: weatherRows.map((row) => ({ weather: row.weather, setAt: row.setAt })),
      openActions,
      acceptance,
      kpis,
      goNoGo: { overdueReserves: reserves, latestDecision },
    };
  }

  private async packCriticalIds(meetingId: string): Promise<string[] | null> {
    const rows = (await this.dataSource.query(
      `SELECT snapshot->'criticalTaskIds' AS ids FROM meeting_pack WHERE meeting_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [meetingId],
    )) as Array<{ ids: string[] | null }>;
    return rows[0]?.ids ?? null;
  }

  /** Acceptance progress, when the acceptance tables exist and the project has campaigns. */
  private async acceptance(projectId: string): Promise<PackAcceptance | null> {
    const exists = (await this.dataSource.query(
      `SELECT to_regclass('acceptance_campaign_case') IS NOT NULL AS cases, to_regclass('acceptance_defect') IS NOT NULL AS defects`,
    )) as Array<{ cases: boolean; defects: boolean }>;
    if (!exists[0]?.cases) return null;
    const rows = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM acceptance_campaign WHERE project_id = $1)::int AS campaigns,
              count(cc.id)::int AS cases,
              count(*) FILTER (WHERE cc.latest_result = 'reussi')::int AS passed,
              count(*) FILTER (WHERE cc.latest_result = 'echoue')::int AS failed,
              count(*) FILTER (WHERE cc.latest_result = 'bloque')::int AS blocked
         FROM acceptance_campaign_case cc WHERE cc.project_id = $1`,
      [projectId],
    )) as Array<{ campaigns: number; cases: number; passed: number; failed: number; blocked: number }>;
    const row = rows[0];
    if (!row || row.campaigns === 0) return null;
    let openDefects = 0;
    if (exists[0].defects) {
      const defects = (await this.dataSource.query(
        `SELECT count(*)::int AS open FROM acceptance_defect WHERE project_id = $1 AND status IN ('nouvelle', 'en_correction', 'corrigee')`,
        [projectId],
      )) as Array<{ open: number }>;
      openDefects = defects[0]?.open ?? 0;
    }
    return { ...row, notRun: row.cases - row.passed - row.failed - row.blocked, openDefects };
  }

  /** Each KPI with its latest weekly value and that value's status. */
  private async kpis(projectId: string): Promise<PackKpiRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT k.id, k.name, k.unit, k.target::float8 AS target, k.direction, k.tolerance::float8 AS tolerance,
              to_char(v.week_start, 'YYYY-MM-DD') AS "latestWeek", v.value::float8 AS "latestValue"
         FROM project_kpi k
         LEFT JOIN LATERAL (SELECT week_start, value FROM project_kpi_value WHERE kpi_id = k.id ORDER BY week_start DESC LIMIT 1) v ON true
        WHERE k.project_id = $1 ORDER BY k.position, k.name, k.id`,
      [projectId],
    )) as Array<{ id: string; name: string; unit: string; target: number; direction: KpiDirection; tolerance: number; latestWeek: string | null; latestValue: number | null }>;
    return rows.map(({ tolerance, ...row }) => ({ ...row, status: kpiStatus(row.latestValue, { target: row.target, direction: row.direction, tolerance }) }));
  }
}

/** The state the agenda proposal reads (`proposeAgenda` of @jalon/meetings), from the gathered facts. */
export function agendaStateOf(facts: ProjectFacts, meeting: Pick<MeetingRow, 'type' | 'startsAt' | 'timeZone'>): AgendaProjectState {
  const slippageByTask = new Map(facts.slippage.map((row) => [row.taskId, row]));
  const isDone = (task: { progress: number; actualFinish: string | null }) => task.actualFinish !== null || task.progress >= 100;
  return {
    meetingType: meeting.type,
    today: facts.today,
    meetingDate: localDate(meeting.startsAt, meeting.timeZone),
    previousCopilAt: facts.previousCopil ? facts.previousCopil.startsAt.toISOString() : null,
    weather: facts.weather ? { weather: facts.weather.weather, comment: facts.weather.comment, setAt: facts.weather.setAt.toISOString() } : null,
    milestones: facts.plan.tasks
      .filter((task) => task.keyMilestone)
      .map((task) => {
        const row = slippageByTask.get(task.id);
        return {
          taskId: task.id,
          name: task.name,
          finish: task.finish,
          referenceFinish: row?.referenceFinish ?? null,
          slippage: row?.finishSlippage ?? null,
          critical: task.critical,
          done: isDone(task),
        };
      }),
    criticalPath: {
      current: facts.plan.tasks.filter((task) => task.critical && !isDone(task)).map((task) => ({ id: task.id, name: task.name })),
      previousIds: facts.previousCriticalIds,
    },
    risks: facts.register.risks.map((risk) => ({
      id: risk.id,
      reference: risk.reference,
      title: risk.title,
      status: risk.status,
      band: risk.residual.band,
      score: risk.residual.score,
      strategy: risk.strategy,
      accepted: risk.acceptance !== null,
      trend: risk.trend,
      materialising: risk.materialising.length > 0,
      createdAt: risk.createdAt,
      nextReviewOn: risk.nextReviewOn,
    })),
    actions: facts.openActions,
    tasks: facts.plan.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      start: task.start,
      finish: task.finish,
      progress: task.progress,
      actualStart: task.actualStart,
      actualFinish: task.actualFinish,
      isMilestone: task.isMilestone,
      critical: task.critical,
    })),
    acceptance: facts.acceptance,
    kpis: facts.kpis.map((kpi) => ({ name: kpi.name, status: kpi.status })),
    overdueReserves: facts.goNoGo.overdueReserves.map((reserve) => ({
      defectReference: reserve.defectReference,
      defectTitle: reserve.defectTitle,
      campaignName: reserve.campaignName,
      ownerName: reserve.ownerName,
      dueDate: reserve.dueDate,
      daysLate: reserve.daysLate,
    })),
    noGo:
      facts.goNoGo.latestDecision?.kind === 'no_go'
        ? { campaignName: facts.goNoGo.latestDecision.campaignName, decidedAt: facts.goNoGo.latestDecision.decidedAt }
        : null,
  };
}
