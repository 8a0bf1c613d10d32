import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import type { UserSummary } from '@jalon/domain';
import { Notifier } from '../shared/notifier';
import { UsersApi } from './users-api';

/** An administrator gives a user a new password (their sessions end); answers true once saved. */
@Component({
  selector: 'jalon-reset-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>{{ 'admin.reset.title' | translate: { name: user.displayName } }}</h2>
    <form #form="ngForm" (ngSubmit)="save()">
      <mat-dialog-content>
        <p class="hint">{{ 'admin.reset.hint' | translate }}</p>
        <mat-form-field appearance="outline" class="field">
          <mat-label>{{ 'account.newPassword' | translate }}</mat-label>
          <input matInput type="password" name="password" data-testid="reset-password-input" required minlength="10"
            autocomplete="new-password" cdkFocusInitial [(ngModel)]="password" />
          <mat-hint>{{ 'account.passwordRule' | translate }}</mat-hint>
        </mat-form-field>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'shared.cancel' | translate }}</button>
        <button mat-flat-button type="submit" data-testid="reset-password-save" [disabled]="form.invalid || busy()">
          {{ 'admin.reset.submit' | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .field { width: min(420px, 80vw); }
    .hint { margin: 0 0 12px; max-width: 52ch; }
    .error { color: #8a1c12; background: #fdecea; padding: 8px 12px; border-radius: 8px; }
  `,
})
export class ResetPasswordDialog {
  protected readonly user = inject<UserSummary>(MAT_DIALOG_DATA);
  private readonly api = inject(UsersApi);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject<MatDialogRef<ResetPasswordDialog, boolean>>(MatDialogRef);
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.resetPassword(this.user.id, this.password));
      this.dialog.close(true);
    } catch (error) {
      this.error.set(this.notifier.describe(error, { fields: 'admin.fields' }));
    } finally {
      this.busy.set(false);
    }
  }
}
