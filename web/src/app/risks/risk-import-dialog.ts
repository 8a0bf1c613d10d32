import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { RiskImportResultDto } from '@jalon/risks';
import { Notifier } from '../shared/notifier';
import { RisksApi } from './risks-api';

export interface RiskImportDialogData {
  projectId: string;
}

/** The API takes at most 1 MB of JSON; a file travels in base64 (4/3 of its size). */
const MAX_FILE_BYTES = 700 * 1024;

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
 * Import a register from .xlsx or .csv (`POST …/risks/import`): the preview lists every row with
 * its problems; « Tout importer » is refused while a row is rejected, « Importer les lignes
 * valides » leaves the rejected ones out. Closes with true once something was imported.
 */
@Component({
  selector: 'jalon-risk-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'risks.import.title' | translate }}</h2>
    <mat-dialog-content>
      <p class="help">{{ 'risks.import.help' | translate }}</p>
      <label class="file">
        <span>{{ 'risks.import.file' | translate }}</span>
        <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="risk-import-file" (change)="chosen($event)" />
      </label>
      @if (busy()) {
        <p role="status">{{ 'risks.import.reading' | translate }}</p>
      }
      @if (preview(); as result) {
        <p class="counts" role="status" data-testid="risk-import-counts">
          {{ 'risks.import.counts' | translate: { valid: result.valid, rejected: result.rejected } }}
        </p>
        <table class="rows" data-testid="risk-import-preview">
          <caption class="visually-hidden">{{ 'risks.import.previewCaption' | translate: { file: fileName() } }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'risks.import.row' | translate }}</th>
              <th scope="col">{{ 'risks.import.riskTitle' | translate }}</th>
              <th scope="col">{{ 'risks.import.result' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of result.rows; track row.row) {
              <tr data-testid="risk-import-row" [attr.data-row]="row.row" [class.rejected]="!row.valid">
                <td class="number">{{ row.row }}</td>
                <th scope="row">{{ row.title || '—' }}</th>
                <td>
                  @if (row.valid) {
                    <span class="ok">{{ 'risks.import.valid' | translate }}</span>
                  } @else {
                    <span class="ko">{{ 'risks.import.rejected' | translate }}</span>
                    <ul class="errors">
                      @for (error of row.errors; track $index) {
                        <li data-testid="risk-import-error">
                          {{ 'risks.import.problemLine' | translate: { column: error.column, problem: ('risks.import.problems.' + error.code | translate: { value: error.value ?? '' }) } }}
                        </li>
                      }
                    </ul>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
        @if (result.rejected > 0) {
          <p class="warning" data-testid="risk-import-blocked">{{ 'risks.import.blocked' | translate: { count: result.rejected } }}</p>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'risks.import.cancel' | translate }}</button>
      @if (preview(); as result) {
        @if (result.rejected > 0 && result.valid > 0) {
          <button mat-stroked-button type="button" data-testid="risk-import-valid-only" [disabled]="busy()" (click)="run(true)">
            {{ 'risks.import.validOnly' | translate: { count: result.valid } }}
          </button>
        }
        <button mat-flat-button type="button" data-testid="risk-import-all" [disabled]="busy() || !canImportAll()" (click)="run(false)">
          {{ 'risks.import.all' | translate: { count: result.rows.length } }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .help { margin-top: 0; color: var(--mat-sys-on-surface-variant); }
    .file { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; font: var(--mat-sys-label-large); }
    .rows { border-collapse: collapse; width: 100%; }
    .rows th, .rows td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--jalon-border); vertical-align: top; }
    thead th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); }
    .number { white-space: nowrap; }
    tr.rejected { background: #fff4f2; }
    .ok { color: #1b5e20; font-weight: 500; }
    .ko { color: #8c1d18; font-weight: 500; }
    .errors { margin: 4px 0 0; padding-left: 18px; }
    .warning { color: #8c1d18; font-weight: 500; }
  `,
})
export class RiskImportDialog {
  private readonly data = inject<RiskImportDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RiskImportDialog, boolean>>(MatDialogRef);
  private readonly api = inject(RisksApi);
  private readonly notifier = inject(Notifier);

  protected readonly fileName = signal('');
  private readonly content = signal('');
  protected readonly preview = signal<RiskImportResultDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly canImportAll = computed(() => {
    const result = this.preview();
    return result !== null && result.rejected === 0 && result.valid > 0;
  });

  protected async chosen(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.preview.set(null);
    if (!file) return;
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      this.notifier.problem('risks.import.wrongType', { file: file.name });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      this.notifier.problem('risks.import.tooLarge', { file: file.name });
      return;
    }
    this.busy.set(true);
    try {
      this.content.set(await base64Of(file));
    } catch {
      this.busy.set(false);
      this.notifier.problem('risks.import.unreadable', { file: file.name });
      return;
    }
    this.fileName.set(file.name);
    this.api.importRisks(this.data.projectId, { fileName: file.name, content: this.content(), preview: true }).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.preview.set(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.refusal(error, { fields: 'risks.fields' });
      },
    });
  }

  protected run(validOnly: boolean): void {
    if (!validOnly && !this.canImportAll()) return;
    this.busy.set(true);
    this.api.importRisks(this.data.projectId, { fileName: this.fileName(), content: this.content(), validOnly }).subscribe({
      next: (result) => {
        this.notifier.success('risks.import.done', { count: result.created.length, references: result.created.join(', ') });
        this.ref.close(true);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.refusal(error, { fields: 'risks.fields' });
      },
    });
  }
}
