import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PACK_MAX_ROWS,
  type CopilPackSnapshot,
  type MeetingPackDto,
  type MeetingPackSummaryDto,
  type PackActionRow,
  type PackDecisionRow,
  type PackGanttRow,
  type PackMatrixCell,
  type PackRiskRow,
  type RetroPlanningDto,
} from '@jalon/domain';
import { canonicalJson, isActionOverdue } from '@jalon/meetings';
import { bandOf, isOpenStatus, type RiskDto } from '@jalon/risks';
import type { AuthenticatedUser } from '../access/access.decorators';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../clock/clock';
import { fieldError, notFound, refuse } from '../common/api-errors';
import { BaselinesService } from '../planning/baselines.service';
import { localDate, MeetingFactsReader, type MeetingRow, type ProjectFacts } from './agenda-proposal-state';
import { renderPackPdf } from './pack-pdf';

export const sha256 = (content: Buffer | string): string => createHash('sha256').update(content).digest('hex');

/** The hash printed on every page: of the canonical JSON of the snapshot (see `canonicalJson`). */
export const snapshotSha256 = (snapshot: CopilPackSnapshot): string => sha256(canonicalJson(snapshot));

const isDone = (task: { progress: number; actualFinish: string | null }) => task.actualFinish !== null || task.progress >= 100;

/** Unfinished tasks on the critical path: what the next COPIL compares its own with. */
export function criticalTaskIdsOf(plan: RetroPlanningDto): string[] {
  return plan.tasks.filter((task) => task.critical && !isDone(task)).map((task) => task.id);
}

/** Phases (from their first start to their last finish) in plan order, then key milestones by date. */
export function ganttRowsOf(plan: RetroPlanningDto): PackGanttRow[] {
  const byPhase = new Map<string, { start: string; finish: string; critical: boolean }>();
  for (const task of plan.tasks) {
    if (!task.phaseId) continue;
    const span = byPhase.get(task.phaseId);
    if (!span) byPhase.set(task.phaseId, { start: task.start, finish: task.finish, critical: task.critical && !isDone(task) });
    else {
      if (task.start < span.start) span.start = task.start;
      if (task.finish > span.finish) span.finish = task.finish;
      span.critical ||= task.critical && !isDone(task);
    }
  }
  const phases = [...plan.phases]
    .sort((a, b) => a.position - b.position)
    .flatMap((phase): PackGanttRow[] => {
      const span = byPhase.get(phase.id);
      return span ? [{ kind: 'phase', id: phase.id, name: phase.name, ...span }] : [];
    });
  const milestones = plan.tasks
    .filter((task) => task.keyMilestone)
    .sort((a, b) => a.finish.localeCompare(b.finish) || a.position - b.position)
    .map((task): PackGanttRow => ({ kind: 'milestone', id: task.id, name: task.name, start: task.finish, finish: task.finish, critical: task.critical }));
  return [...phases, ...milestones];
}

function riskRow(risk: RiskDto): PackRiskRow {
  return {
    id: risk.id,
    reference: risk.reference,
    title: risk.title,
    ownerName: risk.ownerName,
    status: risk.status,
    probability: risk.residual.probability,
    impact: risk.residual.impact,
    score: risk.residual.score,
    band: risk.residual.band,
    trend: risk.trend,
    materialising: risk.materialising.length > 0,
    reviewOverdue: risk.reviewOverdue,
  };
}

/** Open risks by residual score (materialising first among equals), the `count` highest. */
export function topRisks(facts: Pick<ProjectFacts, 'register'>, count: number): PackRiskRow[] {
  return facts.register.risks
    .filter((risk) => isOpenStatus(risk.status))
    .map(riskRow)
    .sort((a, b) => b.score - a.score || Number(b.materialising) - Number(a.materialising) || a.reference.localeCompare(b.reference))
    .slice(0, count);
}

interface PackRow {
  id: string;
  meetingId: string;
  createdAt: Date;
  createdByName: string | null;
  sha256: string;
  pdfBytes: number;
  snapshot: CopilPackSnapshot;
}

/**
 * The COPIL pack: a snapshot of the project frozen at one moment, its PDF rendered once, both
 * stored with the SHA-256 of the PDF's bytes and never changed (the database refuses it).
 */
