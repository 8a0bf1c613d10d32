import { DatePipe } from '@angular/common';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import {
  ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { RetroPlanningDto, TaskDto } from '@jalon/domain';
import { formatCalendarDate } from '@jalon/planning';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { gestureToEdit, type DragGesture, type DragSummary } from './drag-mapping';
import { GANTT_VIEWS, GanttChart, type GanttLabels, type GanttView } from './gantt-chart';
import { applyEdit, previewPlan, type LinkEdit, type TaskFields } from './plan-edit';
import { buildRows, NO_LOT, NO_PHASE, type PlanRow } from './plan-rows';
import { LinkDialog, NameDialog, TrendDialog, type LinkDialogData, type NameDialogData, type TrendDialogData } from './planning-dialogs';
import type { NewLink, NewTask } from './planning-api';
import { PlanningStore } from './planning-store';
import { LotsDialog } from './lots-dialog';
import { PhasesDialog, type PhasesDialogData } from './phases-dialog';
import { PlanSettingsDialog } from './plan-settings-dialog';
import type { StructureDialogData } from './structure-dialog';
import { slippageByTask } from './slippage';
import { pluralKey } from './plural';
import { Notifier } from '../shared/notifier';
import { Dialogs } from '../shared/dialogs';
import { TaskPanel } from './task-panel';
import { COLUMN_WIDTHS, OPTIONAL_COLUMNS, TABLE_COLUMNS, TaskTable, type CellEdit, type TableColumn, type TaskNotice } from './task-table';
import { planNotices, type PlanAlert } from './plan-notices';

const VIEW_KEY = 'jalon.planning.view';
const HIDDEN_KEY = 'jalon.planning.hiddenColumns';
/** Below this share of the split, the Gantt is too narrow to read: optional columns fold away. */
const TABLE_SHARE = 0.5;

/** The retroplanning: task table and Gantt side by side, the task panel on demand. */
@Component({
  selector: 'jalon-planning-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [PlanningStore],
  imports: [
    DatePipe,
    CalendarDatePipe,
    TranslatePipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSnackBarModule,
    MatTooltipModule,
    GanttChart,
    TaskTable,
    TaskPanel,
  ],
  templateUrl: './planning.page.html',
  styleUrl: './planning.page.scss',
  host: { '(document:keydown)': 'onKeydown($event)', '(window:beforeprint)': 'beforePrint()', '(window:afterprint)': 'afterPrint()' },
})
export class PlanningPage {
  // The project id is the parent route's parameter, which child routes do not inherit by default.
  private readonly route = inject(ActivatedRoute);
  private readonly params = toSignal((this.route.parent ?? this.route).paramMap);
  protected readonly projectId = computed(() => this.params()?.get('projectId') ?? '');
  protected readonly printedOn = new Date();

  protected readonly store = inject(PlanningStore);
  protected readonly language = inject(LanguageService);
  protected readonly context = inject(ProjectContext);
  private readonly translate = inject(TranslateService);
  private readonly dialog = inject(MatDialog);
  private readonly appRef = inject(ApplicationRef);
  private readonly notifier = inject(Notifier);
  private readonly dialogs = inject(Dialogs);

  protected readonly views = GANTT_VIEWS;
  protected readonly view = signal<GanttView>(readStoredView());
  protected readonly lotId = signal<string | null>(null);
  protected readonly noLot = NO_LOT;
  protected readonly collapsed = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedId = signal<string | null>(null);
  protected readonly panelTaskId = signal<string | null>(null);
  protected readonly splitHeight = signal(560);
  protected readonly splitWidth = signal(1200);
  /** The table pane's width the user dragged the splitter to; null = what the shown columns need. */
  private readonly draggedWidth = signal<number | null>(null);
  /** The columns the user chose to hide; null = automatic (by the screen's width). */
  private readonly chosenHidden = signal<ReadonlySet<TableColumn> | null>(readStoredHidden());
  protected readonly optionalColumns = OPTIONAL_COLUMNS;
  /** Collapsible columns: the user's choice, or those that must go for the Gantt to keep half the width. */
  protected readonly hiddenColumns = computed<ReadonlySet<TableColumn>>(() => {
    const chosen = this.chosenHidden();
    if (chosen) return chosen;
    const hidden = new Set<TableColumn>();
    const shown = (column: TableColumn) => (column !== 'slippage' || !!this.store.comparison()) && !hidden.has(column);
    const width = () => TABLE_COLUMNS.filter(shown).reduce((sum, column) => sum + COLUMN_WIDTHS[column], 0);
    for (const column of OPTIONAL_COLUMNS) {
      if (width() <= this.splitWidth() * TABLE_SHARE) break;
      hidden.add(column);
    }
    return hidden;
  });
  protected readonly tableWidth = computed(() => this.draggedWidth() ?? this.table()?.naturalWidth() ?? 480);
  protected readonly dragHint = signal<string | null>(null);
  protected readonly printing = signal(false);
  /** The plan while a bar is being dragged: only the table follows it, the Gantt moves its own bars. */
  private readonly dragPlan = signal<RetroPlanningDto | null>(null);
  private viewBeforePrint: GanttView | null = null;

  private readonly gantt = viewChild(GanttChart);
  private readonly table = viewChild(TaskTable);
  private readonly split = viewChild<ElementRef<HTMLElement>>('split');

  private readonly rowOptions = computed(() => ({
    lotId: this.lotId(),
    collapsed: this.collapsed(),
    noPhaseLabel: this.translated('planning.noPhase'),
  }));
  protected readonly rows = computed<PlanRow[]>(() => {
    const plan = this.store.plan();
    return plan ? buildRows(plan, this.rowOptions()) : [];
  });
  protected readonly tableRows = computed<PlanRow[]>(() => {
    const plan = this.dragPlan();
    return plan ? buildRows(plan, this.rowOptions()) : this.rows();
  });
  protected readonly panelTask = computed<TaskDto | null>(() => {
    const id = this.panelTaskId();
    return this.store.plan()?.tasks.find((task) => task.id === id) ?? null;
  });
  protected readonly goLive = computed(() => {
    const plan = this.store.plan();
    if (!plan) return null;
    const lot = plan.lots.find((candidate) => candidate.id === this.lotId());
    return lot?.goLive ?? (plan.settings.mode === 'backward' ? plan.settings.targetGoLive : plan.projectFinish);
  });
  protected readonly notices = computed(() => {
    const plan = this.store.plan();
    const empty = { alerts: [] as PlanAlert[], byTask: new Map<string, TaskNotice[]>() };
    if (!plan) return empty;
    this.language.current();
    return planNotices(plan, (key, params) => this.translated(key, params), this.goLive() ?? plan.settings.targetGoLive, this.language.current());
  });
  protected readonly ganttLabels = computed<GanttLabels>(() => {
    this.language.current();
    return {
      goLive: this.translated('planning.goLive'),
      today: this.translated('planning.today'),
      days: this.translated('planning.days'),
      float: this.translated('planning.columns.float'),
      baseline: this.translated('planning.columns.slippage'),
    };
  });
  /** Slippage against the chosen baseline, in the interface language. */
  protected readonly slippage = computed(() => slippageByTask(this.store.comparison(), this.translated('planning.days')));
  protected readonly allCollapsed = computed(() => {
    const plan = this.store.plan();
    return !!plan && plan.phases.length > 0 && plan.phases.every((phase) => this.collapsed().has(phase.id));
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      if (!projectId) return;
      untracked(() => {
        this.store.load(projectId);
        this.store.loadTrend();
        this.panelTaskId.set(null);
        this.selectedId.set(null);
      });
    });
    // The assignment picker lists the members; only those who edit the plan need them.
    effect(() => {
      if (this.projectId() && this.store.canEdit()) untracked(() => this.store.loadMembers());
    });
    effect(() => {
      const view = this.view();
      try {
        localStorage.setItem(VIEW_KEY, view);
      } catch {
        // Without storage the choice lasts for this page only.
      }
    });
    const destroyRef = inject(DestroyRef);
    effect(() => {
      const element = this.split()?.nativeElement;
      if (!element) return;
      untracked(() => {
        const observer = new ResizeObserver(([entry]) => {
          if (!entry) return;
          this.splitHeight.set(Math.max(240, Math.floor(entry.contentRect.height)));
          this.splitWidth.set(Math.floor(entry.contentRect.width));
        });
        observer.observe(element);
        destroyRef.onDestroy(() => observer.disconnect());
      });
    });
  }

  private translated(key: string, params?: Record<string, unknown>): string {
    this.language.current();
    return this.translate.instant(key, params) as string;
  }

  // ---- drag ----

  protected onGesture(gesture: DragGesture): void {
    const saved = this.store.saved();
    if (!saved) return;
    const outcome = gestureToEdit(saved, gesture, this.store.calendar());
    if (!outcome.ok) {
      this.dragHint.set(outcome.reason === 'no_driving_link' ? this.translated('planning.drag.noDrivingLink') : null);
      return;
    }
    const preview = previewPlan(applyEdit(saved, outcome.edit)).plan;
    this.gantt()?.preview(preview, gesture.taskId);
    this.dragPlan.set(preview);
    this.dragHint.set(this.describe(outcome.summary));
  }

  protected onGestureEnd(gesture: DragGesture): void {
    const saved = this.store.saved();
    this.dragPlan.set(null);
    this.dragHint.set(null);
    if (!saved) return;
    const outcome = gestureToEdit(saved, gesture, this.store.calendar());
    if (!outcome.ok) {
      if (outcome.reason === 'no_driving_link') this.notifier.success('planning.drag.noDrivingLink');
      this.gantt()?.redraw();
      return;
    }
    const task = saved.tasks.find((candidate) => candidate.id === gesture.taskId);
    this.store.commit(outcome.edit, this.translated('planning.undoLabels.drag', { name: task?.name ?? '' }));
  }

  private describe(summary: DragSummary): string {
    switch (summary.kind) {
      case 'lag':
        return this.translated(pluralKey('planning.drag.lag', summary.linkCount, this.language.current()), { days: signed(summary.days), count: summary.linkCount });
      case 'actual':
        return this.translated('planning.drag.actual', { days: signed(summary.days) });
      case 'fixed_date':
        return this.translated('planning.drag.fixedDate', { date: formatCalendarDate(summary.date, this.language.current(), 'weekday-short') });
      case 'duration':
        return this.translated('planning.drag.duration', { duration: summary.duration });
      case 'progress':
        return this.translated('planning.drag.progress', { progress: summary.progress });
    }
  }

  // ---- table and panel ----

  protected onCellEdit(edit: CellEdit): void {
    const task = this.store.saved()?.tasks.find((candidate) => candidate.id === edit.taskId);
    this.store.commit(
      { tasks: [{ id: edit.taskId, ...edit.change }], links: [] },
      this.translated('planning.undoLabels.edit', { name: task?.name ?? '' }),
    );
  }

  protected onPanelSave(change: Partial<TaskFields>): void {
    const task = this.panelTask();
    if (!task) return;
    this.store.commit({ tasks: [{ id: task.id, ...change }], links: [] }, this.translated('planning.undoLabels.edit', { name: task.name }));
  }

  protected onLinkChange(change: LinkEdit): void {
    this.store.commit({ tasks: [], links: [change] }, this.translated('planning.undoLabels.link'));
  }

  protected onLinkAdd(link: NewLink): void {
    this.store.createLink(link);
  }

  protected onLinkRemove(linkId: string): void {
    this.store.deleteLink(linkId);
  }

  /** Asks before deleting, offering to reconnect the predecessors to the successors (on by default); undoable. */
  protected async onDelete(): Promise<void> {
    const task = this.panelTask();
    if (!task) return;
    const plan = this.store.saved();
    const linked = !!plan?.links.some((link) => link.toTaskId === task.id) && !!plan?.links.some((link) => link.fromTaskId === task.id);
    const answer = await this.dialogs.ask({
      title: this.translated('planning.panel.deleteTitle', { name: task.name }),
      message: this.translated('planning.panel.deleteConfirm', { name: task.name }),
      confirmLabel: this.translated('planning.panel.delete'),
      destructive: true,
      option: linked ? { label: this.translated('planning.panel.reconnect'), checked: true } : undefined,
    });
    if (!answer) return;
    this.store.deleteTask(task.id, answer.option || !linked, this.translated('planning.undoLabels.delete', { name: task.name }), () => {
      this.panelTaskId.set(null);
      this.notifier.success('planning.panel.deleted', { name: task.name });
    });
  }

  protected open(taskId: string): void {
    this.selectedId.set(taskId);
    this.panelTaskId.set(taskId);
  }

  protected select(taskId: string): void {
    this.selectedId.set(taskId);
    if (this.panelTaskId()) this.panelTaskId.set(taskId);
  }

  protected toggle(phaseId: string): void {
    this.collapsed.update((set) => {
      const next = new Set(set);
      if (next.has(phaseId)) next.delete(phaseId);
      else next.add(phaseId);
      return next;
    });
  }

  protected toggleAll(): void {
    const plan = this.store.plan();
    if (!plan) return;
    this.collapsed.set(this.allCollapsed() ? new Set() : new Set([...plan.phases.map((phase) => phase.id), NO_PHASE]));
  }

  // ---- creation ----

  /**
   * A new task goes between the selected one and its successors (as MS Project inserts), in one
   * request, so a retroplanning keeps it before the go-live; without a selection, in the first phase.
   */
  protected addTask(milestone: boolean): void {
    const plan = this.store.saved();
    if (!plan) return;
    const after = plan.tasks.find((task) => task.id === this.selectedId()) ?? null;
    const name = this.translated(milestone ? 'planning.newTask.milestoneName' : 'planning.newTask.taskName');
    const lotId = this.lotId() === NO_LOT ? null : this.lotId();
    const task: NewTask = after
      ? { name, duration: milestone ? 0 : 5, insertAfterTaskId: after.id, ...(lotId !== null ? { lotId } : {}) }
      : { name, duration: milestone ? 0 : 5, lotId, phaseId: [...plan.phases].sort((a, b) => a.position - b.position)[0]?.id ?? null };
    this.store.createTask(task, this.translated('planning.undoLabels.create', { name }), (created) => this.open(created.id));
  }

  protected addLink(): void {
    const plan = this.store.saved();
    if (!plan) return;
    const data: LinkDialogData = { tasks: plan.tasks, fromTaskId: this.selectedId() };
    this.dialog
      .open<LinkDialog, LinkDialogData, NewLink>(LinkDialog, { data })
      .afterClosed()
      .subscribe((link) => link && this.store.createLink(link));
  }

  protected addPhase(): void {
    const data: NameDialogData = {
      title: this.translated('planning.actions.addPhase'),
      label: this.translated('planning.newTask.phasePrompt'),
      value: this.translated('planning.newTask.phaseName'),
    };
    this.dialog
      .open<NameDialog, NameDialogData, string>(NameDialog, { data })
      .afterClosed()
      .subscribe((name) => name && this.store.createPhase(name));
  }

  // ---- structure ----

  protected openSettings(): void {
    if (!this.store.saved()) return;
    const data: StructureDialogData = { store: this.store, language: this.language.current() };
    this.dialog
      .open<PlanSettingsDialog, StructureDialogData, boolean>(PlanSettingsDialog, { data, maxWidth: '95vw', autoFocus: 'dialog' })
      .afterClosed()
      .subscribe((saved) => saved && this.notifier.success('planning.settings.saved'));
  }

  protected openLots(): void {
    if (!this.store.saved()) return;
    const data: StructureDialogData = { store: this.store, language: this.language.current() };
    this.dialog
      .open<LotsDialog, StructureDialogData>(LotsDialog, { data, maxWidth: '95vw', autoFocus: 'dialog' })
      .afterClosed()
      .subscribe(() => {
        // A deleted lot cannot stay the filter.
        if (this.lotId() !== NO_LOT && !this.store.saved()?.lots.some((lot) => lot.id === this.lotId())) this.lotId.set(null);
      });
  }

  protected openPhases(phaseId: string | null = null): void {
    if (!this.store.saved()) return;
    const data: PhasesDialogData = { store: this.store, language: this.language.current(), phaseId };
    this.dialog.open<PhasesDialog, PhasesDialogData>(PhasesDialog, { data, maxWidth: '95vw', autoFocus: 'dialog' });
  }

  protected freezeBaseline(): void {
    const data: NameDialogData = {
      title: this.translated('planning.baseline.create'),
      label: this.translated('planning.baseline.createPrompt'),
      value: `COPIL ${new Intl.DateTimeFormat(this.language.current(), { month: 'long', year: 'numeric' }).format(new Date())}`,
    };
    this.dialog
      .open<NameDialog, NameDialogData, string>(NameDialog, { data })
      .afterClosed()
      .subscribe((name) => name && this.store.freezeBaseline(name));
  }

  protected showTrend(): void {
    const trend = this.store.trend() ?? { baselines: [], milestones: [] };
    this.dialog.open<TrendDialog, TrendDialogData>(TrendDialog, {
      data: { trend, language: this.language.current() },
      width: '820px',
      maxWidth: '95vw',
    });
  }

  protected showAlert(alert: PlanAlert): void {
    const first = alert.taskIds[0];
    if (!first) return;
    const task = this.store.plan()?.tasks.find((candidate) => candidate.id === first);
    this.collapsed.set(new Set());
    this.selectedId.set(first);
    if (task) this.gantt()?.scrollToDate(task.start);
  }

  // ---- scroll, keys, print ----

  protected onTableScroll(top: number): void {
    this.gantt()?.scrollTo(top);
  }

  protected onGanttScroll(top: number): void {
    this.table()?.scrollTo(top);
  }

  protected today(): void {
    this.gantt()?.scrollToToday(true);
  }

  protected startResize(event: MouseEvent): void {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = this.tableWidth();
    const move = (e: MouseEvent) => this.draggedWidth.set(Math.max(240, Math.min(1100, startWidth + e.clientX - startX)));
    const up = () => {
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', up);
    };
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (event.key === 'Escape' && this.panelTaskId() && !target?.closest('.cdk-overlay-container')) {
      this.panelTaskId.set(null);
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || !this.store.canEdit()) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      this.store.undo();
    } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
      event.preventDefault();
      this.store.redo();
    }
  }

  protected print(): void {
    this.beforePrint();
    window.print();
  }

  /**
   * The COPIL copy: every row, at the month scale. The DOM must be ready before the browser
   * lays out the printed page, so change detection runs now rather than on the next frame.
   */
  protected beforePrint(): void {
    if (this.printing()) return;
    this.printing.set(true);
    this.viewBeforePrint = this.view();
    this.view.set('Month');
    this.appRef.tick();
  }

  protected afterPrint(): void {
    this.printing.set(false);
    if (this.viewBeforePrint) this.view.set(this.viewBeforePrint);
    this.viewBeforePrint = null;
  }

  /** Shows or hides one optional column; from then on the choice is the user's, remembered here. */
  protected toggleColumn(column: TableColumn): void {
    const next = new Set(this.hiddenColumns());
    if (next.has(column)) next.delete(column);
    else next.add(column);
    this.chosenHidden.set(next);
    this.draggedWidth.set(null);
    try {
      localStorage.setItem(HIDDEN_KEY, JSON.stringify([...next]));
    } catch {
      // Without storage the choice lasts for this page only.
    }
  }

  protected setView(view: GanttView): void {
    this.view.set(view);
  }
}

function signed(days: number): string {
  return days > 0 ? `+${days}` : String(days);
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

function readStoredView(): GanttView {
  try {
    const stored = localStorage.getItem(VIEW_KEY);
    return (GANTT_VIEWS as readonly string[]).includes(stored ?? '') ? (stored as GanttView) : 'Week';
  } catch {
    return 'Week';
  }
}
