import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { TranslatePipe } from '@ngx-translate/core';

/** What the confirm dialog says; every text is already translated by the caller. */
export interface ConfirmDialogData {
  title: string;
  message: string;
  /** The confirming button's label (default: « Confirmer »). */
  confirmLabel?: string;
  /** A red confirming button, for deletions and removals. */
  destructive?: boolean;
  /** An optional checkbox (e.g. « reconnect predecessors to successors »), returned with the answer. */
  option?: { label: string; checked: boolean };
}

/** The answer: null when cancelled, otherwise whether the option was ticked. */
export interface ConfirmDialogResult {
  option: boolean;
}

/** Replaces the browser's `confirm()`: an accessible, translated Material dialog. */
@Component({
  selector: 'jalon-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatButtonModule, MatCheckboxModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="message">{{ data.message }}</p>
      @if (data.option) {
        <mat-checkbox data-testid="confirm-option" [(ngModel)]="option">{{ data.option.label }}</mat-checkbox>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" data-testid="confirm-cancel" (click)="close(false)">{{ 'shared.cancel' | translate }}</button>
      <button mat-flat-button type="button" data-testid="confirm-ok" cdkFocusInitial [class.destructive]="data.destructive" (click)="close(true)">
        {{ data.confirmLabel ?? ('shared.confirm' | translate) }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .message { margin: 0 0 8px; white-space: pre-line; max-width: 52ch; }
    .destructive { --mat-button-filled-container-color: #b3261e; --mat-button-filled-label-text-color: #fff; }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly dialog = inject<MatDialogRef<ConfirmDialog, ConfirmDialogResult | null>>(MatDialogRef);
  protected option = this.data.option?.checked ?? false;

  protected close(confirmed: boolean): void {
    this.dialog.close(confirmed ? { option: this.option } : null);
  }
}