@Injectable()
export class MeetingPackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: MeetingFactsReader,
    private readonly baselines: BaselinesService,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** What the pack shows, read from live data now. */
  async snapshot(projectId: string, meeting: MeetingRow, author: string | null): Promise<CopilPackSnapshot> {
    const facts = await this.facts.facts(projectId, meeting);
    const since = facts.previousCopil?.startsAt ?? null;
    const [trend, decisionRows, decisionCount] = await Promise.all([
      this.baselines.milestoneTrend(projectId),
      this.dataSource.query(
        `SELECT d.id, m.title AS "meetingTitle", d.decided_at AS "decidedAt", d.decided_by AS "decidedBy", d.text,
                d.impact_scope AS "impactScope", d.impact_time AS "impactTime", d.impact_budget AS "impactBudget"
           FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id
          WHERE d.project_id = $1 AND ($2::timestamptz IS NULL OR d.decided_at >= $2)
          ORDER BY d.decided_at DESC, d.id LIMIT $3`,
        [projectId, since, PACK_MAX_ROWS],
      ) as Promise<Array<Omit<PackDecisionRow, 'impacts' | 'decidedAt'> & { decidedAt: Date; impactScope: boolean; impactTime: boolean; impactBudget: boolean }>>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM meeting_decision WHERE project_id = $1 AND ($2::timestamptz IS NULL OR decided_at >= $2)`, [
        projectId,
        since,
      ]) as Promise<Array<{ n: number }>>,
    ]);
    const slippage = new Map(facts.slippage.map((row) => [row.taskId, row]));
    const bands = facts.register.settings.bands;
    const open = facts.register.risks.filter((risk) => isOpenStatus(risk.status));
    const counts = new Map<string, number>();
    for (const risk of open) counts.set(`${risk.residual.probability}:${risk.residual.impact}`, (counts.get(`${risk.residual.probability}:${risk.residual.impact}`) ?? 0) + 1);
    const matrix: PackMatrixCell[] = [];
    for (let probability = 5; probability >= 1; probability--) {
      for (let impact = 1; impact <= 5; impact++) {
        matrix.push({ probability, impact, band: bandOf(probability * impact, bands), count: counts.get(`${probability}:${impact}`) ?? 0 });
      }
    }
    const actions: PackActionRow[] = facts.openActions
      .map((action) => ({ ...action, overdue: isActionOverdue(action, facts.today) }))
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.title.localeCompare(b.title));
    return {
      formatVersion: 1,
      project: { id: projectId, name: facts.projectName, targetGoLive: facts.plan.settings.targetGoLive || facts.targetGoLive },
      meeting: { id: meeting.id, type: meeting.type, title: meeting.title, startsAt: meeting.startsAt.toISOString(), timeZone: meeting.timeZone, status: meeting.status },
      generatedAt: this.clock.now().toISOString(),
      generatedByName: author,
      today: facts.today,
      weather: facts.weather
        ? { weather: facts.weather.weather, comment: facts.weather.comment, setAt: facts.weather.setAt.toISOString(), setByName: facts.weather.setByName }
        : null,
      weatherHistory: facts.weatherHistory.map((entry) => ({ weather: entry.weather, setAt: entry.setAt.toISOString() })),
      previousCopil: facts.previousCopil
        ? { id: facts.previousCopil.id, title: facts.previousCopil.title, startsAt: facts.previousCopil.startsAt.toISOString() }
        : null,
      baseline: facts.baseline ? { id: facts.baseline.id, name: facts.baseline.name, createdAt: facts.baseline.createdAt.toISOString() } : null,
      frozenBaseline: null,
      milestones: facts.plan.tasks
        .filter((task) => task.keyMilestone)
        .sort((a, b) => a.finish.localeCompare(b.finish) || a.position - b.position)
        .map((task) => ({
          taskId: task.id,
          name: task.name,
          referenceFinish: slippage.get(task.id)?.referenceFinish ?? null,
          currentFinish: task.finish,
          slippage: slippage.get(task.id)?.finishSlippage ?? null,
          critical: task.critical,
          done: isDone(task),
        })),
      milestoneTrend: trend,
      gantt: { goLive: facts.plan.settings.targetGoLive || facts.targetGoLive, rows: ganttRowsOf(facts.plan) },
      criticalTaskIds: criticalTaskIdsOf(facts.plan),
      risks: { open: open.length, matrix, top: topRisks(facts, 10) },
      decisions: decisionRows.map(({ impactScope, impactTime, impactBudget, decidedAt, ...row }) => ({
        ...row,
        decidedAt: decidedAt.toISOString(),
        impacts: [impactScope ? 'scope' : '', impactTime ? 'time' : '', impactBudget ? 'budget' : ''].filter((impact) => impact !== ''),
      })),
      decisionsTotal: decisionCount[0]?.n ?? 0,
      actions: { open: actions.slice(0, PACK_MAX_ROWS), overdue: actions.filter((action) => action.overdue).length, total: actions.length },
      acceptance: facts.acceptance,
      kpis: facts.kpis,
    };
  }

  /**
   * Freezes a pack: the snapshot, its PDF and their hashes, stored in one transaction; with
   * `freezeBaseline`, a baseline of the plan is frozen in the same transaction and recorded on the
   * meeting. The snapshot is read before the transaction (reads of the plan and the register go
   * through their caches); the baseline freeze locks the plan.
   */
  async create(projectId: string, meetingId: string, input: { freezeBaseline?: boolean; baselineName?: string }, user: AuthenticatedUser): Promise<MeetingPackSummaryDto> {
    const meeting = await this.facts.meeting(projectId, meetingId);
    if (meeting.status === 'annulee') throw refuse(409, 'conflict', `The meeting ${meetingId} is cancelled: it has no pack`, { fields: [{ field: 'meetingId', messages: ['the meeting is cancelled'] }] });
    if (input.freezeBaseline && meeting.minutesFrozenAt !== null) {
      throw fieldError(409, 'freezeBaseline', 'The meeting is closed: a baseline can no longer be frozen with it', 'meeting_closed');
    }
    const snapshot = await this.snapshot(projectId, meeting, user.displayName);
    const render = async () => {
      const hash = snapshotSha256(snapshot);
      return { hash, pdf: await renderPackPdf(snapshot, hash) };
    };
    // Rendered before the transaction (which on PGlite holds the only session), unless the
    // snapshot must first name the baseline the transaction freezes.
    let rendered = input.freezeBaseline ? null : await render();
    const id = await this.dataSource.transaction(async (manager) => {
      const locked = await this.facts.meeting(projectId, meetingId, manager, true);
      if (input.freezeBaseline) {
        if (locked.minutesFrozenAt !== null) throw fieldError(409, 'freezeBaseline', 'The meeting is closed: a baseline can no longer be frozen with it', 'meeting_closed');
        const name = input.baselineName ?? `${meeting.title} — ${localDate(meeting.startsAt, meeting.timeZone)}`;
        const baseline = await this.baselines.freeze(manager, projectId, name, { id: user.id, name: user.displayName });
        snapshot.frozenBaseline = { id: baseline.id, name: baseline.name };
        await manager.query(`UPDATE meeting SET baseline_id = $1, version = version + 1, updated_at = now() WHERE id = $2`, [baseline.id, meetingId]);
        await this.auditTrail.record(manager, {
          projectId,
          entity: 'meeting',
          entityId: meetingId,
          action: 'update',
          before: { baselineId: locked.baselineId },
          after: { baselineId: baseline.id },
          label: meeting.title,
        });
      }
      rendered ??= await render();
      const { hash, pdf } = rendered;
      const rows = (await manager.query(
        `INSERT INTO meeting_pack (project_id, meeting_id, created_by, created_by_name, sha256, pdf, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
        [projectId, meetingId, user.id, user.displayName, sha256(pdf), pdf, JSON.stringify(snapshot)],
      )) as Array<{ id: string }>;
      const packId = rows[0]?.id as string;
      await this.auditTrail.record(manager, {
        projectId,
        entity: 'meeting_pack',
        entityId: packId,
        action: 'create',
        after: { meetingId, sha256: sha256(pdf), snapshotSha256: hash, baselineId: snapshot.frozenBaseline?.id ?? null },
        label: meeting.title,
      });
      return packId;
    });
    return this.summary(await this.packRow(projectId, meetingId, id));
  }

  async list(projectId: string, meetingId: string): Promise<MeetingPackSummaryDto[]> {
    await this.facts.meeting(projectId, meetingId);
    const rows = (await this.dataSource.query(
      `SELECT ${PACK_COLUMNS} FROM meeting_pack WHERE project_id = $1 AND meeting_id = $2 ORDER BY created_at DESC, id`,
      [projectId, meetingId],
    )) as PackRow[];
    return rows.map((row) => this.summary(row));
  }

  async pack(projectId: string, meetingId: string, packId: string): Promise<MeetingPackDto> {
    const row = await this.packRow(projectId, meetingId, packId);
    return { ...this.summary(row), snapshot: row.snapshot };
  }

  async pdf(projectId: string, meetingId: string, packId: string): Promise<{ fileName: string; content: Buffer }> {
    const row = await this.packRow(projectId, meetingId, packId);
    const pdfRows = (await this.dataSource.query(`SELECT pdf FROM meeting_pack WHERE id = $1`, [packId])) as Array<{ pdf: Buffer }>;
    const content = pdfRows[0]?.pdf as Buffer;
    const day = localDate(new Date(row.snapshot.meeting.startsAt), row.snapshot.meeting.timeZone);
    return { fileName: `Dossier ${row.snapshot.meeting.title} ${day}.pdf`, content };
  }

  private async packRow(projectId: string, meetingId: string, packId: string): Promise<PackRow> {
    await this.facts.meeting(projectId, meetingId);
    const rows = (await this.dataSource.query(
      `SELECT ${PACK_COLUMNS} FROM meeting_pack WHERE id = $1 AND project_id = $2 AND meeting_id = $3`,
      [packId, projectId, meetingId],
    )) as PackRow[];
    const row = rows[0];
    if (!row) throw notFound('meeting_pack', packId);
    return row;
  }

  private summary(row: PackRow): MeetingPackSummaryDto {
    return {
      id: row.id,
      meetingId: row.meetingId,
      createdAt: row.createdAt.toISOString(),
      createdByName: row.createdByName,
      sha256: row.sha256,
      snapshotSha256: snapshotSha256(row.snapshot),
      pdfBytes: row.pdfBytes,
      baselineId: row.snapshot.frozenBaseline?.id ?? null,
    };
  }
}

const PACK_COLUMNS = `id, meeting_id AS "meetingId", created_at AS "createdAt", created_by_name AS "createdByName", sha256,
  octet_length(pdf) AS "pdfBytes", snapshot`;
