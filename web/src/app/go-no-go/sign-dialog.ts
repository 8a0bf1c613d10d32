import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import type { GoNoGoDecisionDto, SignerRole } from '@jalon/domain';
import { Notifier } from '../shared/notifier';
import { readRefusal } from '../shared/refusal';
import { GoNoGoApi } from './go-no-go-api';

export interface SignDialogData {
  projectId: string;
  decision: GoNoGoDecisionDto;
  role: SignerRole;
  outcome: 'approuve' | 'refuse';
}

/**
 * Signs a decision: shows what the signature means (« approuvé en tant qu'utilisateur clé »,
 * « décidé en tant que sponsor », or a refusal with its reason) and asks for the password again.
 */
@Component({
  selector: 'jalon-sign-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>{{ (data.outcome === 'refuse' ? 'gonogo.sign.refuseTitle' : 'gonogo.sign.title') | translate }}</h2>
    <form (ngSubmit)="submit()" data-testid="sign-form">
      <mat-dialog-content>
        <p>{{ 'gonogo.kinds.' + data.decision.kind | translate }} — {{ data.decision.evaluation.campaignName }}</p>
        <p class="meaning" data-testid="sign-meaning">
          {{ 'gonogo.sign.meaningIntro' | translate }} <strong>« {{ 'gonogo.meanings.' + data.role + '_' + data.outcome | translate }} »</strong>
        </p>
        <p class="hash">{{ 'gonogo.decision.hash' | translate }} <code>{{ data.decision.contentHash }}</code></p>
        @if (data.outcome === 'refuse') {
          <mat-form-field class="full">
            <mat-label>{{ 'gonogo.sign.reason' | translate }}</mat-label>
            <textarea matInput name="reason" required rows="3" [(ngModel)]="reason" data-testid="sign-reason"></textarea>
          </mat-form-field>
        }
        <mat-form-field class="full">
          <mat-label>{{ 'gonogo.sign.password' | translate }}</mat-label>
          <input matInput type="password" name="password" autocomplete="current-password" required [(ngModel)]="password" data-testid="sign-password" />
          @if (wrongPassword()) {
            <mat-hint class="error" data-testid="sign-wrong-password">{{ 'gonogo.sign.wrongPassword' | translate }}</mat-hint>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'gonogo.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="busy() || !password || (data.outcome === 'refuse' && !reason.trim())" data-testid="sign-submit">
          {{ (data.outcome === 'refuse' ? 'gonogo.sign.refuse' : 'gonogo.sign.submit') | translate }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full { width: 100%; }
    .meaning { font: var(--mat-sys-body-large); }
    .hash code { font-size: 11px; word-break: break-all; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class SignDialog {
  protected readonly data = inject<SignDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SignDialog, GoNoGoDecisionDto>>(MatDialogRef);
  private readonly api = inject(GoNoGoApi);
  private readonly notifier = inject(Notifier);
  protected password = '';
  protected reason = '';
  protected readonly busy = signal(false);
  protected readonly wrongPassword = signal(false);

  protected submit(): void {
    this.busy.set(true);
    this.wrongPassword.set(false);
    const input = this.data.outcome === 'refuse' ? { password: this.password, outcome: 'refuse' as const, refusalReason: this.reason } : { password: this.password };
    this.api.sign(this.data.projectId, this.data.decision.id, input).subscribe({
      next: (decision) => this.ref.close(decision),
      error: (error: unknown) => {
        this.busy.set(false);
        if (readRefusal(error).code === 'wrong_password') {
          this.wrongPassword.set(true);
          this.password = '';
        } else this.notifier.refusal(error);
      },
    });
  }
}
