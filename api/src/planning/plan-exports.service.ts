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

/** Days since 1970-01-01 of a calendar date, by its numbers alone (no time zone). */
const dayNumber = (date: string): number => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
};

/** The bar column of the PDF: dates placed on one scale from the earliest to the latest date shown. */
class Timeline {
  private readonly first: number;
  private readonly last: number;

  constructor(
    dates: Array<string | null>,
    readonly width: number,
    private readonly goLive: string,
  ) {
    const days = dates.filter((date): date is string => date !== null).map(dayNumber);
    this.first = days.length > 0 ? Math.min(...days) : 0;
    this.last = days.length > 0 ? Math.max(...days) : 1;
  }

  private x(date: string, end = false): number {
    const span = Math.max(this.last - this.first + 1, 1);
    return ((dayNumber(date) - this.first + (end ? 1 : 0)) / span) * this.width;
  }

  private goLiveLine() {
    const x = this.x(this.goLive, true);
    return { type: 'line', x1: x, y1: 0, x2: x, y2: 14, lineWidth: 0.8, lineColor: '#b3261e', dash: { length: 2 } };
  }

  header() {
    const from = fromDayNumber(this.first);
    const to = fromDayNumber(this.last);
    return { text: `du ${frenchDate(from)} au ${frenchDate(to)}`, style: 'th', alignment: 'center' };
  }

  bar(start: string | null, finish: string | null, referenceStart: string | null, referenceFinish: string | null, critical: boolean) {
    const canvas: unknown[] = [];
    if (referenceStart && referenceFinish) {
      const x = this.x(referenceStart);
      canvas.push({ type: 'rect', x, y: 11, w: Math.max(this.x(referenceFinish, true) - x, 1), h: 2, color: '#9e9e9e' });
    }
    if (start && finish) {
      const x = this.x(start);
      canvas.push({ type: 'rect', x, y: 2, w: Math.max(this.x(finish, true) - x, 1.5), h: 8, color: critical ? '#b3261e' : '#3f51b5' });
    }
    canvas.push(this.goLiveLine());
    return { canvas };
  }

  diamond(date: string | null, referenceDate: string | null, critical: boolean) {
    const canvas: unknown[] = [];
    const at = (day: string, y: number, size: number, color: string) => {
      const x = (this.x(day) + this.x(day, true)) / 2;
      return {
        type: 'polyline',
        closePath: true,
        color,
        points: [{ x, y: y - size }, { x: x + size, y }, { x, y: y + size }, { x: x - size, y }],
      };
    };
    if (referenceDate) canvas.push(at(referenceDate, 7, 3, '#9e9e9e'));
    if (date) canvas.push(at(date, 7, 4.5, critical ? '#b3261e' : '#3f51b5'));
    canvas.push(this.goLiveLine());
    return { canvas };
  }
}

const fromDayNumber = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

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
        const referenceStarts = own
          .map((task) => comparison.get(task.id)?.referenceStart ?? null)
          .filter((date): date is string => date !== null)
          .sort();
        const referenceFinishes = own
          .map((task) => comparison.get(task.id)?.referenceFinish ?? null)
          .filter((date): date is string => date !== null)
          .sort();
        const finish = finishes.at(-1) ?? null;
        const referenceFinish = referenceFinishes.at(-1) ?? null;
        const slippage = finish && referenceFinish ? calendar.workingDaysBetween(referenceFinish, finish) : null;
        const progress = own.length > 0 ? Math.round(own.reduce((sum, task) => sum + task.progress, 0) / own.length) : 0;
        return {
          name: phase.name,
          start: starts[0] ?? null,
          finish,
          referenceStart: referenceStarts[0] ?? null,
          referenceFinish,
          slippage,
          progress,
          critical: own.some((task) => task.critical),
        };
      });
    const milestones = tasks.filter((task) => task.keyMilestone);

    const today = this.clock.today();
    const timeline = new Timeline(
      [plan.projectStart, plan.projectFinish, project.targetGoLive, ...phaseRows.flatMap((row) => [row.referenceStart, row.referenceFinish])],
      format === 'A3' ? 560 : 250,
      project.targetGoLive,
    );
    // Wide enough for dd/mm/yyyy on one line at the page's font size.
    const dateWidth = format === 'A3' ? 60 : 52;
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
          widths: ['*', dateWidth, dateWidth, dateWidth + 6, 38, 62, timeline.width],
          body: [
            [...headerCells(['Phase', 'Début', 'Fin', 'Fin de référence', 'Dérive', 'Avancement']), timeline.header()],
            ...phaseRows.map((row) => [
              { text: row.name, bold: row.critical },
              frenchDate(row.start),
              frenchDate(row.finish),
              frenchDate(row.referenceFinish),
              slippageCell(row.slippage),
              { text: `${row.progress} %`, alignment: 'right' },
              timeline.bar(row.start, row.finish, row.referenceStart, row.referenceFinish, row.critical),
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
          widths: ['*', dateWidth, dateWidth + 6, 38, 62, timeline.width],
          body: [
            [...headerCells(['Jalon', 'Date prévue', 'Date de référence', 'Dérive', 'Marge (j)']), timeline.header()],
            ...milestones.map((task) => {
              const row = comparison.get(task.id);
              return [
                { text: task.fixedDate ? `${task.name} (date fixe)` : task.name, bold: task.critical },
                frenchDate(task.finish),
                frenchDate(row?.referenceFinish ?? null),
                slippageCell(row?.finishSlippage ?? null),
                { text: task.totalFloat === null ? '' : String(task.totalFloat), alignment: 'right' },
                timeline.diamond(task.finish, row?.referenceFinish ?? null, task.critical),
              ];
            }),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        text:
          'Dérive en jours ouvrés contre la référence : « +n j » = plus tard que prévu. Nom en gras, barre ou losange rouge : ' +
          'chemin critique. En gris : dates de la référence ; pointillé rouge : mise en production.',
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
