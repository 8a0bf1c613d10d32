import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CoverageState, ExecutionResult, TraceabilityDto } from '@jalon/domain';
import { REQUIREMENT_PRIORITY_LABELS_FR } from '@jalon/acceptance';
import { Clock } from '../clock/clock';
import { fileNamePart } from '../exports/content-disposition';
import { XlsxWorkbook, type XlsxColumn } from '../exports/xlsx-workbook';
import { CoverageService } from './coverage.service';

export const RESULT_LABELS_FR: Record<ExecutionResult, string> = {
  non_execute: 'Non exécuté',
  en_cours: 'En cours',
  reussi: 'Réussi',
  echoue: 'Échoué',
  bloque: 'Bloqué',
};

export const COVERAGE_LABELS_FR: Record<CoverageState, string> = {
  non_couverte: 'Non couverte',
  non_executee: 'Non exécutée',
  ok: 'OK',
  ko: 'KO',
};

type MatrixRow = TraceabilityDto['requirements'][number];

/** The most cases drawn as columns of the matrix sheet. */
export const MATRIX_MAX_CASES = 200;

/** The traceability matrix as a spreadsheet: requirements × cases, then the same as a list. */
@Injectable()
export class CoverageExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly coverage: CoverageService,
    private readonly clock: Clock,
  ) {}

  async traceabilityXlsx(projectId: string, campaignId: string | null): Promise<{ fileName: string; content: Buffer }> {
    const matrix = await this.coverage.traceability(projectId, campaignId);
    const [project] = (await this.dataSource.query(`SELECT name, to_char(target_go_live, 'YYYY-MM-DD') AS "goLive" FROM project WHERE id = $1`, [
      projectId,
    ])) as Array<{ name: string; goLive: string | null }>;
    const campaign = campaignId
      ? ((await this.dataSource.query(`SELECT name FROM acceptance_campaign WHERE id = $1`, [campaignId])) as Array<{ name: string }>)[0]
      : undefined;
    const today = this.clock.today();
    const header = {
      title: 'Matrice de traçabilité',
      project: project?.name ?? 'projet',
      goLive: project?.goLive ?? null,
      exportedOn: today,
      lines: [['Périmètre', campaign ? `Campagne ${campaign.name}` : 'Toutes les campagnes (dernier résultat)'] as [string, string]],
    };
    const result = (value: ExecutionResult | null) => (value === null ? 'À exécuter' : RESULT_LABELS_FR[value]);
    const base: Array<XlsxColumn<MatrixRow>> = [
      { header: 'Exigence', width: 14, value: (row) => row.reference },
      { header: 'Titre', width: 40, value: (row) => row.title },
      { header: 'Priorité', width: 14, value: (row) => REQUIREMENT_PRIORITY_LABELS_FR[row.priority] },
      { header: 'Version', width: 9, kind: 'integer', value: (row) => row.revision },
      { header: 'Couverture', width: 14, value: (row) => COVERAGE_LABELS_FR[row.state] },
    ];
    // One column per case while a sheet stays readable (and cheap to write: every cell of the
    // grid is a cell object); beyond, one column listing each requirement's cases and results.
    const columns: Array<XlsxColumn<MatrixRow>> =
      matrix.cases.length <= MATRIX_MAX_CASES
        ? [
            ...base,
            ...matrix.cases.map(
              (testCase, index): XlsxColumn<MatrixRow> => ({
                header: testCase.reference,
                width: 12,
                value: (row) => {
                  const cell = row.cells.find((candidate) => candidate.case === index);
                  return cell ? result(cell.result) : '';
                },
              }),
            ),
          ]
        : [
            ...base,
            {
              header: 'Cas de test et derniers résultats',
              width: 80,
              value: (row) => row.cells.map((cell) => `${matrix.cases[cell.case]!.reference} : ${result(cell.result)}`).join(' ; '),
            },
          ];
    const workbook = new XlsxWorkbook(new Date());
    workbook.addSheet({ name: 'Matrice', header, columns, rows: matrix.requirements, paper: 'A3' });
    const pairs = matrix.requirements.flatMap((row) => row.cells.map((cell) => ({ row, testCase: matrix.cases[cell.case]!, result: cell.result })));
    workbook.addSheet({
      name: 'Liens',
      header,
      columns: [
        { header: 'Exigence', width: 14, value: (pair) => pair.row.reference },
        { header: 'Titre de l’exigence', width: 40, value: (pair) => pair.row.title },
        { header: 'Couverture', width: 14, value: (pair) => COVERAGE_LABELS_FR[pair.row.state] },
        { header: 'Cas de test', width: 14, value: (pair) => pair.testCase.reference },
        { header: 'Titre du cas', width: 40, value: (pair) => pair.testCase.title },
        { header: 'Dernier résultat', width: 16, value: (pair) => result(pair.result) },
      ],
      rows: pairs,
    });
    const name = `Matrice de traçabilité - ${fileNamePart(project?.name ?? 'projet')}${campaign ? ` - ${fileNamePart(campaign.name)}` : ''} - ${today}.xlsx`;
    return { fileName: name, content: await workbook.toBuffer() };
  }
}
