import { computed, signal, type DestroyRef } from '@angular/core';
import { COLUMN_WIDTHS, OPTIONAL_COLUMNS, TABLE_COLUMNS, type TableColumn } from './task-table';

const HIDDEN_KEY = 'jalon.planning.hiddenColumns';
/** Above this share of the split, the Gantt is too narrow to read: optional columns fold away. */
const TABLE_SHARE = 0.5;

export interface SplitPaneDeps {
  /** Whether the slippage column is shown (a baseline is chosen). */
  withSlippage: () => boolean;
  /** The width the table's shown columns need (with the user's column widths). */
  naturalWidth: () => number | undefined;
}

/**
 * The table and the Gantt side by side: the splitter, the columns folded away (the user's choice,
 * or automatic by the width), the pane sizes the table and the Gantt draw at.
 */
export class SplitPane {
  readonly height = signal(560);
  readonly width = signal(1200);
  /** The table pane's width the user dragged the splitter to; null = what the shown columns need. */
  private readonly dragged = signal<number | null>(null);
  /** The columns the user chose to hide; null = automatic. */
  private readonly chosenHidden = signal<ReadonlySet<TableColumn> | null>(readStoredHidden());
  readonly optionalColumns = OPTIONAL_COLUMNS;

  /** Collapsible columns: the user's choice, or those that must go for the Gantt to keep half the width. */
  readonly hiddenColumns = computed<ReadonlySet<TableColumn>>(() => {
    const chosen = this.chosenHidden();
    if (chosen) return chosen;
    const hidden = new Set<TableColumn>();
    const shown = (column: TableColumn) => (column !== 'slippage' || this.deps.withSlippage()) && !hidden.has(column);
    const width = () => TABLE_COLUMNS.filter(shown).reduce((sum, column) => sum + COLUMN_WIDTHS[column], 0);
    for (const column of OPTIONAL_COLUMNS) {
      if (width() <= this.width() * TABLE_SHARE) break;
      hidden.add(column);
    }
    return hidden;
  });
  readonly tableWidth = computed(() => this.dragged() ?? this.deps.naturalWidth() ?? 480);

  constructor(private readonly deps: SplitPaneDeps) {}

  /** Follows the split's size (the table and the Gantt draw only the rows in view). */
  observe(element: HTMLElement, destroyRef: DestroyRef): void {
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      this.height.set(Math.max(240, Math.floor(entry.contentRect.height)));
      this.width.set(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    destroyRef.onDestroy(() => observer.disconnect());
  }

  startResize(event: MouseEvent): void {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = this.tableWidth();
    const move = (e: MouseEvent) => this.dragged.set(Math.max(240, Math.min(1100, startWidth + e.clientX - startX)));
    const up = () => {
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', up);
    };
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  }

  /** Shows or hides one optional column; from then on the choice is the user's, remembered here. */
  toggleColumn(column: TableColumn): void {
    const next = new Set(this.hiddenColumns());
    if (next.has(column)) next.delete(column);
    else next.add(column);
    this.chosenHidden.set(next);
    this.dragged.set(null);
    try {
      localStorage.setItem(HIDDEN_KEY, JSON.stringify([...next]));
    } catch {
      // Without storage the choice lasts for this page only.
    }
  }
}

function readStoredHidden(): ReadonlySet<TableColumn> | null {
  try {
    const stored = JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? 'null') as unknown;
    if (!Array.isArray(stored)) return null;
    return new Set(stored.filter((column): column is TableColumn => (OPTIONAL_COLUMNS as readonly unknown[]).includes(column)));
  } catch {
    return null;
  }
}
