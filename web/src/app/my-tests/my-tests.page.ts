import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import type { MyAcceptanceTestDto } from '@jalon/domain';
import { AcceptanceRunApi } from '../acceptance/acceptance-run-api';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';

/** What the row's one button does: start a first run, go on with the one in progress, or run again. */
type RunAction = 'run' | 'resume' | 'rerun';

/**
 * « Mes tests »: the acceptance cases assigned to me across my projects' campaigns, overdue first
 * (as the API orders them); one click starts or resumes the run of a case.
 */
@Component({
  selector: 'jalon-my-tests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, CalendarDatePipe, PageHeader, TableCard, MatButtonModule, MatButtonToggleModule, MatIconModule],
  template: `
    <div class="page">
      <jalon-page-header [title]="'acceptance.myTests.title' | translate" [subtitle]="'acceptance.myTests.subtitle' | translate">
        <mat-button-toggle-group [value]="show()" (change)="show.set($event.value)" [attr.aria-label]="'acceptance.myTests.filter' | translate"
          data-testid="my-tests-filter">
          <mat-button-toggle value="todo" data-testid="my-tests-todo">{{ 'acceptance.myTests.filterTodo' | translate }}</mat-button-toggle>
          <mat-button-toggle value="all" data-testid="my-tests-all">{{ 'acceptance.myTests.filterAll' | translate }}</mat-button-toggle>
        </mat-button-toggle-group>
      </jalon-page-header>
      @if (state() === 'loaded' && tests().length > 0) {
        <p class="counts" data-testid="my-tests-counts">{{ 'acceptance.myTests.counts' | translate: counts() }}</p>
      }
      <jalon-table-card [label]="'acceptance.myTests.title' | translate" [state]="state()" [empty]="rows().length === 0"
        [emptyText]="'acceptance.myTests.empty' | translate" [errorText]="'acceptance.myTests.loadFailed' | translate">
        <table class="tests" data-testid="my-tests-table">
          <caption class="visually-hidden">{{ 'acceptance.myTests.title' | translate }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'acceptance.myTests.case' | translate }}</th>
              <th scope="col">{{ 'acceptance.myTests.project' | translate }}</th>
              <th scope="col">{{ 'acceptance.myTests.campaign' | translate }}</th>
              <th scope="col">{{ 'acceptance.myTests.due' | translate }}</th>
              <th scope="col">{{ 'acceptance.myTests.result' | translate }}</th>
              <th scope="col"><span class="visually-hidden">{{ 'acceptance.myTests.action' | translate }}</span></th>
            </tr>
          </thead>
          <tbody>
            @for (test of rows(); track test.campaignCaseId) {
              @let action = actionOf(test);
              <tr data-testid="my-test" [attr.data-reference]="test.reference" [class.overdue]="test.overdue">
                <th scope="row" class="name"><span class="reference">{{ test.reference }}</span> {{ test.title }}</th>
                <td>{{ test.projectName }}</td>
                <td>
                  <a [routerLink]="['/projects', test.projectId, 'acceptance', 'campaigns', test.campaignId]">{{ test.campaignName }}</a>
                </td>
                <td class="nowrap">
                  {{ test.endDate | calendarDate: 'short' : language.current() }}
                  @if (test.overdue) {
                    <span class="flag late" data-testid="my-test-overdue">{{ 'acceptance.myTests.overdue' | translate }}</span>
                  }
                </td>
                <td>
                  <span class="result" [attr.data-result]="test.latestResult ?? 'non_execute'" data-testid="my-test-result">
                    {{ 'acceptance.results.' + (test.latestResult ?? 'non_execute') | translate }}
                  </span>
                </td>
                <td class="nowrap">
                  @if (canRun(test.projectId)) {
                    <button mat-flat-button type="button" data-testid="run-test" [disabled]="starting() === test.campaignCaseId" (click)="run(test, action)"
                      [attr.aria-label]="'acceptance.myTests.runLabel' | translate: { action: ('acceptance.myTests.' + action | translate), reference: test.reference }">
                      <mat-icon>play_arrow</mat-icon>{{ 'acceptance.myTests.' + action | translate }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </jalon-table-card>
    </div>
  `,
  styles: `
    :host { display: block; padding: 24px; }
    .counts { margin: -12px 0 12px; color: var(--mat-sys-on-surface-variant); }
    .tests { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--jalon-border); vertical-align: middle; }
    thead th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
    th.name { font-weight: 500; }
    .reference { font-weight: 600; margin-right: 4px; }
    .nowrap { white-space: nowrap; }
    .flag.late { display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 10px; background: #ffdad6; color: #8c1d18; font: var(--mat-sys-label-medium); }
    .result { display: inline-block; padding: 1px 8px; border-radius: 10px; font: var(--mat-sys-label-medium); background: #eceff3; color: #2f3a45; }
    .result[data-result='reussi'] { background: #d7f5dd; color: #0f5223; }
    .result[data-result='echoue'] { background: #ffdad6; color: #8c1d18; }
    .result[data-result='bloque'] { background: #fff0c2; color: #5c4300; }
    .result[data-result='en_cours'] { background: #dde7ff; color: #1b3a80; }
  `,
})
export class MyTestsPage {
  private readonly api = inject(AcceptanceRunApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);
  protected readonly tests = signal<MyAcceptanceTestDto[]>([]);
  protected readonly state = signal<TableState>('loading');
  protected readonly show = signal<'todo' | 'all'>('todo');
  protected readonly starting = signal<string | null>(null);

  /** To do: what the current iteration asks me to run (never run, unfinished, or re-run after a delivery). */
  protected readonly rows = computed(() => (this.show() === 'all' ? this.tests() : this.tests().filter((test) => test.toRun)));
  protected readonly counts = computed(() => {
    const tests = this.tests();
    const todo = tests.filter((test) => test.toRun).length;
    return { todo, done: tests.length - todo, total: tests.length };
  });

  constructor() {
    this.context.currentProjectId.set(null);
    this.api.myTests().subscribe({
      next: (tests) => {
        this.tests.set(tests);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
  }

  protected canRun(projectId: string): boolean {
    return this.context.canOn(projectId, 'acceptance.execute');
  }

  protected actionOf(test: MyAcceptanceTestDto): RunAction {
    if (!test.latestExecutionId || test.latestResult === null || test.latestResult === 'non_execute') return 'run';
    return test.latestResult === 'en_cours' ? 'resume' : 'rerun';
  }

  /** Opens the run page: the execution in progress, or a new one started for the case. */
  protected run(test: MyAcceptanceTestDto, action: RunAction): void {
    if (action === 'resume' && test.latestExecutionId) {
      void this.router.navigate(['/projects', test.projectId, 'acceptance', 'run', test.latestExecutionId]);
      return;
    }
    this.starting.set(test.campaignCaseId);
    this.api.startExecution(test.projectId, test.campaignId, test.campaignCaseId).subscribe({
      next: (execution) => {
        this.starting.set(null);
        void this.router.navigate(['/projects', test.projectId, 'acceptance', 'run', execution.id]);
      },
      error: (error: unknown) => {
        this.starting.set(null);
        this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
      },
    });
  }
}
