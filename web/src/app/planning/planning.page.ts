import { DatePipe } from '@angular/common';
import { CalendarDatePipe } from '../core/calendar-date.pipe';
import {
  ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterEveryRender,
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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { TaskDto } from '@jalon/domain';
import { LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { Notifier } from '../shared/notifier';
import { GANTT_VIEWS, GanttChart, type GanttLabels, type GanttView } from './gantt-chart';
import type { LinkEdit, TaskFields } from './plan-edit';
import { planNotices, type PlanAlert } from './plan-notices';
import { riskMarker } from './plan-risks';
import { buildRows, NO_LOT, NO_PHASE, refreshRows, type PlanRow } from './plan-rows';
import type { NewLink, NewTask } from './planning-api';
import { PlanningDialogLauncher } from './planning-dialog-launcher';
import { DragController } from './planning-drag';
import { PrintLayout } from './planning-print';
import { PrintPlan } from './print-plan';
import { handleShortcut } from './planning-shortcuts';
import { PlanningStore } from './planning-store';
import { slippageByTask } from './slippage';
import { NoGoBanner } from './no-go-banner';
import { SplitPane } from './split-pane';
import { TaskPanel } from './task-panel';
import { TaskTable, type CellEdit, type TaskNotice } from './task-table';

const VIEW_KEY = 'jalon.planning.view';

/** The retroplanning: task table and Gantt side by side, the task panel on demand. */
@Component({
  selector: 'jalon-planning-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [PlanningStore, PlanningDialogLauncher],
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
    NoGoBanner,
    PrintPlan,
  ],
  templateUrl: './planning.page.html',
  styleUrl: './planning.page.scss',
  host: { '(document:keydown)': 'onKeydown($event)', '(window:beforeprint)': 'printLayout.before()', '(window:afterprint)': 'printLayout.after()' },
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
  private readonly notifier = inject(Notifier);

  protected readonly views = GANTT_VIEWS;
  protected readonly view = signal<GanttView>(readStoredView());
  protected readonly lotId = signal<string | null>(null);
  protected readonly noLot = NO_LOT;
  protected readonly collapsed = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedId = signal<string | null>(null);
  protected readonly panelTaskId = signal<string | null>(null);
  protected readonly pane = new SplitPane({
    withSlippage: () => !!this.store.comparison(),
    naturalWidth: () => this.table()?.naturalWidth(),
  });
  protected readonly drag = new DragController({
    store: this.store,
    gantt: () => this.gantt(),
    notifier: this.notifier,
    translate: (key, params) => this.translated(key, params),
    language: () => this.language.current(),
  });
  protected readonly printLayout = new PrintLayout(inject(ApplicationRef));
  private readonly launcher = inject(PlanningDialogLauncher);

  private readonly gantt = viewChild(GanttChart);
  private readonly table = viewChild(TaskTable);
  private readonly splitElement = viewChild<ElementRef<HTMLElement>>('split');

  private readonly rowOptions = computed(() => ({
    lotId: this.lotId(),
    collapsed: this.collapsed(),
    noPhaseLabel: this.translated('planning.noPhase'),
  }));
  protected readonly rows = computed<PlanRow[]>(() => {
    const plan = this.store.plan();
    return plan ? buildRows(plan, this.rowOptions()) : [];
  });
  /** While a bar is dragged, the rows with the previewed dates (only the rows that moved are new). */
  protected readonly tableRows = computed<PlanRow[]>(() => {
    const preview = this.drag.plan();
    const plan = this.store.plan();
    return preview && plan ? refreshRows(this.rows(), plan, preview, this.rowOptions()) : this.rows();
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
  /** The table's risk markers: tasks carrying an open élevé / critique risk, labelled « Risque élevé : R-003 ». */
  protected readonly riskMarkers = computed(() => {
    const markers = new Map<string, { band: 'high' | 'critical'; label: string }>();
    this.language.current();
    for (const [taskId, risks] of this.store.taskRisks()) {
      const marker = riskMarker(risks);
      if (!marker) continue;
      const band = marker.band === 'critical' ? 'critical' : 'high';
      markers.set(taskId, { band, label: this.translated(`planning.risks.marker.${band}`, { references: marker.references.join(', ') }) });
    }
    return markers;
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
    // The chart scrolls (frappe-gantt draws its own scrolling container): keyboard users must reach
    // it to scroll it (WCAG 2.1.1), and a screen reader names it. Checked after each render, as
    // frappe replaces the container when the chart is redrawn.
    const pageElement = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    afterEveryRender(() => {
      const container = pageElement.querySelector<HTMLElement>('.gantt-container:not([tabindex])');
      if (!container) return;
      container.tabIndex = 0;
      container.setAttribute('role', 'region');
      container.setAttribute('aria-label', this.translated('planning.chartLabel'));
    });
    const destroyRef = inject(DestroyRef);
    effect(() => {
      const element = this.splitElement()?.nativeElement;
      if (element) untracked(() => this.pane.observe(element, destroyRef));
    });
  }

  private translated(key: string, params?: Record<string, unknown>): string {
    this.language.current();
    return this.translate.instant(key, params) as string;
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

  /** Asks before deleting (reconnect the neighbours, on by default); the deletion is undoable. */
  protected async onDelete(): Promise<void> {
    const task = this.panelTask();
    if (!task) return;
    const answer = await this.launcher.confirmDelete(task);
    if (!answer) return;
    this.store.deleteTask(task.id, answer.reconnect, this.translated('planning.undoLabels.delete', { name: task.name }), () => {
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
    this.launcher.link(this.selectedId());
  }

  protected addPhase(): void {
    this.launcher.phase();
  }

  // ---- structure ----

  protected openSettings(): void {
    this.launcher.settings();
  }

  protected openLots(): void {
    // A deleted lot cannot stay the filter.
    this.launcher.lots(() => {
      if (this.lotId() !== NO_LOT && !this.store.saved()?.lots.some((lot) => lot.id === this.lotId())) this.lotId.set(null);
    });
  }

  protected openPhases(phaseId: string | null = null): void {
    this.launcher.phases(phaseId);
  }

  protected freezeBaseline(): void {
    this.launcher.freezeBaseline();
  }

  protected showTrend(): void {
    this.launcher.trend();
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

  protected onKeydown(event: KeyboardEvent): void {
    handleShortcut(event, {
      panelOpen: () => !!this.panelTaskId(),
      closePanel: () => this.panelTaskId.set(null),
      canEdit: () => this.store.canEdit(),
      undo: () => this.store.undo(),
      redo: () => this.store.redo(),
    });
  }

  protected setView(view: GanttView): void {
    this.view.set(view);
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
