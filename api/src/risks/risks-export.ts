import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { BAND_LABELS, DEFAULT_SCALE_LABELS, type RiskCategory, type RiskStatus, type RiskStrategy } from '@jalon/risks';
import { RisksService } from './risks.service';

export const CATEGORY_LABELS_FR: Record<RiskCategory, string> = {
  planning: 'Planning',
  budget: 'Budget',
  technical: 'Technique',
  people_change: 'Humain / conduite du changement',
  organisation: 'Organisation',
  vendor: 'Prestataire',
  gdpr_compliance: 'RGPD / conformité',
};

export const STATUS_LABELS_FR: Record<RiskStatus, string> = {
  identified: 'Identifié',
  in_treatment: 'En traitement',
  closed: 'Clos',
  occurred: 'Survenu',
};

export const STRATEGY_LABELS_FR: Record<RiskStrategy, string> = {
  avoid: 'Éviter',
  reduce: 'Réduire',
  transfer: 'Transférer',
  accept: 'Accepter',
};

/** A calendar date as an Excel date cell: midnight UTC, which Excel shows as that very day. */
const dateCell = (date: string | null): Date | null => (date ? new Date(`${date}T00:00:00Z`) : null);

/** The risk register as a spreadsheet, French headers, dates as date cells. */
@Injectable()
export class RisksExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly risks: RisksService,
  ) {}

  async xlsx(projectId: string): Promise<{ fileName: string; content: Buffer }> {
    const register = await this.risks.register(projectId);
    const projectRows = (await this.dataSource.query(`SELECT name FROM project WHERE id = $1`, [projectId])) as { name: string }[];
    const projectName = projectRows[0]?.name ?? 'projet';
    const labels = register.settings.labels ?? DEFAULT_SCALE_LABELS.fr;

    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Jalon';
    const sheet = workbook.addWorksheet('Registre des risques', {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const date = { numFmt: 'dd/mm/yyyy' };
    sheet.columns = [
      { header: 'Référence', key: 'reference', width: 10 },
      { header: 'Titre', key: 'title', width: 40 },
      { header: 'Catégorie', key: 'category', width: 22 },
      { header: 'Description', key: 'description', width: 40 },
      { header: 'Cause', key: 'cause', width: 30 },
      { header: 'Conséquence', key: 'consequence', width: 30 },
      { header: 'Responsable', key: 'owner', width: 22 },
      { header: 'Proximité', key: 'proximity', width: 12, style: date },
      { header: 'Signe avant-coureur', key: 'trigger', width: 30 },
      { header: 'Stratégie', key: 'strategy', width: 12 },
      { header: 'Plan de secours', key: 'contingencyPlan', width: 30 },
      { header: 'Statut', key: 'status', width: 14 },
      { header: 'Survenu le', key: 'occurredOn', width: 12, style: date },
      { header: 'Probabilité inhérente', key: 'inherentProbability', width: 12 },
      { header: 'Impact inhérent', key: 'inherentImpact', width: 12 },
      { header: 'Score inhérent', key: 'inherentScore', width: 10 },
      { header: 'Probabilité résiduelle', key: 'residualProbability', width: 12 },
      { header: 'Impact résiduel', key: 'residualImpact', width: 12 },
      { header: 'Score résiduel', key: 'residualScore', width: 10 },
      { header: 'Criticité', key: 'band', width: 10 },
      { header: 'Probabilité cible', key: 'targetProbability', width: 12 },
      { header: 'Impact cible', key: 'targetImpact', width: 12 },
      { header: 'Score cible', key: 'targetScore', width: 10 },
      { header: 'Dernière revue', key: 'lastReviewedOn', width: 12, style: date },
      { header: 'Prochaine revue', key: 'nextReviewOn', width: 12, style: date },
      { header: 'À revoir', key: 'overdue', width: 9 },
      { header: 'En train de se matérialiser', key: 'materialising', width: 14 },
      { header: 'Traitements en retard', key: 'overdueTreatments', width: 12 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const risk of register.risks) {
      sheet.addRow({
        reference: risk.reference,
        title: risk.title,
        category: CATEGORY_LABELS_FR[risk.category],
        description: risk.description,
        cause: risk.cause,
        consequence: risk.consequence,
        owner: risk.ownerName ?? '',
        proximity: dateCell(risk.proximity),
        trigger: risk.trigger,
        strategy: STRATEGY_LABELS_FR[risk.strategy],
        contingencyPlan: risk.contingencyPlan,
        status: STATUS_LABELS_FR[risk.status],
        occurredOn: dateCell(risk.occurredOn),
        inherentProbability: `${risk.inherent.probability} – ${labels.probability[risk.inherent.probability - 1]}`,
        inherentImpact: `${risk.inherent.impact} – ${labels.impact[risk.inherent.impact - 1]}`,
        inherentScore: risk.inherent.score,
        residualProbability: `${risk.residual.probability} – ${labels.probability[risk.residual.probability - 1]}`,
        residualImpact: `${risk.residual.impact} – ${labels.impact[risk.residual.impact - 1]}`,
        residualScore: risk.residual.score,
        band: BAND_LABELS.fr[risk.residual.band],
        targetProbability: `${risk.target.probability} – ${labels.probability[risk.target.probability - 1]}`,
        targetImpact: `${risk.target.impact} – ${labels.impact[risk.target.impact - 1]}`,
        targetScore: risk.target.score,
        lastReviewedOn: dateCell(risk.lastReviewedOn),
        nextReviewOn: dateCell(risk.nextReviewOn),
        overdue: risk.reviewOverdue ? 'Oui' : 'Non',
        materialising: risk.materialising.length > 0 ? 'Oui' : 'Non',
        overdueTreatments: risk.overdueTreatments,
      });
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    return { fileName: `Registre des risques - ${projectName}.xlsx`, content };
  }
}
