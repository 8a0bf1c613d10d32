import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { TranslatePipe } from '@ngx-translate/core';
import { PROJECT_PAGES, type ProjectPage } from '@jalon/domain';
import { ProjectContext } from '../core/project-context';

const PAGE_ICONS: Record<ProjectPage, string> = {
  overview: 'dashboard',
  planning: 'view_timeline',
  risks: 'grid_on',
  meetings: 'groups',
  acceptance: 'fact_check',
};

/** A project's pages: the navigation rail on the left, the page on the right. */
@Component({
  selector: 'jalon-project-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, MatListModule, MatIconModule],
  template: `
    <div class="layout">
      <nav class="rail" [attr.aria-label]="'nav.projectNavigation' | translate">
        @if (context.currentProject(); as project) {
          <div class="rail-project" [title]="project.name">{{ project.name }}</div>
        }
        <mat-nav-list>
          @for (page of pages; track page) {
            <a mat-list-item [routerLink]="page" [activated]="activePage() === page" [class.active]="activePage() === page"
              [attr.aria-current]="activePage() === page ? 'page' : null" [attr.data-testid]="'nav-' + page">
              <mat-icon matListItemIcon>{{ icons[page] }}</mat-icon>
              <span matListItemTitle>{{ 'nav.' + page | translate }}</span>
            </a>
          }
          <a mat-list-item routerLink="go-no-go" routerLinkActive="active" #goNoGo="routerLinkActive"
            [activated]="goNoGo.isActive" [attr.aria-current]="goNoGo.isActive ? 'page' : null" data-testid="nav-go-no-go">
            <mat-icon matListItemIcon>approval</mat-icon>
            <span matListItemTitle>{{ 'gonogo.nav' | translate }}</span>
          </a>
          <div class="rail-divider" role="separator"></div>
          <a mat-list-item routerLink="members" routerLinkActive="active" #members="routerLinkActive"
            [activated]="members.isActive" [attr.aria-current]="members.isActive ? 'page' : null" data-testid="nav-members">
            <mat-icon matListItemIcon>group</mat-icon>
            <span matListItemTitle>{{ 'nav.members' | translate }}</span>
          </a>
          @if (canReadAudit()) {
            <a mat-list-item routerLink="audit" routerLinkActive="active" #audit="routerLinkActive"
              [activated]="audit.isActive" [attr.aria-current]="audit.isActive ? 'page' : null" data-testid="nav-audit">
              <mat-icon matListItemIcon>history</mat-icon>
              <span matListItemTitle>{{ 'nav.audit' | translate }}</span>
            </a>
          }
        </mat-nav-list>
        @if (context.currentRole(); as role) {
          <div class="rail-role">{{ 'members.yourRole' | translate }} <strong>{{ 'roles.' + role | translate }}</strong></div>
        }
      </nav>
      <section class="content">
        <router-outlet />
      </section>
    </div>
  `,
  styles: `
    .layout { display: grid; grid-template-columns: 232px 1fr; min-height: calc(100vh - 68px); }
    .rail { background: var(--jalon-surface); border-right: 1px solid var(--jalon-border); padding-top: 12px; }
    /* No bottom padding: it would show the top of the third line that the clamp hides. */
    .rail-project { font: var(--mat-sys-title-small); padding: 8px 20px 0; margin-bottom: 12px; color: var(--mat-sys-on-surface-variant);
      overflow: hidden; text-overflow: ellipsis; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
    .content { min-width: 0; }
    .rail-divider { border-top: 1px solid var(--jalon-border); margin: 8px 16px; }
    .rail-role { padding: 12px 20px; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
  `,
})
export class ProjectLayout {
  readonly projectId = input.required<string>();
  protected readonly context = inject(ProjectContext);
  protected readonly pages = PROJECT_PAGES;
  protected readonly icons = PAGE_ICONS;
  protected readonly canReadAudit = computed(() => this.context.can('audit.read'));
  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  /**
   * The rail entry of the page shown: the first segment after the project (a meeting, the decision
   * log, the action list and the KPIs belong to « Comitologie »). Not RouterLinkActive: it would
   * strip the class and aria-current of an entry whose own link is not the URL.
   */
  protected readonly activePage = computed<ProjectPage | null>(() => {
    const segment = /^\/projects\/[^/]+\/([^/?#]+)/.exec(this.url())?.[1] ?? null;
    if (segment === 'decisions' || segment === 'actions' || segment === 'kpis') return 'meetings';
    return PROJECT_PAGES.find((page) => page === segment) ?? null;
  });

  constructor() {
    effect(() => this.context.currentProjectId.set(this.projectId()));
  }
}
