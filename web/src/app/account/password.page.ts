import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, type NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../core/auth';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';

@Component({
  selector: 'jalon-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, PageHeader, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <div class="page narrow">
      <jalon-page-header [title]="'account.changePassword' | translate" />
      <form #form="ngForm" (ngSubmit)="submit(form)" class="password-form">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'account.currentPassword' | translate }}</mat-label>
          <input matInput type="password" name="current" required autocomplete="current-password" [(ngModel)]="current" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'account.newPassword' | translate }}</mat-label>
          <input matInput type="password" name="next" required minlength="10" autocomplete="new-password" [(ngModel)]="next" />
          <mat-hint>{{ 'account.passwordRule' | translate }}</mat-hint>
        </mat-form-field>
        @if (outcome(); as result) {
          <p role="status" [class]="'outcome outcome-' + result">{{ 'account.outcome.' + result | translate }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="form.invalid">{{ 'account.save' | translate }}</button>
      </form>
    </div>
  `,
  styles: `
    .narrow { max-width: 520px; }
    .password-form { display: flex; flex-direction: column; gap: 8px; }
    .outcome { padding: 8px 12px; border-radius: 8px; }
    .outcome-changed { background: #e3f4e8; color: #1e6b34; }
    .outcome-wrong, .outcome-failed { background: #fdecea; color: #8a1c12; }
  `,
})
export class PasswordPage {
  private readonly auth = inject(AuthService);
  protected current = '';
  protected next = '';
  protected readonly outcome = signal<'changed' | 'wrong' | 'failed' | null>(null);

  protected async submit(form: NgForm): Promise<void> {
    try {
      await this.auth.changePassword(this.current, this.next);
      this.outcome.set('changed');
      form.resetForm();
    } catch (error) {
      const { code, status } = readRefusal(error);
      this.outcome.set(code === 'wrong_password' || status === 401 ? 'wrong' : 'failed');
    }
  }
}
