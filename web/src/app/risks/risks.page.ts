import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { catchError, map, of, switchMap } from 'rxjs';
import type { ProjectMember, TaskDto } from '@jalon/domain';
import {
  ASSESSMENT_KINDS,
  RISK_BANDS,
  RISK_CATEGORIES,
  RISK_STATUSES,
  bandRank,
  type AssessmentDto,
  type AssessmentKind,
  type MatrixCell,
  type RiskBand,
  type RiskCategory,
  type RiskDto,
  type RiskRegisterDto,
  type RiskReviewDto,
  type RiskStatus,
} from '@jalon/risks';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { MembersApi } from '../members/members-api';
import { Dialogs } from '../shared/dialogs';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { BAND_COLOURS, RiskMatrix } from './risk-matrix';
import { RiskDialog, type RiskDialogData } from './risk-dialog';
import { RisksApi } from './risks-api';
import { RiskImportDialog, type RiskImportDialogData } from './risk-import-dialog';

/**
 * Rows of the register drawn at first, and added by « more »: a register table of 100 rows took
 * twice as long to draw as one of 50 (the matrix counts every risk in its cells anyway).
 */
const PAGE_SIZE = 50;

type SortKey = 'reference' | 'title' | 'category' | 'owner' | 'score' | 'status' | 'nextReview';

/**
 * The COPIL's risk page: the 5 × 5 matrix (inherent / residual / target, arrows since the previous
 * review), the register as a sortable and filterable table, the risk dialog and the review action.
 */
