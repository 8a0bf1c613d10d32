import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DataSource } from 'typeorm';
import { BaselinesService } from './baselines.service';
import { PlanningService } from './planning.service';

/** An .ics event's UID: stable across refreshes, so a calendar updates an event instead of adding one. */
const milestoneUid = (taskId: string): string => `${taskId}@jalon.milestone`;

const dateCell = (date: string | null): Date | null => (date ? new Date(`${date}T00:00:00Z`) : null);

/** The day after an ISO date (an all-day event's exclusive end). */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** The retroplanning as a spreadsheet and its key milestones as an iCalendar feed. */
@Injectable()
export class PlanExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planning: PlanningService,
    private readonly baselines: BaselinesService,
  ) {}

  async xlsx(projectId: string): Promise<{ fileName: string; content: Buffer }> {
    const plan = await this.planning.getPlan(projectId);
    const projectRows = (await this.dataSource.query(`SELECT name FROM project WHERE id = $1`, [projectId])) as { name: string }[];
    const projectName = projectRows[0]?.name ?? 'projet';
    const { baseline, byTask } = await this.baselines.slippageAgainstLatest(projectId);
    const phases = new Map(plan.phases.map((phase) => [phase.id, phase]));
    const lots = new Map(plan.lots.map((lot) => [lot.id, lot]));
    // Phase order first (tasks without a phase last), then the plan's own order.
    const tasks = [...plan.tasks].sort((a, b) => {
      const phaseA = a.phaseId ? (phases.get(a.phaseId)?.position ?? Infinity) : Infinity;
      const phaseB = b.phaseId ? (phases.get(b.phaseId)?.position ?? Infinity) : Infinity;
      return phaseA - phaseB || a.position - b.position;
    });

    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Jalon';
    workbook.created = new Date(plan.computedAt);
    const sheet = workbook.addWorksheet('Rétroplanning', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: 'Phase', key: 'phase', width: 28 },
      { header: 'Lot', key: 'lot', width: 16 },
      { header: 'Tâche', key: 'name', width: 48 },
      { header: 'Durée (j ouvrés)', key: 'duration', width: 12 },
      { header: 'Début', key: 'start', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
      { header: 'Fin', key: 'finish', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
      { header: 'Marge (j)', key: 'float', width: 10 },
      { header: 'Critique', key: 'critical', width: 9 },
      { header: 'Responsable', key: 'owner', width: 22 },
      { header: 'Avancement (%)', key: 'progress', width: 12 },
      {
        header: baseline ? `Dérive vs « ${baseline.name} » (j)` : 'Dérive vs référence (j)',
        key: 'slippage',
        width: 18,
      },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const task of tasks) {
      sheet.addRow({
        phase: task.phaseId ? (phases.get(task.phaseId)?.name ?? '') : '',
        lot: task.lotId ? (lots.get(task.lotId)?.name ?? '') : '',
        name: task.name,
        duration: task.duration,
        start: dateCell(task.start),
        finish: dateCell(task.finish),
        float: task.totalFloat,
        critical: task.critical ? 'oui' : 'non',
        owner: task.ownerName,
        progress: task.progress,
        slippage: byTask.get(task.id) ?? null,
      });
    }
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const safeName = projectName.normalize('NFD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'projet';
    return { fileName: `retroplanning-${safeName}.xlsx`, content };
  }

  /** The user's personal feed path for a project: authenticated by the token alone. */
  async feedPath(userId: string, projectId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT ical_token AS token FROM app_user WHERE id = $1`, [userId])) as {
      token: string;
    }[];
    const token = rows[0]?.token;
    if (!token) throw new NotFoundException('Unknown user');
    return `/api/calendar/${encodeURIComponent(token)}/projects/${projectId}/milestones.ics`;
  }

  /**
   * The key milestones of a project as all-day events, for the holder of `token` when they are
   * an active member of the project; anything else is a 404 so a feed URL reveals nothing.
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
    const calendar = ical({
      name: `Jalons — ${project.name}`,
      prodId: { company: 'Jalon', product: 'Jalon', language: 'FR' },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 60 * 60,
    });
    // DTSTAMP must be stable too, or every refresh looks like a change to the calendar client.
    const stamp = new Date(plan.computedAt);
    for (const task of plan.tasks) {
      if (!task.keyMilestone || !task.finish) continue;
      calendar.createEvent({
        id: milestoneUid(task.id),
        start: task.finish,
        end: nextDay(task.finish),
        allDay: true,
        summary: task.name,
        description: task.fixedDate ? `Jalon clé (date fixe) — ${project.name}` : `Jalon clé — ${project.name}`,
        stamp,
      });
    }
    return calendar.toString();
  }
}
