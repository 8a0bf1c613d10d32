import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import { TableCard, type TableState } from '../shared/table-card';

/**
 * One section of « Mon travail »: its heading with the count (« 3 · dont 1 en retard »), its help,
 * and a table card whose rows the page projects (one `tr` each, a `th scope="row"` naming it).
 * Texts come from `myWork.<key>.title|help|empty`, ids and test ids from `my-work-<key>`.
 */
@Component({
  selector: 'jalon-my-work-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, TableCard, MatIconModule],
  template: `
    <section [attr.aria-labelledby]="'my-work-' + key() + '-title'" [attr.data-testid]="'my-work-' + key()">
      <h2 class="section" [class.alone]="!help()" [id]="'my-work-' + key() + '-title'">
        @if (icon(); as name) { <mat-icon aria-hidden="true" class="icon">{{ name }}</mat-icon> }
        {{ 'myWork.' + key() + '.title' | translate }}
        @if (items(); as list) {
          @let c = countOf(list);
          <span class="count">({{ !countOverdue() || c.overdue === 0 ? c.count : ('myWork.sectionCount' | translate: c) }})</span>
        }
      </h2>
      @if (help()) {
        <p class="section-help">{{ 'myWork.' + key() + '.help' | translate }}</p>
      }
      <jalon-table-card [label]="'myWork.' + key() + '.title' | translate" [state]="state()" [empty]="(items() ?? []).length === 0"
        [emptyText]="'myWork.' + key() + '.empty' | translate" [errorText]="'myWork.loadFailed' | translate">
        <table class="work" [attr.data-testid]="'my-work-' + key() + '-table'">
          <caption class="visually-hidden">{{ 'myWork.' + key() + '.title' | translate }}</caption>
          <thead>
            <tr>
              @for (column of columns(); track column) {
                <th scope="col">{{ column | translate }}</th>
              }
            </tr>
          </thead>
          <tbody>
            <ng-content />
          </tbody>
        </table>
      </jalon-table-card>
    </section>
  `,
  styles: `
    :host { display: block; }
    .work { border-collapse: collapse; width: 100%; }
    thead th { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--jalon-border); vertical-align: middle; }
    thead th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
    h2.section { display: flex; align-items: center; gap: 6px; font: var(--mat-sys-title-large); margin: 28px 0 4px; }
    h2.section.alone { margin-bottom: 12px; }
    h2.section .count { font: var(--mat-sys-title-medium); color: var(--mat-sys-on-surface-variant); }
    .icon { color: #8c1d18; }
    .section-help { color: var(--mat-sys-on-surface-variant); margin: 0 0 12px; }
  `,
})
export class MyWorkSection {
  /** `late`, `tasks`, `actions`, `treatments`, `tests` or `meetings`. */
  readonly key = input.required<string>();
  /** Translation keys of the column headers. */
  readonly columns = input.required<readonly string[]>();
  /** The section's items; null until loaded. */
  readonly items = input.required<readonly object[] | null>();
  readonly state = input.required<TableState>();
  readonly icon = input<string | null>(null);
  readonly help = input(true);
  /** Whether the count says how many are overdue (not in « En retard », where all are). */
  readonly countOverdue = input(true);

  /** A section's count and how many of its items are overdue. */
  protected countOf(items: readonly object[]): { count: number; overdue: number } {
    return { count: items.length, overdue: items.filter((item) => 'overdue' in item && item.overdue === true).length };
  }
}
