import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import type { MyRiskTreatmentDto } from '@jalon/risks';
import { MyTasksApi, type MyTask, type TaskProgressChange } from './my-tasks-api';

/** A row of the page: the task as the API gave it, and what the user typed. */
interface Row {
  task: MyTask;
  progress: number | null;
  actualStart: string;
  actualFinish: string;
  saving: boolean;
}

const toRow = (task: MyTask): Row => ({
  task,
  progress: task.progress,
  actualStart: task.actualStart ?? '',
  actualFinish: task.actualFinish ?? '',
  saving: false,
});

/** « Mes tâches »: the tasks assigned to me across my projects; contributors report progress and actual dates here. */
@Component({
  selector: 'jalon-my-tasks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, TranslatePipe, CalendarDatePipe, PageHeader, TableCard, MatButtonModule, MatIconModule],
  template: `
    <div class="page">
      <jalon-page-header [title]="'myTasks.title' | translate" [subtitle]="'myTasks.subtitle' | translate" />
      <jalon-table-card [label]="'myTasks.title' | translate" [state]="state()" [empty]="rows().length === 0"
        [emptyText]="'myTasks.empty' | translate">
        <table class="tasks" data-testid="my-tasks-table">
          <caption class="visually-hidden">{{ 'myTasks.title' | translate }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'myTasks.project' | translate }}</th>
              <th scope="col">{{ 'myTasks.task' | translate }}</th>
              <th scope="col">{{ 'myTasks.planned' | translate }}</th>
              <th scope="col">{{ 'myTasks.progress' | translate }}</th>
              <th scope="col">{{ 'myTasks.actualStart' | translate }}</th>
              <th scope="col">{{ 'myTasks.actualFinish' | translate }}</th>
              <th scope="col"><span class="visually-hidden">{{ 'myTasks.actions' | translate }}</span></th>
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.task.taskId) {
              @let editable = canReport(row.task.projectId);
              <tr data-testid="my-task" [attr.data-task-id]="row.task.taskId">
                <td><a [routerLink]="['/projects', row.task.projectId, 'planning']">{{ row.task.projectName }}</a></td>
                <th scope="row" class="name">
                  @if (row.task.isMilestone) {
                    <span class="milestone" aria-hidden="true">◆</span>
                  }
                  {{ row.task.name }}
                  @if (row.task.phaseName) {
                    <div class="phase">{{ row.task.phaseName }}</div>
                  }
                </th>
                <td class="dates">
                  {{ row.task.start | calendarDate: 'short' : language.current() }} → {{ row.task.finish | calendarDate: 'short' : language.current() }}
                </td>
                @if (editable) {
                  <td class="nowrap">
                    <input class="progress" type="number" min="0" max="100" step="1" inputmode="numeric" data-testid="progress-input"
                      [attr.aria-label]="('myTasks.progress' | translate) + ' — ' + row.task.name"
                      [(ngModel)]="row.progress" /> %
                  </td>
                  <td>
                    <input type="date" data-testid="actual-start-input" [attr.aria-label]="('myTasks.actualStart' | translate) + ' — ' + row.task.name"
                      [(ngModel)]="row.actualStart" />
                  </td>
                  <td>
                    <input type="date" data-testid="actual-finish-input" [attr.aria-label]="('myTasks.actualFinish' | translate) + ' — ' + row.task.name"
                      [(ngModel)]="row.actualFinish" />
                  </td>
                  <td>
                    <button mat-flat-button type="button" data-testid="save-progress" [disabled]="row.saving || !changed(row)" (click)="save(row)"
                      [attr.aria-label]="('myTasks.save' | translate) + ' — ' + row.task.name">
                      {{ 'myTasks.save' | translate }}
                    </button>
                  </td>
                } @else {
                  <td>{{ row.task.progress }} %</td>
                  <td>{{ row.task.actualStart | calendarDate: 'short' : language.current() }}</td>
                  <td>{{ row.task.actualFinish | calendarDate: 'short' : language.current() }}</td>
                  <td class="read-only">{{ 'myTasks.readOnly' | translate }}</td>
                }
              </tr>
            }
          </tbody>
        </table>
      </jalon-table-card>
      <h2 class="section" id="my-treatments-title">{{ 'myTasks.treatments.title' | translate }}</h2>
      <p class="section-help">{{ 'myTasks.treatments.subtitle' | translate }}</p>
      <jalon-table-card [label]="'myTasks.treatments.title' | translate" [state]="treatmentsState()" [empty]="treatments().length === 0"
        [emptyText]="'myTasks.treatments.empty' | translate">
        <table class="tasks" data-testid="my-treatments-table">
          <caption class="visually-hidden">{{ 'myTasks.treatments.title' | translate }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'myTasks.project' | translate }}</th>
              <th scope="col">{{ 'myTasks.treatments.risk' | translate }}</th>
              <th scope="col">{{ 'myTasks.treatments.treatment' | translate }}</th>
              <th scope="col">{{ 'myTasks.treatments.due' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (treatment of treatments(); track treatment.treatmentId) {
              <tr data-testid="my-treatment" [attr.data-treatment-id]="treatment.treatmentId" [class.overdue]="treatment.overdue">
                <td>{{ treatment.projectName }}</td>
                <td>
                  <a [routerLink]="['/projects', treatment.projectId, 'risks']" data-testid="my-treatment-risk">
                    {{ treatment.riskReference }} — {{ treatment.riskTitle }}
                  </a>
                </td>
                <th scope="row" class="name">{{ treatment.title }}</th>
                <td class="dates">
                  {{ treatment.dueDate | calendarDate: 'short' : language.current() }}
                  @if (treatment.overdue) {
                    <span class="flag late" data-testid="my-treatment-overdue">{{ 'myTasks.treatments.overdue' | translate }}</span>
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
    .tasks { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--jalon-border); vertical-align: middle; }
    thead th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
    th.name { font-weight: 500; }
    .phase { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .milestone { color: #b26a00; margin-right: 4px; }
    .dates, .nowrap { white-space: nowrap; }
    input { font: inherit; padding: 6px 8px; border: 1px solid var(--mat-sys-outline); border-radius: 6px; background: white; color: inherit; }
    input.progress { width: 4.5em; }
    .read-only { color: var(--mat-sys-on-surface-variant); }
    h2.section { font: var(--mat-sys-title-large); margin: 32px 0 4px; }
    .section-help { color: var(--mat-sys-on-surface-variant); margin: 0 0 12px; }
    .flag.late { display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 10px; background: #ffdad6; color: #8c1d18; font: var(--mat-sys-label-medium); }
  `,
})
export class MyTasksPage {
  private readonly api = inject(MyTasksApi);
  private readonly notifier = inject(Notifier);
  private readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);
  protected readonly rows = signal<Row[]>([]);
  protected readonly state = signal<TableState>('loading');
  protected readonly treatments = signal<MyRiskTreatmentDto[]>([]);
  protected readonly treatmentsState = signal<TableState>('loading');
  private readonly reportable = computed(
    () => new Set(this.context.projects().filter((project) => this.context.canOn(project.id, 'plan.progress')).map((project) => project.id)),
  );

  constructor() {
    this.context.currentProjectId.set(null);
    this.load();
    this.loadTreatments();
  }

  private loadTreatments(): void {
    this.api.riskTreatments().subscribe({
      next: (treatments) => {
        this.treatments.set(treatments);
        this.treatmentsState.set('loaded');
      },
      error: (error: unknown) => {
        this.treatmentsState.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error');
      },
    });
  }

  protected canReport(projectId: string): boolean {
    return this.reportable().has(projectId);
  }

  private load(): void {
    this.api.list().subscribe({
      next: (tasks) => {
        this.rows.set(tasks.map(toRow));
        this.state.set('loaded');
      },
      error: (error: unknown) => {
        this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error');
      },
    });
  }

  protected changed(row: Row): boolean {
    return (
      row.progress !== row.task.progress ||
      row.actualStart !== (row.task.actualStart ?? '') ||
      row.actualFinish !== (row.task.actualFinish ?? '')
    );
  }

  protected save(row: Row): void {
    const progress = row.progress;
    if (progress === null || !Number.isInteger(progress) || progress < 0 || progress > 100) {
      this.notifier.problem('myTasks.progressInvalid', { name: row.task.name });
      return;
    }
    const change: TaskProgressChange = { version: row.task.version };
    if (progress !== row.task.progress) change.progress = progress;
    if (row.actualStart !== (row.task.actualStart ?? '')) change.actualStart = row.actualStart || null;
    if (row.actualFinish !== (row.task.actualFinish ?? '')) change.actualFinish = row.actualFinish || null;
    row.saving = true;
    this.rows.update((rows) => [...rows]);
    this.api.reportProgress(row.task.projectId, row.task.taskId, change).subscribe({
      next: () => {
        this.notifier.success('myTasks.saved', { name: row.task.name });
        this.load();
      },
      error: (error: unknown) => {
        row.saving = false;
        this.rows.update((rows) => [...rows]);
        const refusal = this.notifier.refusal(error, { fields: 'myTasks.fields' });
        if (refusal.code === 'stale_version') this.load();
      },
    });
  }
}
