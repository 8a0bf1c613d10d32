import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { MeetingSeriesDto, MeetingSummaryDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { MeetingDialog, type MeetingDialogData, type MeetingDialogMode } from './meeting-dialog';
import { MeetingsApi } from './meetings-api';
import { MeetingsTabs } from './meetings-tabs';
import { WeatherStrip } from './weather-strip';
import { ZonedPipe } from './zoned-time';

/** Upcoming occurrences shown per series before « show all ». */
const UPCOMING_PER_GROUP = 5;
const PAST_SHOWN = 12;

interface MeetingGroup {
  key: string;
  series: MeetingSeriesDto | null;
  meetings: MeetingSummaryDto[];
}

/** « Comitologie »: the project's meetings, upcoming by series and past, with the series and one-off meetings created here. */
@Component({
  selector: 'jalon-meetings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, ZonedPipe, PageHeader, TableCard, MeetingsTabs, WeatherStrip, MatButtonModule, MatIconModule],
  template: `
    <jalon-page-header [title]="'meetings.title' | translate" [subtitle]="'meetings.subtitle' | translate">
      @if (canManage()) {
        <button mat-stroked-button type="button" (click)="openDialog('series')" data-testid="new-series">
          <mat-icon>event_repeat</mat-icon>{{ 'meetings.newSeries' | translate }}
        </button>
        <button mat-flat-button type="button" (click)="openDialog('meeting')" data-testid="new-meeting">
          <mat-icon>add</mat-icon>{{ 'meetings.newMeeting' | translate }}
        </button>
      }
    </jalon-page-header>
    <jalon-meetings-tabs />

    <jalon-weather-strip [projectId]="projectId()" />

    <h2 class="section">{{ 'meetings.upcoming' | translate }}</h2>
    <jalon-table-card [label]="'meetings.upcoming' | translate" [state]="state()" [empty]="upcomingGroups().length === 0" [emptyText]="'meetings.noUpcoming' | translate">
      @for (group of upcomingGroups(); track group.key) {
        <section class="group" [attr.data-testid]="'group-' + (group.series?.type ?? 'other')">
          <h3>
            {{ group.series ? group.series.title : ('meetings.oneOff' | translate) }}
            @if (group.series; as series) {
              <span class="rule">{{ ruleText(series.rrule) }}</span>
            }
          </h3>
          <table class="meetings">
            <caption class="visually-hidden">{{ group.series ? group.series.title : ('meetings.oneOff' | translate) }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'meetings.columns.when' | translate }}</th>
                <th scope="col">{{ 'meetings.columns.title' | translate }}</th>
                <th scope="col">{{ 'meetings.columns.type' | translate }}</th>
                <th scope="col">{{ 'meetings.columns.status' | translate }}</th>
                <th scope="col">{{ 'meetings.columns.place' | translate }}</th>
                @if (canManage()) {
                  <th scope="col"><span class="visually-hidden">{{ 'meetings.columns.actions' | translate }}</span></th>
                }
              </tr>
            </thead>
            <tbody>
              @for (meeting of shown(group); track meeting.id) {
                <tr [class.cancelled]="meeting.status === 'annulee'" [attr.data-testid]="'meeting-row-' + meeting.id">
                  <td class="when">{{ meeting.startsAt | zoned: language.current() : 'weekday-date-time' : meeting.timeZone }}
                    @if (meeting.detached) { <span class="badge">{{ 'meetings.moved' | translate }}</span> }
                  </td>
                  <td><a [routerLink]="[meeting.id]" data-testid="meeting-link">{{ meeting.title }}</a></td>
                  <td>{{ 'meetings.types.' + meeting.type | translate }}</td>
                  <td><span class="status" [attr.data-status]="meeting.status">{{ 'meetings.statuses.' + meeting.status | translate }}</span></td>
                  <td>{{ meeting.place || meeting.videoLink || '—' }}</td>
                  @if (canManage()) {
                    <td class="row-actions">
                      @if (meeting.status === 'brouillon' || meeting.status === 'convoquee') {
                        <button mat-button type="button" (click)="openDialog('move', meeting)" [attr.aria-label]="'meetings.moveLabel' | translate: { title: meeting.title }">{{ 'meetings.move' | translate }}</button>
                        <button mat-button type="button" (click)="cancel(meeting)" [attr.aria-label]="'meetings.cancelLabel' | translate: { title: meeting.title }"
                          data-testid="cancel-meeting">{{ 'meetings.cancel' | translate }}</button>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
          @if (group.meetings.length > perGroup && !expanded().has(group.key)) {
            <button mat-button type="button" (click)="expand(group.key)">{{ 'meetings.showAll' | translate: { count: group.meetings.length } }}</button>
          }
        </section>
      }
    </jalon-table-card>

    <h2 class="section">{{ 'meetings.past' | translate }}</h2>
    <jalon-table-card [label]="'meetings.past' | translate" [state]="state()" [empty]="past().length === 0" [emptyText]="'meetings.noPast' | translate">
      <table class="meetings" data-testid="past-meetings">
        <caption class="visually-hidden">{{ 'meetings.past' | translate }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'meetings.columns.when' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.title' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.type' | translate }}</th>
            <th scope="col">{{ 'meetings.columns.status' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (meeting of past().slice(0, pastShown()); track meeting.id) {
            <tr [class.cancelled]="meeting.status === 'annulee'">
              <td class="when">{{ meeting.startsAt | zoned: language.current() : 'weekday-date-time' : meeting.timeZone }}</td>
              <td><a [routerLink]="[meeting.id]">{{ meeting.title }}</a></td>
              <td>{{ 'meetings.types.' + meeting.type | translate }}</td>
              <td><span class="status" [attr.data-status]="meeting.status">{{ 'meetings.statuses.' + meeting.status | translate }}</span></td>
            </tr>
          }
        </tbody>
      </table>
      @if (past().length > pastShown()) {
        <button mat-button type="button" (click)="pastShown.set(past().length)">{{ 'meetings.showAll' | translate: { count: past().length } }}</button>
      }
    </jalon-table-card>
  `,
  styles: `
    :host { display: block; padding: 24px; }
    jalon-weather-strip { margin-bottom: 8px; }
    .section { font: var(--mat-sys-title-medium); margin: 24px 0 8px; }
    .group { padding: 8px 0; border-bottom: 1px solid var(--jalon-border); }
    .group:last-child { border-bottom: 0; }
    .group h3 { font: var(--mat-sys-title-small); margin: 4px 16px; display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
    .rule { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    table.meetings { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 6px 16px; border-bottom: 1px solid var(--jalon-border); font: var(--mat-sys-body-medium); }
    th { font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    .when { white-space: nowrap; }
    tr.cancelled td { color: var(--mat-sys-on-surface-variant); }
    tr.cancelled td.when { text-decoration: line-through; }
    .badge { font-size: 12px; background: #e8e0f8; color: #3b2a6b; border-radius: 10px; padding: 0 6px; margin-left: 6px; }
    .status { border-radius: 10px; padding: 1px 8px; background: #eceef1; color: #1d1b20; font-size: 13px; white-space: nowrap; }
    .status[data-status='convoquee'] { background: #dbe7ff; color: #0d3a8a; }
    .status[data-status='en_cours'] { background: #fff0c2; color: #5c4300; }
    .status[data-status='cloturee'] { background: #dff3e4; color: #14532d; }
    .status[data-status='annulee'] { background: #fdecea; color: #8a1c12; }
    .row-actions { white-space: nowrap; text-align: right; }
  `,
})
export class MeetingsPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(MeetingsApi);
  private readonly dialog = inject(MatDialog);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);

  protected readonly state = signal<TableState>('loading');
  protected readonly meetings = signal<MeetingSummaryDto[]>([]);
  protected readonly seriesList = signal<MeetingSeriesDto[]>([]);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly pastShown = signal(PAST_SHOWN);
  protected readonly perGroup = UPCOMING_PER_GROUP;
  protected readonly canManage = computed(() => this.context.can('meeting.manage'));
  private readonly now = signal(Date.now());

  /** A meeting is upcoming until it ends; closed ones are past whatever their date. */
  private isUpcoming(meeting: MeetingSummaryDto): boolean {
    if (meeting.status === 'cloturee') return false;
    return new Date(meeting.startsAt).getTime() + meeting.durationMinutes * 60_000 >= this.now();
  }

  protected readonly upcomingGroups = computed<MeetingGroup[]>(() => {
    const series = new Map(this.seriesList().map((entry) => [entry.id, entry]));
    const groups = new Map<string, MeetingGroup>();
    const upcoming = this.meetings()
      .filter((meeting) => this.isUpcoming(meeting))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    for (const meeting of upcoming) {
      const key = meeting.seriesId ?? 'one-off';
      let group = groups.get(key);
      if (!group) {
        group = { key, series: meeting.seriesId ? (series.get(meeting.seriesId) ?? null) : null, meetings: [] };
        groups.set(key, group);
      }
      group.meetings.push(meeting);
    }
    return [...groups.values()];
  });

  protected readonly past = computed(() =>
    this.meetings()
      .filter((meeting) => !this.isUpcoming(meeting))
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  );

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
  }

  private load(projectId: string): void {
    this.now.set(Date.now());
    this.api.meetings(projectId).subscribe({
      next: (meetings) => {
        this.meetings.set(meetings);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
    this.api.series(projectId).subscribe({ next: (series) => this.seriesList.set(series), error: () => this.seriesList.set([]) });
  }

  protected shown(group: MeetingGroup): MeetingSummaryDto[] {
    return this.expanded().has(group.key) ? group.meetings : group.meetings.slice(0, UPCOMING_PER_GROUP);
  }

  protected expand(key: string): void {
    this.expanded.update((keys) => new Set([...keys, key]));
  }

  /** The recurrence in words for the presets, the rule itself otherwise. */
  protected ruleText(rrule: string): string {
    const rule = rrule.replace(/^RRULE:/i, '').toUpperCase();
    if (rule === 'FREQ=MONTHLY;BYDAY=1TU') return this.translate.instant('meetings.presets.firstTuesday') as string;
    if (rule === 'FREQ=WEEKLY;BYDAY=TH') return this.translate.instant('meetings.presets.everyThursday') as string;
    return rule;
  }

  protected openDialog(mode: MeetingDialogMode, meeting?: MeetingSummaryDto): void {
    const data: MeetingDialogData = { projectId: this.projectId(), mode, meeting };
    this.dialog
      .open<MeetingDialog, MeetingDialogData, boolean>(MeetingDialog, { data, width: '720px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) this.load(this.projectId());
      });
  }

  protected async cancel(meeting: MeetingSummaryDto): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: this.translate.instant('meetings.cancelTitle'),
      message: this.translate.instant('meetings.cancelMessage', { title: meeting.title }),
      confirmLabel: this.translate.instant('meetings.cancelConfirm'),
      destructive: true,
    });
    if (!confirmed) return;
    this.api.setStatus(this.projectId(), meeting.id, 'annulee', meeting.version).subscribe({
      next: () => {
        this.notifier.success('meetings.cancelled');
        this.load(this.projectId());
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'meetings.fields' }),
    });
  }
}
