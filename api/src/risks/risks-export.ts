import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BAND_LABELS, DEFAULT_SCALE_LABELS, type RiskDto } from '@jalon/risks';
import { frenchDate } from '../exports/calendar-date';
import { fileNamePart } from '../exports/content-disposition';
import { XlsxWorkbook, type XlsxColumn } from '../exports/xlsx-workbook';
import { CATEGORY_LABELS_FR, STATUS_LABELS_FR, STRATEGY_LABELS_FR } from './risk-labels';
import { RisksService } from './risks.service';

/** The risk register as a spreadsheet in Jalon's house style: French headers, dates as date cells. */
@Injectable()
export class RisksExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly risks: RisksService,
  ) {}

  async xlsx(projectId: string): Promise<{ fileName: string; content: Buffer }> {
    const register = await this.risks.register(projectId);
    const projectRows = (await this.dataSource.query(`SELECT name, target_go_live AS "goLive" FROM project WHERE id = $1`, [projectId])) as Array<{
      name: string;
      goLive: string | null;
    }>;
    const project = projectRows[0] ?? { name: 'projet', goLive: null };
    const labels = register.settings.labels ?? DEFAULT_SCALE_LABELS.fr;
    const level = (scale: 'probability' | 'impact', value: number) => `${value} – ${labels[scale][value - 1] ?? ''}`;
    const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');
    const columns: Array<XlsxColumn<RiskDto>> = [
      { header: 'Référence', width: 10, value: (risk) => risk.reference },
      { header: 'Titre', width: 40, value: (risk) => risk.title },
      { header: 'Catégorie', width: 22, value: (risk) => CATEGORY_LABELS_FR[risk.category] },
      { header: 'Description', width: 40, value: (risk) => risk.description },
      { header: 'Cause', width: 30, value: (risk) => risk.cause },
      { header: 'Conséquence', width: 30, value: (risk) => risk.consequence },
      { header: 'Responsable', width: 22, value: (risk) => risk.ownerName ?? '' },
      { header: 'Proximité', width: 12, kind: 'date', value: (risk) => risk.proximity },
      { header: 'Signe avant-coureur', width: 30, value: (risk) => risk.trigger },
      { header: 'Stratégie', width: 12, value: (risk) => STRATEGY_LABELS_FR[risk.strategy] },
      { header: 'Plan de secours', width: 30, value: (risk) => risk.contingencyPlan },
      { header: 'Statut', width: 14, value: (risk) => STATUS_LABELS_FR[risk.status] },
      { header: 'Survenu le', width: 12, kind: 'date', value: (risk) => risk.occurredOn },
      { header: 'Probabilité inhérente', width: 16, value: (risk) => level('probability', risk.inherent.probability) },
      { header: 'Impact inhérent', width: 16, value: (risk) => level('impact', risk.inherent.impact) },
      { header: 'Score inhérent', width: 10, kind: 'integer', value: (risk) => risk.inherent.score },
      { header: 'Probabilité résiduelle', width: 16, value: (risk) => level('probability', risk.residual.probability) },
      { header: 'Impact résiduel', width: 16, value: (risk) => level('impact', risk.residual.impact) },
      { header: 'Score résiduel', width: 10, kind: 'integer', value: (risk) => risk.residual.score },
      { header: 'Criticité', width: 10, value: (risk) => BAND_LABELS.fr[risk.residual.band] },
      { header: 'Probabilité cible', width: 16, value: (risk) => level('probability', risk.target.probability) },
      { header: 'Impact cible', width: 16, value: (risk) => level('impact', risk.target.impact) },
      { header: 'Score cible', width: 10, kind: 'integer', value: (risk) => risk.target.score },
      { header: 'Dernière revue', width: 12, kind: 'date', value: (risk) => risk.lastReviewedOn },
      { header: 'Prochaine revue', width: 12, kind: 'date', value: (risk) => risk.nextReviewOn },
      { header: 'À revoir', width: 9, value: (risk) => yesNo(risk.reviewOverdue) },
      { header: 'En train de se matérialiser', width: 14, value: (risk) => yesNo(risk.materialising.length > 0) },
      { header: 'Traitements en retard', width: 12, kind: 'integer', value: (risk) => risk.overdueTreatments },
    ];
    const workbook = new XlsxWorkbook(new Date());
    const latest = register.latestReviews[0];
    workbook.addSheet({
      name: 'Registre des risques',
      header: {
        title: 'Registre des risques',
        project: project.name,
        goLive: project.goLive,
        exportedOn: register.today,
        lines: latest ? [['Dernière revue', `${latest.title} (${frenchDate(latest.heldOn)})`]] : [],
      },
      columns,
      rows: register.risks,
      paper: 'A3',
    });
    return { fileName: `Registre des risques - ${fileNamePart(project.name)}.xlsx`, content: await workbook.toBuffer() };
  }
}
