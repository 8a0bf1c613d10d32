import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import { COVERAGE_STATES, EXECUTION_RESULTS, type CampaignSummaryDto, type CoverageState, type ExecutionResult, type TraceabilityDto } from '@jalon/domain';
import { PageHeader } from '../shared/page-header';
import { readRefusal } from '../shared/refusal';
import { TableCard, type TableState } from '../shared/table-card';
import { AcceptanceApi } from './acceptance-api';
import { PRIORITY_CLASSES, RESULT_MARKS, RESULT_TONE_STYLES, matchesText } from './acceptance-labels';

type MatrixRow = TraceabilityDto['requirements'][number];

/** What a cell of the matrix says: not linked, or linked with the case's latest result. */
interface Cell {
  linked: boolean;
  result: ExecutionResult;
}

/**
 * The traceability matrix: requirements × test cases with each case's latest result (symbol, word
 * and colour), the coverage of each requirement, the filter « indispensables non prouvées », one
 * campaign or all, and the same matrix as an .xlsx download.
 */
@Component({
  selector: 'jalon-traceability-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslatePipe, PageHeader, TableCard, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  templateUrl: './traceability.page.html',
  styles: [
    RESULT_TONE_STYLES,
    `
    :host { display: block; padding: 24px; }
    .controls { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: baseline; }
    .controls mat-form-field { width: 240px; }
    .summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 4px 0 16px; }
    .summary > div { background: var(--jalon-surface); border: 1px solid var(--jalon-border); border-radius: 12px; padding: 10px 16px; min-width: 140px; }
    .summary .value { display: block; font: var(--mat-sys-headline-small); }
    .summary .alert .value { color: #8a1c12; }
    .legend { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 12px; padding: 0; list-style: none; }
    .legend-title { font: var(--mat-sys-label-large); margin-right: 4px; }
    .matrix { border-collapse: separate; border-spacing: 0; font-size: 14px; }
    .matrix th, .matrix td { border-bottom: 1px solid var(--jalon-border); border-right: 1px solid var(--jalon-border); padding: 4px 6px; text-align: left; vertical-align: middle; }
    .matrix thead th { position: sticky; top: 0; background: var(--jalon-surface); z-index: 2; font: var(--mat-sys-label-large); }
    .matrix .sticky { position: sticky; left: 0; background: var(--jalon-surface); z-index: 1; min-width: 280px; max-width: 360px; }
    .matrix thead .sticky { z-index: 3; }
    .matrix .case-head { min-width: 92px; white-space: nowrap; }
    .matrix .case-head abbr { text-decoration: none; }
    .matrix td.cell { text-align: center; }
    .req-ref { font-weight: 600; margin-right: 6px; }
    .tag { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 13px; white-space: nowrap; }
    .tag.indispensable { background: #fde2dd; color: #6b1208; font-weight: 600; }
    .tag.souhaitable { background: #fff0c2; color: #4d3800; }
    .tag.facultatif { background: #e6ecf2; color: #2d3a48; }
    .unlinked { color: #5f6b7a; }
    `,
  ],
})
export class TraceabilityPage {
  readonly projectId = input.required<string>();
  private readonly api = inject(AcceptanceApi);

  protected readonly state = signal<TableState>('loading');
  protected readonly matrix = signal<TraceabilityDto | null>(null);
  protected readonly campaigns = signal<CampaignSummaryDto[]>([]);
  /** '' for every campaign. */
  protected readonly campaignId = signal('');
  protected readonly unprovenOnly = signal(false);
  protected readonly search = signal('');

  protected readonly marks = RESULT_MARKS;
  protected readonly priorityClasses = PRIORITY_CLASSES;
  protected readonly coverageStates = COVERAGE_STATES;
  protected readonly resultCodes = EXECUTION_RESULTS;

  protected readonly rows = computed<MatrixRow[]>(() => {
    const search = this.search();
    const unproven = this.unprovenOnly();
    return (this.matrix()?.requirements ?? []).filter(
      (requirement) =>
        (!unproven || (requirement.priority === 'indispensable' && requirement.state !== 'ok')) && matchesText(search, requirement.reference, requirement.title),
    );
  });

  /** The columns: the cases linked to at least one requirement shown, in the API's order. */
  protected readonly columns = computed(() => {
    const cases = this.matrix()?.cases ?? [];
    const used = new Set<number>();
    for (const requirement of this.rows()) for (const cell of requirement.cells) used.add(cell.case);
    return cases.map((testCase, index) => ({ ...testCase, index })).filter((testCase) => used.has(testCase.index));
  });

  /** Each shown row's cells, one per column. */
  protected readonly cells = computed(() => {
    const columns = this.columns();
    return new Map(
      this.rows().map((requirement) => {
        const byCase = new Map(requirement.cells.map((cell) => [cell.case, cell.result ?? 'non_execute'] as const));
        const cells: Cell[] = columns.map((column) => {
          const result = byCase.get(column.index);
          return result === undefined ? { linked: false, result: 'non_execute' } : { linked: true, result };
        });
        return [requirement.id, cells] as const;
      }),
    );
  });

  protected readonly counts = computed(() => {
    const counts: Record<CoverageState, number> = { non_couverte: 0, non_executee: 0, ok: 0, ko: 0 };
    const requirements = this.matrix()?.requirements ?? [];
    for (const requirement of requirements) counts[requirement.state] += 1;
    const indispensable = requirements.filter((requirement) => requirement.priority === 'indispensable');
    return { ...counts, indispensable: indispensable.length, proven: indispensable.filter((requirement) => requirement.state === 'ok').length };
  });

  protected readonly xlsxUrl = computed(() => this.api.traceabilityXlsxUrl(this.projectId(), this.campaignId() || null));

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const campaignId = this.campaignId();
      untracked(() => this.load(projectId, campaignId));
    });
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.api.campaigns(projectId).subscribe({ next: (campaigns) => this.campaigns.set(campaigns), error: () => this.campaigns.set([]) }));
    });
  }

  private load(projectId: string, campaignId: string): void {
    this.state.set('loading');
    this.api.traceability(projectId, campaignId || null).subscribe({
      next: (matrix) => {
        this.matrix.set(matrix);
        this.state.set('loaded');
      },
      error: (error: unknown) => this.state.set(readRefusal(error).code === 'forbidden' ? 'forbidden' : 'error'),
    });
  }

  protected cellsOf(requirement: MatrixRow): Cell[] {
    return this.cells().get(requirement.id) ?? [];
  }
}
