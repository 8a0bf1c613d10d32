import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { DECISION_IMPACTS, type DecisionDto, type DecisionImpact, type DecisionLogQuery, type MeetingSummaryDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { MeetingsApi } from './meetings-api';
import { MeetingsTabs } from './meetings-tabs';
import { ZonedPipe } from './zoned-time';

/** The project's decision log across meetings: filtered by meeting and impact (by the API, so the export matches), searched, exported. */
@Component({
  selector: 'jalon-decisions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, ZonedPipe, PageHeader, TableCard, MeetingsTabs, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    <jalon-page-header [title]="'meetings.decisionLog.title' | translate" [subtitle]="'meetings.decisionLog.subtitle' | translate">
      <a mat-stroked-button [href]="exportUrl()" download data-testid="decisions-export"><mat-icon>download</mat-icon>{{ 'meetings.export' | translate }}</a>
    </jalon-page-header>
    <jalon-meetings-tabs />
    <div class="filters" role="group" [attr.aria-label]="'meetings.filters.title' | translate">
      <mat-form-field>
        <mat-label>{{ 'meetings.filters.meeting' | translate }}</mat-label>
        <mat-select [value]="meetingId()" (valueChange)="meetingId.set($event)" data-testid="filter-meeting">
          <mat-option value="">{{ 'meetings.filters.all' | translate }}</mat-option>
          @for (meeting of meetingsWithOutcomes(); track meeting.id) {
            <mat-option [value]="meeting.id">{{ meeting.title }} · {{ meeting.startsAt | zoned: language.current() : 'date' : meeting.timeZone }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'meetings.filters.impact' | translate }}</mat-label>
        <mat-select [value]="impact()" (valueChange)="impact.set($event)" data-testid="filter-impact">
          <mat-option value="">{{ 'meetings.filters.all' | translate }}</mat-option>
          @for (option of impacts; track option) {
            <mat-option [value]="option">{{ 'meetings.impacts.' + option | translate }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'meetings.filters.search' | translate }}</mat-label>
        <input matInput [value]="search()" (input)="search.set($any($event.target).value)" data-testid="filter-search" />
      </mat-form-field>
    </div>
    <jalon-table-card [label]="'meetings.decisionLog.title' | translate" [state]="state()" [empty]="rows().length === 0" [emptyText]="'meetings.decisionLog.empty' | translate">
      <table data-testid="decision-log">
        <caption class="visually-hidden">{{ 'meetings.decisionLog.title' | translate }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'meetings.columns.decidedAt' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.decision' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.decidedBy' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.impacts' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.meeting' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (decision of rows(); track decision.id) {
            <tr data-testid="decision-row">
              <td class="nowrap">{{ decision.decidedAt | zoned: language.current() : 'date' }}</td>
              <td class="text">{{ decision.text }}
                @if (decision.baselineId) { <span class="badge">{{ 'meetings.decisionLog.baseline' | translate }}</span> }
                @if (decision.acceptedRiskId) { <span class="badge">{{ 'meetings.decisionLog.riskAccepted' | translate }}</span> }
              </td>
              <td>{{ decision.decidedBy }}</td>
              <td>{{ impactsOf(decision) }}</td>
              <td><a [routerLink]="['../meetings', decision.meetingId]">{{ decision.meetingTitle }}</a></td>
            </tr>
          }
        </tbody>
      </table>
    </jalon-table-card>
  `,
  styles: `
    :host { display: block; padding: 24px; }
    .filters { display: flex; flex-wrap: wrap; gap: 0 12px; }
    .filters mat-form-field { width: 240px; }
    th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--jalon-border); vertical-align: top; font: var(--mat-sys-body-medium); }
    th { font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    .nowrap { white-space: nowrap; }
    .text { min-width: 320px; white-space: pre-line; }
    .badge { display: inline-block; font-size: 12px; background: #e8e0f8; color: #3b2a6b; border-radius: 10px; padding: 0 6px; margin-left: 4px; }
    table { border-collapse: collapse; }
  `,
})
export class DecisionsPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(MeetingsApi);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly impacts = DECISION_IMPACTS;
  protected readonly state = signal<TableState>('loading');
  protected readonly decisions = signal<DecisionDto[]>([]);
  protected readonly meetings = signal<MeetingSummaryDto[]>([]);
  protected readonly meetingId = signal('');
  protected readonly impact = signal<DecisionImpact | ''>('');
  protected readonly search = signal('');
  private readonly query = computed<DecisionLogQuery>(() => ({ meetingId: this.meetingId() || undefined, impact: this.impact() || undefined }));
  /** Meetings that can hold decisions: held or closed ones. */
  protected readonly meetingsWithOutcomes = computed(() =>
    this.meetings()
      .filter((meeting) => meeting.status === 'cloturee' || meeting.status === 'en_cours')
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  );
  protected readonly rows = computed(() => {
    const search = this.search().trim().toLocaleLowerCase();
    return this.decisions()
      .filter((decision) => !search || decision.text.toLocaleLowerCase().includes(search) || decision.decidedBy.toLocaleLowerCase().includes(search))
      .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.api.meetings(projectId).subscribe({ next: (meetings) => this.meetings.set(meetings), error: () => this.meetings.set([]) }));
    });
    effect(() => {
      const projectId = this.projectId();
      const query = this.query();
      untracked(() => {
        this.state.set('loading');
        this.api.decisions(projectId, query).subscribe({
          next: (decisions) => {
            this.decisions.set(decisions);
            this.state.set('loaded');
          },
          error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
        });
      });
    });
  }

  protected exportUrl(): string {
    return this.api.decisionsExportUrl(this.projectId(), this.query());
  }

  protected impactsOf(decision: DecisionDto): string {
    const impacts = [decision.impactScope && 'scope', decision.impactTime && 'time', decision.impactBudget && 'budget'].filter((impact): impact is string => !!impact);
    return impacts.length === 0 ? '—' : impacts.map((impact) => this.translate.instant(`meetings.impacts.${impact}`) as string).join(', ');
  }
}
