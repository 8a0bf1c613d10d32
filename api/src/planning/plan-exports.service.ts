import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DataSource } from 'typeorm';
import type { RetroPlanningDto, SlippageDto, TaskDto } from '@jalon/domain';
import { Clock, calendarDateInParis } from '../clock/clock';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';
import { frenchDate } from '../exports/calendar-date';
import { resetCalendarFeedToken } from '../exports/calendar-feed-token';
import { fileNamePart } from '../exports/content-disposition';
import { renderPdf, type PaperFormat } from '../exports/pdf-document';
import { XlsxWorkbook } from '../exports/xlsx-workbook';
import { BaselinesService } from './baselines.service';
import { calendarOf } from './plan-schedule';
import { PlanningService } from './planning.service';

/** An .ics event's UID: stable across refreshes, so a calendar updates an event instead of adding one. */
const milestoneUid = (taskId: string): string => `${taskId}@jalon.milestone`;

/** The day after an ISO date (an all-day event's exclusive end). */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Slippage as the COPIL reads it: later is « +n j », earlier « −n j ». */
const slippageText = (days: number | null | undefined): string =>
  days === null || days === undefined ? '' : days === 0 ? '0 j' : days > 0 ? `+${days} j` : `−${-days} j`;

export interface ExportFile {
  fileName: string;
  content: Buffer;
}

interface ProjectHeading {
  name: string;
  targetGoLive: string;
}