@Component({
  selector: 'jalon-risks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    TranslatePipe,
    CalendarDatePipe,
    PageHeader,
    TableCard,
    RiskMatrix,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
  ],
  templateUrl: './risks.page.html',
  styles: `
    :host { display: block; padding: 24px; }
    .summary { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 20px; }
    .summary button, .summary div { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px;
      padding: 10px 16px; min-width: 140px; text-align: left; font: inherit; color: inherit; }
    .summary button { cursor: pointer; }
    .summary button[aria-pressed='true'] { outline: 2px solid var(--mat-sys-primary); }
    .summary .value { display: block; font: var(--mat-sys-headline-small); }
    .summary .alert .value { color: #8a1c12; }
    .layout { display: grid; grid-template-columns: minmax(440px, 560px) minmax(0, 1fr); gap: 24px; align-items: start; }
    /* Beside the matrix the register needs about 1,100 pixels for its nine columns: below that, it goes under the matrix, full width. */
    @media (max-width: 1900px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      .layout > .panel:first-child { max-width: 760px; }
    }
    .panel { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 16px; min-width: 0; }
    .panel h2 { font: var(--mat-sys-title-medium); margin: 0 0 12px; }
    .panel-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
    .panel-head h2 { margin: 0; }
    .filters { display: flex; flex-wrap: wrap; gap: 0 12px; align-items: baseline; }
    .filters mat-form-field { width: 170px; }
    .cell-filter { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; }
    .band { display: inline-block; border-radius: 10px; padding: 0 8px; color: #1d1b20; font-weight: 600; }
    .flag { display: inline-block; border-radius: 10px; padding: 0 6px; margin: 1px 4px 1px 0; font-size: 12px; }
    .flag.overdue { background: #fff0c2; color: #5c4300; }
    .flag.materialising { background: #fdecea; color: #8a1c12; }
    .flag.late { background: #e8e0f8; color: #3b2a6b; }
    .mat-column-title { min-width: 220px; }
    .title-link { background: none; border: 0; padding: 0; color: var(--mat-sys-primary); text-align: left; cursor: pointer; font: inherit; text-decoration: underline; }
    .movements { margin-top: 16px; }
    .movements h3 { font: var(--mat-sys-title-small); margin: 0 0 4px; }
    .movements p { margin: 2px 0; }
    td.mat-mdc-cell, th.mat-mdc-header-cell { padding: 4px 8px; }
  `,
})
export class RisksPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(RisksApi);
  private readonly membersApi = inject(MembersApi);
  private readonly dialog = inject(MatDialog);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly context = inject(ProjectContext);
  protected readonly language = inject(LanguageService);

  protected readonly state = signal<TableState>('loading');
  protected readonly register = signal<RiskRegisterDto | null>(null);
  protected readonly members = signal<ProjectMember[]>([]);
  protected readonly lastReview = signal<RiskReviewDto | null>(null);

  protected readonly kinds = ASSESSMENT_KINDS;
  protected readonly categories = RISK_CATEGORIES;
  protected readonly statuses = RISK_STATUSES;
  protected readonly bands = RISK_BANDS;
  protected readonly colours = BAND_COLOURS;
  protected readonly columns = ['reference', 'title', 'category', 'owner', 'score', 'status', 'trend', 'nextReview', 'flags'];

  protected readonly kind = signal<AssessmentKind>('residual');
  protected readonly cell = signal<MatrixCell | null>(null);
  protected readonly category = signal<RiskCategory | ''>('');
  protected readonly owner = signal<string>('');
  protected readonly band = signal<RiskBand | ''>('');
  protected readonly status = signal<RiskStatus | 'open' | ''>('open');
  protected readonly overdueOnly = signal(false);
  protected readonly materialisingOnly = signal(false);
  protected readonly search = signal('');
  protected readonly sort = signal<Sort>({ active: 'score', direction: 'desc' });
  /** Rows drawn at once: a register of 1,000 risks shows its first 50, then 50 more on each demand. */
  protected readonly limit = signal(PAGE_SIZE);
  protected readonly shownRows = computed(() => this.rows().slice(0, this.limit()));

  protected readonly canEdit = computed(() => this.context.can('risk.edit'));
  protected readonly canReview = computed(() => this.context.can('risk.review'));

  /** The risks the matrix shows: open ones (closed risks leave the matrix). */
  protected readonly openRisks = computed(() => (this.register()?.risks ?? []).filter((risk) => risk.status !== 'closed'));

  protected readonly counts = computed(() => {
    const open = this.openRisks();
    return {
      open: open.length,
      overdue: open.filter((risk) => risk.reviewOverdue).length,
      materialising: open.filter((risk) => risk.materialising.length > 0).length,
      lateTreatments: open.reduce((sum, risk) => sum + risk.overdueTreatments, 0),
    };
  });

  protected readonly owners = computed(() => {
    const names = new Map<string, string>();
    for (const risk of this.register()?.risks ?? []) if (risk.ownerUserId) names.set(risk.ownerUserId, risk.ownerName ?? '');
    return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  });

  protected readonly rows = computed(() => {
    const kind = this.kind();
    const cell = this.cell();
    const category = this.category();
    const owner = this.owner();
    const band = this.band();
    const status = this.status();
    const search = this.search().trim().toLocaleLowerCase();
    const filtered = (this.register()?.risks ?? []).filter(
      (risk) =>
        (!cell || (risk[kind].probability === cell.probability && risk[kind].impact === cell.impact)) &&
        (!category || risk.category === category) &&
        (!owner || risk.ownerUserId === owner) &&
        (!band || risk[kind].band === band) &&
        (!status || (status === 'open' ? risk.status !== 'closed' : risk.status === status)) &&
        (!this.overdueOnly() || risk.reviewOverdue) &&
        (!this.materialisingOnly() || risk.materialising.length > 0) &&
        (!search || risk.title.toLocaleLowerCase().includes(search) || risk.reference.toLocaleLowerCase().includes(search)),
    );
    const { active, direction } = this.sort();
    if (!direction) return filtered;
    const sign = direction === 'asc' ? 1 : -1;
    const key = (risk: RiskDto): string | number => {
      switch (active as SortKey) {
        case 'title':
          return risk.title.toLocaleLowerCase();
        case 'category':
          return this.translate.instant(`risks.categories.${risk.category}`) as string;
        case 'owner':
          return risk.ownerName ?? '';
        case 'score':
          return risk[kind].score * 10 + bandRank(risk[kind].band);
        case 'status':
          return RISK_STATUSES.indexOf(risk.status);
        case 'nextReview':
          return risk.nextReviewOn;
        default:
          return risk.reference.padStart(8, '0');
      }
    };
    return [...filtered].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return (x < y ? -1 : x > y ? 1 : a.reference.localeCompare(b.reference)) * sign;
    });
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
  }

  private load(projectId: string): void {
    this.api.register(projectId).subscribe({
      next: (register) => {
        this.register.set(register);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
    this.membersApi.list(projectId).subscribe({ next: (members) => this.members.set(members), error: () => this.members.set([]) });
  }

  protected showMoreRows(): void {
    this.limit.update((limit) => limit + PAGE_SIZE);
  }

  protected reload(): void {
    this.load(this.projectId());
  }

  protected exportUrl(): string {
    return this.api.exportUrl(this.projectId());
  }

  protected assessmentOf(risk: RiskDto): AssessmentDto {
    return risk[this.kind()];
  }

  protected trendText(risk: RiskDto): string {
    return risk.trend ? (this.translate.instant(`risks.trends.${risk.trend}`) as string) : '—';
  }

  protected toggleCell(cell: MatrixCell | null): void {
    this.cell.set(cell);
  }

  protected open(risk: RiskDto | null): void {
    const register = this.register();
    if (!register) return;
    const projectId = this.projectId();
    // The plan's tasks (the link picker, the names of the tasks behind a materialising risk) are asked
    // for when the dialog opens, not with the register, where a plan of a thousand tasks would compete
    // with drawing the matrix. Without them the dialog still works: nothing to link, tasks named by id.
    this.api
      .plan(projectId)
      .pipe(
        map((plan): TaskDto[] => plan.tasks),
        catchError(() => of<TaskDto[]>([])),
        switchMap((tasks) => {
          const data: RiskDialogData = { projectId, risk, settings: register.settings, members: this.members(), tasks };
          return this.dialog
            .open<RiskDialog, RiskDialogData, boolean>(RiskDialog, { data, width: '900px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
            .afterClosed();
        }),
      )
      .subscribe(() => this.reload());
  }

  protected openImport(): void {
    this.dialog
      .open<RiskImportDialog, RiskImportDialogData, boolean>(RiskImportDialog, {
        data: { projectId: this.projectId() },
        width: '820px',
        maxWidth: '96vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((imported) => {
        if (imported) this.reload();
      });
  }

  protected async holdReview(): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: this.translate.instant('risks.review.confirmTitle'),
      message: this.translate.instant('risks.review.confirmMessage'),
      confirmLabel: this.translate.instant('risks.review.confirm'),
    });
    if (!confirmed) return;
    this.api.holdReview(this.projectId()).subscribe({
      next: (review) => {
        this.lastReview.set(review);
        this.notifier.success('risks.review.held', { count: review.riskCount });
        this.reload();
      },
      error: (error: unknown) => this.notifier.refusal(error, { fields: 'risks.fields' }),
    });
  }

  protected movementList(trend: 'new' | 'closed' | 'reRated'): string {
    const review = this.lastReview();
    if (!review) return '';
    const references = review.movements
      .filter((movement) => (trend === 'reRated' ? movement.reRated : movement.trend === trend))
      .map((movement) => movement.reference);
    return references.length > 0 ? references.join(', ') : (this.translate.instant('risks.review.none') as string);
  }
}
