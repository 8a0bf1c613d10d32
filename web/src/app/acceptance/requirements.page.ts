import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import {
  REQUIREMENT_CATEGORIES,
  REQUIREMENT_PRIORITIES,
  REQUIREMENT_STATUSES,
  type LotDto,
  type RequirementCategory,
  type RequirementDto,
  type RequirementPriority,
  type RequirementStatus,
} from '@jalon/domain';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { AcceptanceApi } from './acceptance-api';
import { matchesText } from './acceptance-labels';
import { RequirementDialog, type RequirementDialogData } from './requirement-dialog';
import { RequirementImportDialog, type RequirementImportDialogData } from './requirement-import-dialog';

const PAGE_SIZE = 200;

type SortKey = 'reference' | 'title' | 'category' | 'priority' | 'lot' | 'conformity' | 'status' | 'revision' | 'cases';

/**
 * The requirements of the cahier des charges: the table with its filters (category, priority,
 * lot, status, text), the requirement dialog with its revision history, the import of the grille
 * de conformité, and the drafting of test cases from the selected requirements.
 */
@Component({
  selector: 'jalon-requirements-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    TranslatePipe,
    PageHeader,
    TableCard,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
  ],
  templateUrl: './requirements.page.html',
  styles: `
    :host { display: block; padding: 24px; }
    .filters { display: flex; flex-wrap: wrap; gap: 0 12px; align-items: baseline; }
    .filters mat-form-field { width: 180px; }
    .filters .search { width: 260px; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; margin-bottom: 8px; }
    .count { color: var(--mat-sys-on-surface-variant); }
    .title-link { background: none; border: 0; padding: 0; color: var(--mat-sys-primary); text-align: left; cursor: pointer; font: inherit; text-decoration: underline; }
    .mat-column-select { width: 48px; }
    .mat-column-title { min-width: 260px; }
    .mat-column-reference { white-space: nowrap; }
    .tag { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 13px; white-space: nowrap; }
    .tag.indispensable { background: #fde2dd; color: #6b1208; font-weight: 600; }
    .tag.souhaitable { background: #fff0c2; color: #4d3800; }
    .tag.facultatif { background: #e6ecf2; color: #2d3a48; }
    .status-obsolete { color: var(--mat-sys-on-surface-variant); text-decoration: line-through; }
    .muted { color: #5f6b7a; }
    td.mat-mdc-cell, th.mat-mdc-header-cell { padding: 4px 8px; }
  `,
})
export class RequirementsPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(AcceptanceApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  private readonly router = inject(Router);
  protected readonly context = inject(ProjectContext);

  protected readonly state = signal<TableState>('loading');
  protected readonly requirements = signal<RequirementDto[]>([]);
  protected readonly lots = signal<LotDto[]>([]);

  protected readonly categories = REQUIREMENT_CATEGORIES;
  protected readonly priorities = REQUIREMENT_PRIORITIES;
  protected readonly statuses = REQUIREMENT_STATUSES;

  protected readonly category = signal<RequirementCategory | ''>('');
  protected readonly priority = signal<RequirementPriority | ''>('');
  /** A lot id, `none` for the requirements without lot, '' for all. */
  protected readonly lot = signal<string>('');
  protected readonly status = signal<RequirementStatus | ''>('');
  protected readonly search = signal('');
  protected readonly sort = signal<Sort>({ active: 'reference', direction: 'asc' });
  protected readonly limit = signal(PAGE_SIZE);
  /** The ids of the requirements ticked for the drafting of cases. */
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly generating = signal(false);

  protected readonly canWrite = computed(() => this.context.can('acceptance.write'));
  protected readonly columns = computed(() => [
    ...(this.canWrite() ? ['select'] : []),
    'reference',
    'title',
    'category',
    'priority',
    'lot',
    'conformity',
    'status',
    'revision',
    'cases',
  ]);

  protected readonly rows = computed(() => {
    const category = this.category();
    const priority = this.priority();
    const lot = this.lot();
    const status = this.status();
    const search = this.search();
    const filtered = this.requirements().filter(
      (requirement) =>
        (!category || requirement.category === category) &&
        (!priority || requirement.priority === priority) &&
        (!lot || (lot === 'none' ? requirement.lotId === null : requirement.lotId === lot)) &&
        (!status || requirement.status === status) &&
        matchesText(search, requirement.reference, requirement.title, requirement.description),
    );
    const { active, direction } = this.sort();
    if (!direction) return filtered;
    const sign = direction === 'asc' ? 1 : -1;
    const key = (requirement: RequirementDto): string | number => {
      switch (active as SortKey) {
        case 'title':
          return requirement.title.toLocaleLowerCase();
        case 'category':
          return this.translate.instant(`acceptance.categories.${requirement.category}`) as string;
        case 'priority':
          return REQUIREMENT_PRIORITIES.indexOf(requirement.priority);
        case 'lot':
          return requirement.lotName ?? '\uffff';
        case 'conformity':
          return requirement.conformity ?? '\uffff';
        case 'status':
          return REQUIREMENT_STATUSES.indexOf(requirement.status);
        case 'revision':
          return requirement.revision;
        case 'cases':
          return requirement.testCases.length;
        default:
          return requirement.reference;
      }
    };
    return [...filtered].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return (x < y ? -1 : x > y ? 1 : a.reference.localeCompare(b.reference, undefined, { numeric: true })) * sign;
    });
  });
  protected readonly shownRows = computed(() => this.rows().slice(0, this.limit()));
  /** Whether every row shown is ticked (the header checkbox). */
  protected readonly allShownSelected = computed(() => {
    const shown = this.shownRows();
    const selected = this.selected();
    return shown.length > 0 && shown.every((requirement) => selected.has(requirement.id));
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
  }

  private load(projectId: string): void {
    this.api.requirements(projectId).subscribe({
      next: (requirements) => {
        this.requirements.set(requirements);
        const ids = new Set(requirements.map((requirement) => requirement.id));
        this.selected.update((selected) => new Set([...selected].filter((id) => ids.has(id))));
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
    this.api.plan(projectId).subscribe({ next: (plan) => this.lots.set(plan.lots), error: () => this.lots.set([]) });
  }

  protected reload(): void {
    this.load(this.projectId());
  }

  protected isSelected(requirement: RequirementDto): boolean {
    return this.selected().has(requirement.id);
  }

  protected toggle(requirement: RequirementDto, checked: boolean): void {
    this.selected.update((selected) => {
      const next = new Set(selected);
      if (checked) next.add(requirement.id);
      else next.delete(requirement.id);
      return next;
    });
  }

  protected toggleAll(checked: boolean): void {
    const shown = this.shownRows().map((requirement) => requirement.id);
    this.selected.update((selected) => {
      const next = new Set(selected);
      for (const id of shown) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  protected open(requirement: RequirementDto | null): void {
    const data: RequirementDialogData = { projectId: this.projectId(), requirement, lots: this.lots() };
    this.dialog
      .open<RequirementDialog, RequirementDialogData, boolean>(RequirementDialog, { data, width: '860px', maxWidth: '96vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((changed) => {
        if (changed) this.reload();
      });
  }

  protected openImport(): void {
    this.dialog
      .open<RequirementImportDialog, RequirementImportDialogData, boolean>(RequirementImportDialog, {
        data: { projectId: this.projectId() },
        width: '980px',
        maxWidth: '96vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((imported) => {
        if (imported) this.reload();
      });
  }

  /** Drafts one case per ticked requirement, then shows them on the cases page. */
  protected generate(): void {
    const ids = [...this.selected()];
    if (ids.length === 0) return;
    this.generating.set(true);
    this.api.generateCases(this.projectId(), ids).subscribe({
      next: (result) => {
        this.generating.set(false);
        this.selected.set(new Set());
        this.notifier.success('acceptance.requirements.generated', {
          count: result.created.length,
          references: result.created.map((testCase) => testCase.reference).join(', '),
        });
        void this.router.navigate(['/projects', this.projectId(), 'acceptance', 'cases'], { queryParams: { status: 'brouillon' } });
      },
      error: (error: unknown) => {
        this.generating.set(false);
        this.notifier.refusal(error, { fields: 'acceptance.fields' });
      },
    });
  }
}
