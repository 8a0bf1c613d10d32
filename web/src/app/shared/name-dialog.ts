import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';

/** What the name dialog asks; every text is already translated by the caller. */
export interface NameDialogData {
  title: string;
  label: string;
  initial?: string;
  confirmLabel?: string;
  /** Default 200, the API's limit for names. */
  maxLength?: number;
}

/** Asks for one name (a baseline, a lot, a phase…); answers the trimmed name or null when cancelled. */
@Component({
  selector: 'jalon-name-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form #form="ngForm" (ngSubmit)="submit()">
      <mat-dialog-content>
        <mat-form-field appearance="outline" class="field">
          <mat-label>{{ data.label }}</mat-label>
          <input matInput name="name" data-testid="name-input" required cdkFocusInitial [maxlength]="maxLength" [(ngModel)]="name" />
          @if (blank()) {
            <mat-error>{{ 'shared.nameRequired' | translate }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'shared.cancel' | translate }}</button>
        <button mat-flat-button type="submit" data-testid="name-ok" [disabled]="blank()">{{ data.confirmLabel ?? ('shared.save' | translate) }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.field { width: min(420px, 80vw); }`,
})
export class NameDialog {
  protected readonly data = inject<NameDialogData>(MAT_DIALOG_DATA);
  private readonly dialog = inject<MatDialogRef<NameDialog, string | null>>(MatDialogRef);
  protected readonly maxLength = this.data.maxLength ?? 200;
  protected name = this.data.initial ?? '';

  protected blank(): boolean {
    return this.name.trim().length === 0;
  }

  protected submit(): void {
    if (!this.blank()) this.dialog.close(this.name.trim());
  }
}
