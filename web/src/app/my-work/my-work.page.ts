import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { MyWorkDto } from '@jalon/domain';
import { MyWorkApi } from './my-work-api';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { ZonedPipe } from '../meetings/zoned-time';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { type TableState } from '../shared/table-card';
import { MyWorkSection } from './my-work-section';

type Kind = 'task' | 'action' | 'treatment' | 'test';

/** One overdue item of any kind, as the « En retard » section lists it. */
interface LateItem {
  kind: Kind;
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  due: string | null;
  link: string[];
}

const taskLink = (projectId: string) => ['/projects', projectId, 'planning'];
const actionLink = (projectId: string, meetingId: string) => ['/projects', projectId, 'meetings', meetingId];
const treatmentLink = (projectId: string) => ['/projects', projectId, 'risks'];
const testLink = (projectId: string, campaignId: string) => ['/projects', projectId, 'acceptance', 'campaigns', campaignId];

/**
 * « Mon travail », each user's home across projects: what is overdue first (every kind together),
 * then the tasks to report on, the meeting actions, the risk treatments, the acceptance tests to
 * run (once acceptance exists) and the next meetings; every item links to its page in its project.
 */
@Component({
  selector: 'jalon-my-work-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, CalendarDatePipe, ZonedPipe, PageHeader, MyWorkSection],
  template: `
    <div class="page">
      <jalon-page-header [title]="'myWork.title' | translate" [subtitle]="'myWork.subtitle' | translate" />
      @if (work(); as w) {
        <p class="counts" data-testid="my-work-counts">{{ 'myWork.counts' | translate: counts() }}</p>
      }

      <jalon-my-work-section key="late" icon="schedule" [help]="false" [countOverdue]="false" [items]="work() ? late() : null" [state]="state()"
        [columns]="['myWork.kind', 'myWork.item', 'myWork.project', 'myWork.due']">
        @for (item of late(); track item.kind + item.id) {
          <tr data-testid="my-work-late-item" [attr.data-kind]="item.kind" [attr.data-id]="item.id">
            <td><span class="kind" [attr.data-kind]="item.kind">{{ 'myWork.kinds.' + item.kind | translate }}</span></td>
            <th scope="row" class="name"><a [routerLink]="item.link">{{ item.title }}</a></th>
            <td>{{ item.projectName }}</td>
            <td class="nowrap">{{ item.due | calendarDate: 'short' : language.current() }}
              <span class="flag late">{{ 'myWork.overdue' | translate }}</span></td>
          </tr>
        }
      </jalon-my-work-section>

      <jalon-my-work-section key="tasks" [items]="work()?.tasks ?? null" [state]="state()"
        [columns]="['myWork.kinds.task', 'myWork.project', 'myWork.tasks.planned', 'myWork.tasks.progress']">
        @for (task of work()?.tasks ?? []; track task.taskId) {
          <tr data-testid="my-work-task" [attr.data-id]="task.taskId" [class.overdue]="task.overdue">
            <th scope="row" class="name">
              @if (task.isMilestone) { <span class="milestone" aria-hidden="true">◆</span> }
              <a [routerLink]="taskLink(task.projectId)">{{ task.name }}</a>
            </th>
            <td>{{ task.projectName }}</td>
            <td class="nowrap">{{ task.start | calendarDate: 'short' : language.current() }} → {{ task.finish | calendarDate: 'short' : language.current() }}
              @if (task.overdue) { <span class="flag late">{{ 'myWork.overdue' | translate }}</span> }</td>
            <td class="nowrap">{{ task.progress }} %</td>
          </tr>
        }
      </jalon-my-work-section>

      <jalon-my-work-section key="actions" [items]="work()?.actions ?? null" [state]="state()"
        [columns]="['myWork.kinds.action', 'myWork.project', 'myWork.status', 'myWork.due']">
        @for (action of work()?.actions ?? []; track action.id) {
          <tr data-testid="my-work-action" [attr.data-id]="action.id" [class.overdue]="action.overdue">
            <th scope="row" class="name"><a [routerLink]="actionLink(action.projectId, action.meetingId)">{{ action.title }}</a></th>
            <td>{{ action.projectName }}</td>
            <td>{{ 'meetings.actionStatuses.' + action.status | translate }}</td>
            <td class="nowrap">{{ action.dueDate | calendarDate: 'short' : language.current() }}
              @if (action.overdue) { <span class="flag late">{{ 'myWork.overdue' | translate }}</span> }</td>
          </tr>
        }
      </jalon-my-work-section>

      <jalon-my-work-section key="treatments" [items]="work()?.treatments ?? null" [state]="state()"
        [columns]="['myWork.kinds.treatment', 'myWork.treatments.risk', 'myWork.project', 'myWork.due']">
        @for (treatment of work()?.treatments ?? []; track treatment.treatmentId) {
          <tr data-testid="my-work-treatment" [attr.data-id]="treatment.treatmentId" [class.overdue]="treatment.overdue">
            <th scope="row" class="name"><a [routerLink]="treatmentLink(treatment.projectId)">{{ treatment.title }}</a></th>
            <td><span class="reference">{{ treatment.riskReference }}</span> {{ treatment.riskTitle }}</td>
            <td>{{ treatment.projectName }}</td>
            <td class="nowrap">{{ treatment.dueDate | calendarDate: 'short' : language.current() }}
              @if (treatment.overdue) { <span class="flag late">{{ 'myWork.overdue' | translate }}</span> }</td>
          </tr>
        }
      </jalon-my-work-section>

      @if (work()?.acceptanceTests !== null) {
        <jalon-my-work-section key="tests" [items]="work()?.acceptanceTests ?? null" [state]="state()"
          [columns]="['myWork.kinds.test', 'myWork.project', 'myWork.status', 'myWork.due']">
          @for (test of work()?.acceptanceTests ?? []; track test.caseId) {
            <tr data-testid="my-work-test" [attr.data-id]="test.caseId" [class.overdue]="test.overdue">
              <th scope="row" class="name"><a [routerLink]="testLink(test.projectId, test.campaignId)">{{ test.title }}</a></th>
              <td>{{ test.projectName }}</td>
              <td>{{ 'acceptance.results.' + test.status | translate }}</td>
              <td class="nowrap">{{ test.dueDate | calendarDate: 'short' : language.current() }}
                @if (test.overdue) { <span class="flag late">{{ 'myWork.overdue' | translate }}</span> }</td>
            </tr>
          }
        </jalon-my-work-section>
      }

      <jalon-my-work-section key="meetings" [items]="work()?.nextMeetings ?? null" [state]="state()"
        [columns]="['myWork.meetings.meeting', 'myWork.meetings.type', 'myWork.project', 'myWork.meetings.when']">
        @for (meeting of work()?.nextMeetings ?? []; track meeting.id) {
          <tr data-testid="my-work-meeting" [attr.data-id]="meeting.id">
            <th scope="row" class="name"><a [routerLink]="actionLink(meeting.projectId, meeting.id)">{{ meeting.title }}</a></th>
            <td>{{ 'meetings.types.' + meeting.type | translate }}</td>
            <td>{{ meeting.projectName }}</td>
            <td class="nowrap">{{ meeting.startsAt | zoned: language.current() : 'weekday-date-time' : meeting.timeZone }}</td>
          </tr>
        }
      </jalon-my-work-section>
    </div>
  `,
  styles: `
    .counts { margin: -8px 0 8px; color: var(--mat-sys-on-surface-variant); }
    th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--jalon-border); vertical-align: middle; }
    th.name { font-weight: 500; }
    .milestone { color: #b26a00; margin-right: 4px; }
    .reference { font-weight: 600; margin-right: 4px; }
    .nowrap { white-space: nowrap; }
    .flag.late { display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 10px; background: #ffdad6; color: #8c1d18; font: var(--mat-sys-label-medium); }
    .kind { display: inline-block; padding: 1px 8px; border-radius: 10px; font: var(--mat-sys-label-medium); background: #eceff3; color: #2f3a45; white-space: nowrap; }
  `,
})
export class MyWorkPage {
  private readonly api = inject(MyWorkApi);
  private readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);
  protected readonly work = signal<MyWorkDto | null>(null);
  protected readonly state = signal<TableState>('loading');
  protected readonly taskLink = taskLink;
  protected readonly actionLink = actionLink;
  protected readonly treatmentLink = treatmentLink;
  protected readonly testLink = testLink;

  /** Every overdue item, all kinds together, the oldest due date first. */
  protected readonly late = computed<LateItem[]>(() => {
    const work = this.work();
    if (!work) return [];
    const items: LateItem[] = [
      ...work.tasks
        .filter((task) => task.overdue)
        .map((task) => ({ kind: 'task' as const, id: task.taskId, projectId: task.projectId, projectName: task.projectName, title: task.name, due: task.finish, link: taskLink(task.projectId) })),
      ...work.actions
        .filter((action) => action.overdue)
        .map((action) => ({ kind: 'action' as const, id: action.id, projectId: action.projectId, projectName: action.projectName, title: action.title, due: action.dueDate, link: actionLink(action.projectId, action.meetingId) })),
      ...work.treatments
        .filter((treatment) => treatment.overdue)
        .map((treatment) => ({
          kind: 'treatment' as const,
          id: treatment.treatmentId,
          projectId: treatment.projectId,
          projectName: treatment.projectName,
          title: `${treatment.title} (${treatment.riskReference})`,
          due: treatment.dueDate,
          link: treatmentLink(treatment.projectId),
        })),
      ...(work.acceptanceTests ?? [])
        .filter((test) => test.overdue)
        .map((test) => ({ kind: 'test' as const, id: test.caseId, projectId: test.projectId, projectName: test.projectName, title: test.title, due: test.dueDate, link: testLink(test.projectId, test.campaignId) })),
    ];
    // Stable sort: within a due date, the order of the sections (tasks, actions, treatments, tests).
    return items.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  });

  protected readonly counts = computed(() => {
    const work = this.work();
    return {
      overdue: this.late().length,
      tasks: work?.tasks.length ?? 0,
      actions: work?.actions.length ?? 0,
      treatments: work?.treatments.length ?? 0,
      tests: work?.acceptanceTests?.length ?? 0,
      meetings: work?.nextMeetings.length ?? 0,
    };
  });

  constructor() {
    this.context.currentProjectId.set(null);
    this.api.get().subscribe({
      next: (work) => {
        this.work.set(work);
        this.state.set('loaded');
      },
      error: (error: unknown) => {
        this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error');
      },
    });
  }

}
