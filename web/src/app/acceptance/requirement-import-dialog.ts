import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import {
  REQUIREMENT_IMPORT_FIELDS,
  REQUIREMENT_IMPORT_REQUIRED_FIELDS,
  type RequirementImportField,
  type RequirementImportMapping,
  type RequirementImportPreviewDto,
  type RequirementImportRow,
} from '@jalon/domain';
import { ImportDialog, type ImportColumn, type ImportSource } from '../shared/import-dialog';
import { AcceptanceApi } from './acceptance-api';

export interface RequirementImportDialogData {
  projectId: string;
}

/**
 * Imports requirements from the grille de conformité (.xlsx or .csv): the shared import dialog,
 * above its preview the columns Jalon guessed for each field (overridable, the preview follows).
 * Closes with true once something was imported.
 */
@Component({
  selector: 'jalon-requirement-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ImportDialog, MatFormFieldModule, MatSelectModule, TranslatePipe],
  template: `
    <jalon-import-dialog texts="acceptance.import" testId="requirement-import" fields="acceptance.fields" [columns]="columns" [source]="source"
      (fileChanged)="mapping.set({})">
      <ng-template #settings let-result>
        <section class="mapping" [attr.aria-label]="'acceptance.import.mapping' | translate">
          <h3>{{ 'acceptance.import.mapping' | translate }}</h3>
          <p class="help">{{ 'acceptance.import.mappingHelp' | translate }}</p>
          <div class="mapping-grid" data-testid="requirement-import-mapping">
            @for (field of fields; track field) {
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ 'acceptance.import.fields.' + field | translate }}{{ isRequired(field) ? ' *' : '' }}</mat-label>
                <mat-select [value]="result.mapping[field] ?? null" (valueChange)="remap(field, $event)" [disabled]="dialog().busy()"
                  [attr.data-testid]="'mapping-' + field">
                  <mat-option [value]="null">{{ 'acceptance.import.notMapped' | translate }}</mat-option>
                  @for (column of result.columns; track column) {
                    <mat-option [value]="column">{{ column }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            }
          </div>
        </section>
      </ng-template>
      <ng-template #problem let-error>
        @if (error.value) {
          {{ 'acceptance.import.problemValue' | translate: { field: error.column || ('acceptance.import.fields.' + error.field | translate), value: error.value, problem: ('acceptance.import.problems.' + error.code | translate) } }}
        } @else {
          {{ 'acceptance.import.problemLine' | translate: { field: error.column || ('acceptance.import.fields.' + error.field | translate), problem: ('acceptance.import.problems.' + error.code | translate) } }}
        }
      </ng-template>
    </jalon-import-dialog>
  `,
  styles: `
    .help { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    h3 { font: var(--mat-sys-title-small); margin: 8px 0 4px; }
    .mapping-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 12px; margin-bottom: 8px; }
  `,
})
export class RequirementImportDialog {
  private readonly data = inject<RequirementImportDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(AcceptanceApi);
  protected readonly dialog = viewChild.required<ImportDialog<RequirementImportRow, RequirementImportPreviewDto>>(ImportDialog);

  protected readonly fields = REQUIREMENT_IMPORT_FIELDS;
  /** The mapping the user chose; empty: the one Jalon guesses from the headers. */
  protected readonly mapping = signal<RequirementImportMapping>({});
  protected readonly columns: ImportColumn<RequirementImportRow>[] = [
    { header: 'acceptance.import.reference', value: (row) => row.reference },
    { header: 'acceptance.import.requirementTitle', value: (row) => row.title, rowHeader: true },
  ];
  protected readonly source: ImportSource<RequirementImportPreviewDto> = {
    preview: (file) => this.api.previewImport(this.data.projectId, { ...file, mapping: this.mapping() }),
    import: (file, validRowsOnly) => this.api.importRequirements(this.data.projectId, { ...file, mapping: this.mapping(), validRowsOnly }),
  };

  protected isRequired(field: RequirementImportField): boolean {
    return REQUIREMENT_IMPORT_REQUIRED_FIELDS.includes(field);
  }

  /** Another column for a field: the preview is read again with it. */
  protected remap(field: RequirementImportField, column: string | null): void {
    const current = this.dialog().preview()?.mapping ?? {};
    this.mapping.set({ ...current, [field]: column });
    this.dialog().refresh();
  }
}
