import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { PROJECT_PAGES, type ProjectPage } from '@jalon/domain';

/** What a project module shows until it is built: an honest empty state, not a fake page. */
@Component({
  selector: 'jalon-upcoming-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, MatButtonModule, MatIconModule],
  template: `
    <div class="page">
      <header class="page-header"><h1>{{ 'nav.' + page() | translate }}</h1></header>
      <div class="empty-state">
        <mat-icon class="empty-icon">construction</mat-icon>
        <h2>{{ 'upcoming.title' | translate }}</h2>
        <p>{{ 'upcoming.' + page() | translate }}</p>
        <a mat-stroked-button routerLink="/">{{ 'upcoming.back' | translate }}</a>
      </div>
    </div>
  `,
  styles: `
    .empty-state { background: var(--jalon-surface); border: 1px dashed var(--jalon-border); border-radius: 12px;
      padding: 48px; text-align: center; color: var(--mat-sys-on-surface-variant); }
    .empty-icon { font-size: 48px; width: 48px; height: 48px; color: var(--mat-sys-primary); }
    h2 { font: var(--mat-sys-title-large); color: var(--mat-sys-on-surface); }
  `,
})
export class UpcomingPage {
  readonly module = input.required<string>();
  protected readonly page = computed<ProjectPage>(() =>
    PROJECT_PAGES.includes(this.module() as ProjectPage) ? (this.module() as ProjectPage) : 'planning',
  );
}
