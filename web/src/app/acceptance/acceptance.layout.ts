import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** The recette's pages, in the order of the work: what to prove, how, where it was run, what broke. */
const ACCEPTANCE_TABS = ['requirements', 'cases', 'traceability', 'campaigns', 'defects'] as const;

/**
 * The « Recette » section of a project: a tab bar over its pages (requirements, cases, traceability,
 * campaigns, defects), then the page. A tab shows only when its page is routed under `acceptance`.
 */
@Component({
  selector: 'jalon-acceptance-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe, MatTabsModule],
  template: `
    <nav mat-tab-nav-bar mat-stretch-tabs="false" mat-align-tabs="start" [tabPanel]="panel" class="tabs" [attr.aria-label]="'acceptance.nav.label' | translate" data-testid="acceptance-tabs">
      @for (tab of tabs; track tab) {
        <a mat-tab-link [routerLink]="tab" routerLinkActive #active="routerLinkActive" [active]="active.isActive"
          [attr.data-testid]="'acceptance-tab-' + tab">{{ 'acceptance.nav.' + tab | translate }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel><router-outlet /></mat-tab-nav-panel>
  `,
  styles: `
    :host { display: block; }
    .tabs { background: var(--jalon-surface); border-bottom: 1px solid var(--jalon-border); padding: 0 16px; }
  `,
})
export class AcceptanceLayout {
  private readonly route = inject(ActivatedRoute);
  /** The tabs whose page exists in the route table (campaigns and defects come with their own pages). */
  protected readonly tabs = ACCEPTANCE_TABS.filter((tab) => (this.route.routeConfig?.children ?? []).some((child) => child.path === tab));
}