/** The retroplanning as a spreadsheet and a PDF, and its key milestones as an iCalendar feed. */
@Injectable()
export class PlanExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly environment: Environment,
    private readonly planning: PlanningService,
    private readonly baselines: BaselinesService,
    private readonly clock: Clock,
  ) {}

  private async project(projectId: string): Promise<ProjectHeading> {
    const rows = (await this.dataSource.query(
      `SELECT name, target_go_live AS "targetGoLive" FROM project WHERE id = $1`,
      [projectId],
    )) as ProjectHeading[];
    const project = rows[0];
    if (!project) throw new NotFoundException(`Project ${projectId} not found`);
    return project;
  }

  /** Tasks in phase order (tasks without a phase last), then in the plan's own order. */
  private orderedTasks(plan: RetroPlanningDto): TaskDto[] {
    const phases = new Map(plan.phases.map((phase) => [phase.id, phase]));
    return [...plan.tasks].sort((a, b) => {
      const phaseA = a.phaseId ? (phases.get(a.phaseId)?.position ?? Infinity) : Infinity;
      const phaseB = b.phaseId ? (phases.get(b.phaseId)?.position ?? Infinity) : Infinity;
      return phaseA - phaseB || a.position - b.position;
    });
  }

  async xlsx(projectId: string): Promise<ExportFile> {
    const project = await this.project(projectId);
    const plan = await this.planning.getPlan(projectId);
    const { baseline, byTask } = await this.baselines.slippageAgainstLatest(projectId);
    const phases = new Map(plan.phases.map((phase) => [phase.id, phase]));
    const lots = new Map(plan.lots.map((lot) => [lot.id, lot]));

    const workbook = new XlsxWorkbook(this.clock.now());
    workbook.addSheet<TaskDto>({
      name: 'Rétroplanning',
      header: {
        title: 'Rétroplanning',
        project: project.name,
        goLive: project.targetGoLive,
        exportedOn: this.clock.today(),
        lines: [['Dérive mesurée contre', baseline ? baseline.name : 'aucune référence figée']],
      },
      columns: [
        { header: 'Phase', width: 28, value: (task) => (task.phaseId ? (phases.get(task.phaseId)?.name ?? '') : '') },
        { header: 'Lot', width: 16, value: (task) => (task.lotId ? (lots.get(task.lotId)?.name ?? '') : '') },
        { header: 'Tâche', width: 48, value: (task) => task.name },
        { header: 'Durée (j ouvrés)', width: 12, kind: 'integer', value: (task) => task.duration },
        { header: 'Début', width: 12, kind: 'date', value: (task) => task.start },
        { header: 'Fin', width: 12, kind: 'date', value: (task) => task.finish },
        { header: 'Marge (j)', width: 10, kind: 'integer', value: (task) => task.totalFloat },
        { header: 'Critique', width: 9, value: (task) => (task.critical ? 'oui' : 'non') },
        { header: 'Responsable', width: 22, value: (task) => task.ownerName },
        { header: 'Avancement (%)', width: 12, kind: 'integer', value: (task) => task.progress },
        {
          header: baseline ? `Dérive vs « ${baseline.name} » (j)` : 'Dérive vs référence (j)',
          width: 18,
          kind: 'integer',
          value: (task) => byTask.get(task.id) ?? null,
        },
      ],
      rows: this.orderedTasks(plan),
    });
    return { fileName: `Rétroplanning ${fileNamePart(project.name)}.xlsx`, content: await workbook.toBuffer() };
  }

  /**
   * The retroplanning for the COPIL on one landscape page size: each phase with its dates and
   * slippage, then the key milestones with theirs, against the latest baseline.
   */
  async pdf(projectId: string, format: PaperFormat): Promise<ExportFile> {
    const project = await this.project(projectId);
    const plan = await this.planning.getPlan(projectId);
    const { baseline } = await this.baselines.slippageAgainstLatest(projectId);
    const comparison: Map<string, SlippageDto> = baseline
      ? new Map((await this.baselines.compare(projectId, baseline.id, 'plan')).rows.map((row) => [row.taskId, row]))
      : new Map();
    const calendar = calendarOf({ ...plan.settings.calendar, mode: plan.settings.mode, projectStart: null, statusDate: null });
    const tasks = this.orderedTasks(plan);

    const phaseRows = plan.phases
      .slice()
      .sort((a, b) => a.position - b.position)
      .map((phase) => {
        const own = tasks.filter((task) => task.phaseId === phase.id);
        const starts = own.map((task) => task.start).filter((date): date is string => date !== null).sort();
        const finishes = own.map((task) => task.finish).filter((date): date is string => date !== null).sort();
        const referenceFinishes = own
          .map((task) => comparison.get(task.id)?.referenceFinish ?? null)
          .filter((date): date is string => date !== null)
          .sort();
        const finish = finishes.at(-1) ?? null;
        const referenceFinish = referenceFinishes.at(-1) ?? null;
        const slippage = finish && referenceFinish ? calendar.workingDaysBetween(referenceFinish, finish) : null;
        const progress = own.length > 0 ? Math.round(own.reduce((sum, task) => sum + task.progress, 0) / own.length) : 0;
        return { name: phase.name, start: starts[0] ?? null, finish, referenceFinish, slippage, progress, critical: own.some((t) => t.critical) };
      });
    const milestones = tasks.filter((task) => task.keyMilestone);

    const today = this.clock.today();
    const slippageCell = (days: number | null) => ({
      text: slippageText(days),
      alignment: 'right',
      color: days !== null && days > 0 ? '#b3261e' : days !== null && days < 0 ? '#1b5e20' : '#000000',
      bold: days !== null && days > 0,
    });
    const headerCells = (labels: string[]) => labels.map((label) => ({ text: label, style: 'th' }));
    const content = [
      { text: `Rétroplanning — ${project.name}`, style: 'title' },
      {
        columns: [
          { text: [{ text: 'Mise en production : ', bold: true }, frenchDate(project.targetGoLive)] },
          { text: [{ text: 'Fin calculée : ', bold: true }, frenchDate(plan.projectFinish)] },
          {
            text: [
              { text: 'Référence : ', bold: true },
              baseline ? `${baseline.name} (${frenchDate(calendarDateInParis(new Date(baseline.createdAt)))})` : 'aucune référence figée',
            ],
          },
          { text: [{ text: 'Édité le : ', bold: true }, frenchDate(today)] },
        ],
        margin: [0, 0, 0, 10],
      },
      { text: 'Phases', style: 'h2' },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['*', 70, 70, 80, 60, 60],
          body: [
            headerCells(['Phase', 'Début', 'Fin', 'Fin de référence', 'Dérive', 'Avancement']),
            ...phaseRows.map((row) => [
              { text: row.name, bold: row.critical },
              frenchDate(row.start),
              frenchDate(row.finish),
              frenchDate(row.referenceFinish),
              slippageCell(row.slippage),
              { text: `${row.progress} %`, alignment: 'right' },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 14],
      },
      { text: 'Jalons clés', style: 'h2' },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['*', 80, 80, 60, 70],
          body: [
            headerCells(['Jalon', 'Date prévue', 'Date de référence', 'Dérive', 'Marge (j)']),
            ...milestones.map((task) => {
              const row = comparison.get(task.id);
              return [
                { text: task.fixedDate ? `${task.name} (date fixe)` : task.name, bold: task.critical },
                frenchDate(task.finish),
                frenchDate(row?.referenceFinish ?? null),
                slippageCell(row?.finishSlippage ?? null),
                { text: task.totalFloat === null ? '' : String(task.totalFloat), alignment: 'right' },
              ];
            }),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        text: 'Dérive en jours ouvrés contre la référence : « +n j » = plus tard que prévu. En gras : chemin critique.',
        style: 'note',
        margin: [0, 10, 0, 0],
      },
    ];
    const pdf = await renderPdf({
      pageSize: format,
      pageOrientation: 'landscape',
      pageMargins: [36, 36, 36, 40],
      language: 'fr-FR',
      info: { title: `Rétroplanning — ${project.name}`, creator: 'Jalon', producer: 'Jalon' },
      content,
      footer: (currentPage: number, pageCount: number) => ({
        columns: [
          { text: `${project.name} — rétroplanning du ${frenchDate(today)}`, margin: [36, 0, 0, 0] },
          { text: `Page ${currentPage} / ${pageCount}`, alignment: 'right', margin: [0, 0, 36, 0] },
        ],
        fontSize: 8,
        color: '#555555',
      }),
      styles: {
        title: { fontSize: format === 'A3' ? 20 : 16, bold: true, margin: [0, 0, 0, 8] },
        h2: { fontSize: 12, bold: true, margin: [0, 4, 0, 4] },
        th: { bold: true, fillColor: '#e8eaf6' },
        note: { fontSize: 8, italics: true, color: '#555555' },
      },
      defaultStyle: { fontSize: format === 'A3' ? 10 : 9 },
    });
    return { fileName: `Rétroplanning ${fileNamePart(project.name)} ${format}.pdf`, content: pdf };
  }

  /** The user's personal feed URL for a project, on the configured public address. */
  async feedUrl(userId: string, projectId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT ical_token AS token FROM app_user WHERE id = $1`, [userId])) as {
      token: string;
    }[];
    const token = rows[0]?.token;
    if (!token) throw new NotFoundException('Unknown user');
    return `${this.environment.publicUrl}/api/calendar/${encodeURIComponent(token)}/projects/${projectId}/milestones.ics`;
  }

  /** A new secret token for the user's feeds; the old URLs stop working. */
  async resetFeedToken(userId: string, projectId: string): Promise<string> {
    await resetCalendarFeedToken(this.dataSource, userId);
    return this.feedUrl(userId, projectId);
  }

  /**
   * The key milestones of a project as all-day events, for the holder of `token` when they are
   * an active member of the project; anything else is a 404 so a feed URL reveals nothing.
   * Each event keeps its UID; its SEQUENCE goes up (and its DTSTAMP moves) when its date moves,
   * so calendar clients replace the old date.
   */
  async milestonesIcs(token: string, projectId: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT p.name
         FROM app_user u
         JOIN project_member m ON m.user_id = u.id AND m.project_id = $2
         JOIN project p ON p.id = m.project_id
        WHERE u.ical_token = $1 AND u.is_active`,
      [token, projectId],
    )) as { name: string }[];
    const project = rows[0];
    if (!project) throw new NotFoundException('Unknown calendar feed');
    const plan = await this.planning.getPlan(projectId);
    const milestones = plan.tasks.filter((task): task is TaskDto & { finish: string } => task.keyMilestone && task.finish !== null);
    const sequences = await this.feedSequences(milestones.map((task) => ({ taskId: task.id, date: task.finish })));
    const calendar = ical({
      name: `Jalons — ${project.name}`,
      prodId: { company: 'Jalon', product: 'Jalon', language: 'FR' },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 60 * 60,
    });
    for (const task of milestones) {
      const sequence = sequences.get(task.id);
      calendar.createEvent({
        id: milestoneUid(task.id),
        start: task.finish,
        end: nextDay(task.finish),
        allDay: true,
        summary: task.name,
        description: task.fixedDate ? `Jalon clé (date fixe) — ${project.name}` : `Jalon clé — ${project.name}`,
        sequence: sequence?.sequence ?? 0,
        stamp: sequence?.stampedAt ?? new Date(plan.computedAt),
      });
    }
    return calendar.toString();
  }

  /** Records each milestone's date, raising its sequence when the date differs from the one recorded. */
  private async feedSequences(
    events: Array<{ taskId: string; date: string }>,
  ): Promise<Map<string, { sequence: number; stampedAt: Date }>> {
    if (events.length === 0) return new Map();
    await this.dataSource.query(
      `INSERT INTO calendar_feed_event (task_id, event_date, sequence, stamped_at)
       SELECT v."taskId", v.date, 0, $2 FROM jsonb_to_recordset($1::jsonb) AS v("taskId" uuid, date date)
       ON CONFLICT (task_id) DO UPDATE
          SET event_date = EXCLUDED.event_date, sequence = calendar_feed_event.sequence + 1, stamped_at = EXCLUDED.stamped_at
        WHERE calendar_feed_event.event_date <> EXCLUDED.event_date`,
      [JSON.stringify(events), this.clock.now()],
    );
    const rows = (await this.dataSource.query(
      `SELECT task_id AS "taskId", sequence, stamped_at AS "stampedAt"
         FROM calendar_feed_event WHERE task_id IN (SELECT (value #>> '{}')::uuid FROM jsonb_array_elements($1::jsonb))`,
      [JSON.stringify(events.map((event) => event.taskId))],
    )) as Array<{ taskId: string; sequence: number; stampedAt: Date | string }>;
    return new Map(rows.map((row) => [row.taskId, { sequence: Number(row.sequence), stampedAt: new Date(row.stampedAt) }]));
  }
}
