import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { AuthService } from '../core/auth';
import { ProjectContext } from '../core/project-context';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { AccountApi } from './account-api';
import { MailPreferencesSection } from '../mail/mail-preferences.section';

/** « Mon compte »: who I am, and my personal calendar feed per project (copy, reset the token). */
@Component({
  selector: 'jalon-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, TranslatePipe, PageHeader, MailPreferencesSection, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatIconModule],
  template: `
    <div class="page narrow">
      <jalon-page-header [title]="'account.title' | translate" [subtitle]="'account.subtitle' | translate" />
      @if (auth.user(); as user) {
        <section class="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{{ 'account.profile' | translate }}</h2>
          <dl class="facts">
            <div><dt>{{ 'account.name' | translate }}</dt><dd data-testid="account-name">{{ user.displayName }}</dd></div>
            <div><dt>{{ 'account.email' | translate }}</dt><dd>{{ user.email }}</dd></div>
          </dl>
          <a mat-stroked-button routerLink="/account/password"><mat-icon>key</mat-icon>{{ 'account.changePassword' | translate }}</a>
        </section>
      }
      <section class="card" aria-labelledby="feed-title">
        <h2 id="feed-title">{{ 'account.feed.title' | translate }}</h2>
        <p class="hint">{{ 'account.feed.hint' | translate }}</p>
        @if (context.projects().length === 0) {
          <p class="hint">{{ 'account.feed.noProject' | translate }}</p>
        } @else {
          <mat-form-field appearance="outline" class="wide">
            <mat-label>{{ 'account.feed.project' | translate }}</mat-label>
            <mat-select data-testid="feed-project" [ngModel]="projectId()" (ngModelChange)="projectId.set($event)">
              @for (project of context.projects(); track project.id) {
                <mat-option [value]="project.id">{{ project.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" class="wide">
            <mat-label>{{ 'account.feed.url' | translate }}</mat-label>
            <input matInput readonly data-testid="feed-url" [value]="feedUrl() ?? ''" (focus)="select($event)" />
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="button" data-testid="feed-copy" [disabled]="!feedUrl()" (click)="copy()">
              <mat-icon>content_copy</mat-icon>{{ 'account.feed.copy' | translate }}
            </button>
            <button mat-stroked-button type="button" data-testid="feed-reset" [disabled]="!projectId()" (click)="reset()">
              <mat-icon>autorenew</mat-icon>{{ 'account.feed.reset' | translate }}
            </button>
          </div>
        }
      </section>
      <jalon-mail-preferences />
    </div>
  `,
  styles: `
    .narrow { max-width: 760px; }
    .card { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 16px 20px; margin-bottom: 20px; }
    h2 { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    .hint { color: var(--mat-sys-on-surface-variant); margin: 0 0 12px; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px; }
    .facts div { display: contents; }
    dt { color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; }
    .wide { width: 100%; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
  `,
})
export class AccountPage {
  protected readonly auth = inject(AuthService);
  protected readonly context = inject(ProjectContext);
  private readonly api = inject(AccountApi);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly projectId = signal<string | null>(null);
  protected readonly feedUrl = signal<string | null>(null);
  private readonly firstProject = computed(() => this.context.projects()[0]?.id ?? null);

  constructor() {
    this.context.currentProjectId.set(null);
    effect(() => {
      const first = this.firstProject();
      untracked(() => {
        if (!this.projectId() && first) this.projectId.set(first);
      });
    });
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.loadFeed(projectId));
    });
  }

  private loadFeed(projectId: string | null): void {
    this.feedUrl.set(null);
    if (!projectId) return;
    this.api.calendarFeed(projectId).subscribe({
      next: (feed) => this.feedUrl.set(feed.url),
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  protected select(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  protected async copy(): Promise<void> {
    const url = this.feedUrl();
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      this.notifier.success('account.feed.copied');
    } catch {
      // No clipboard permission (plain HTTP on a host name): the field is selected for Ctrl+C instead.
      document.querySelector<HTMLInputElement>('[data-testid="feed-url"]')?.select();
    }
  }

  protected async reset(): Promise<void> {
    const projectId = this.projectId();
    if (!projectId) return;
    const confirmed = await this.dialogs.confirm({
      title: this.translate.instant('account.feed.resetTitle'),
      message: this.translate.instant('account.feed.resetMessage'),
      confirmLabel: this.translate.instant('account.feed.reset'),
      destructive: true,
    });
    if (!confirmed) return;
    this.api.resetCalendarToken(projectId).subscribe({
      next: () => {
        this.notifier.success('account.feed.resetDone');
        this.loadFeed(projectId);
      },
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }
}
