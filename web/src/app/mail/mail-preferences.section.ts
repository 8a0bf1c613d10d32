import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { OPTIONAL_MAIL_KINDS, type MailPreferencesDto, type OptionalMailKind } from '@jalon/domain';
import { Notifier } from '../shared/notifier';
import { MailApi } from './mail-api';

/** The « Courriels » section of « Mon compte »: which mails I receive (invitations always) and in which language. */
@Component({
  selector: 'jalon-mail-preferences',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, TranslatePipe, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatSelectModule],
  template: `
    <section class="card" aria-labelledby="mail-prefs-title" data-testid="mail-preferences">
      <h2 id="mail-prefs-title">{{ 'mail.prefs.title' | translate }}</h2>
      <p class="hint">{{ 'mail.prefs.hint' | translate }}</p>
      @if (prefs(); as prefs) {
        <mat-form-field appearance="outline">
          <mat-label>{{ 'mail.prefs.language' | translate }}</mat-label>
          <mat-select data-testid="mail-language" [ngModel]="prefs.language" (ngModelChange)="set('language', $event)">
            <mat-option value="fr">{{ 'mail.prefs.languages.fr' | translate }}</mat-option>
            <mat-option value="en">{{ 'mail.prefs.languages.en' | translate }}</mat-option>
          </mat-select>
        </mat-form-field>
        <div class="kinds">
          @for (kind of kinds; track kind) {
            <mat-checkbox [attr.data-testid]="'mail-pref-' + kind" [ngModel]="prefs[kind]" (ngModelChange)="set(kind, $event)">{{ 'mail.prefs.' + kind | translate }}</mat-checkbox>
          }
        </div>
        <div class="actions">
          <button mat-flat-button type="button" data-testid="mail-prefs-save" [disabled]="saving()" (click)="save()">{{ 'mail.prefs.save' | translate }}</button>
          <a mat-stroked-button routerLink="/mail"><mat-icon>mail</mat-icon>{{ 'mail.prefs.seeSent' | translate }}</a>
        </div>
      }
    </section>
  `,
  styles: `
    .card { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 16px 20px; margin-bottom: 20px; }
    h2 { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    .hint { color: var(--mat-sys-on-surface-variant); margin: 0 0 12px; }
    .kinds { display: flex; flex-direction: column; margin-bottom: 12px; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
  `,
})
export class MailPreferencesSection {
  private readonly api = inject(MailApi);
  private readonly notifier = inject(Notifier);
  protected readonly kinds: readonly OptionalMailKind[] = OPTIONAL_MAIL_KINDS;
  protected readonly prefs = signal<MailPreferencesDto | null>(null);
  protected readonly saving = signal(false);

  constructor() {
    this.api.preferences().subscribe({ next: (prefs) => this.prefs.set(prefs), error: (error: unknown) => this.notifier.refusal(error) });
  }

  protected set<K extends keyof MailPreferencesDto>(key: K, value: MailPreferencesDto[K]): void {
    const prefs = this.prefs();
    if (prefs) this.prefs.set({ ...prefs, [key]: value });
  }

  protected save(): void {
    const prefs = this.prefs();
    if (!prefs) return;
    this.saving.set(true);
    this.api.savePreferences(prefs).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.prefs.set(saved);
        this.notifier.success('mail.prefs.saved');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.notifier.refusal(error);
      },
    });
  }
}
