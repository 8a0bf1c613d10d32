import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The title block of every page: an h1, an optional subtitle, and the page's actions projected
 * on the right (`<jalon-page-header title="…"><button …>…</button></jalon-page-header>`).
 */
@Component({
  selector: 'jalon-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div class="titles">
        <h1>{{ title() }}</h1>
        @if (subtitle(); as subtitle) {
          <p class="subtitle">{{ subtitle }}</p>
        }
        <ng-content select="[headerDetail]" />
      </div>
      <div class="actions"><ng-content /></div>
    </header>
  `,
  styles: `
    :host { display: block; }
    .page-header { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; flex-wrap: wrap; margin-bottom: 24px; }
    h1 { font: var(--mat-sys-headline-small); margin: 0; }
    .subtitle { margin: 4px 0 0; color: var(--mat-sys-on-surface-variant); }
    .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .actions:empty { display: none; }
  `,
})
export class PageHeader {
  readonly title = input.required<string>();
  readonly subtitle = input<string | null | undefined>(null);
}
