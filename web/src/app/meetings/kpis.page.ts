import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import { KPI_DIRECTIONS, type KpiBoardDto, type KpiDirection, type KpiDto } from '@jalon/domain';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { KPI_STATUS_COLOURS, KpiChart } from './kpi-chart';
import { MeetingsApi } from './meetings-api';
import { MeetingsTabs } from './meetings-tabs';

/** The Monday of the week of a calendar date ('YYYY-MM-DD'), computed on the calendar (no time zone). */
export function mondayOf(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, day);
  const weekday = (new Date(utc).getUTCDay() + 6) % 7;
  return new Date(utc - weekday * 86_400_000).toISOString().slice(0, 10);
}

/** Today in France ('YYYY-MM-DD'). */
function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The incubation KPIs: defined with a target, a direction and a tolerance, valued weekly, green / amber / red, charted against the target. */
@Component({
  selector: 'jalon-kpis-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, CalendarDatePipe, PageHeader, TableCard, MeetingsTabs, KpiChart, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    <jalon-page-header [title]="'meetings.kpis.title' | translate" [subtitle]="'meetings.kpis.subtitle' | translate" />
    <jalon-meetings-tabs />

    @if (board(); as data) {
      <section class="incubation" [class.ended]="data.incubation.ended" data-testid="incubation">
        <h2>{{ 'meetings.kpis.incubation' | translate }}</h2>
        <p>
          @if (data.incubation.ended) {
            {{ 'meetings.kpis.ended' | translate: { date: (data.incubation.endedWeek | calendarDate: 'short' : language.current()) } }}
          } @else {
            {{ 'meetings.kpis.streak' | translate: { streak: data.incubation.currentStreak, required: data.incubation.greenWeeksRequired } }}
          }
        </p>
        @if (canEdit()) {
          <form class="inline" (ngSubmit)="saveGreenWeeks()">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'meetings.kpis.greenWeeksRequired' | translate }}</mat-label>
              <input matInput type="number" min="1" max="52" name="greenWeeks" [(ngModel)]="greenWeeks" />
            </mat-form-field>
            <button mat-stroked-button type="submit">{{ 'meetings.kpis.saveSettings' | translate }}</button>
          </form>
        }
      </section>
    }

    <jalon-table-card [label]="'meetings.kpis.title' | translate" [state]="state()" [empty]="kpis().length === 0" [emptyText]="'meetings.kpis.empty' | translate">
      <table data-testid="kpi-table">
        <caption class="visually-hidden">{{ 'meetings.kpis.title' | translate }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'meetings.kpis.name' | translate }}</th>
            <th scope="col">{{ 'meetings.kpis.targetColumn' | translate }}</th>
            <th scope="col">{{ 'meetings.kpis.tolerance' | translate }}</th>
            <th scope="col">{{ 'meetings.kpis.latest' | translate }}</th>
            <th scope="col">{{ 'meetings.kpis.status' | translate }}</th>
            <th scope="col">{{ 'meetings.kpis.greenStreak' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (kpi of kpis(); track kpi.id) {
            <tr [class.selected]="kpi.id === selected()?.id" [attr.data-testid]="'kpi-row-' + kpi.position">
              <td><button type="button" class="link" (click)="selectedId.set(kpi.id)" [attr.aria-pressed]="kpi.id === selected()?.id">{{ kpi.name }}</button></td>
              <td>{{ (kpi.direction === 'higher' ? '≥ ' : '≤ ') + kpi.target }} {{ kpi.unit }}</td>
              <td>± {{ kpi.tolerance }} {{ kpi.unit }}</td>
              <td>{{ kpi.values.length > 0 ? kpi.values[kpi.values.length - 1]!.value + ' ' + kpi.unit : '—' }}</td>
              <td><span class="dot" [style.background]="colours[kpi.status]" aria-hidden="true"></span>{{ 'meetings.kpiStatuses.' + kpi.status | translate }}</td>
              <td>{{ kpi.greenStreak }}</td>
            </tr>
          }
        </tbody>
      </table>
    </jalon-table-card>

    @if (selected(); as kpi) {
      <section class="panel" [attr.aria-label]="kpi.name" data-testid="kpi-detail">
        <h2>{{ kpi.name }}</h2>
        @if (kpi.values.length === 0) {
          <p class="meta" data-testid="kpi-no-values">{{ 'meetings.kpis.noValues' | translate }}</p>
        } @else {
          <jalon-kpi-chart [kpi]="kpi" />
          <details>
            <summary>{{ 'meetings.kpis.figures' | translate }}</summary>
            <table>
              <caption class="visually-hidden">{{ kpi.name }}</caption>
              <thead><tr><th scope="col">{{ 'meetings.kpis.week' | translate }}</th><th scope="col">{{ 'meetings.kpis.value' | translate }}</th><th scope="col">{{ 'meetings.kpis.status' | translate }}</th></tr></thead>
              <tbody>
                @for (value of kpi.values; track value.weekStart) {
                  <tr><th scope="row">{{ value.weekStart | calendarDate: 'short' : language.current() }}</th><td>{{ value.value }} {{ kpi.unit }}</td><td>{{ 'meetings.kpiStatuses.' + value.status | translate }}</td></tr>
                }
              </tbody>
            </table>
          </details>
        }
        @if (canEdit()) {
          <form class="inline" (ngSubmit)="saveValue(kpi)">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'meetings.kpis.week' | translate }}</mat-label>
              <input matInput type="date" name="week" [(ngModel)]="week" required data-testid="kpi-week" />
              <mat-hint>{{ 'meetings.kpis.weekHint' | translate }}</mat-hint>
            </mat-form-field>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'meetings.kpis.value' | translate }} ({{ kpi.unit }})</mat-label>
              <input matInput type="number" name="value" [(ngModel)]="value" data-testid="kpi-value" />
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="value === null || !week" data-testid="kpi-save-value">{{ 'meetings.kpis.saveValue' | translate }}</button>
          </form>
        }
      </section>
    }

    @if (canEdit()) {
      <section class="panel" aria-labelledby="new-kpi-title">
        <h2 id="new-kpi-title">{{ 'meetings.kpis.new' | translate }}</h2>
        <form class="inline" (ngSubmit)="createKpi()" data-testid="kpi-form">
          <mat-form-field class="grow" subscriptSizing="dynamic">
            <mat-label>{{ 'meetings.kpis.name' | translate }}</mat-label>
            <input matInput name="name" [(ngModel)]="draft.name" required maxlength="200" data-testid="kpi-name" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'meetings.kpis.unit' | translate }}</mat-label>
            <input matInput name="unit" [(ngModel)]="draft.unit" maxlength="40" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'meetings.kpis.target' | translate }}</mat-label>
            <input matInput type="number" name="target" [(ngModel)]="draft.target" required />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'meetings.kpis.direction' | translate }}</mat-label>
            <mat-select name="direction" [(ngModel)]="draft.direction">
              @for (option of directions; track option) {
                <mat-option [value]="option">{{ 'meetings.kpiDirections.' + option | translate }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'meetings.kpis.tolerance' | translate }}</mat-label>
            <input matInput type="number" min="0" name="tolerance" [(ngModel)]="draft.tolerance" />
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="!draft.name.trim() || draft.target === null">{{ 'meetings.kpis.create' | translate }}</button>
        </form>
      </section>
    }
  `,
  styles: `
    :host { display: block; padding: 24px; }
    .incubation, .panel { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 12px 16px; margin-bottom: 16px; }
    .panel { margin-top: 16px; }
    .incubation.ended { border-color: #1e7b34; }
    h2 { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    table { border-collapse: collapse; }
    th, td { text-align: left; padding: 6px 12px; border-bottom: 1px solid var(--jalon-border); font: var(--mat-sys-body-medium); }
    thead th { font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    tr.selected { background: var(--mat-sys-surface-container-low, #f4f4f6); }
    .link { background: none; border: 0; padding: 0; color: var(--mat-sys-primary); text-decoration: underline; cursor: pointer; font: inherit; text-align: left; }
    .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
    .inline { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
    .grow { flex: 1; min-width: 220px; }
    .meta { color: var(--mat-sys-on-surface-variant); }
    details summary { cursor: pointer; color: var(--mat-sys-primary); padding: 4px 0; }
  `,
})
export class KpisPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(MeetingsApi);
  private readonly notifier = inject(Notifier);
  private readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);
  protected readonly directions = KPI_DIRECTIONS;
  protected readonly colours = KPI_STATUS_COLOURS;
  protected readonly state = signal<TableState>('loading');
  protected readonly board = signal<KpiBoardDto | null>(null);
  protected readonly selectedId = signal<string | null>(null);
  protected readonly canEdit = computed(() => this.context.can('kpi.edit'));
  protected readonly kpis = computed(() => [...(this.board()?.kpis ?? [])].sort((a, b) => a.position - b.position));
  protected readonly selected = computed(() => this.kpis().find((kpi) => kpi.id === this.selectedId()) ?? this.kpis()[0] ?? null);
  protected week = mondayOf(todayInParis());
  protected value: number | null = null;
  protected greenWeeks = 4;
  protected draft: { name: string; unit: string; target: number | null; direction: KpiDirection; tolerance: number } = this.emptyDraft();

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
  }

  private emptyDraft() {
    return { name: '', unit: '%', target: null, direction: 'higher' as KpiDirection, tolerance: 0 };
  }

  private load(projectId = this.projectId()): void {
    this.api.kpis(projectId).subscribe({
      next: (board) => {
        this.board.set(board);
        this.greenWeeks = board.incubation.greenWeeksRequired;
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
  }

  private done(success: string) {
    return {
      next: () => {
        this.notifier.success(success);
        this.load();
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'meetings.fields' }),
    };
  }

  protected saveValue(kpi: KpiDto): void {
    if (this.value === null || !this.week) return;
    this.week = mondayOf(this.week);
    this.api.setKpiValue(this.projectId(), kpi.id, this.week, Number(this.value)).subscribe(this.done('meetings.kpis.valueSaved'));
    this.value = null;
  }

  protected createKpi(): void {
    if (!this.draft.name.trim() || this.draft.target === null) return;
    const { name, unit, target, direction, tolerance } = this.draft;
    this.api.createKpi(this.projectId(), { name: name.trim(), unit: unit.trim(), target: Number(target), direction, tolerance: Number(tolerance) || 0 }).subscribe(this.done('meetings.kpis.created'));
    this.draft = this.emptyDraft();
  }

  protected saveGreenWeeks(): void {
    const board = this.board();
    if (!board) return;
    this.api.setGreenWeeks(this.projectId(), Number(this.greenWeeks), board.incubation.version).subscribe(this.done('meetings.kpis.settingsSaved'));
  }
}
