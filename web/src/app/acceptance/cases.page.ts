import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe } from '@ngx-translate/core';
import {
  TEST_CASE_CRITICALITIES,
  TEST_CASE_STATUSES,
  type RequirementDto,
  type TestCaseCriticality,
  type TestCaseDto,
  type TestCaseStatus,
} from '@jalon/domain';
import { ProjectContext } from '../core/project-context';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { AcceptanceApi } from './acceptance-api';
import { matchesText } from './acceptance-labels';
import { CaseDialog, type CaseDialogData } from './case-dialog';

const PAGE_SIZE = 200;

type SortKey = 'reference' | 'title' | 'criticality' | 'status' | 'steps' | 'revision';

/**
 * The test cases of the recette: the list with its filters (text, criticality, status, covered
 * requirement), the case dialog with its ordered steps. `?status=brouillon` (after drafting cases
 * from requirements) and `?requirement=<id>` preset the filters.
 */
@Component({
  selector: 'jalon-cases-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    TranslatePipe,
    PageHeader,
    TableCard,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
  ],
  templateUrl: './cases.page.html',
  styles: `
    :host { display: block; padding: 24px; }
    .filters { display: flex; flex-wrap: wrap; gap: 0 12px; align-items: baseline; }
    .filters mat-form-field { width: 180px; }
    .filters .search { width: 260px; }
    .filters .requirement { width: 320px; }
    .count { display: block; color: var(--mat-sys-on-surface-variant); margin-bottom: 8px; }
    .title-link { background: none; border: 0; padding: 0; color: var(--mat-sys-primary); text-align: left; cursor: pointer; font: inherit; text-decoration: underline; }
    .mat-column-title { min-width: 260px; }
    .mat-column-reference { white-space: nowrap; }
    .refs { display: flex; flex-wrap: wrap; gap: 4px; }
    .ref { border: 1px solid var(--jalon-border); border-radius: 10px; padding: 0 6px; font-size: 13px; white-space: nowrap; }
    .ref.indispensable { border-color: #b3261e; }
    .muted { color: #5f6b7a; }
    .criticality-haute { font-weight: 600; }
    td.mat-mdc-cell, th.mat-mdc-header-cell { padding: 4px 8px; }
  `,
})
export class CasesPage {
  readonly projectId = input.required<string>();
  /** Query parameters (component input binding): preset filters. */
  readonly status = input<string | undefined>(undefined);
  readonly requirement = input<string | undefined>(undefined);

  private readonly api = inject(AcceptanceApi);
  private readonly dialog = inject(MatDialog);
  protected readonly context = inject(ProjectContext);

  protected readonly state = signal<TableState>('loading');
  protected readonly cases = signal<TestCaseDto[]>([]);
  protected readonly requirements = signal<RequirementDto[]>([]);
  protected readonly criticalities = TEST_CASE_CRITICALITIES;
  protected readonly statuses = TEST_CASE_STATUSES;

  protected readonly search = signal('');
  protected readonly criticality = signal<TestCaseCriticality | ''>('');
  protected readonly statusFilter = signal<TestCaseStatus | ''>('');
  protected readonly requirementFilter = signal<string>('');
  protected readonly sort = signal<Sort>({ active: 'reference', direction: 'asc' });
  protected readonly limit = signal(PAGE_SIZE);

  protected readonly canWrite = computed(() => this.context.can('acceptance.write'));
  protected readonly columns = ['reference', 'title', 'criticality', 'status', 'steps', 'requirements', 'revision'];

  protected readonly rows = computed(() => {
    const search = this.search();
    const criticality = this.criticality();
    const status = this.statusFilter();
    const requirement = this.requirementFilter();
    const filtered = this.cases().filter(
      (testCase) =>
        (!criticality || testCase.criticality === criticality) &&
        (!status || testCase.status === status) &&
        (!requirement || testCase.requirements.some((linked) => linked.id === requirement)) &&
        matchesText(search, testCase.reference, testCase.title, testCase.preconditions, ...testCase.requirements.map((linked) => linked.reference)),
    );
    const { active, direction } = this.sort();
    if (!direction) return filtered;
    const sign = direction === 'asc' ? 1 : -1;
    const key = (testCase: TestCaseDto): string | number => {
      switch (active as SortKey) {
        case 'title':
          return testCase.title.toLocaleLowerCase();
        case 'criticality':
          return TEST_CASE_CRITICALITIES.indexOf(testCase.criticality);
        case 'status':
          return TEST_CASE_STATUSES.indexOf(testCase.status);
        case 'steps':
          return testCase.steps.length;
        case 'revision':
          return testCase.revision;
        default:
          return testCase.reference;
      }
    };
    return [...filtered].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return (x < y ? -1 : x > y ? 1 : a.reference.localeCompare(b.reference, undefined, { numeric: true })) * sign;
    });
  });
  protected readonly shownRows = computed(() => this.rows().slice(0, this.limit()));

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
    effect(() => {
      const status = this.status();
      const requirement = this.requirement();
      untracked(() => {
        this.statusFilter.set(TEST_CASE_STATUSES.includes(status as TestCaseStatus) ? (status as TestCaseStatus) : '');
        this.requirementFilter.set(requirement ?? '');
      });
    });
  }

  private load(projectId: string): void {
    this.api.cases(projectId).subscribe({
      next: (cases) => {
        this.cases.set(cases);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
    this.api.requirements(projectId).subscribe({ next: (requirements) => this.requirements.set(requirements), error: () => this.requirements.set([]) });
  }

  protected reload(): void {
    this.load(this.projectId());
  }

  protected open(testCase: TestCaseDto | null): void {
    const linked = new Set((testCase?.requirements ?? []).map((requirement) => requirement.id));
    const data: CaseDialogData = {
      projectId: this.projectId(),
      testCase,
      requirements: this.requirements().filter((requirement) => requirement.status !== 'obsolete' || linked.has(requirement.id)),
    };
    this.dialog
      .open<CaseDialog, CaseDialogData, boolean>(CaseDialog, { data, width: '1040px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((changed) => {
        if (changed) this.reload();
      });
  }
}
