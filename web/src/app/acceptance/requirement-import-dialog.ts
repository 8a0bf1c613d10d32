import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
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
import { Notifier } from '../shared/notifier';
import { AcceptanceApi } from './acceptance-api';

export interface RequirementImportDialogData {
  projectId: string;
}

/** The API takes at most 1 MB of JSON; a file travels in base64 (4/3 of its size). */
const MAX_FILE_BYTES = 700 * 1024;
/** Rows drawn in the preview: every rejected row, then valid ones up to this many in all. */
const PREVIEW_ROWS = 300;

/** Reads a file as base64, without the data-URL prefix. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/**
 * Imports requirements from the grille de conformité (.xlsx or .csv): the columns Jalon guessed for
 * each field (overridable, the preview follows), every row with its problems; « Tout importer » is
 * refused while a row is rejected, « Importer les lignes valides » leaves them out. Nothing is
 * written until one of them is pressed. Closes with true once something was imported.
 */
@Component({
  selector: 'jalon-requirement-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'acceptance.import.title' | translate }}</h2>
    <mat-dialog-content>
      <p class="help">{{ 'acceptance.import.help' | translate }}</p>
      <label class="file">
        <span>{{ 'acceptance.import.file' | translate }}</span>
        <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="requirement-import-file" (change)="chosen($event)" />
      </label>
      @if (busy()) {
        <p role="status">{{ 'acceptance.import.reading' | translate }}</p>
      }
      @if (preview(); as result) {
        <section class="mapping" [attr.aria-label]="'acceptance.import.mapping' | translate">
          <h3>{{ 'acceptance.import.mapping' | translate }}</h3>
          <p class="help">{{ 'acceptance.import.mappingHelp' | translate }}</p>
          <div class="mapping-grid" data-testid="requirement-import-mapping">
            @for (field of fields; track field) {
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ 'acceptance.import.fields.' + field | translate }}{{ isRequired(field) ? ' *' : '' }}</mat-label>
                <mat-select [value]="result.mapping[field] ?? null" (valueChange)="remap(field, $event)" [disabled]="busy()"
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

        <p class="counts" role="status" data-testid="requirement-import-counts">
          {{ 'acceptance.import.counts' | translate: { valid: result.valid, rejected: result.rejected } }}
        </p>
        <table class="rows" data-testid="requirement-import-preview">
          <caption class="cdk-visually-hidden">{{ 'acceptance.import.previewCaption' | translate: { file: fileName() } }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'acceptance.import.row' | translate }}</th>
              <th scope="col">{{ 'acceptance.import.reference' | translate }}</th>
              <th scope="col">{{ 'acceptance.import.requirementTitle' | translate }}</th>
              <th scope="col">{{ 'acceptance.import.result' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of shownRows(); track row.row) {
              <tr data-testid="requirement-import-row" [attr.data-row]="row.row" [class.rejected]="!row.valid">
                <td class="number">{{ row.row }}</td>
                <td class="number">{{ row.reference || '—' }}</td>
                <th scope="row">{{ row.title || '—' }}</th>
                <td>
                  @if (row.valid) {
                    <span class="ok">✓ {{ 'acceptance.import.valid' | translate }}</span>
                  } @else {
                    <span class="ko">✗ {{ 'acceptance.import.rejected' | translate }}</span>
                    <ul class="errors">
                      @for (error of row.errors; track $index) {
                        <li data-testid="requirement-import-error">
                          @if (error.value) {
                            {{ 'acceptance.import.problemValue' | translate: { field: error.column || ('acceptance.import.fields.' + error.field | translate), value: error.value, problem: ('acceptance.import.problems.' + error.code | translate) } }}
                          } @else {
                            {{ 'acceptance.import.problemLine' | translate: { field: error.column || ('acceptance.import.fields.' + error.field | translate), problem: ('acceptance.import.problems.' + error.code | translate) } }}
                          }
                        </li>
                      }
                    </ul>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
        @if (shownRows().length < result.rows.length) {
          <p class="help">{{ 'acceptance.import.moreRows' | translate: { shown: shownRows().length, total: result.rows.length } }}</p>
        }
        @if (result.rejected > 0) {
          <p class="warning" data-testid="requirement-import-blocked">{{ 'acceptance.import.blocked' | translate: { count: result.rejected } }}</p>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'acceptance.import.cancel' | translate }}</button>
      @if (preview(); as result) {
        @if (result.rejected > 0 && result.valid > 0) {
          <button mat-stroked-button type="button" data-testid="requirement-import-valid-only" [disabled]="busy()" (click)="run(true)">
            {{ 'acceptance.import.validOnly' | translate: { count: result.valid } }}
          </button>
        }
        <button mat-flat-button type="button" data-testid="requirement-import-all" [disabled]="busy() || !canImportAll()" (click)="run(false)">
          {{ 'acceptance.import.all' | translate: { count: result.rows.length } }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .help { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    .file { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; font: var(--mat-sys-label-large); }
    h3 { font: var(--mat-sys-title-small); margin: 8px 0 4px; }
    .mapping-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 12px; margin-bottom: 8px; }
    .rows { border-collapse: collapse; width: 100%; }
    .rows th, .rows td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--jalon-border); vertical-align: top; }
    thead th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); }
    tbody th { font-weight: 400; }
    .number { white-space: nowrap; }
    tr.rejected { background: #fff4f2; }
    .ok { color: #1b5e20; font-weight: 500; white-space: nowrap; }
    .ko { color: #8c1d18; font-weight: 500; white-space: nowrap; }
    .errors { margin: 4px 0 0; padding-left: 18px; }
    .warning { color: #8c1d18; font-weight: 500; }
  `,
})
export class RequirementImportDialog {
  private readonly data = inject<RequirementImportDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RequirementImportDialog, boolean>>(MatDialogRef);
  private readonly api = inject(AcceptanceApi);
  private readonly notifier = inject(Notifier);

  protected readonly fields = REQUIREMENT_IMPORT_FIELDS;
  protected readonly fileName = signal('');
  private readonly content = signal('');
  /** The mapping the user chose; empty: the one Jalon guesses from the headers. */
  private readonly mapping = signal<RequirementImportMapping>({});
  protected readonly preview = signal<RequirementImportPreviewDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly canImportAll = computed(() => {
    const result = this.preview();
    return result !== null && result.rejected === 0 && result.valid > 0;
  });
  /** Every rejected row, and the valid ones up to PREVIEW_ROWS in all, in the file's order. */
  protected readonly shownRows = computed<RequirementImportRow[]>(() => {
    const rows = this.preview()?.rows ?? [];
    if (rows.length <= PREVIEW_ROWS) return rows;
    let validRoom = Math.max(0, PREVIEW_ROWS - rows.filter((row) => !row.valid).length);
    return rows.filter((row) => !row.valid || validRoom-- > 0);
  });

  protected isRequired(field: RequirementImportField): boolean {
    return REQUIREMENT_IMPORT_REQUIRED_FIELDS.includes(field);
  }

  protected async chosen(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.preview.set(null);
    this.mapping.set({});
    if (!file) return;
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      this.notifier.problem('acceptance.import.wrongType', { file: file.name });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      this.notifier.problem('acceptance.import.tooLarge', { file: file.name });
      return;
    }
    this.busy.set(true);
    try {
      this.content.set(await base64Of(file));
    } catch {
      this.busy.set(false);
      this.notifier.problem('acceptance.import.unreadable', { file: file.name });
      return;
    }
    this.fileName.set(file.name);
    this.refresh();
  }

  /** Another column for a field: the preview is read again with it. */
  protected remap(field: RequirementImportField, column: string | null): void {
    const current = this.preview()?.mapping ?? {};
    this.mapping.set({ ...current, [field]: column });
    this.refresh();
  }

  private refresh(): void {
    this.busy.set(true);
    this.api.previewImport(this.data.projectId, { fileName: this.fileName(), content: this.content(), mapping: this.mapping() }).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.preview.set(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.refusal(error, { fields: 'acceptance.fields' });
      },
    });
  }

  protected run(validRowsOnly: boolean): void {
    if (!validRowsOnly && !this.canImportAll()) return;
    this.busy.set(true);
    this.api
      .importRequirements(this.data.projectId, { fileName: this.fileName(), content: this.content(), mapping: this.mapping(), validRowsOnly })
      .subscribe({
        next: (result) => {
          this.notifier.success('acceptance.import.done', { count: result.created.length });
          this.ref.close(true);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.notifier.refusal(error, { fields: 'acceptance.fields' });
        },
      });
  }
}
