import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  ViewEncapsulation,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import type { RetroPlanningDto } from '@jalon/domain';
import type { WorkingCalendar } from '@jalon/planning';
import Gantt, { type FrappeBar, type FrappeOptions, type FrappeTask, type FrappeViewMode } from 'frappe-gantt';
import type { DragGesture } from './drag-mapping';
import { calendarDaysBetween, formatLocalDate, parseLocalDate, widthOfDays, xOf, type GanttScale } from './gantt-geometry';
import { PHASE_ROW_PREFIX, toGanttTasks, type PlanRow } from './plan-rows';
import type { SlippageCell } from './slippage';

export const GANTT_VIEWS = ['Day', 'Week', 'Month'] as const;
export type GanttView = (typeof GANTT_VIEWS)[number];

/** Row geometry shared with the task table so that both sides line up. */
export const GANTT_BAR_HEIGHT = 20;
export const GANTT_PADDING = 12;
export const GANTT_ROW_HEIGHT = GANTT_BAR_HEIGHT + GANTT_PADDING;
const UPPER_HEADER = 26;
const LOWER_HEADER = 24;
export const GANTT_HEADER_HEIGHT = UPPER_HEADER + LOWER_HEADER + 10;

/**
 * frappe-gantt draws every row it is given, and at a thousand rows that takes seconds
 * (bench/gantt-render.bench.mjs). It is given the rows in view plus this many above and below;
 * the SVG is shifted down to where those rows belong and a spacer keeps the full scroll height.
 */
const OVERSCAN_ROWS = 15;

const COLUMN_WIDTHS: Record<GanttView, number> = { Day: 30, Week: 112, Month: 120 };

export interface GanttLabels {
  goLive: string;
  today: string;
  days: string;
  float: string;
  baseline: string;
}

interface FrappeInternals {
  layers: Record<'grid' | 'arrow' | 'progress' | 'bar', SVGGElement>;
  set_scroll_position(date: unknown): void;
  setup_tasks(tasks: FrappeTask[]): void;
  grid_height: number;
}
interface BarInternals {
  compute_x(): void;
  compute_duration(): void;
  duration: number;
  update_progressbar_position(): void;
  update_handle_position(): void;
}

