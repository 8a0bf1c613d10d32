import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActionDto, ActionStatus, DecisionDto, MeetingType } from '@jalon/domain';
import { instantToLocal } from '@jalon/meetings';
import { fileNamePart } from '../exports/content-disposition';
import { XlsxWorkbook, type XlsxColumn } from '../exports/xlsx-workbook';
import type { ActionListQueryDto, DecisionLogQueryDto } from './dto/meeting.dto';
import { SteeringRecordsService } from './steering-records.service';

export const MEETING_TYPE_LABELS_FR: Record<MeetingType, string> = { copil: 'COPIL', coproj: 'COPROJ', atelier: 'Atelier' };
export const ACTION_STATUS_LABELS_FR: Record<ActionStatus, string> = { a_faire: 'À faire', en_cours: 'En cours', faite: 'Faite', abandonnee: 'Abandonnée' };

const parisDate = (iso: string) => instantToLocal(new Date(iso), 'Europe/Paris').slice(0, 10);
const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

/** The decision log and the action list as spreadsheets (French headers, dates as date cells), with the list's filters. */
@Injectable()
export class MeetingsExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: SteeringRecordsService,
  ) {}

  private async project(projectId: string): Promise<{ name: string; goLive: string | null }> {
    const rows = (await this.dataSource.query(`SELECT name, target_go_live AS "goLive" FROM project WHERE id = $1`, [projectId])) as Array<{ name: string; goLive: string | null }>;
    return rows[0] ?? { name: 'projet', goLive: null };
  }

  async decisions(projectId: string, query: DecisionLogQueryDto): Promise<{ fileName: string; content: Buffer }> {
    const [project, decisions] = await Promise.all([this.project(projectId), this.records.decisionLog(projectId, query)]);
    const columns: Array<XlsxColumn<DecisionDto>> = [
      { header: 'Date', width: 12, kind: 'date', value: (decision) => parisDate(decision.decidedAt) },
      { header: 'Réunion', width: 30, value: (decision) => `${MEETING_TYPE_LABELS_FR[decision.meetingType]} – ${decision.meetingTitle}` },
      { header: 'Date de la réunion', width: 12, kind: 'date', value: (decision) => parisDate(decision.meetingStartsAt) },
      { header: 'Décision', width: 60, value: (decision) => decision.text },
      { header: 'Décidé par', width: 20, value: (decision) => decision.decidedBy },
      { header: 'Impact périmètre', width: 10, value: (decision) => yesNo(decision.impactScope) },
      { header: 'Impact délai', width: 10, value: (decision) => yesNo(decision.impactTime) },
      { header: 'Impact budget', width: 10, value: (decision) => yesNo(decision.impactBudget) },
      { header: 'Référence figée', width: 10, value: (decision) => yesNo(decision.baselineId !== null) },
      { header: 'Risque accepté', width: 10, value: (decision) => yesNo(decision.acceptedRiskId !== null) },
    ];
    const workbook = new XlsxWorkbook(new Date());
    workbook.addSheet({
      name: 'Relevé de décisions',
      header: { title: 'Relevé de décisions', project: project.name, goLive: project.goLive, exportedOn: this.records.today() },
      columns,
      rows: decisions,
    });
    return { fileName: `Relevé de décisions - ${fileNamePart(project.name)}.xlsx`, content: await workbook.toBuffer() };
  }

  async actions(projectId: string, query: ActionListQueryDto): Promise<{ fileName: string; content: Buffer }> {
    const [project, actions] = await Promise.all([this.project(projectId), this.records.actionList(projectId, query)]);
    const columns: Array<XlsxColumn<ActionDto>> = [
      { header: 'Action', width: 50, value: (action) => action.title },
      { header: 'Responsable', width: 22, value: (action) => action.ownerName ?? '' },
      { header: 'Échéance', width: 12, kind: 'date', value: (action) => action.dueDate },
      { header: 'Statut', width: 12, value: (action) => ACTION_STATUS_LABELS_FR[action.status] },
      { header: 'En retard', width: 9, value: (action) => yesNo(action.overdue) },
      { header: 'Origine', width: 30, value: (action) => action.meetingTitle },
      { header: 'Date de la réunion', width: 12, kind: 'date', value: (action) => parisDate(action.meetingStartsAt) },
      { header: 'Reportée', width: 9, value: (action) => yesNo(action.carriedOverToMeetingId !== null) },
    ];
    const workbook = new XlsxWorkbook(new Date());
    workbook.addSheet({
      name: 'Plan d’actions',
      header: { title: 'Plan d’actions', project: project.name, goLive: project.goLive, exportedOn: this.records.today() },
      columns,
      rows: actions,
    });
    return { fileName: `Plan d'actions - ${fileNamePart(project.name)}.xlsx`, content: await workbook.toBuffer() };
  }
}
