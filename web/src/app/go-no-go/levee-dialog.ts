import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslatePipe } from '@ngx-translate/core';
import type { DefectDto, ReserveDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { Notifier } from '../shared/notifier';
import { GoNoGoApi } from './go-no-go-api';

export interface LeveeDialogData {
  projectId: string;
  reserve: ReserveDto;
}

/** An instant in Paris time, short, in the interface language. */
function parisShort(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));
}

/**
 * Lifts a réserve: the project manager chooses the execution that re-tested its defect (the API
 * accepts only a passed re-test of a verified defect and says why otherwise, shown here by its code).
 */
@Component({
  selector: 'jalon-levee-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule],
  template: `
    <h2 mat-dialog-title>{{ 'gonogo.levee.title' | translate: { reference: data.reserve.defectReference } }}</h2>
    <form (ngSubmit)="submit()" data-testid="levee-form">
      <mat-dialog-content>
        <p>{{ data.reserve.defectReference }} – {{ data.reserve.defectTitle }}</p>
        @if (defect(); as current) {
          <p>{{ 'gonogo.levee.defectStatus' | translate }} <strong>{{ 'gonogo.levee.defectStatuses.' + current.status | translate }}</strong></p>
          @if (current.retests.length === 0) {
            <p class="empty" data-testid="levee-no-retest">{{ 'gonogo.levee.noRetest' | translate }}</p>
          } @else {
            <p id="levee-retest-label">{{ 'gonogo.levee.retest' | translate }}</p>
            <mat-radio-group name="retest" [(ngModel)]="executionId" aria-labelledby="levee-retest-label" class="retests" data-testid="levee-retests">
              @for (retest of current.retests; track retest.executionId) {
                <mat-radio-button [value]="retest.executionId">
                  {{ 'gonogo.levee.retestOption' | translate: { date: dateTime(retest.startedAt), result: ('gonogo.results.' + retest.result | translate) } }}
                </mat-radio-button>
              }
            </mat-radio-group>
          }
        }
        <mat-form-field class="full" subscriptSizing="dynamic">
          <mat-label>{{ 'gonogo.levee.date' | translate }}</mat-label>
          <input matInput type="date" name="leveeDate" [(ngModel)]="leveeDate" data-testid="levee-date" />
        </mat-form-field>
        @if (refusal(); as message) {
          <p class="error" role="alert" data-testid="levee-refusal">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'gonogo.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="busy() || !executionId" data-testid="levee-submit">{{ 'gonogo.levee.submit' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; margin-top: 12px; }
    .retests { display: flex; flex-direction: column; gap: 4px; }
    .error { color: var(--mat-sys-error); margin: 8px 0 0; }
    .empty { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class LeveeDialog {
  protected readonly data = inject<LeveeDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<LeveeDialog, ReserveDto>>(MatDialogRef);
  private readonly api = inject(GoNoGoApi);
  private readonly notifier = inject(Notifier);
  private readonly language = inject(LanguageService);
  protected readonly defect = signal<DefectDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly refusal = signal<string | null>(null);
  protected executionId = '';
  protected leveeDate = '';

  constructor() {
    this.api.defect(this.data.projectId, this.data.reserve.defectId).subscribe({
      next: (defect) => {
        this.defect.set(defect);
        // The latest re-test is offered first.
        this.executionId = defect.retests.at(-1)?.executionId ?? '';
      },
      error: (error: unknown) => this.refusal.set(this.notifier.describe(error)),
    });
  }

  protected dateTime(instant: string): string {
    return parisShort(instant, this.language.current());
  }

  protected submit(): void {
    if (!this.executionId) return;
    this.busy.set(true);
    this.refusal.set(null);
    this.api
      .lift(this.data.projectId, this.data.reserve.id, { retestExecutionId: this.executionId, version: this.data.reserve.version, ...(this.leveeDate ? { leveeDate: this.leveeDate } : {}) })
      .subscribe({
        next: (reserve) => this.ref.close(reserve),
        error: (error: unknown) => {
          this.busy.set(false);
          this.refusal.set(this.notifier.describe(error, { fields: 'gonogo.levee.fields' }));
        },
      });
  }
}
