import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** The pages of « Comitologie »: meetings, the decision log, the action list and the KPIs (links relative to the project). */
@Component({
  selector: 'jalon-meetings-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, TranslatePipe],
  template: `
    <nav class="tabs" [attr.aria-label]="'meetings.tabs.label' | translate">
      @for (tab of tabs; track tab) {
        <a [routerLink]="['../' + tab]" routerLinkActive="active" #link="routerLinkActive" [attr.aria-current]="link.isActive ? 'page' : null"
          [attr.data-testid]="'tab-' + tab">{{ 'meetings.tabs.' + tab | translate }}</a>
      }
    </nav>
  `,
  styles: `
    .tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--jalon-border); margin: -8px 0 20px; flex-wrap: wrap; }
    a { padding: 8px 16px; color: var(--mat-sys-on-surface-variant); text-decoration: none; border-bottom: 3px solid transparent; font: var(--mat-sys-title-small); }
    a:hover { color: var(--mat-sys-on-surface); }
    a.active { color: var(--mat-sys-primary); border-bottom-color: var(--mat-sys-primary); }
    a:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: -2px; }
  `,
})
export class MeetingsTabs {
  protected readonly tabs = ['meetings', 'decisions', 'actions', 'kpis'] as const;
}
