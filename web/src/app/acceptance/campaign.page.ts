import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { ProjectMember, RetroPlanningDto, TestCaseDto } from '@jalon/domain';
import { AuthService } from '../core/auth';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { MembersApi } from '../members/members-api';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { AcceptanceApi } from './acceptance-api';
import { DEFECT_SEVERITIES, type CampaignCaseDto, type CampaignDto, type CampaignProgressDto, type CampaignSummaryDto } from '@jalon/domain';
import { AcceptanceRunApi } from './acceptance-run-api';
import { CampaignDialog, type CampaignDialogData } from './campaign-dialog';
import { CampaignProgressChart } from './campaign-progress-chart';

type RunAction = 'run' | 'resume' | 'rerun';

/**
 * One campaign: its period against the plan's Recette phase, progress by day (planned vs run),
 * pass rate, open defects by severity, and the cases in scope with their tester and latest result.
 */
@Component({
  selector: 'jalon-campaign-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    TranslatePipe,
    CalendarDatePipe,
    PageHeader,
    TableCard,
    CampaignProgressChart,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './campaign.page.html',
  styleUrl: './campaign.page.scss',
})
export class CampaignPage {
  readonly projectId = input.required<string>();
  readonly campaignId = input.required<string>();
  private readonly api = inject(AcceptanceRunApi);
  private readonly acceptanceApi = inject(AcceptanceApi);
  private readonly membersApi = inject(MembersApi);
  private readonly dialog = inject(MatDialog);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  protected readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);

  protected readonly severities = DEFECT_SEVERITIES;
  protected readonly state = signal<TableState | 'not_found'>('loading');
  protected readonly campaign = signal<CampaignDto | null>(null);
  protected readonly progress = signal<CampaignProgressDto | null>(null);
  protected readonly members = signal<ProjectMember[]>([]);
  protected readonly testCases = signal<TestCaseDto[]>([]);
  private plan: RetroPlanningDto | null = null;
  protected readonly mineOnly = signal(false);
  protected readonly starting = signal<string | null>(null);

  protected readonly canWrite = computed(() => this.context.can('acceptance.write'));
  private readonly isManager = computed(() => this.context.currentRole() === 'project_manager');
  private readonly me = computed(() => this.auth.user()?.id ?? null);
  /** Testers: the key users first, then the project managers (who may run any case). */
  protected readonly testers = computed(() =>
    this.members().filter((member) => member.isActive && (member.role === 'key_user' || member.role === 'project_manager')),
  );

  protected readonly cases = computed(() => {
    const cases = this.campaign()?.cases ?? [];
    const me = this.me();
    return this.mineOnly() ? cases.filter((entry) => entry.assigneeUserId === me) : cases;
  });
  /** The project's ready cases not yet in this campaign. */
  protected readonly addable = computed(() => {
    const inScope = new Set((this.campaign()?.cases ?? []).map((entry) => entry.testCaseId));
    return this.testCases().filter((testCase) => testCase.status !== 'obsolete' && !inScope.has(testCase.id));
  });
  protected readonly percent = computed(() => {
    const campaign = this.campaign();
    return !campaign || campaign.caseCount === 0 ? 0 : Math.round((campaign.runCount / campaign.caseCount) * 100);
  });
  /** The campaign runs outside the plan's phase (it starts before or ends after it). */
  protected readonly outsidePhase = computed(() => {
    const campaign = this.campaign();
    const phase = campaign?.phase;
    if (!campaign || !phase?.startDate || !phase.finishDate) return false;
    return campaign.startDate < phase.startDate || campaign.endDate > phase.finishDate;
  });

  protected toAdd: string[] = [];
  protected addAssignee: string | null = null;
  protected iterationLabel = '';
  protected iterationDate = '';

  /** A pass rate as the language writes it (68,8 in French, 68.8 in English). */
  protected rateText(rate: number): string {
    return new Intl.NumberFormat(this.language.current(), { maximumFractionDigits: 1 }).format(rate);
  }

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const campaignId = this.campaignId();
      untracked(() => this.load(projectId, campaignId));
    });
    effect(() => {
      const role = this.context.currentRole();
      untracked(() => {
        if (role === 'key_user') this.mineOnly.set(true);
      });
    });
  }

  private load(projectId: string, campaignId: string): void {
    this.api.campaign(projectId, campaignId).subscribe({
      next: (campaign) => {
        this.campaign.set(campaign);
        this.state.set('loaded');
      },
      error: (error: unknown) => {
        const refusal = readRefusal(error);
        this.state.set(refusal.status === 404 ? 'not_found' : refusal.code === 'forbidden' ? 'forbidden' : 'error');
      },
    });
    this.api.progress(projectId, campaignId).subscribe({ next: (progress) => this.progress.set(progress), error: () => this.progress.set(null) });
    this.membersApi.list(projectId).subscribe({ next: (members) => this.members.set(members), error: () => this.members.set([]) });
    if (this.canWrite()) {
      this.acceptanceApi.cases(projectId).subscribe({ next: (cases) => this.testCases.set(cases), error: () => this.testCases.set([]) });
    }
  }

  protected reload(): void {
    this.load(this.projectId(), this.campaignId());
  }

  protected tableState(): TableState {
    const state = this.state();
    return state === 'not_found' ? 'error' : state;
  }

  protected mayRun(entry: CampaignCaseDto): boolean {
    return this.context.can('acceptance.execute') && (this.isManager() || entry.assigneeUserId === this.me());
  }

  protected actionOf(entry: CampaignCaseDto): RunAction {
    if (!entry.latestExecutionId || entry.latestResult === null || entry.latestResult === 'non_execute') return 'run';
    return entry.latestResult === 'en_cours' ? 'resume' : 'rerun';
  }

  protected run(entry: CampaignCaseDto): void {
    const action = this.actionOf(entry);
    if (action === 'resume' && entry.latestExecutionId) {
      void this.router.navigate(['/projects', this.projectId(), 'acceptance', 'run', entry.latestExecutionId]);
      return;
    }
    this.starting.set(entry.id);
    this.api.startExecution(this.projectId(), this.campaignId(), entry.id).subscribe({
      next: (execution) => {
        this.starting.set(null);
        void this.router.navigate(['/projects', this.projectId(), 'acceptance', 'run', execution.id]);
      },
      error: (error: unknown) => {
        this.starting.set(null);
        this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
      },
    });
  }

  protected assign(entry: CampaignCaseDto, assigneeUserId: string): void {
    if (assigneeUserId === entry.assigneeUserId) return;
    this.api.updateCase(this.projectId(), this.campaignId(), entry.id, { version: entry.version, assigneeUserId }).subscribe({
      next: (campaign) => {
        this.campaign.set(campaign);
        const name = this.members().find((member) => member.userId === assigneeUserId)?.displayName ?? '';
        this.notifier.success('acceptance.campaigns.detail.assigned', { reference: entry.reference, name });
      },
      error: (error: unknown) => {
        this.notifier.refusal(error, { fields: 'acceptance.defects.fields' });
        this.reload();
      },
    });
  }

  protected addCases(): void {
    if (this.toAdd.length === 0 || !this.addAssignee) return;
    const count = this.toAdd.length;
    this.api.addCases(this.projectId(), this.campaignId(), { testCaseIds: this.toAdd, assigneeUserId: this.addAssignee }).subscribe({
      next: (campaign) => {
        this.campaign.set(campaign);
        this.toAdd = [];
        this.notifier.success('acceptance.campaigns.detail.added', { count });
        this.api.progress(this.projectId(), this.campaignId()).subscribe({ next: (progress) => this.progress.set(progress) });
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'acceptance.defects.fields' }),
    });
  }

  protected async remove(entry: CampaignCaseDto): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: this.translate.instant('acceptance.campaigns.detail.removeTitle', { reference: entry.reference }),
      message: this.translate.instant('acceptance.campaigns.detail.removeMessage'),
      confirmLabel: this.translate.instant('acceptance.campaigns.detail.remove'),
    });
    if (!confirmed) return;
    this.api.removeCase(this.projectId(), this.campaignId(), entry.id, entry.version).subscribe({
      next: (campaign) => {
        this.campaign.set(campaign);
        this.notifier.success('acceptance.campaigns.detail.removed', { reference: entry.reference });
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'acceptance.defects.fields' }),
    });
  }

  protected addIteration(): void {
    if (!this.iterationLabel.trim() || !this.iterationDate) return;
    this.api.createIteration(this.projectId(), this.campaignId(), { label: this.iterationLabel.trim(), deliveredOn: this.iterationDate }).subscribe({
      next: (iteration) => {
        this.iterationLabel = '';
        this.iterationDate = '';
        this.notifier.success('acceptance.campaigns.detail.iterationCreated', { number: iteration.number, count: iteration.rerun.length });
        this.reload();
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'acceptance.defects.fields' }),
    });
  }

  protected edit(): void {
    const campaign = this.campaign();
    if (!campaign) return;
    const open = (plan: RetroPlanningDto | null) => {
      const data: CampaignDialogData = { projectId: this.projectId(), campaign, lots: plan?.lots ?? [], phases: plan?.phases ?? [], tasks: plan?.tasks ?? [] };
      this.dialog
        .open<CampaignDialog, CampaignDialogData, CampaignSummaryDto | null>(CampaignDialog, { data, width: '720px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
        .afterClosed()
        .subscribe((saved) => {
          if (saved) this.reload();
        });
    };
    if (this.plan) {
      open(this.plan);
      return;
    }
    this.acceptanceApi.plan(this.projectId()).subscribe({
      next: (plan) => {
        this.plan = plan;
        open(plan);
      },
      error: () => open(null),
    });
  }
}
