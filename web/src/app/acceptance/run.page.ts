import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { ProjectMember } from '@jalon/domain';
import { AuthService } from '../core/auth';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { MembersApi } from '../members/members-api';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { ATTACHMENT_MAX_BYTES, STEP_STATUSES, type DefectDto, type ExecutionDto, type ExecutionStepDto, type ExecutionSummaryDto, type StepStatus } from '@jalon/domain';
import { AcceptanceRunApi } from './acceptance-run-api';
import { DefectDialog, type DefectDialogData } from './defect-dialog';


/** What the key user types for one step before saving it. */
interface StepDraft {
  status: StepStatus | null;
  actual: string;
  comment: string;
  saving: boolean;
}

/**
 * Runs one test case step by step, on the execution's own copy of the steps: for each step the
 * verdict (réussi / échoué / bloqué), the actual result, a comment and attachments; a failed step
 * raises a defect in two clicks. The case's result rolls up on the server.
 */
@Component({
  selector: 'jalon-run-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, FormsModule, RouterLink, TranslatePipe, PageHeader, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatIconModule, MatInputModule],
  templateUrl: './run.page.html',
  styleUrl: './run.page.scss',
})
export class RunPage {
  readonly projectId = input.required<string>();
  readonly executionId = input.required<string>();
  private readonly api = inject(AcceptanceRunApi);
  private readonly membersApi = inject(MembersApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  protected readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);

  protected readonly statuses = STEP_STATUSES;
  protected readonly execution = signal<ExecutionDto | null>(null);
  protected readonly state = signal<'loading' | 'loaded' | 'error' | 'not_found'>('loading');
  protected readonly drafts = signal<StepDraft[]>([]);
  protected readonly members = signal<ProjectMember[]>([]);
  protected readonly uploading = signal<number | null>(null);
  /** The case's other executions in this campaign (re-runs keep their history), newest first. */
  protected readonly history = signal<ExecutionSummaryDto[]>([]);

  /** The assignee runs their case; the project manager may run any. */
  protected readonly canRun = computed(() => {
    const execution = this.execution();
    if (!execution || !this.context.can('acceptance.execute')) return false;
    return this.context.currentRole() === 'project_manager' || execution.assigneeUserId === this.auth.user()?.id;
  });
  protected readonly canRaise = computed(() => this.context.can('defect.edit') && this.context.currentRole() !== 'contributor');
  protected readonly recorded = computed(() => (this.execution()?.steps ?? []).filter((step) => step.status !== null).length);
  protected readonly assigneeName = computed(() => {
    const assignee = this.execution()?.assigneeUserId;
    return this.members().find((member) => member.userId === assignee)?.displayName ?? '—';
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const executionId = this.executionId();
      untracked(() => this.load(projectId, executionId));
    });
  }

  private load(projectId: string, executionId: string): void {
    this.api.execution(projectId, executionId).subscribe({
      next: (execution) => {
        this.show(execution);
        this.api.caseHistory(projectId, execution.campaignId, execution.campaignCaseId).subscribe({
          next: (history) => this.history.set(history.filter((entry) => entry.id !== execution.id)),
          error: () => this.history.set([]),
        });
      },
      error: (error: unknown) => this.state.set(readRefusal(error).status === 404 ? 'not_found' : 'error'),
    });
    this.membersApi.list(projectId).subscribe({ next: (members) => this.members.set(members), error: () => this.members.set([]) });
  }

  private show(execution: ExecutionDto): void {
    this.execution.set(execution);
    this.drafts.set(execution.steps.map((step) => ({ status: step.status, actual: step.actual, comment: step.comment, saving: false })));
    this.state.set('loaded');
  }

  protected defectsOf(index: number): ExecutionDto['defects'] {
    return (this.execution()?.defects ?? []).filter((defect) => defect.stepIndex === index);
  }

  protected setStatus(index: number, status: StepStatus): void {
    this.drafts.update((drafts) => drafts.map((draft, at) => (at === index ? { ...draft, status } : draft)));
  }

  protected changed(step: ExecutionStepDto): boolean {
    const draft = this.drafts()[step.index];
    if (!draft?.status) return false;
    return step.status !== draft.status || step.actual !== draft.actual || step.comment !== draft.comment;
  }

  protected save(index: number): void {
    const execution = this.execution();
    const draft = this.drafts()[index];
    if (!execution || !draft?.status) return;
    if (draft.status !== 'reussi' && !draft.actual.trim()) {
      this.notifier.problem('acceptance.run.actualRequired', { number: index + 1 });
      return;
    }
    this.patchDraft(index, { saving: true });
    this.api
      .recordStep(this.projectId(), execution.id, index, { version: execution.version, status: draft.status, actual: draft.actual, comment: draft.comment })
      .subscribe({
        next: (saved) => {
          this.notifier.success('acceptance.run.saved', { number: index + 1 });
          this.show(saved);
          this.focusStep(index + 1);
        },
        error: (error: unknown) => {
          this.patchDraft(index, { saving: false });
          const refusal = this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
          if (refusal.code === 'stale_version') this.load(this.projectId(), this.executionId());
        },
      });
  }

  private patchDraft(index: number, change: Partial<StepDraft>): void {
    this.drafts.update((drafts) => drafts.map((draft, at) => (at === index ? { ...draft, ...change } : draft)));
  }

  /** After a step is saved, the next one's verdict is where the keyboard goes on. */
  private focusStep(index: number): void {
    if (index >= (this.execution()?.steps.length ?? 0)) return;
    setTimeout(() => document.getElementById(`step-${index}`)?.focus());
  }

  protected attach(index: number, event: Event): void {
    const element = event.target as HTMLInputElement;
    const file = element.files?.[0];
    element.value = '';
    const execution = this.execution();
    if (!file || !execution) return;
    if (file.size > ATTACHMENT_MAX_BYTES) {
      this.notifier.problem('acceptance.run.tooLarge', { file: file.name });
      return;
    }
    this.uploading.set(index);
    this.api.attach(this.projectId(), execution.id, index, file).subscribe({
      next: () => {
        this.uploading.set(null);
        this.notifier.success('acceptance.run.attached', { file: file.name, number: index + 1 });
        this.load(this.projectId(), execution.id);
      },
      error: (error: unknown) => {
        this.uploading.set(null);
        this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
      },
    });
  }

  /** The second click: the dialog opens prefilled from the failed step; « Signaler » raises it. */
  protected raiseDefect(index: number): void {
    const execution = this.execution();
    if (!execution) return;
    const data: DefectDialogData = { projectId: this.projectId(), members: this.members(), from: { execution, stepIndex: index }, canEditAll: true };
    this.dialog
      .open<DefectDialog, DefectDialogData, DefectDto | null>(DefectDialog, { data, width: '760px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((raised) => {
        if (raised) this.load(this.projectId(), execution.id);
      });
  }

  protected rerun(): void {
    const execution = this.execution();
    if (!execution) return;
    this.api.startExecution(this.projectId(), execution.campaignId, execution.campaignCaseId).subscribe({
      next: (started) => {
        this.notifier.success('acceptance.run.started', { reference: started.reference });
        void this.router.navigate(['/projects', this.projectId(), 'acceptance', 'run', started.id]);
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'acceptance.defects.fields' }),
    });
  }

  protected sizeText(size: number): string {
    const french = this.language.current() === 'fr';
    return size >= 1024 * 1024
      ? `${(size / 1024 / 1024).toFixed(1)} ${french ? 'Mo' : 'MB'}`
      : `${Math.max(1, Math.round(size / 1024))} ${french ? 'ko' : 'kB'}`;
  }
}
