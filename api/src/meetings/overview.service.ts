import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  MyWorkAcceptanceTestDto,
  MyWorkDto,
  MyWorkTaskDto,
  MyWorkTreatmentDto,
  OverviewActionDto,
  OverviewDecisionDto,
  OverviewMeetingDto,
  ProjectOverviewDto,
} from '@jalon/domain';
import { dayNumber, isActionOverdue } from '@jalon/meetings';
import { addDays } from '@jalon/risks';
import { Clock } from '../clock/clock';
import { calendarOf } from '../planning/plan-schedule';
import { MeetingFactsReader } from './agenda-proposal-state';
import { topRisks } from './pack.service';

/** How far ahead « Mon travail » lists tasks to report on (days). */
export const MY_WORK_TASK_HORIZON_DAYS = 14;

const MEETING_SUMMARY = `m.id, m.project_id AS "projectId", p.name AS "projectName", m.type, m.title, m.starts_at AS "startsAt",
  m.time_zone AS "timeZone", m.status`;

type MeetingSummaryRow = Omit<OverviewMeetingDto, 'startsAt'> & { startsAt: Date };
type ActionRow = Omit<OverviewActionDto, 'overdue'>;

const meetingDto = (row: MeetingSummaryRow): OverviewMeetingDto => ({ ...row, startsAt: row.startsAt.toISOString() });

/** Overdue first, then by due date (none last), then by title. */
function overdueFirst<T extends { overdue: boolean; dueDate: string | null; title?: string; name?: string }>(rows: T[]): T[] {
  return rows.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
      (a.title ?? a.name ?? '').localeCompare(b.title ?? b.name ?? ''),
  );
}

