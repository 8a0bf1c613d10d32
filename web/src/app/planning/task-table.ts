import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import { TranslatePipe } from '@ngx-translate/core';
import { GANTT_HEADER_HEIGHT, GANTT_ROW_HEIGHT } from './gantt-chart';
import type { TaskFields } from './plan-edit';
import type { PlanRow } from './plan-rows';
import type { SlippageCell } from './slippage';

export const TABLE_COLUMNS = ['name', 'phase', 'duration', 'start', 'finish', 'float', 'owner', 'progress', 'slippage'] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** Default widths in px; a user drags a header's right edge to change one (remembered in this browser). */
export const COLUMN_WIDTHS: Readonly<Record<TableColumn, number>> = {
  name: 212,
  phase: 84,
  duration: 76,
  start: 66,
  finish: 66,
  float: 52,
  owner: 104,
  progress: 100,
  slippage: 76,
};
/** The columns a user may hide, the first ones to go when the screen is narrow. */
export const OPTIONAL_COLUMNS: readonly TableColumn[] = ['phase', 'owner', 'progress', 'float'];
const WIDTHS_KEY = 'jalon.planning.columnWidths';
const MIN_WIDTH = 40;
const MAX_WIDTH = 480;

function storedWidths(): Record<TableColumn, number> {
  try {
    const stored = JSON.parse(localStorage.getItem(WIDTHS_KEY) ?? '{}') as Record<string, unknown>;
    const widths = { ...COLUMN_WIDTHS };
    for (const column of TABLE_COLUMNS) {
      const value = stored[column];
      if (typeof value === 'number' && value >= MIN_WIDTH && value <= MAX_WIDTH) widths[column] = value;
    }
    return widths;
  } catch {
    return { ...COLUMN_WIDTHS };
  }
}
export type EditableColumn = 'name' | 'duration' | 'owner' | 'progress';
const EDITABLE: ReadonlySet<TableColumn> = new Set<TableColumn>(['name', 'duration', 'owner', 'progress']);

/** Rows drawn above and below the visible ones, so that fast scrolling shows no gap. */
const OVERSCAN = 12;

export interface CellEdit {
  taskId: string;
  change: Partial<TaskFields>;
}

export interface TaskNotice {
  tone: 'warn' | 'error';
  text: string;
}

/** Why a typed value is refused (a key of `planning.cellErrors`). */
export type CellProblem = 'nameRequired' | 'notANumber' | 'negative' | 'wholeDays' | 'tooLong' | 'percentRange';

/** A number as people type it here: "2,5" (French decimal comma) as well as "2.5", with spaces. */
function readNumber(text: string): number {
  const normalised = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return normalised === '' || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number.NaN : Number(normalised);
}

const DAYS_SUFFIX = /\s*(j|d|jours?|days?)$/i;
const PERCENT_SUFFIX = /\s*%$/;

/** What is wrong with what a user typed in a cell, or null when it can be saved. */
export function cellProblem(column: EditableColumn, text: string): CellProblem | null {
  const value = text.trim();
  switch (column) {
    case 'name':
      return value ? null : 'nameRequired';
    case 'owner':
      return null;
    case 'duration': {
      const days = readNumber(value.replace(DAYS_SUFFIX, ''));
      if (Number.isNaN(days)) return 'notANumber';
      if (days < 0) return 'negative';
      // Durations are whole working days: the engine schedules by the day.
      if (!Number.isInteger(days)) return 'wholeDays';
      return days > 9999 ? 'tooLong' : null;
    }
    case 'progress': {
      const percent = readNumber(value.replace(PERCENT_SUFFIX, ''));
      if (Number.isNaN(percent)) return 'notANumber';
      return percent < 0 || percent > 100 ? 'percentRange' : null;
    }
  }
}

/** Parses what a user typed in a cell; null when it is not acceptable (`cellProblem` says why). */
export function parseCell(column: EditableColumn, text: string): Partial<TaskFields> | null {
  if (cellProblem(column, text) !== null) return null;
  const value = text.trim();
  switch (column) {
    case 'name':
      return { name: value };
    case 'owner':
      return { ownerName: value };
    case 'duration':
      return { duration: readNumber(value.replace(DAYS_SUFFIX, '')) };
    case 'progress':
      // The API keeps whole percents: 12,5 % is saved as 13 %.
      return { progress: Math.round(readNumber(value.replace(PERCENT_SUFFIX, ''))) };
  }
}

/**
 * The left half of the retroplanning: one row per Gantt row, same height, same order. Only the
 * rows in view are in the DOM, so a thousand-task plan costs what forty do. A spreadsheet's
 * keyboard: arrows move, Enter or F2 edits, Enter saves and goes down, Escape cancels,
 * Space folds a phase, Alt+Enter opens the task panel.
 */
