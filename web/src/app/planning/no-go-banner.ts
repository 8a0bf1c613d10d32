import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { GoNoGoSignalsDto, LatestGoNoGoDecisionDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { ZonedPipe } from '../meetings/zoned-time';

/**
 * A no-go on the planning page (issue 16, « Link to the plan »): when the project's latest signed
 * go / no-go decision is a no-go, a banner names its campaign and date and links to the go / no-go
 * page. Asked only by a role reading the go / no-go; silent when there is none or the read fails
 * (the plan stays usable).
 */
@Component({
  selector: 'jalon-no-go-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, ZonedPipe, MatIconModule],
  template: `
    @if (noGo(); as decision) {
      <section class="no-go" role="status" aria-labelledby="no-go-title" data-testid="no-go-banner">
        <mat-icon aria-hidden="true">block</mat-icon>
        <div class="text">
          <h2 id="no-go-title">{{ 'planning.noGo.title' | translate: { campaign: decision.campaignName } }}</h2>
          <p>{{ 'planning.noGo.body' | translate: { date: (decision.decidedAt | zoned: language.current() : 'date') } }}</p>
        </div>
        <a class="link" routerLink="../go-no-go" data-testid="no-go-link">{{ 'planning.noGo.link' | translate }}</a>
      </section>
    }
  `,
  styles: `
    :host { display: contents; }
    .no-go { display: flex; align-items: center; gap: 12px; padding: 12px 16px; border-radius: 8px; background: #fdecea; color: #5c130c;
      border: 1px solid #f2b8b5; flex-wrap: wrap; }
    .text { flex: 1; min-width: 240px; }
    h2 { font: var(--mat-sys-title-small); margin: 0; }
    p { margin: 2px 0 0; font: var(--mat-sys-body-medium); }
    .link { color: #5c130c; font-weight: 600; }
    @media print { .link { display: none; } }
  `,
})
export class NoGoBanner {
  readonly projectId = input.required<string>();
  private readonly http = inject(HttpClient);
  private readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);
  protected readonly noGo = signal<LatestGoNoGoDecisionDto | null>(null);

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const allowed = this.context.can('gonogo.read');
      untracked(() => {
        this.noGo.set(null);
        if (!projectId || !allowed) return;
        this.http.get<GoNoGoSignalsDto>(`/api/projects/${encodeURIComponent(projectId)}/go-no-go/signals`).subscribe({
          next: (signals) => this.noGo.set(signals.latestDecision?.kind === 'no_go' ? signals.latestDecision : null),
          error: () => this.noGo.set(null),
        });
      });
    });
  }
}