/** The sponsor's first page of a project, and « Mon travail » across projects. */
@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: MeetingFactsReader,
    private readonly clock: Clock,
  ) {}

  /** `canReadGoNoGo`: the caller's role holds `gonogo.read` (otherwise `overdueReserves` is null). */
  async overview(projectId: string, userId: string, canReadGoNoGo = false): Promise<ProjectOverviewDto> {
    const now = this.clock.now();
    const facts = await this.facts.facts(projectId, null);
    const [meetings, actions, decisions, packs] = await Promise.all([
      this.dataSource.query(
        `SELECT ${MEETING_SUMMARY} FROM meeting m JOIN project p ON p.id = m.project_id
          WHERE m.project_id = $1 AND m.starts_at + make_interval(mins => m.duration_minutes) >= $2 AND m.status IN ('brouillon', 'convoquee', 'en_cours')
          ORDER BY m.starts_at, m.id LIMIT 5`,
        [projectId, now],
      ) as Promise<MeetingSummaryRow[]>,
      this.dataSource.query(
        `SELECT a.id, a.project_id AS "projectId", p.name AS "projectName", a.meeting_id AS "meetingId", a.title,
                to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.status
           FROM meeting_action a JOIN project p ON p.id = a.project_id
          WHERE a.project_id = $1 AND a.owner_user_id = $2 AND a.status IN ('a_faire', 'en_cours')`,
        [projectId, userId],
      ) as Promise<ActionRow[]>,
      this.dataSource.query(
        `SELECT d.id, d.meeting_id AS "meetingId", m.title AS "meetingTitle", d.decided_at AS "decidedAt", d.text
           FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id
          WHERE d.project_id = $1 ORDER BY d.decided_at DESC, d.id LIMIT 5`,
        [projectId],
      ) as Promise<Array<Omit<OverviewDecisionDto, 'decidedAt'> & { decidedAt: Date }>>,
      this.dataSource.query(
        `SELECT id, meeting_id AS "meetingId", created_at AS "createdAt" FROM meeting_pack
          WHERE project_id = $1 ORDER BY created_at DESC, id LIMIT 1`,
        [projectId],
      ) as Promise<Array<{ id: string; meetingId: string; createdAt: Date }>>,
    ]);
    const { plan, today } = facts;
    const goLive = plan.settings.targetGoLive || facts.targetGoLive;
    const calendar = calendarOf({ ...plan.settings.calendar, mode: plan.settings.mode, projectStart: null, statusDate: null });
    const slippage = new Map(facts.slippage.map((row) => [row.taskId, row]));
    const latestPack = packs[0];
    return {
      projectId,
      projectName: facts.projectName,
      today,
      weather: facts.weather
        ? { weather: facts.weather.weather, comment: facts.weather.comment, setAt: facts.weather.setAt.toISOString(), setByName: facts.weather.setByName }
        : null,
      weatherHistory: facts.weatherHistory.map((entry) => ({ weather: entry.weather, setAt: entry.setAt.toISOString() })),
      goLive: {
        date: goLive,
        daysLeft: dayNumber(goLive) - dayNumber(today),
        workingDaysLeft: goLive >= today ? calendar.workingDaysBetween(today, goLive) : null,
      },
      baseline: facts.baseline ? { id: facts.baseline.id, name: facts.baseline.name, createdAt: facts.baseline.createdAt.toISOString() } : null,
      nextMilestones: plan.tasks
        .filter((task) => task.keyMilestone && task.actualFinish === null && task.progress < 100)
        .sort((a, b) => a.finish.localeCompare(b.finish) || a.position - b.position)
        .slice(0, 5)
        .map((task) => ({
          taskId: task.id,
          name: task.name,
          finish: task.finish,
          referenceFinish: slippage.get(task.id)?.referenceFinish ?? null,
          slippage: slippage.get(task.id)?.finishSlippage ?? null,
          critical: task.critical,
        })),
      topRisks: topRisks(facts, 5),
      nextMeetings: meetings.map(meetingDto),
      myActions: overdueFirst(actions.map((action) => ({ ...action, overdue: isActionOverdue(action, today) }))),
      latestDecisions: decisions.map((decision) => ({ ...decision, decidedAt: decision.decidedAt.toISOString() })),
      latestPack: latestPack ? { id: latestPack.id, meetingId: latestPack.meetingId, createdAt: latestPack.createdAt.toISOString() } : null,
      overdueReserves: canReadGoNoGo ? facts.goNoGo.overdueReserves : null,
    };
  }

  /**
   * « Mon travail »: the caller's unfinished tasks starting within two weeks (or late), open
   * actions, open risk treatments of open risks, acceptance cases left to run (when acceptance
   * exists), each overdue first; and their next meetings (as participant or organiser). Only in
   * projects they are still a member of.
   */
  async myWork(userId: string): Promise<MyWorkDto> {
    const today = this.clock.today();
    const now = this.clock.now();
    const [tasks, actions, treatments, acceptanceTests, meetings] = await Promise.all([
      this.dataSource.query(
        `SELECT t.project_id AS "projectId", p.name AS "projectName", t.id AS "taskId", t.name, to_char(t.start_date, 'YYYY-MM-DD') AS start,
                to_char(t.finish_date, 'YYYY-MM-DD') AS finish, t.progress, t.duration = 0 AS "isMilestone"
           FROM plan_task t
           JOIN project p ON p.id = t.project_id
           JOIN project_member mb ON mb.project_id = t.project_id AND mb.user_id = t.owner_user_id
          WHERE t.owner_user_id = $1 AND t.actual_finish IS NULL AND t.progress < 100
            AND t.start_date IS NOT NULL AND t.start_date <= $2::date`,
        [userId, addDays(today, MY_WORK_TASK_HORIZON_DAYS)],
      ) as Promise<Array<Omit<MyWorkTaskDto, 'overdue'>>>,
      this.dataSource.query(
        `SELECT a.id, a.project_id AS "projectId", p.name AS "projectName", a.meeting_id AS "meetingId", a.title,
                to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.status
           FROM meeting_action a
           JOIN project p ON p.id = a.project_id
           JOIN project_member mb ON mb.project_id = a.project_id AND mb.user_id = a.owner_user_id
          WHERE a.owner_user_id = $1 AND a.status IN ('a_faire', 'en_cours')`,
        [userId],
      ) as Promise<ActionRow[]>,
      this.dataSource.query(
        `SELECT t.project_id AS "projectId", p.name AS "projectName", r.id AS "riskId", r.reference AS "riskReference", r.title AS "riskTitle",
                t.id AS "treatmentId", t.title, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate"
           FROM risk_treatment t
           JOIN risk r ON r.id = t.risk_id
           JOIN project p ON p.id = t.project_id
           JOIN project_member mb ON mb.project_id = t.project_id AND mb.user_id = t.owner_user_id
          WHERE t.owner_user_id = $1 AND t.status IN ('planned', 'in_progress') AND r.status IN ('identified', 'in_treatment')`,
        [userId],
      ) as Promise<Array<Omit<MyWorkTreatmentDto, 'overdue'>>>,
      this.acceptanceTests(userId),
      this.dataSource.query(
        `SELECT ${MEETING_SUMMARY} FROM meeting m
           JOIN project p ON p.id = m.project_id
           JOIN project_member mb ON mb.project_id = m.project_id AND mb.user_id = $1
          WHERE m.starts_at + make_interval(mins => m.duration_minutes) >= $2 AND m.status IN ('brouillon', 'convoquee', 'en_cours')
            AND (m.organiser_user_id = $1 OR EXISTS (SELECT 1 FROM meeting_participant mp WHERE mp.meeting_id = m.id AND mp.user_id = $1))
          ORDER BY m.starts_at, m.id LIMIT 10`,
        [userId, now],
      ) as Promise<MeetingSummaryRow[]>,
    ]);
    return {
      today,
      tasks: tasks
        .map((task) => ({ ...task, overdue: task.finish < today }))
        .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.finish.localeCompare(b.finish) || a.name.localeCompare(b.name)),
      actions: overdueFirst(actions.map((action) => ({ ...action, overdue: isActionOverdue(action, today) }))),
      treatments: overdueFirst(treatments.map((treatment) => ({ ...treatment, overdue: treatment.dueDate !== null && treatment.dueDate < today }))),
      acceptanceTests: acceptanceTests && overdueFirst(acceptanceTests.map((test) => ({ ...test, overdue: test.dueDate !== null && test.dueDate < today }))),
      nextMeetings: meetings.map(meetingDto),
    };
  }

  /** The caller's campaign cases still to run, when the acceptance tables exist (null otherwise). */
  private async acceptanceTests(userId: string): Promise<Array<Omit<MyWorkAcceptanceTestDto, 'overdue'>> | null> {
    const exists = (await this.dataSource.query(
      `SELECT to_regclass('acceptance_campaign_case') IS NOT NULL AND to_regclass('acceptance_test_case') IS NOT NULL
              AND to_regclass('acceptance_campaign') IS NOT NULL AS present`,
    )) as Array<{ present: boolean }>;
    if (!exists[0]?.present) return null;
    return (await this.dataSource.query(
      `SELECT cc.project_id AS "projectId", p.name AS "projectName", cc.id AS "caseId", c.id AS "campaignId",
              tc.reference || ' ' || tc.title AS title, coalesce(cc.latest_result, 'non_execute') AS status,
              to_char(c.end_date, 'YYYY-MM-DD') AS "dueDate"
         FROM acceptance_campaign_case cc
         JOIN acceptance_campaign c ON c.id = cc.campaign_id
         JOIN acceptance_test_case tc ON tc.id = cc.test_case_id
         JOIN project p ON p.id = cc.project_id
         JOIN project_member mb ON mb.project_id = cc.project_id AND mb.user_id = cc.assignee_user_id
        WHERE cc.assignee_user_id = $1 AND c.status <> 'terminee'
          AND (cc.latest_result IS NULL OR cc.latest_result IN ('non_execute', 'en_cours'))`,
      [userId],
    )) as Array<Omit<MyWorkAcceptanceTestDto, 'overdue'>>;
  }
}
