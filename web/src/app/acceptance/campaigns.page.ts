import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { AcceptanceApi } from './acceptance-api';
import type { CampaignSummaryDto } from '@jalon/domain';
import { AcceptanceRunApi } from './acceptance-run-api';
import { CampaignDialog, type CampaignDialogData } from './campaign-dialog';

/** The project's acceptance campaigns: type, lot, period, how far they ran, pass rate and open defects. */
@Component({
  selector: 'jalon-campaigns-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, CalendarDatePipe, PageHeader, TableCard, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './campaigns.page.html',
  styleUrl: './campaigns.page.scss',
})
export class CampaignsPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(AcceptanceRunApi);
  private readonly acceptanceApi = inject(AcceptanceApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);

  protected readonly state = signal<TableState>('loading');
  protected readonly campaigns = signal<CampaignSummaryDto[]>([]);
  protected readonly canWrite = computed(() => this.context.can('acceptance.write'));

  /** A pass rate as the language writes it (68,8 in French, 68.8 in English). */
  protected rateText(rate: number): string {
    return new Intl.NumberFormat(this.language.current(), { maximumFractionDigits: 1 }).format(rate);
  }

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
  }

  private load(projectId: string): void {
    this.api.campaigns(projectId).subscribe({
      next: (campaigns) => {
        this.campaigns.set(campaigns);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
  }

  protected percent(campaign: CampaignSummaryDto): number {
    return campaign.caseCount === 0 ? 0 : Math.round((campaign.runCount / campaign.caseCount) * 100);
  }

  protected create(): void {
    const projectId = this.projectId();
    this.acceptanceApi.plan(projectId).subscribe({
      next: (plan) => this.openDialog({ projectId, campaign: null, lots: plan.lots, phases: plan.phases, tasks: plan.tasks }),
      error: () => this.openDialog({ projectId, campaign: null, lots: [], phases: [], tasks: [] }),
    });
  }

  private openDialog(data: CampaignDialogData): void {
    this.dialog
      .open<CampaignDialog, CampaignDialogData, CampaignSummaryDto | null>(CampaignDialog, { data, width: '720px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((created) => {
        if (created) void this.router.navigate(['/projects', data.projectId, 'acceptance', 'campaigns', created.id]);
      });
  }
}