@Component({
  selector: 'jalon-task-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CalendarDatePipe, TranslatePipe],
  templateUrl: './task-table.html',
  styleUrl: './task-table.scss',
  host: {
    '[style.--row-height.px]': 'rowHeight',
    '[style.--header-height.px]': 'headerHeight',
    '[style.--cols]': 'template()',
  },
})
export class TaskTable {
  readonly rows = input.required<readonly PlanRow[]>();
  readonly canEdit = input(false);
  readonly showSlippage = input(false);
  /** Columns folded away (collapsible columns), chosen by the page. */
  readonly hidden = input<ReadonlySet<TableColumn>>(new Set());
  readonly slippage = input<ReadonlyMap<string, SlippageCell>>(new Map());
  readonly notices = input<ReadonlyMap<string, TaskNotice[]>>(new Map());
  /** Tasks carrying an open élevé / critique risk, with the marker's accessible label. */
  readonly riskMarkers = input<ReadonlyMap<string, { band: 'high' | 'critical'; label: string }>>(new Map());
  readonly selectedId = input<string | null>(null);
  readonly language = input('fr');
  /** 'j' or 'd', translated once rather than by a pipe in every row. */
  readonly daysUnit = input('j');
  readonly openLabel = input('');
  readonly phaseMenuLabel = input('');
  readonly height = input(560);

  readonly toggled = output<string>();
  /** The phase row's menu button: rename, move, delete the phase. */
  readonly phaseMenu = output<string>();
  readonly edited = output<CellEdit>();
  readonly opened = output<string>();
  readonly selected = output<string>();
  readonly scrolled = output<number>();

  protected readonly rowHeight = GANTT_ROW_HEIGHT;
  protected readonly headerHeight = GANTT_HEADER_HEIGHT;
  private readonly viewport = viewChild.required<ElementRef<HTMLDivElement>>('viewport');
  protected readonly scrollTop = signal(0);
  protected readonly active = signal<{ row: number; column: TableColumn }>({ row: 0, column: 'name' });
  protected readonly editing = signal<{ id: string; column: EditableColumn } | null>(null);
  /** Why the value typed in the open cell cannot be saved. */
  protected readonly problem = signal<CellProblem | null>(null);

  protected readonly columns = computed(() =>
    TABLE_COLUMNS.filter((column) => (column !== 'slippage' || this.showSlippage()) && (column === 'name' || !this.hidden().has(column))),
  );
  protected readonly widths = signal<Record<TableColumn, number>>(storedWidths());
  /** The grid's columns. */
  protected readonly template = computed(() => this.columns().map((column) => `${this.widths()[column]}px`).join(' '));
  /** The width the shown columns need, for the page's split. */
  readonly naturalWidth = computed(() => this.columns().reduce((sum, column) => sum + this.widths()[column], 0));
  protected readonly window = computed(() => {
    const first = Math.max(0, Math.floor(this.scrollTop() / GANTT_ROW_HEIGHT) - OVERSCAN);
    const rows = this.rows();
    const count = Math.ceil(this.height() / GANTT_ROW_HEIGHT) + OVERSCAN * 2;
    return { first, rows: rows.slice(first, first + count).map((row, i) => ({ row, index: first + i })) };
  });
  protected readonly totalHeight = computed(() => this.rows().length * GANTT_ROW_HEIGHT);

  constructor() {
    effect(() => {
      const count = this.rows().length;
      untracked(() => {
        if (this.active().row >= count) this.active.update((a) => ({ ...a, row: Math.max(0, count - 1) }));
      });
    });
  }

  /** Follows the Gantt's vertical scroll. */
  scrollTo(top: number): void {
    const element = this.viewport().nativeElement;
    if (Math.abs(element.scrollTop - top) > 1) element.scrollTop = top;
    this.scrollTop.set(top);
  }

  protected onScroll(): void {
    const top = this.viewport().nativeElement.scrollTop;
    this.scrollTop.set(top);
    this.scrolled.emit(top);
  }

  protected isEditable(row: PlanRow, column: TableColumn): column is EditableColumn {
    return this.canEdit() && row.kind === 'task' && EDITABLE.has(column) && !(column === 'duration' && !!row.task.actualFinish);
  }

  protected focusCell(index: number, column: TableColumn): void {
    this.active.set({ row: index, column });
    const row = this.rows()[index];
    if (row?.kind === 'task') this.selected.emit(row.id);
  }

  protected startEdit(row: PlanRow, column: TableColumn): void {
    if (!this.isEditable(row, column)) return;
    this.problem.set(null);
    this.editing.set({ id: row.id, column });
    queueMicrotask(() => {
      const input = this.viewport().nativeElement.querySelector<HTMLInputElement>('input.cell-input');
      input?.focus();
      input?.select();
    });
  }