function viewModes(first: GanttView): FrappeViewMode[] {
  const modes: Record<GanttView, FrappeViewMode> = {
    Day: { ...Gantt.VIEW_MODE.DAY, column_width: COLUMN_WIDTHS.Day, padding: ['14d', '14d'] },
    Week: { ...Gantt.VIEW_MODE.WEEK, column_width: COLUMN_WIDTHS.Week, padding: ['1m', '1m'] },
    Month: { ...Gantt.VIEW_MODE.MONTH, column_width: COLUMN_WIDTHS.Month, padding: ['1m', '1m'], snap_at: '1d' },
  };
  // frappe-gantt starts on the first mode it is given.
  return [first, ...GANTT_VIEWS.filter((view) => view !== first)].map((view) => modes[view]);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * frappe-gantt behind a small Angular surface: rows in, gestures out. The chart never saves
 * anything; the page turns a gesture into an edit, previews it with the engine and hands the
 * previewed plan back through `preview()` while the mouse is still down.
 */
@Component({
  selector: 'jalon-gantt-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: `<div class="jg-host" #host data-testid="gantt"></div>`,
  styleUrls: ['./frappe-gantt.scss', './gantt-chart.scss'],
  host: { '[class.jg-readonly]': '!canEdit()' },
})
export class GanttChart {
  readonly rows = input.required<readonly PlanRow[]>();
  readonly plan = input.required<RetroPlanningDto>();
  readonly calendar = input.required<WorkingCalendar>();
  readonly view = input<GanttView>('Week');
  readonly canEdit = input(false);
  readonly language = input<string>('fr');
  readonly baseline = input<ReadonlyMap<string, SlippageCell>>(new Map());
  readonly goLive = input<string | null>(null);
  readonly height = input(560);
  readonly labels = input.required<GanttLabels>();
  readonly selectedId = input<string | null>(null);
  /** Draws every row, for the printed COPIL copy. */
  readonly printing = input(false);

  /** While dragging, at most once per frame. */
  readonly gesture = output<DragGesture>();
  /** On drop. */
  readonly gestureEnd = output<DragGesture>();
  readonly opened = output<string>();
  readonly scrolled = output<number>();

  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('host');
  private gantt: Gantt | null = null;
  private renderedView: GanttView | null = null;
  private renderedEdit: boolean | null = null;
  private renderedLanguage: string | null = null;
  private drag: { id: string; start: string; finish: string; last: DragGesture | null; moved: boolean } | null = null;
  private pendingFrame = 0;
  private ready = false;
  /** The rows frappe-gantt currently draws: [first, first + count). */
  private window = { first: 0, count: 0 };
  private windowFrame = 0;
  private suppressClickUntil = 0;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      this.ready = true;
      this.render();
    });
    effect(() => {
      this.rows();
      this.plan();
      this.view();
      this.canEdit();
      this.language();
      this.baseline();
      this.goLive();
      this.labels();
      this.printing();
      if (this.ready) untracked(() => this.render());
    });
    effect(() => {
      const height = this.height();
      untracked(() => this.gantt?.$container.style.setProperty('--gv-grid-height', `${height}px`));
    });
    effect(() => {
      const id = this.selectedId();
      untracked(() => this.markSelected(id));
    });
    const onMouseUp = () => this.endDrag();
    document.addEventListener('mouseup', onMouseUp);
    destroyRef.onDestroy(() => {
      document.removeEventListener('mouseup', onMouseUp);
      cancelAnimationFrame(this.pendingFrame);
      cancelAnimationFrame(this.windowFrame);
      this.gantt?.clear();
    });
  }

  /** The vertical scroll, kept in step with the table. */
  scrollTo(top: number): void {
    const container = this.gantt?.$container;
    if (container && Math.abs(container.scrollTop - top) > 1) container.scrollTop = top;
  }

  /** Draws the saved plan again, e.g. after a drop that changed nothing. */
  redraw(): void {
    this.render();
  }

  scrollToToday(smooth = false): void {
    const gantt = this.gantt;
    if (!gantt) return;
    const x = xOf(this.scale(gantt), formatLocalDate(new Date()));
    gantt.$container.scrollTo({ left: Math.max(0, x - gantt.$container.clientWidth / 4), behavior: smooth ? 'smooth' : 'instant' });
  }

  scrollToDate(date: string): void {
    const gantt = this.gantt;
    if (!gantt) return;
    const x = xOf(this.scale(gantt), date);
    gantt.$container.scrollTo({ left: Math.max(0, x - gantt.$container.clientWidth / 3), behavior: 'smooth' });
  }

  /** Moves the bars to a previewed plan without redrawing the chart. */
  preview(plan: RetroPlanningDto, draggedId: string | null): void {
    const gantt = this.gantt;
    if (!gantt) return;
    const tasks = new Map(plan.tasks.map((task) => [task.id, task]));
    const phases = new Map<string, { start: string; finish: string }>();
    for (const task of plan.tasks) {
      const key = PHASE_ROW_PREFIX + (task.phaseId ?? 'none');
      const span = phases.get(key);
      if (!span) phases.set(key, { start: task.start, finish: task.finish });
      else {
        if (task.start < span.start) span.start = task.start;
        if (task.finish > span.finish) span.finish = task.finish;
      }
    }
    for (const bar of gantt.bars) {
      if (bar.task.id === draggedId) continue;
      const dates = tasks.get(bar.task.id) ?? phases.get(bar.task.id);
      if (!dates) continue;
      const start = parseLocalDate(dates.start);
      const end = parseLocalDate(dates.finish);
      end.setDate(end.getDate() + 1);
      if (bar.task._start?.getTime() === start.getTime() && bar.task._end?.getTime() === end.getTime()) continue;
      this.moveBar(bar, start, end);
    }
  }

  private moveBar(bar: FrappeBar, start: Date, end: Date): void {
    const internals = bar as unknown as BarInternals;
    bar.task._start = start;
    bar.task._end = end;
    internals.compute_x();
    internals.compute_duration();
    const width = (this.gantt?.config.column_width ?? 0) * internals.duration;
    bar.$bar.setAttribute('x', String(bar.x));
    bar.$bar.setAttribute('width', String(width));
    if (bar.$bar_progress) internals.update_progressbar_position();
    bar.update_label_position();
    if (this.canEdit()) internals.update_handle_position();
    bar.update_arrow_position();
  }

  private render(): void {
    const element = this.host().nativeElement;
    const rows = this.rows();
    const plan = this.plan();
    const view = this.view();
    this.window = this.windowAt(this.gantt?.$container.scrollTop ?? 0);
    const tasks = this.windowTasks(rows, plan);
    if (!this.gantt || this.renderedEdit !== this.canEdit() || this.renderedLanguage !== this.language()) {
      const keep = this.gantt ? { left: this.gantt.$container.scrollLeft, top: this.gantt.$container.scrollTop } : null;
      element.innerHTML = '';
      this.gantt = new Gantt(element, tasks, this.options(view));
      this.renderedView = view;
      this.renderedEdit = this.canEdit();
      this.renderedLanguage = this.language();
      this.bindContainer();
      if (keep) this.restoreScroll(keep);
      else this.scrollToToday();
    } else {
      const gantt = this.gantt;
      const keep = { left: gantt.$container.scrollLeft, top: gantt.$container.scrollTop };
      const internals = gantt as unknown as FrappeInternals;
      // refresh() and change_view_mode() scroll back to "today": keep the user's place instead.
      internals.set_scroll_position = () => undefined;
      try {
        if (this.renderedView !== view) {
          internals.setup_tasks(tasks);
          gantt.change_view_mode(view);
        } else {
          gantt.refresh(tasks);
        }
      } finally {
        delete (internals as Partial<FrappeInternals>).set_scroll_position;
      }
      if (this.renderedView !== view) {
        this.renderedView = view;
        gantt.$container.scrollTop = keep.top;
        this.scrollToToday();
      } else {
        this.restoreScroll(keep);
      }
    }
    this.decorate();
  }

  private windowAt(scrollTop: number): { first: number; count: number } {
    const total = this.rows().length;
    const count = Math.ceil(this.height() / GANTT_ROW_HEIGHT) + 2 * OVERSCAN_ROWS;
    if (total <= count || this.printing()) return { first: 0, count: total };
    const first = Math.max(0, Math.min(total - count, Math.floor(scrollTop / GANTT_ROW_HEIGHT) - OVERSCAN_ROWS));
    return { first, count };
  }

  /**
   * The rows in the window, then two hidden bars spanning the whole plan so that the time axis
   * does not change as the window moves.
   */
  private windowTasks(rows: readonly PlanRow[], plan: RetroPlanningDto): FrappeTask[] {
    const { first, count } = this.window;
    const tasks = toGanttTasks(rows.slice(first, first + count), plan, plan.settings.targetGoLive);
    let start = plan.projectStart ?? plan.settings.targetGoLive;
    let finish = plan.projectFinish ?? plan.settings.targetGoLive;
    for (const task of plan.tasks) {
      if (task.start && task.start < start) start = task.start;
      if (task.finish && task.finish > finish) finish = task.finish;
    }
    const goLive = this.goLive();
    if (goLive && goLive > finish) finish = goLive;
    tasks.push(
      { id: 'range:start', name: '', start, end: start, custom_class: 'jg-range', dependencies: [] },
      { id: 'range:finish', name: '', start: finish, end: finish, custom_class: 'jg-range', dependencies: [] },
    );
    return tasks;
  }

  /** Redraws with another window once the user scrolls near the edge of the drawn rows. */
  private followScroll(): void {
    const container = this.gantt?.$container;
    if (!container || this.drag || this.windowFrame) return;
    const total = this.rows().length;
    const { first, count } = this.window;
    if (count >= total) return;
    const top = Math.floor(container.scrollTop / GANTT_ROW_HEIGHT);
    const bottom = Math.ceil((container.scrollTop + this.height()) / GANTT_ROW_HEIGHT);
    const margin = OVERSCAN_ROWS / 3;
    const needed = (first > 0 && top < first + margin) || (first + count < total && bottom > first + count - margin);
    if (!needed) return;
    this.windowFrame = requestAnimationFrame(() => {
      this.windowFrame = 0;
      this.render();
    });
  }

  private restoreScroll(position: { left: number; top: number }): void {
    const container = this.gantt?.$container;
    if (!container) return;
    container.scrollLeft = position.left;
    container.scrollTop = position.top;
  }

  private options(view: GanttView): FrappeOptions {
    const readonly = !this.canEdit();
    return {
      view_modes: viewModes(view),
      bar_height: GANTT_BAR_HEIGHT,
      padding: GANTT_PADDING,
      upper_header_height: UPPER_HEADER,
      lower_header_height: LOWER_HEADER,
      container_height: this.height(),
      bar_corner_radius: 3,
      arrow_curve: 4,
      infinite_padding: false,
      move_dependencies: false,
      today_button: false,
      view_mode_select: false,
      scroll_to: 'today',
      language: this.language(),
      readonly,
      readonly_dates: readonly,
      readonly_progress: readonly,
      lines: 'both',
      // Non-working days are shaded by decorate(): frappe-gantt's own shading formats every day
      // of the range with a new Intl.DateTimeFormat, the costliest part of its render.
      holidays: {},
      popup_on: 'hover',
      popup: (context) => this.popup(context.task.id, context),
      on_date_change: (task, start, end) => this.onDateChange(task, start, end),
      on_progress_change: (task, progress) => {
        if (task.id.startsWith(PHASE_ROW_PREFIX)) return;
        this.suppressClickUntil = Date.now() + 400;
        this.gestureEnd.emit({ kind: 'progress', taskId: task.id, progress });
      },
      on_click: (task) => {
        if (Date.now() < this.suppressClickUntil || task.id.startsWith(PHASE_ROW_PREFIX)) return;
        this.opened.emit(task.id);
      },
    };
  }

  private popup(id: string, context: { set_title(html: string): void; set_subtitle(html: string): void; set_details(html: string): void }): false | void {
    if (this.drag) return false;
    const task = this.plan().tasks.find((candidate) => candidate.id === id);
    if (!task) return false;
    const labels = this.labels();
    const format = new Intl.DateTimeFormat(this.language(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const date = (iso: string) => format.format(new Date(`${iso}T00:00:00Z`));
    context.set_title(escapeHtml(task.name));
    context.set_subtitle(escapeHtml(task.ownerName));
    const when = task.isMilestone ? date(task.finish) : `${date(task.start)} → ${date(task.finish)} · ${task.duration} ${labels.days}`;
    const baseline = this.baseline().get(task.id);
    context.set_details(
      `${when}<br/>${labels.float} : ${task.totalFloat} ${labels.days}` +
        (baseline && baseline.days !== null ? `<br/>${labels.baseline} : ${baseline.text}` : ''),
    );
  }

  private bindContainer(): void {
    const gantt = this.gantt;
    if (!gantt) return;
    const container = gantt.$container;
    container.addEventListener(
      'scroll',
      () => {
        this.scrolled.emit(container.scrollTop);
        this.followScroll();
      },
      { passive: true },
    );
    container.addEventListener(
      'mousedown',
      (event) => {
        const wrapper = (event.target as Element).closest('.bar-wrapper');
        const id = wrapper?.getAttribute('data-id') ?? null;
        if (!id || id.startsWith(PHASE_ROW_PREFIX) || !this.canEdit()) {
          this.drag = null;
          return;
        }
        const task = this.plan().tasks.find((candidate) => candidate.id === id);
        this.drag = task ? { id, start: task.start, finish: task.finish, last: null, moved: false } : null;
      },
      true,
    );
  }

  private onDateChange(task: FrappeTask, start: Date, end: Date): void {
    const drag = this.drag;
    if (!drag || task.id !== drag.id) return;
    const newStart = formatLocalDate(start);
    const newFinish = formatLocalDate(end);
    const startShift = calendarDaysBetween(drag.start, newStart);
    const finishShift = calendarDaysBetween(drag.finish, newFinish);
    drag.moved = true;
    drag.last =
      startShift === finishShift
        ? { kind: 'move', taskId: drag.id, start: newStart }
        : { kind: 'resize', taskId: drag.id, start: newStart, finish: newFinish };
    if (this.pendingFrame) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      if (this.drag?.last) this.gesture.emit(this.drag.last);
    });
  }

  private endDrag(): void {
    const drag = this.drag;
    this.drag = null;
    if (!drag?.moved || !drag.last) return;
    cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
    this.suppressClickUntil = Date.now() + 400;
    this.gestureEnd.emit(drag.last);
  }

  private scale(gantt: Gantt): GanttScale {
    return { start: gantt.gantt_start, unit: gantt.config.unit, step: gantt.config.step, columnWidth: gantt.config.column_width };
  }

  /** One rectangle per run of non-working days (a weekend, a bridge), under the bars. */
  private shadeNonWorkingDays(gantt: Gantt, scale: GanttScale): void {
    if (this.renderedView === 'Month') return;
    const calendar = this.calendar();
    const internals = gantt as unknown as FrappeInternals;
    const svgNs = 'http://www.w3.org/2000/svg';
    const group = document.createElementNS(svgNs, 'g');
    group.setAttribute('class', 'jg-nonworking');
    const top = gantt.config.header_height;
    const height = Math.max(0, internals.grid_height - top);
    const day = new Date(gantt.gantt_start);
    let runStart: string | null = null;
    let runLength = 0;
    const flush = () => {
      if (!runStart) return;
      const rect = document.createElementNS(svgNs, 'rect');
      rect.setAttribute('x', String(xOf(scale, runStart)));
      rect.setAttribute('y', String(top));
      rect.setAttribute('width', String(widthOfDays(scale, runLength)));
      rect.setAttribute('height', String(height));
      group.appendChild(rect);
      runStart = null;
      runLength = 0;
    };
    while (day <= gantt.gantt_end) {
      const iso = formatLocalDate(day);
      if (calendar.isWorkingDay(iso)) flush();
      else {
        runStart ??= iso;
        runLength++;
      }
      day.setDate(day.getDate() + 1);
    }
    flush();
    internals.layers.grid.appendChild(group);
  }

  private markSelected(id: string | null): void {
    const gantt = this.gantt;
    if (!gantt) return;
    for (const bar of gantt.bars) bar.group.classList.toggle('jg-selected', bar.task.id === id);
  }

  /** What frappe-gantt does not draw: baseline ghost bars, the go-live marker, non-bar rows. */
  private decorate(): void {
    const gantt = this.gantt;
    if (!gantt) return;
    const internals = gantt as unknown as FrappeInternals;
    const scale = this.scale(gantt);
    const svgNs = 'http://www.w3.org/2000/svg';
    this.host().nativeElement.style.setProperty('--jg-day-width', `${widthOfDays(scale, 1)}px`);
    const shift = this.window.first * GANTT_ROW_HEIGHT;
    gantt.$svg.style.transform = shift ? `translateY(${shift}px)` : '';
    let spacer = gantt.$container.querySelector<HTMLDivElement>('.jg-spacer');
    if (!spacer) {
      spacer = document.createElement('div');
      spacer.className = 'jg-spacer';
      gantt.$container.appendChild(spacer);
    }
    const fullHeight = `${gantt.config.header_height + (this.rows().length + 2) * GANTT_ROW_HEIGHT + GANTT_PADDING}px`;
    spacer.style.height = fullHeight;
    this.host().nativeElement.style.setProperty('--jg-full-height', fullHeight);
    const todayLine = gantt.$container.querySelector<HTMLElement>('.current-highlight');
    if (todayLine) {
      todayLine.style.top = `${gantt.config.header_height + shift}px`;
    }
    const layer = document.createElementNS(svgNs, 'g');
    layer.setAttribute('class', 'jg-decorations');
    const baseline = this.baseline();
    const top = gantt.config.header_height;
    for (const bar of gantt.bars) {
      const cell = baseline.get(bar.task.id);
      if (!cell?.referenceStart || !cell.referenceFinish) continue;
      const x = xOf(scale, cell.referenceStart);
      const width = Math.max(widthOfDays(scale, calendarDaysBetween(cell.referenceStart, cell.referenceFinish) + 1), 3);
      const ghost = document.createElementNS(svgNs, 'rect');
      ghost.setAttribute('class', 'jg-ghost');
      ghost.setAttribute('x', String(x));
      ghost.setAttribute('y', String(top + (bar.task._index ?? 0) * GANTT_ROW_HEIGHT + GANTT_PADDING / 2 + GANTT_BAR_HEIGHT + 1));
      ghost.setAttribute('width', String(width));
      ghost.setAttribute('height', '4');
      ghost.setAttribute('rx', '1');
      layer.appendChild(ghost);
    }
    const goLive = this.goLive();
    gantt.$container.querySelector('.jg-golive-flag')?.remove();
    if (goLive) {
      const x = xOf(scale, goLive) + widthOfDays(scale, 1);
      const line = document.createElementNS(svgNs, 'line');
      line.setAttribute('class', 'jg-golive');
      line.setAttribute('x1', String(x));
      line.setAttribute('x2', String(x));
      line.setAttribute('y1', String(top));
      line.setAttribute('y2', String(internals.grid_height));
      layer.appendChild(line);
      const flag = document.createElement('div');
      flag.className = 'jg-golive-flag';
      flag.dataset['testid'] = 'go-live-marker';
      flag.textContent = this.labels().goLive;
      flag.style.left = `${x}px`;
      flag.style.top = `${top + shift + 2}px`;
      gantt.$container.appendChild(flag);
    }
    gantt.$svg.insertBefore(layer, internals.layers.arrow);
    this.shadeNonWorkingDays(gantt, scale);
    this.markSelected(this.selectedId());
  }
}
