import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { TranslatePipe } from '@ngx-translate/core';
import type { SentMailDto, SentMailListDto, SentMailSummaryDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { MailApi } from './mail-api';
import { formatInstant } from './mail-time';

/**
 * « Courriels envoyés »: administrators see every mail Jalon wrote (and retry the failed ones),
 * everyone else their own. A mail is shown as its recipient sees it: its HTML (which Jalon built
 * from escaped text) in an iframe with `sandbox=""` (no script, no same-origin, no navigation).
 */
@Component({
  selector: 'jalon-mail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, PageHeader, TableCard, MatButtonModule, MatButtonToggleModule, MatIconModule],
  template: `
    <div class="page">
      <jalon-page-header [title]="'mail.title' | translate" [subtitle]="(list()?.all ? 'mail.subtitleAll' : 'mail.subtitleOwn') | translate">
        @if (list(); as list) {
          <mat-button-toggle-group [value]="show()" (change)="filter($event.value)" [attr.aria-label]="'mail.filter' | translate" data-testid="mail-filter">
            <mat-button-toggle value="all" data-testid="mail-filter-all">{{ 'mail.filterAll' | translate }}</mat-button-toggle>
            <mat-button-toggle value="failed" data-testid="mail-filter-failed">{{ 'mail.filterFailed' | translate: { count: list.failed } }}</mat-button-toggle>
          </mat-button-toggle-group>
        }
      </jalon-page-header>
      @if (list()?.folderMode) {
        <p class="hint" data-testid="mail-folder-mode"><mat-icon aria-hidden="true">folder</mat-icon>{{ 'mail.folderMode' | translate }}</p>
      }
      <div class="layout" [class.with-viewer]="selected()">
        <jalon-table-card [label]="'mail.list' | translate" [state]="state()" [empty]="mails().length === 0" [emptyText]="'mail.empty' | translate" [errorText]="'mail.loadFailed' | translate">
          <table class="mails" data-testid="mail-table">
            <caption class="visually-hidden">{{ 'mail.list' | translate }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'mail.columns.date' | translate }}</th>
                <th scope="col">{{ 'mail.columns.subject' | translate }}</th>
                <th scope="col">{{ 'mail.columns.recipient' | translate }}</th>
                <th scope="col">{{ 'mail.columns.status' | translate }}</th>
                <th scope="col"><span class="visually-hidden">{{ 'mail.open' | translate }}</span></th>
              </tr>
            </thead>
            <tbody>
              @for (mail of mails(); track mail.id) {
                <tr data-testid="mail-row" [attr.data-kind]="mail.kind" [attr.data-status]="mail.status" [class.current]="selected()?.id === mail.id">
                  <td class="nowrap">{{ when(mail.sentAt ?? mail.createdAt) }}</td>
                  <th scope="row" class="subject">
                    <span class="kind">{{ 'mail.kinds.' + mail.kind | translate }}</span>
                    {{ mail.subject }}
                    @if (mail.projectName) {
                      <span class="project">{{ mail.projectName }}</span>
                    }
                  </th>
                  <td>{{ mail.recipientName || mail.recipientEmail }}<span class="address">{{ mail.recipientEmail }}</span></td>
                  <td class="nowrap">
                    <span class="status" [attr.data-status]="mail.status" data-testid="mail-status">{{ 'mail.statuses.' + mail.status | translate }}</span>
                    @if (mail.status !== 'sent' && mail.attempts > 0) {
                      <span class="detail">{{ 'mail.attempts' | translate: { count: mail.attempts } }}</span>
                    }
                  </td>
                  <td class="nowrap">
                    <div class="actions">
                      <button mat-stroked-button type="button" data-testid="mail-open" (click)="open(mail)" [attr.aria-label]="'mail.openLabel' | translate: { subject: mail.subject }">
                        {{ 'mail.open' | translate }}
                      </button>
                      @if (list()?.all && mail.status === 'failed') {
                        <button mat-flat-button type="button" data-testid="mail-retry" [disabled]="retrying() === mail.id" (click)="retry(mail)"
                          [attr.aria-label]="'mail.retryLabel' | translate: { subject: mail.subject }">
                          <mat-icon>replay</mat-icon>{{ 'mail.retry' | translate }}
                        </button>
                      }
                    </div>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </jalon-table-card>
        @if (selected(); as mail) {
          <section class="viewer" data-testid="mail-viewer" [attr.aria-label]="'mail.viewer' | translate">
            <div class="viewer-head">
              <h2>{{ mail.subject }}</h2>
              <button mat-icon-button type="button" (click)="selected.set(null)" [attr.aria-label]="'mail.close' | translate"><mat-icon>close</mat-icon></button>
            </div>
            <dl class="facts">
              <div><dt>{{ 'mail.to' | translate }}</dt><dd data-testid="mail-to">{{ mail.recipientName }} &lt;{{ mail.recipientEmail }}&gt;</dd></div>
              <div><dt>{{ 'mail.date' | translate }}</dt><dd>{{ when(mail.sentAt ?? mail.createdAt) }}</dd></div>
              @if (mail.projectName) {
                <div><dt>{{ 'mail.project' | translate }}</dt><dd>{{ mail.projectName }}</dd></div>
              }
              @if (mail.lastError) {
                <div><dt>{{ 'mail.lastError' | translate }}</dt><dd class="error">{{ mail.lastError }}</dd></div>
              }
            </dl>
            @if (mail.icsMethod) {
              <p class="calendar" data-testid="mail-calendar" [attr.data-method]="mail.icsMethod">
                <mat-icon aria-hidden="true">event</mat-icon>
                <span><strong>{{ 'mail.calendar' | translate: { method: mail.icsMethod } }}</strong> — {{ 'mail.calendarHint' | translate }}</span>
              </p>
            }
            <iframe class="body" sandbox="" data-testid="mail-frame" [srcdoc]="html()" [title]="'mail.frameTitle' | translate: { subject: mail.subject }"></iframe>
            <a mat-stroked-button data-testid="mail-eml" [href]="emlUrl(mail.id)" download><mat-icon>download</mat-icon>{{ 'mail.downloadEml' | translate }}</a>
          </section>
        }
      </div>
    </div>
  `,
  styles: `
    :host { display: block; padding: 24px; }
    .hint { display: flex; gap: 8px; align-items: center; color: var(--mat-sys-on-surface-variant); margin: -8px 0 16px; }
    .layout { display: grid; gap: 20px; grid-template-columns: 1fr; }
    .layout.with-viewer { grid-template-columns: minmax(0, 1fr) minmax(360px, 44%); }
    .mails { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--jalon-border); vertical-align: top; }
    thead th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
    tr.current { background: var(--mat-sys-surface-container-high, #eef1f6); }
    th.subject { font-weight: 500; }
    .kind { display: block; font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    .project, .address, .detail { display: block; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .nowrap { white-space: nowrap; }
    .actions { display: flex; gap: 6px; }
    .status { display: inline-block; padding: 1px 8px; border-radius: 10px; font: var(--mat-sys-label-medium); background: #eceff3; color: #2f3a45; }
    .status[data-status='sent'] { background: #d7f5dd; color: #0f5223; }
    .status[data-status='failed'] { background: #ffdad6; color: #8c1d18; }
    .status[data-status='pending'], .status[data-status='sending'] { background: #fff0c2; color: #5c4300; }
    .viewer { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 12px 16px; display: flex; flex-direction: column; gap: 8px; align-self: start; }
    .viewer-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
    h2 { font: var(--mat-sys-title-medium); margin: 0; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
    .facts div { display: contents; }
    dt { color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; overflow-wrap: anywhere; }
    dd.error { color: #8c1d18; }
    .calendar { display: flex; gap: 8px; align-items: flex-start; margin: 0; padding: 8px; border-radius: 8px; background: #dde7ff; color: #1b3a80; }
    .body { width: 100%; min-height: 420px; border: 1px solid var(--jalon-border); border-radius: 8px; background: #fff; }
  `,
})
export class MailPage {
  private readonly api = inject(MailApi);
  private readonly notifier = inject(Notifier);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly language = inject(LanguageService);
  protected readonly list = signal<SentMailListDto | null>(null);
  protected readonly state = signal<TableState>('loading');
  protected readonly show = signal<'all' | 'failed'>('all');
  protected readonly selected = signal<SentMailDto | null>(null);
  protected readonly retrying = signal<string | null>(null);
  protected readonly mails = computed<SentMailSummaryDto[]>(() => this.list()?.mails ?? []);
  /**
   * The mail's HTML, as the recipient's client renders it. Jalon built it from escaped text (no
   * user markup); the iframe's empty sandbox runs no script and has no access to this page.
   */
  protected readonly html = computed<SafeHtml>(() => this.sanitizer.bypassSecurityTrustHtml(this.selected()?.html ?? ''));

  constructor() {
    inject(ProjectContext).currentProjectId.set(null);
    this.load();
  }

  protected when(iso: string | null): string {
    return formatInstant(iso, this.language.current());
  }

  protected emlUrl(mailId: string): string {
    return this.api.emlUrl(mailId);
  }

  protected filter(value: 'all' | 'failed'): void {
    this.show.set(value);
    this.load();
  }

  private load(): void {
    this.api.list(this.show() === 'failed' ? 'failed' : undefined).subscribe({
      next: (list) => {
        this.list.set(list);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
  }

  protected open(mail: SentMailSummaryDto): void {
    this.api.one(mail.id).subscribe({
      next: (full) => this.selected.set(full),
      error: (error: unknown) => this.notifier.refusal(error),
    });
  }

  protected retry(mail: SentMailSummaryDto): void {
    this.retrying.set(mail.id);
    this.api.retry(mail.id).subscribe({
      next: () => {
        this.retrying.set(null);
        this.notifier.success('mail.retried');
        this.load();
      },
      error: (error: unknown) => {
        this.retrying.set(null);
        this.notifier.refusal(error);
      },
    });
  }
}
