import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { TranslatePipe } from '@ngx-translate/core';
import type { RiskImportResultDto } from '@jalon/risks';
import { ImportDialog, type ImportColumn, type ImportSource } from '../shared/import-dialog';
import { RisksApi } from './risks-api';

export interface RiskImportDialogData {
  projectId: string;
}

type RiskImportRow = RiskImportResultDto['rows'][number];

/**
 * Import a register from .xlsx or .csv (`POST …/risks/import`, with `preview` first): the shared
 * import dialog, with each problem named by its column. Closes with true once something was imported.
 */
@Component({
  selector: 'jalon-risk-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ImportDialog, TranslatePipe],
  template: `
    <jalon-import-dialog texts="risks.import" testId="risk-import" fields="risks.fields" [columns]="columns" [source]="source">
      <ng-template #problem let-error>
        {{ 'risks.import.problemLine' | translate: { column: error.column, problem: ('risks.import.problems.' + error.code | translate: { value: error.value ?? '' }) } }}
      </ng-template>
    </jalon-import-dialog>
  `,
})
export class RiskImportDialog {
  private readonly data = inject<RiskImportDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(RisksApi);

  protected readonly columns: ImportColumn<RiskImportRow>[] = [{ header: 'risks.import.riskTitle', value: (row) => row.title, rowHeader: true }];
  protected readonly source: ImportSource<RiskImportResultDto> = {
    preview: (file) => this.api.importRisks(this.data.projectId, { ...file, preview: true }),
    import: (file, validOnly) => this.api.importRisks(this.data.projectId, { ...file, validOnly }),
  };
}
