import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ProjectOverviewDto } from '@jalon/domain';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { MeetingsApi } from '../meetings/meetings-api';
import { BAND_COLOURS } from '../risks/risk-matrix';
import { WeatherStrip } from '../meetings/weather-strip';
import { ZonedPipe } from '../meetings/zoned-time';
import { slippageCell } from '../planning/slippage';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';


/**
 * The project's first page, for the sponsor: the live version of the COPIL pack (weather, go-live
 * countdown, next key milestones with their slippage, top risks, next meetings, my actions, the go / no-go
 * réserves past their due date (for a role reading the go / no-go), latest decisions).
 */
@Component({
  selector: 'jalon-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, CalendarDatePipe, ZonedPipe, PageHeader, WeatherStrip, MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    <jalon-page-header [title]="overview()?.projectName ?? ('nav.overview' | translate)" [subtitle]="'overview.subtitle' | translate">
      @if (overview()?.latestPack; as pack) {
        <a mat-stroked-button [href]="packUrl(pack.meetingId, pack.id)" download data-testid="overview-pack">
          <mat-icon>picture_as_pdf</mat-icon>{{ 'overview.latestPack' | translate: { date: (pack.createdAt | zoned: language.current() : 'date') } }}
        </a>
      }
    </jalon-page-header>

    @if (error(); as message) {
      <p class="alert" role="alert" data-testid="overview-error">{{ message }}</p>
    } @else if (overview(); as o) {
      <div class="top">
        <section class="card countdown" aria-labelledby="golive-title" data-testid="go-live">
          <h2 id="golive-title">{{ 'overview.goLive' | translate }}</h2>
          <p class="big">{{ o.goLive.daysLeft >= 0 ? ('overview.daysLeft' | translate: { days: o.goLive.daysLeft }) : ('overview.daysSince' | translate: { days: -o.goLive.daysLeft }) }}</p>
          <p>{{ o.goLive.date | calendarDate: 'weekday-long' : language.current() }}</p>
          @if (o.goLive.workingDaysLeft !== null && o.goLive.daysLeft >= 0) {
            <p class="meta">{{ 'overview.workingDaysLeft' | translate: { days: o.goLive.workingDaysLeft } }}</p>
          }
        </section>
        <jalon-weather-strip class="weather" [projectId]="projectId()" />
      </div>

      <div class="grid">
        <section class="card" aria-labelledby="milestones-title" data-testid="overview-milestones">
          <h2 id="milestones-title">{{ 'overview.milestones' | translate }}</h2>
          @if (o.baseline; as baseline) {
            <p class="meta">{{ 'overview.against' | translate: { name: baseline.name } }}</p>
          }
          <table>
            <caption class="visually-hidden">{{ 'overview.milestones' | translate }}</caption>
            <thead><tr><th scope="col">{{ 'overview.milestone' | translate }}</th><th scope="col">{{ 'overview.finish' | translate }}</th><th scope="col">{{ 'overview.slippage' | translate }}</th></tr></thead>
            <tbody>
              @for (milestone of o.nextMilestones; track milestone.taskId) {
                <tr>
                  <td>@if (milestone.critical) { <span class="critical" [title]="'overview.critical' | translate">◆</span> } {{ milestone.name }}</td>
                  <td class="nowrap">{{ milestone.finish | calendarDate: 'short' : language.current() }}</td>
                  <td class="nowrap" [attr.data-tone]="slip(milestone.slippage).tone">{{ slip(milestone.slippage).text }}</td>
                </tr>
              } @empty {
                <tr><td colspan="3" class="meta">{{ 'overview.noMilestones' | translate }}</td></tr>
              }
            </tbody>
          </table>
          <a routerLink="../planning">{{ 'overview.toPlanning' | translate }}</a>
        </section>

        <section class="card" aria-labelledby="risks-title" data-testid="overview-risks">
          <h2 id="risks-title">{{ 'overview.topRisks' | translate }}</h2>
          <ul class="list">
            @for (risk of o.topRisks; track risk.id) {
              <li>
                <span class="score" [style.background]="bandBackground(risk.band)">{{ risk.score }}</span>
                <span class="grow">{{ risk.reference }} · {{ risk.title }}
                  @if (risk.materialising) { <span class="flag">{{ 'overview.materialising' | translate }}</span> }
                </span>
              </li>
            } @empty {
              <li class="meta">{{ 'overview.noRisks' | translate }}</li>
            }
          </ul>
          <a routerLink="../risks">{{ 'overview.toRisks' | translate }}</a>
        </section>

        <section class="card" aria-labelledby="meetings-title" data-testid="overview-meetings">
          <h2 id="meetings-title">{{ 'overview.nextMeetings' | translate }}</h2>
          <ul class="list">
            @for (meeting of o.nextMeetings; track meeting.id) {
              <li><a [routerLink]="['../meetings', meeting.id]">{{ meeting.title }}</a>
                <span class="meta">{{ meeting.startsAt | zoned: language.current() : 'weekday-date-time' : meeting.timeZone }}</span></li>
            } @empty {
              <li class="meta">{{ 'overview.noMeetings' | translate }}</li>
            }
          </ul>
          <a routerLink="../meetings">{{ 'overview.toMeetings' | translate }}</a>
        </section>

        <section class="card" aria-labelledby="my-actions-title" data-testid="overview-my-actions">
          <h2 id="my-actions-title">{{ 'overview.myActions' | translate }}</h2>
          <ul class="list">
            @for (action of o.myActions; track action.id) {
              <li [class.overdue]="action.overdue"><span class="grow">{{ action.title }}</span>
                <span class="meta nowrap">{{ action.dueDate | calendarDate: 'short' : language.current() }}
                  @if (action.overdue) { · <strong class="late">{{ 'meetings.actions.overdue' | translate }}</strong> }</span></li>
            } @empty {
              <li class="meta">{{ 'overview.noActions' | translate }}</li>
            }
          </ul>
          <a routerLink="../actions">{{ 'overview.toActions' | translate }}</a>
        </section>

        @if (o.overdueReserves?.length) {
          <section class="card wide" aria-labelledby="reserves-title" data-testid="overview-overdue-reserves">
            <h2 id="reserves-title">{{ 'overview.overdueReserves' | translate }} ({{ o.overdueReserves!.length }})</h2>
            <p class="meta">{{ 'overview.overdueReservesHint' | translate }}</p>
            <table>
              <caption class="visually-hidden">{{ 'overview.overdueReserves' | translate }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'overview.reserveDefect' | translate }}</th>
                  <th scope="col">{{ 'overview.reserveCampaign' | translate }}</th>
                  <th scope="col">{{ 'overview.reserveOwner' | translate }}</th>
                  <th scope="col">{{ 'overview.reserveDue' | translate }}</th>
                  <th scope="col">{{ 'overview.reserveLate' | translate }}</th>
                </tr>
              </thead>
              <tbody>
                @for (reserve of o.overdueReserves; track reserve.id) {
                  <tr data-testid="overdue-reserve">
                    <td><strong>{{ reserve.defectReference }}</strong> {{ reserve.defectTitle }}</td>
                    <td>{{ reserve.campaignName }}</td>
                    <td>{{ reserve.ownerName }}</td>
                    <td class="nowrap">{{ reserve.dueDate | calendarDate: 'short' : language.current() }}</td>
                    <td class="nowrap late-cell">{{ 'overview.daysLate' | translate: { days: reserve.daysLate } }}</td>
                  </tr>
                }
              </tbody>
            </table>
            <a routerLink="../go-no-go" data-testid="overview-to-go-no-go">{{ 'overview.toGoNoGo' | translate }}</a>
          </section>
        }

        <section class="card wide" aria-labelledby="decisions-title" data-testid="overview-decisions">
          <h2 id="decisions-title">{{ 'overview.latestDecisions' | translate }}</h2>
          <ul class="list">
            @for (decision of o.latestDecisions; track decision.id) {
              <li><span class="meta nowrap">{{ decision.decidedAt | zoned: language.current() : 'date' }}</span>
                <span class="grow">{{ decision.text }} <span class="meta">({{ decision.meetingTitle }})</span></span></li>
            } @empty {
              <li class="meta">{{ 'overview.noDecisions' | translate }}</li>
            }
          </ul>
          <a routerLink="../decisions">{{ 'overview.toDecisions' | translate }}</a>
        </section>
      </div>
    } @else {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'shared.loading' | translate" />
    }
  `,
  styles: `
    :host { display: block; padding: 24px; }
    .alert { background: #fdecea; color: #5c130c; border-radius: 8px; padding: 12px; }
    .top { display: grid; grid-template-columns: 280px minmax(0, 1fr); gap: 16px; margin-bottom: 16px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }
    @media (max-width: 900px) { .top { grid-template-columns: 1fr; } }
    .card { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 16px; min-width: 0; }
    .wide { grid-column: 1 / -1; }
    h2 { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    .big { font: var(--mat-sys-display-small); margin: 4px 0; color: var(--mat-sys-primary); }
    .countdown p { margin: 4px 0; }
    .meta { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
    th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--jalon-border); font: var(--mat-sys-body-medium); }
    th { font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    td[data-tone='late'] { color: #8a1c12; font-weight: 600; }
    td[data-tone='early'] { color: #14532d; }
    .late-cell { color: #8a1c12; font-weight: 600; }
    .critical { color: #8a1c12; }
    .nowrap { white-space: nowrap; }
    .list { list-style: none; padding: 0; margin: 0 0 8px; }
    .list li { display: flex; gap: 8px; align-items: baseline; padding: 6px 0; border-bottom: 1px solid var(--jalon-border); flex-wrap: wrap; }
    .grow { flex: 1; min-width: 160px; }
    .score { display: inline-block; min-width: 28px; text-align: center; border-radius: 10px; font-weight: 600; color: #1d1b20; }
    .flag { background: #fdecea; color: #8a1c12; border-radius: 10px; padding: 0 6px; font-size: 12px; margin-left: 4px; }
    .late { color: #8a1c12; }
    a { color: var(--mat-sys-primary); }
  `,
})
export class OverviewPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(MeetingsApi);
  private readonly translate = inject(TranslateService);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService);
  protected readonly overview = signal<ProjectOverviewDto | null>(null);
  protected readonly error = signal<string | null>(null);
  private readonly dayUnit = computed(() => {
    this.language.current();
    return this.translate.instant('overview.dayUnit') as string;
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => {
        this.overview.set(null);
        this.api.overview(projectId).subscribe({
          next: (overview) => {
            this.error.set(null);
            this.overview.set(overview);
          },
          error: (error: unknown) => this.error.set(this.notifier.describe(readRefusal(error))),
        });
      });
    });
  }

  protected slip(days: number | null) {
    return slippageCell(days, this.dayUnit());
  }

  protected bandBackground(band: string): string {
    return (BAND_COLOURS as Record<string, string>)[band] ?? '#eceef1';
  }

  protected packUrl(meetingId: string, packId: string): string {
    return this.api.packPdfUrl(this.projectId(), meetingId, packId);
  }
}
