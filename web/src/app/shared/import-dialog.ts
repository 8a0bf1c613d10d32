import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, contentChild, inject, input, output, signal, type TemplateRef } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { Notifier } from './notifier';

/** The file chosen, as the import endpoints take it: its name and its content in base64. */
export interface ImportFile {
  fileName: string;
  content: string;
}

/** One row of a file read by an import endpoint. */
export interface ImportRow {
  /** The row number in the sheet, as Excel shows it. */
  row: number;
  valid: boolean;
  errors: readonly unknown[];
}

/** What an import endpoint answers for a preview: every row with its problems. */
export interface ImportPreview<Row extends ImportRow = ImportRow> {
  rows: Row[];
  valid: number;
  rejected: number;
}

/** A column of the preview between the row number and the result; the one marked `rowHeader` names the row. */
export interface ImportColumn<Row extends ImportRow> {
  /** Translation key of the column header. */
  header: string;
  value: (row: Row) => string;
  rowHeader?: boolean;
}

/** The calls behind the dialog. */
export interface ImportSource<Preview extends ImportPreview> {
  preview(file: ImportFile): Observable<Preview>;
  /** Imports every row (refused while one is rejected), or the valid ones only; answers the references created. */
  import(file: ImportFile, validRowsOnly: boolean): Observable<{ created: readonly string[] }>;
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
 * The body of every spreadsheet import dialog (.xlsx or .csv): the file pick, then a preview of
 * every row with its problems; « Tout importer » is refused while a row is rejected, « Importer
 * les lignes valides » leaves the rejected ones out. Nothing is written until one of them is
 * pressed; the dialog closes with true once something was imported.
 *
 * Texts come from `<texts>.*` (title, help, file, reading, counts, previewCaption, row, result,
 * valid, rejected, moreRows, blocked, cancel, validOnly, all, done, wrongType, tooLarge,
 * unreadable), test ids from `<testId>-*`. The host gives the columns, a `#problem` template for
 * one error of a row (context: the error) and, optionally, a `#settings` template drawn above
 * the preview (context: the preview), e.g. a column mapping that calls `refresh()`.
 */
@Component({
  selector: 'jalon-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, NgTemplateOutlet, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ texts() + '.title' | translate }}</h2>
    <mat-dialog-content>
      <p class="help">{{ texts() + '.help' | translate }}</p>
      <label class="file">
        <span>{{ texts() + '.file' | translate }}</span>
        <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          [attr.data-testid]="testId() + '-file'" (change)="chosen($event)" />
      </label>
      @if (busy()) {
        <p role="status">{{ texts() + '.reading' | translate }}</p>
      }
      @if (preview(); as result) {
        @if (settings(); as template) {
          <ng-container *ngTemplateOutlet="template; context: { $implicit: result }" />
        }
        <p class="counts" role="status" [attr.data-testid]="testId() + '-counts'">
          {{ texts() + '.counts' | translate: { valid: result.valid, rejected: result.rejected } }}
        </p>
        <table class="rows" [attr.data-testid]="testId() + '-preview'">
          <caption class="cdk-visually-hidden">{{ texts() + '.previewCaption' | translate: { file: fileName() } }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ texts() + '.row' | translate }}</th>
              @for (column of columns(); track column.header) {
                <th scope="col">{{ column.header | translate }}</th>
              }
              <th scope="col">{{ texts() + '.result' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of shownRows(); track row.row) {
              <tr [attr.data-testid]="testId() + '-row'" [attr.data-row]="row.row" [class.rejected]="!row.valid">
                <td class="number">{{ row.row }}</td>
                @for (column of columns(); track column.header) {
                  @if (column.rowHeader) {
                    <th scope="row">{{ column.value(row) || '—' }}</th>
                  } @else {
                    <td class="number">{{ column.value(row) || '—' }}</td>
                  }
                }
                <td>
                  @if (row.valid) {
                    <span class="ok"><span aria-hidden="true">✓ </span><span>{{ texts() + '.valid' | translate }}</span></span>
                  } @else {
                    <span class="ko"><span aria-hidden="true">✗ </span><span>{{ texts() + '.rejected' | translate }}</span></span>
                    <ul class="errors">
                      @for (error of row.errors; track $index) {
                        <li [attr.data-testid]="testId() + '-error'">
                          <ng-container *ngTemplateOutlet="problem(); context: { $implicit: error }" />
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
          <p class="help">{{ texts() + '.moreRows' | translate: { shown: shownRows().length, total: result.rows.length } }}</p>
        }
        @if (result.rejected > 0) {
          <p class="warning" [attr.data-testid]="testId() + '-blocked'">{{ texts() + '.blocked' | translate: { count: result.rejected } }}</p>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ texts() + '.cancel' | translate }}</button>
      @if (preview(); as result) {
        @if (result.rejected > 0 && result.valid > 0) {
          <button mat-stroked-button type="button" [attr.data-testid]="testId() + '-valid-only'" [disabled]="busy()" (click)="run(true)">
            {{ texts() + '.validOnly' | translate: { count: result.valid } }}
          </button>
        }
        <button mat-flat-button type="button" [attr.data-testid]="testId() + '-all'" [disabled]="busy() || !canImportAll()" (click)="run(false)">
          {{ texts() + '.all' | translate: { count: result.rows.length } }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    :host { display: contents; }
    .help { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    .file { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; font: var(--mat-sys-label-large); }
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
export class ImportDialog<Row extends ImportRow, Preview extends ImportPreview<Row>> {
  private readonly ref = inject<MatDialogRef<unknown, boolean>>(MatDialogRef);
  private readonly notifier = inject(Notifier);

  /** Translation prefix of the dialog's texts, e.g. `risks.import`. */
  readonly texts = input.required<string>();
  /** Prefix of the test ids, e.g. `risk-import`. */
  readonly testId = input.required<string>();
  /** Translation prefix of the field names in a refusal, e.g. `risks.fields`. */
  readonly fields = input.required<string>();
  readonly columns = input.required<readonly ImportColumn<Row>[]>();
  readonly source = input.required<ImportSource<Preview>>();
  /** A file was chosen (or the choice emptied): the host forgets what it set for the previous one. */
  readonly fileChanged = output<void>();

  protected readonly problem = contentChild.required<TemplateRef<{ $implicit: unknown }>>('problem');
  protected readonly settings = contentChild<TemplateRef<{ $implicit: Preview }>>('settings');

  protected readonly fileName = signal('');
  private readonly content = signal('');
  readonly preview = signal<Preview | null>(null);
  readonly busy = signal(false);
  protected readonly canImportAll = computed(() => {
    const result = this.preview();
    return result !== null && result.rejected === 0 && result.valid > 0;
  });
  /** Every rejected row, and the valid ones up to PREVIEW_ROWS in all, in the file's order. */
  protected readonly shownRows = computed<Row[]>(() => {
    const rows = this.preview()?.rows ?? [];
    if (rows.length <= PREVIEW_ROWS) return rows;
    let validRoom = Math.max(0, PREVIEW_ROWS - rows.filter((row) => !row.valid).length);
    return rows.filter((row) => !row.valid || validRoom-- > 0);
  });

  private get file(): ImportFile {
    return { fileName: this.fileName(), content: this.content() };
  }

  protected async chosen(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.preview.set(null);
    this.fileChanged.emit();
    if (!file) return;
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      this.notifier.problem(`${this.texts()}.wrongType`, { file: file.name });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      this.notifier.problem(`${this.texts()}.tooLarge`, { file: file.name });
      return;
    }
    this.busy.set(true);
    try {
      this.content.set(await base64Of(file));
    } catch {
      this.busy.set(false);
      this.notifier.problem(`${this.texts()}.unreadable`, { file: file.name });
      return;
    }
    this.fileName.set(file.name);
    this.refresh();
  }

  /** Reads the file again (after the host changed what the preview depends on, e.g. the mapping). */
  refresh(): void {
    this.busy.set(true);
    this.source()
      .preview(this.file)
      .subscribe({
        next: (result) => {
          this.busy.set(false);
          this.preview.set(result);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.notifier.refusal(error, { fields: this.fields() });
        },
      });
  }

  protected run(validRowsOnly: boolean): void {
    if (!validRowsOnly && !this.canImportAll()) return;
    this.busy.set(true);
    this.source()
      .import(this.file, validRowsOnly)
      .subscribe({
        next: (result) => {
          this.notifier.success(`${this.texts()}.done`, { count: result.created.length, references: result.created.join(', ') });
          this.ref.close(true);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.notifier.refusal(error, { fields: this.fields() });
        },
      });
  }
}
