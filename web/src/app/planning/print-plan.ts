import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RetroPlanningDto } from '@jalon/domain';
import { localToday } from '@jalon/planning';
import { TranslatePipe } from '@ngx-translate/core';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import type { PlanRow } from './plan-rows';

/** Days since 1970-01-01 of a calendar date, without any time zone. */
function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export interface PrintMonth {
  label: string;
  /** Percent of the timeline's width. */
  left: number;
  width: number;
}

export interface PrintScale {
  first: number;
  days: number;
  months: PrintMonth[];
}

/**
 * The printed timeline: whole months from the month of the plan's first day to the month of its
 * last day (or of the go-live, when later), labelled « janv. 27 » / « Jan 27 ». Calendar dates only:
 * a month is built from its year and number and formatted in UTC, so no zone shifts it.
 */
export function printScale(plan: RetroPlanningDto, goLive: string | null, language: string): PrintScale | null {
  let start: string | null = null;
  let finish: string | null = null;
  for (const task of plan.tasks) {
    if (start === null || task.start < start) start = task.start;
    if (finish === null || task.finish > finish) finish = task.finish;
  }
  if (goLive && (finish === null || goLive > finish)) finish = goLive;
  if (goLive && (start === null || goLive < start)) start = goLive;
  if (start === null || finish === null) return null;
  const [startYear, startMonth] = start.split('-').map(Number) as [number, number];
  const [finishYear, finishMonth] = finish.split('-').map(Number) as [number, number];
  const first = Date.UTC(startYear, startMonth - 1, 1) / 86_400_000;
  const end = Date.UTC(finishYear, finishMonth, 1) / 86_400_000;
  const days = end - first;
  const format = new Intl.DateTimeFormat(language.startsWith('fr') ? 'fr-FR' : 'en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const months: PrintMonth[] = [];
  for (let year = startYear, month = startMonth - 1; year < finishYear || (year === finishYear && month <= finishMonth - 1); month === 11 ? (year++, (month = 0)) : month++) {
    const from = Date.UTC(year, month, 1) / 86_400_000;
    const to = Date.UTC(year, month + 1, 1) / 86_400_000;
    months.push({ label: format.format(new Date(Date.UTC(year, month, 1))), left: ((from - first) / days) * 100, width: ((to - from) / days) * 100 });
  }
  return { first, days, months };
}

interface PrintRow {
  row: PlanRow;
  name: string;
  start: string | null;
  finish: string | null;
  kind: 'phase' | 'task' | 'milestone';
  critical: boolean;
  left: number;
  width: number;
}

/**
 * The printed COPIL copy of the retroplanning: one HTML table whose header (the columns and the
 * months of the timeline) the browser repeats at the top of every printed page, one row per
 * phase and task that never splits across two pages, names written in full (they wrap, never cut),
 * bars placed by their calendar dates. Shown only in print (the page swaps it for the table and
 * the Gantt, which draw only the rows in view).
 */
@Component({
  selector: 'jalon-print-plan',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CalendarDatePipe, TranslatePipe],
  template: `
    @if (scale(); as scale) {
      <table class="print-plan" data-testid="print-plan">
        <colgroup>
          <col class="c-name" />
          <col class="c-date" />
          <col class="c-date" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{{ 'planning.columns.name' | translate }}</th>
            <th scope="col">{{ 'planning.columns.start' | translate }}</th>
            <th scope="col">{{ 'planning.columns.finish' | translate }}</th>
            <th scope="col" class="timeline">
              <div class="months">
                @for (month of scale.months; track $index) {
                  <span class="month" [style.left.%]="month.left" [style.width.%]="month.width">{{ month.label }}</span>
                }
              </div>
            </th>
          </tr>
        </thead>
        <tbody>
          @for (item of printRows(); track item.row.id) {
            <tr [class]="'r-' + item.kind" [class.critical]="item.critical" data-testid="print-row">
              <td class="name">
                @if (item.kind === 'milestone') {
                  <span class="diamond" aria-hidden="true"></span>
                }
                {{ item.name }}
              </td>
              <td class="date">{{ item.kind === 'milestone' ? '' : (item.start | calendarDate: 'compact' : language()) }}</td>
              <td class="date">{{ item.finish | calendarDate: 'compact' : language() }}</td>
              <td class="timeline">
                <div class="track">
                  @for (month of scale.months; track $index) {
                    @if ($index > 0) {
                      <span class="tick" [style.left.%]="month.left"></span>
                    }
                  }
                  @if (todayAt() !== null) {
                    <span class="today" [style.left.%]="todayAt()"></span>
                  }
                  @if (goLiveAt() !== null) {
                    <span class="golive" [style.left.%]="goLiveAt()"></span>
                  }
                  @if (item.start) {
                    <span class="bar" [style.left.%]="item.left" [style.width.%]="item.width"></span>
                  }
                </div>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styleUrl: './print-plan.scss',
})
export class PrintPlan {
  readonly rows = input.required<readonly PlanRow[]>();
  readonly plan = input.required<RetroPlanningDto>();
  readonly goLive = input<string | null>(null);
  readonly language = input('fr');

  protected readonly scale = computed(() => printScale(this.plan(), this.goLive(), this.language()));

  protected readonly goLiveAt = computed(() => {
    const scale = this.scale();
    const goLive = this.goLive();
    // The go-live line stands at the end of the go-live day.
    return scale && goLive ? ((dayNumber(goLive) + 1 - scale.first) / scale.days) * 100 : null;
  });

  /** Today's line, at the start of the day, when today is in the printed months. */
  protected readonly todayAt = computed(() => {
    const scale = this.scale();
    const at = scale ? (dayNumber(localToday()) - scale.first) / scale.days * 100 : null;
    return at !== null && at >= 0 && at <= 100 ? at : null;
  });

  protected readonly printRows = computed<PrintRow[]>(() => {
    const scale = this.scale();
    if (!scale) return [];
    return this.rows().map((row) => {
      const start = row.kind === 'phase' ? row.start : row.task.start;
      const finish = row.kind === 'phase' ? row.finish : row.task.finish;
      const kind = row.kind === 'phase' ? 'phase' : row.task.isMilestone ? 'milestone' : 'task';
      const from = start ? dayNumber(start) : scale.first;
      const to = finish ? dayNumber(finish) + 1 : from;
      return {
        row,
        name: row.kind === 'phase' ? row.name : row.task.name,
        start,
        finish,
        kind,
        critical: row.kind === 'phase' ? false : row.task.critical,
        left: ((kind === 'milestone' ? to : from) - scale.first) / scale.days * 100,
        width: kind === 'milestone' ? 0 : ((to - from) / scale.days) * 100,
      };
    });
  });
}
