import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';

/** Where a table's data stands; `forbidden` when the caller may not read it (a different message than empty). */
export type TableState = 'loading' | 'loaded' | 'error' | 'forbidden';

/**
 * The one table pattern: a bordered card with a caption for screen readers, a scrollable region the
 * keyboard can reach, and the loading / empty / error / not-allowed states in words.
 * Put a `mat-table` (or a plain `table`) inside; the card shows it only once loaded and not empty.
 */
@Component({
  selector: 'jalon-table-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MatProgressBarModule],
  template: `
    @switch (state()) {
      @case ('loading') {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'shared.loading' | translate" />
      }
      @case ('error') {
        <p class="state error" role="alert" data-testid="table-error">{{ errorText() ?? ('shared.loadFailed' | translate) }}</p>
      }
      @case ('forbidden') {
        <p class="state forbidden" role="alert" data-testid="table-forbidden">{{ forbiddenText() ?? ('shared.notAllowed' | translate) }}</p>
      }
      @default {
        @if (empty()) {
          <p class="state empty" data-testid="table-empty">{{ emptyText() ?? ('shared.empty' | translate) }}</p>
        } @else {
          <div class="scroller" role="region" tabindex="0" [attr.aria-label]="label()">
            <ng-content />
          </div>
        }
      }
    }
  `,
  styles: `
    :host { display: block; background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; overflow: hidden; }
    .scroller { overflow: auto; max-width: 100%; }
    .scroller:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: -2px; }
    .state { margin: 0; padding: 24px; color: var(--mat-sys-on-surface-variant); }
    .error, .forbidden { color: #8a1c12; background: #fdecea; }
    :host ::ng-deep table { width: 100%; }
  `,
})
export class TableCard {
  /** The region's accessible name (usually the page title). */
  readonly label = input.required<string>();
  readonly state = input<TableState>('loaded');
  readonly empty = input(false);
  readonly emptyText = input<string | null>(null);
  readonly errorText = input<string | null>(null);
  readonly forbiddenText = input<string | null>(null);
}