  protected commitEdit(row: PlanRow, column: EditableColumn, text: string, move: 0 | 1, event?: Event): void {
    if (this.editing()?.id !== row.id) return;
    const problem = cellProblem(column, text);
    if (problem) {
      // Said next to the cell, which stays open to be corrected (Escape gives up).
      this.problem.set(problem);
      event?.preventDefault();
      return;
    }
    this.problem.set(null);
    this.editing.set(null);
    const change = parseCell(column, text);
    if (change && row.kind === 'task') {
      const key = Object.keys(change)[0] as keyof TaskFields;
      if (change[key] !== row.task[key]) this.edited.emit({ taskId: row.id, change });
    }
    if (move) this.moveActive(move, 0);
    this.refocus();
  }

  protected cancelEdit(): void {
    this.problem.set(null);
    this.editing.set(null);
    this.refocus();
  }

  private refocus(): void {
    queueMicrotask(() => this.viewport().nativeElement.focus());
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (this.editing()) return;
    const { row: index, column } = this.active();
    const row = this.rows()[index];
    switch (event.key) {
      case 'ArrowDown':
        this.moveActive(1, 0);
        break;
      case 'ArrowUp':
        this.moveActive(-1, 0);
        break;
      case 'ArrowRight':
        if (row?.kind === 'phase' && row.collapsed && column === 'name') this.toggled.emit(row.phaseId);
        else this.moveActive(0, 1);
        break;
      case 'ArrowLeft':
        if (row?.kind === 'phase' && !row.collapsed && column === 'name') this.toggled.emit(row.phaseId);
        else this.moveActive(0, -1);
        break;
      case 'Home':
        this.active.set({ row: 0, column });
        break;
      case 'End':
        this.active.set({ row: this.rows().length - 1, column });
        break;
      case 'PageDown':
        this.moveActive(Math.floor(this.height() / GANTT_ROW_HEIGHT), 0);
        break;
      case 'PageUp':
        this.moveActive(-Math.floor(this.height() / GANTT_ROW_HEIGHT), 0);
        break;
      case ' ':
        if (row?.kind !== 'phase') return;
        this.toggled.emit(row.phaseId);
        break;
      case 'Enter':
      case 'F2':
        if (!row) return;
        if (event.altKey || !this.isEditable(row, column)) {
          if (row.kind === 'task') this.opened.emit(row.id);
          else this.toggled.emit(row.phaseId);
        } else this.startEdit(row, column);
        break;
      default:
        return;
    }
    event.preventDefault();
    this.revealActive();
  }

  private moveActive(rows: number, columns: number): void {
    const list = this.columns();
    this.active.update(({ row, column }) => {
      const nextRow = Math.max(0, Math.min(this.rows().length - 1, row + rows));
      const at = list.indexOf(column);
      const nextColumn = list[Math.max(0, Math.min(list.length - 1, at + columns))] ?? column;
      return { row: nextRow, column: nextColumn };
    });
    const row = this.rows()[this.active().row];
    if (row?.kind === 'task' && rows !== 0) this.selected.emit(row.id);
  }

  private revealActive(): void {
    const element = this.viewport().nativeElement;
    const top = this.active().row * GANTT_ROW_HEIGHT;
    const visible = element.clientHeight - GANTT_HEADER_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + GANTT_ROW_HEIGHT > element.scrollTop + visible) element.scrollTop = top + GANTT_ROW_HEIGHT - visible;
  }

  /** Drags a header's right edge: the column follows the pointer, between 40 and 480 px. */
  protected startColumnResize(event: PointerEvent, column: TableColumn): void {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const start = this.widths()[column];
    const handle = event.target as HTMLElement;
    handle.setPointerCapture?.(event.pointerId);
    const move = (e: PointerEvent) => {
      const width = Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, start + e.clientX - startX)));
      this.widths.update((widths) => ({ ...widths, [column]: width }));
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      try {
        localStorage.setItem(WIDTHS_KEY, JSON.stringify(this.widths()));
      } catch {
        // Without storage the widths last for this page only.
      }
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  }

  /** The keyboard's way to resize: arrows on the focused handle, 8 px a step. */
  protected resizeByKey(event: KeyboardEvent, column: TableColumn): void {
    const step = event.key === 'ArrowRight' ? 8 : event.key === 'ArrowLeft' ? -8 : 0;
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();
    this.widths.update((widths) => ({ ...widths, [column]: Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widths[column] + step)) }));
  }

  protected cellId(index: number, column: TableColumn): string {
    return `plan-cell-${index}-${column}`;
  }
}
