import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ACTION_STATUSES,
  permissionScope,
  type ActionDto,
  type ActionListQuery,
  type ActionStatus,
  type MeetingSummaryDto,
  type ProjectMember,
} from '@jalon/domain';
import { AuthService } from '../core/auth';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { MeetingsApi } from './meetings-api';
import { MeetingsTabs } from './meetings-tabs';
import { ZonedPipe } from './zoned-time';

/** The project's action list across meetings: filtered by meeting, owner, status and overdue (by the API, so the export matches). */
@Component({
  selector: 'jalon-actions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, CalendarDatePipe, ZonedPipe, PageHeader, TableCard, MeetingsTabs, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatSelectModule],
  template: `
    <jalon-page-header [title]="'meetings.actionList.title' | translate" [subtitle]="'meetings.actionList.subtitle' | translate">
      <a mat-stroked-button [href]="exportUrl()" download data-testid="actions-export"><mat-icon>download</mat-icon>{{ 'meetings.export' | translate }}</a>
    </jalon-page-header>
    <jalon-meetings-tabs />
    <div class="filters" role="group" [attr.aria-label]="'meetings.filters.title' | translate">
      <mat-form-field>
        <mat-label>{{ 'meetings.filters.meeting' | translate }}</mat-label>
        <mat-select [value]="meetingId()" (valueChange)="meetingId.set($event)">
          <mat-option value="">{{ 'meetings.filters.all' | translate }}</mat-option>
          @for (meeting of heldMeetings(); track meeting.id) {
            <mat-option [value]="meeting.id">{{ meeting.title }} · {{ meeting.startsAt | zoned: language.current() : 'date' : meeting.timeZone }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'meetings.filters.owner' | translate }}</mat-label>
        <mat-select [value]="owner()" (valueChange)="owner.set($event)" data-testid="filter-owner">
          <mat-option value="">{{ 'meetings.filters.all' | translate }}</mat-option>
          @for (member of members(); track member.userId) {
            <mat-option [value]="member.userId">{{ member.displayName }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'meetings.filters.status' | translate }}</mat-label>
        <mat-select [value]="status()" (valueChange)="status.set($event)" data-testid="filter-status">
          <mat-option value="">{{ 'meetings.filters.all' | translate }}</mat-option>
          @for (option of statuses; track option) {
            <mat-option [value]="option">{{ 'meetings.actionStatuses.' + option | translate }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-checkbox [checked]="overdueOnly()" (change)="overdueOnly.set($event.checked)" data-testid="filter-overdue">{{ 'meetings.filters.overdueOnly' | translate }}</mat-checkbox>
    </div>
    <jalon-table-card [label]="'meetings.actionList.title' | translate" [state]="state()" [empty]="rows().length === 0" [emptyText]="'meetings.actionList.empty' | translate">
      <table data-testid="action-list">
        <caption class="visually-hidden">{{ 'meetings.actionList.title' | translate }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'meetings.columns.action' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.owner' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.due' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.status' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.origin' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (action of rows(); track action.id) {
            <tr [class.overdue]="action.overdue" data-testid="action-row">
              <td class="text">{{ action.title }}</td>
              <td>{{ action.ownerName ?? '—' }}</td>
              <td class="nowrap">{{ action.dueDate | calendarDate: 'short' : language.current() }}
                @if (action.overdue) { <span class="late">{{ 'meetings.actions.overdue' | translate }}</span> }
              </td>
              <td>
                @if (canUpdate(action)) {
                  <mat-form-field class="status-select" subscriptSizing="dynamic">
                    <mat-label>{{ 'meetings.actions.statusOf' | translate: { title: action.title } }}</mat-label>
                    <mat-select [value]="action.status" (valueChange)="setStatus(action, $event)">
                      @for (option of statuses; track option) {
                        <mat-option [value]="option">{{ 'meetings.actionStatuses.' + option | translate }}</mat-option>
                      }
                    </mat-select>
                  </mat-form-field>
                } @else {
                  {{ 'meetings.actionStatuses.' + action.status | translate }}
                }
              </td>
              <td><a [routerLink]="['../meetings', action.meetingId]">{{ action.meetingTitle }}</a></td>
            </tr>
          }
        </tbody>
      </table>
    </jalon-table-card>
  `,
  styles: `
    :host { display: block; padding: 24px; }
    .filters { display: flex; flex-wrap: wrap; gap: 0 12px; align-items: baseline; }
    .filters mat-form-field { width: 220px; }
    table { border-collapse: collapse; }
    th, td { text-align: left; padding: 6px 12px; border-bottom: 1px solid var(--jalon-border); vertical-align: middle; font: var(--mat-sys-body-medium); }
    th { font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    .nowrap { white-space: nowrap; }
    .text { min-width: 280px; }
    .late { display: inline-block; background: #fdecea; color: #8a1c12; border-radius: 10px; padding: 0 6px; font-size: 12px; margin-left: 4px; }
    .status-select { width: 170px; }
    .status-select ::ng-deep .mat-mdc-floating-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `,
})
export class ActionsPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(MeetingsApi);
  private readonly notifier = inject(Notifier);
  private readonly context = inject(ProjectContext);
  private readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);
  protected readonly statuses = ACTION_STATUSES;
  protected readonly state = signal<TableState>('loading');
  protected readonly actions = signal<ActionDto[]>([]);
  protected readonly meetings = signal<MeetingSummaryDto[]>([]);
  protected readonly members = signal<ProjectMember[]>([]);
  protected readonly meetingId = signal('');
  protected readonly owner = signal('');
  protected readonly status = signal<ActionStatus | ''>('');
  protected readonly overdueOnly = signal(false);
  private readonly query = computed<ActionListQuery>(() => ({
    meetingId: this.meetingId() || undefined,
    ownerUserId: this.owner() || undefined,
    status: this.status() || undefined,
    overdue: this.overdueOnly() || undefined,
  }));
  protected readonly heldMeetings = computed(() =>
    this.meetings()
      .filter((meeting) => meeting.status === 'cloturee' || meeting.status === 'en_cours')
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  );
  /** Overdue first, then by due date (none last). */
  protected readonly rows = computed(() =>
    [...this.actions()].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.title.localeCompare(b.title)),
  );

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => {
        this.api.meetings(projectId).subscribe({ next: (meetings) => this.meetings.set(meetings), error: () => this.meetings.set([]) });
        this.api.members(projectId).subscribe({ next: (members) => this.members.set(members), error: () => this.members.set([]) });
      });
    });
    effect(() => {
      const projectId = this.projectId();
      const query = this.query();
      untracked(() => this.load(projectId, query));
    });
  }

  private load(projectId: string, query: ActionListQuery): void {
    this.api.actions(projectId, query).subscribe({
      next: (actions) => {
        this.actions.set(actions);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
  }

  protected exportUrl(): string {
    return this.api.actionsExportUrl(this.projectId(), this.query());
  }

  protected canUpdate(action: ActionDto): boolean {
    const scope = permissionScope(this.context.currentRole(), 'action.update');
    return scope === 'all' || (scope === 'own' && action.ownerUserId === this.auth.user()?.id);
  }

  protected setStatus(action: ActionDto, status: ActionStatus): void {
    this.api.setActionStatus(this.projectId(), action.id, status, action.version).subscribe({
      next: () => {
        this.notifier.success('meetings.actions.updated');
        this.load(this.projectId(), this.query());
      },
      error: (error: unknown) => {
        this.notifier.refusal(error, { fields: 'meetings.fields' });
        this.load(this.projectId(), this.query());
      },
    });
  }
}
