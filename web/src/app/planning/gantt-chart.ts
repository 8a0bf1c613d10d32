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
import { TranslateService } from '@ngx-translate/core';
import type { RetroPlanningDto, TaskDto } from '@jalon/domain';
import type { WorkingCalendar } from '@jalon/planning';
import Gantt, { type FrappePopupContext } from 'frappe-gantt';
import type { DragGesture } from './drag-mapping';
import { decorate, hideDragHint, showDragHint } from './gantt-decorations';
import { GanttDragCapture, type ActiveDrag } from './gantt-drag';
import { afterDraw, frappeOptions, moveBars, redrawInPlace, safeTasks, scaleOf, type GanttView, type ViewTexts } from './gantt-frappe';
import { dayMonth, formatLocalDate, parseLocalDate, widthOfDays, xOf } from './gantt-geometry';
import { fillPopup } from './gantt-popup';
import { needsAnotherWindow, rangeTasks, windowAt, type RowWindow } from './gantt-window';
import { PHASE_ROW_PREFIX, toGanttTasks, type PlanRow } from './plan-rows';
import type { SlippageCell } from './slippage';

export { GANTT_BAR_HEIGHT, GANTT_HEADER_HEIGHT, GANTT_PADDING, GANTT_ROW_HEIGHT, GANTT_VIEWS, type GanttView } from './gantt-frappe';

export interface GanttLabels {
  goLive: string;
  today: string;
  days: string;
  float: string;
  baseline: string;
}

interface Dates {
  start: string;
  finish: string;
}

/**
 * frappe-gantt behind a small Angular surface: rows in, gestures out. The chart never saves
 * anything; the page turns a gesture into an edit, previews it with the engine and hands the
 * previewed plan back through `preview()` while the mouse is still down, and the chart puts every
 * bar there, the dragged one included.
 *
 * The jobs live in their own files: the frappe-gantt adapter (`gantt-frappe.ts`), the virtual
 * window (`gantt-window.ts`), drag capture (`gantt-drag.ts`), decorations (`gantt-decorations.ts`)
 * and the popup (`gantt-popup.ts`).
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

  /**
   * While dragging, at most once per frame. The page previews it with the engine and calls
   * `preview()`; a gesture back to the bar's own dates means "nothing changes".
   */
  readonly gesture = output<DragGesture>();
  /** On release after a drag (a gesture back to the bar's own dates when it was put back). */
  readonly gestureEnd = output<DragGesture>();
  readonly opened = output<string>();
  readonly scrolled = output<number>();

  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('host');
  private readonly translate = inject(TranslateService);
  private gantt: Gantt | null = null;
  private drags: GanttDragCapture | null = null;
  private renderedView: GanttView | null = null;
  private renderedEdit: boolean | null = null;
  private renderedLanguage: string | null = null;
  private ready = false;
  private window: RowWindow = { first: 0, count: 0 };
  private windowFrame = 0;
  private suppressClickUntil = 0;
  private tasksById = new Map<string, TaskDto>();

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
    destroyRef.onDestroy(() => {
      this.drags?.destroy();
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
    const x = xOf(scaleOf(gantt), formatLocalDate(new Date()));
    gantt.$container.scrollTo({ left: Math.max(0, x - gantt.$container.clientWidth / 4), behavior: smooth ? 'smooth' : 'instant' });
  }

  scrollToDate(date: string): void {
    const gantt = this.gantt;
    if (!gantt) return;
    const x = xOf(scaleOf(gantt), date);
    gantt.$container.scrollTo({ left: Math.max(0, x - gantt.$container.clientWidth / 3), behavior: 'smooth' });
  }

  /**
   * Moves the bars to a previewed plan without redrawing the chart: every bar, the dragged one
   * too, stands where the engine puts it, which is where the save will put it.
   */
  preview(plan: RetroPlanningDto, draggedId: string | null): void {
    const gantt = this.gantt;
    if (!gantt) return;
    const drawn = new Set(gantt.bars.map((bar) => bar.task.id));
    const dates = new Map<string, Dates>();
    for (const task of plan.tasks) {
      if (drawn.has(task.id)) dates.set(task.id, { start: task.start, finish: task.finish });
      const key = PHASE_ROW_PREFIX + (task.phaseId ?? 'none');
      if (!drawn.has(key)) continue;
      const span = dates.get(key);
      if (!span) dates.set(key, { start: task.start, finish: task.finish });
      else {
        if (task.start < span.start) span.start = task.start;
        if (task.finish > span.finish) span.finish = task.finish;
      }
    }
    const moves = [];
    for (const bar of gantt.bars) {
      const span = dates.get(bar.task.id);
      if (!span) continue;
      const start = parseLocalDate(span.start);
      const end = parseLocalDate(span.finish);
      end.setDate(end.getDate() + 1);
      if (bar.task._start?.getTime() === start.getTime() && bar.task._end?.getTime() === end.getTime()) continue;
      moves.push({ bar, start, end });
    }
    moveBars(gantt, moves, this.canEdit());
    const drag = this.drags?.active;
    if (drag && drag.id === draggedId) this.hint(plan, drag);
  }

  private hint(plan: RetroPlanningDto, drag: ActiveDrag): void {
    const gantt = this.gantt;
    const task = plan.tasks.find((candidate) => candidate.id === drag.id);
    if (!gantt || !task) return;
    const lines = [
      task.isMilestone || task.start === task.finish
        ? dayMonth(task.finish)
        : this.translate.instant('gantt.drag.dates', { start: dayMonth(task.start), finish: dayMonth(task.finish) }),
    ];
    const gesture = drag.last;
    if (gesture?.kind === 'resize') {
      // The end the mouse holds did not follow it: say which end the plan pins, and why.
      if (drag.mode === 'finish' && task.finish !== gesture.finish && plan.settings.mode === 'backward') {
        lines.push(this.translate.instant('gantt.drag.pinnedFinish'));
      } else if (drag.mode === 'start' && task.start !== gesture.start && plan.settings.mode === 'forward') {
        lines.push(this.translate.instant('gantt.drag.pinnedStart'));
      }
    }
    showDragHint(gantt, drag.id, lines);
  }

  private render(): void {
    const element = this.host().nativeElement;
    const view = this.view();
    this.tasksById = new Map(this.plan().tasks.map((task) => [task.id, task]));
    this.window = windowAt(this.gantt?.$container.scrollTop ?? 0, this.height(), this.rows().length);
    const tasks = this.windowTasks(view);
    // Scrolling reads the laid-out page: done last, after every change below, the page is laid out
    // once for the frame instead of once here and again for the changes made after.
    let scroll: () => void;
    if (!this.gantt || this.renderedEdit !== this.canEdit() || this.renderedLanguage !== this.language()) {
      const keep = this.gantt ? { left: this.gantt.$container.scrollLeft, top: this.gantt.$container.scrollTop } : null;
      this.drags?.destroy();
      this.gantt?.clear();
      element.replaceChildren();
      this.gantt = new Gantt(element, tasks, this.options(view));
      afterDraw(this.gantt);
      this.renderedView = view;
      this.renderedEdit = this.canEdit();
      this.renderedLanguage = this.language();
      this.bindContainer(this.gantt);
      scroll = keep ? () => this.restoreScroll(keep) : () => this.scrollToToday();
    } else {
      const gantt = this.gantt;
      const keep = { left: gantt.$container.scrollLeft, top: gantt.$container.scrollTop };
      const viewChanged = this.renderedView !== view;
      hideDragHint(gantt);
      redrawInPlace(gantt, tasks, viewChanged ? view : null);
      afterDraw(gantt);
      if (viewChanged) {
        this.renderedView = view;
        scroll = () => {
          gantt.$container.scrollTop = keep.top;
          this.scrollToToday();
        };
      } else {
        scroll = () => this.restoreScroll(keep);
      }
    }
    decorate(this.gantt, {
      host: element,
      view,
      window: this.window,
      totalRows: this.rows().length,
      calendar: this.calendar(),
      baseline: this.baseline(),
      goLive: this.goLive(),
      goLiveLabel: this.labels().goLive,
    });
    this.markSelected(this.selectedId());
    // Tells a reader (and the browser tests) which view the bars are drawn in, once they are.
    element.dataset['view'] = view;
    scroll();
  }

  /** The rows in the window, then the two hidden bars that keep the time axis still. */
  private windowTasks(view: GanttView) {
    const plan = this.plan();
    const { first, count } = this.window;
    const tasks = toGanttTasks(this.rows().slice(first, first + count), plan, plan.settings.targetGoLive);
    return safeTasks([...tasks, ...rangeTasks(plan, this.goLive(), view)]);
  }

  private viewTexts(): ViewTexts {
    return { language: this.language(), weekPrefix: this.translate.instant('gantt.weekPrefix') };
  }

  private options(view: GanttView) {
    return frappeOptions(view, this.viewTexts(), this.height(), this.canEdit(), {
      popup: (context: FrappePopupContext) => {
        if (this.drags?.active) return false;
        const task = this.tasksById.get(context.task.id);
        if (!task) return false;
        fillPopup(context, task, this.labels(), this.baseline().get(task.id));
        return undefined;
      },
      onProgress: (task, progress) => {
        if (task.id.startsWith(PHASE_ROW_PREFIX)) return;
        this.suppressClickUntil = Date.now() + 400;
        this.gestureEnd.emit({ kind: 'progress', taskId: task.id, progress });
      },
      onClick: (task) => {
        if (Date.now() < this.suppressClickUntil || task.id.startsWith(PHASE_ROW_PREFIX)) return;
        this.opened.emit(task.id);
      },
    });
  }

  private bindContainer(gantt: Gantt): void {
    const container = gantt.$container;
    container.addEventListener(
      'scroll',
      () => {
        this.scrolled.emit(container.scrollTop);
        this.followScroll();
      },
      { passive: true },
    );
    this.drags = new GanttDragCapture(container, {
      editable: () => this.canEdit(),
      task: (id) => this.tasksById.get(id),
      dayWidth: () => (this.gantt ? widthOfDays(scaleOf(this.gantt), 1) : 0),
      hidePopup: () => this.gantt?.hide_popup(),
      gesture: (gesture, drag) => {
        if (gesture) {
          this.gesture.emit(gesture);
          return;
        }
        // Back where it started: the saved plan, and nothing to say.
        this.preview(this.plan(), null);
        if (this.gantt) hideDragHint(this.gantt);
        this.gesture.emit(unchanged(drag));
      },
      ended: () => {
        this.suppressClickUntil = Date.now() + 400;
        if (this.gantt) hideDragHint(this.gantt);
      },
      drop: (gesture) => this.gestureEnd.emit(gesture),
      dropUnchanged: (drag) => {
        this.preview(this.plan(), null);
        this.gestureEnd.emit(unchanged(drag));
      },
    });
  }

  /** Redraws with another window once the user scrolls near the edge of the drawn rows. */
  private followScroll(): void {
    const container = this.gantt?.$container;
    if (!container || this.drags?.active || this.windowFrame) return;
    if (!needsAnotherWindow(this.window, container.scrollTop, this.height(), this.rows().length)) return;
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

  private markSelected(id: string | null): void {
    const gantt = this.gantt;
    if (!gantt) return;
    for (const bar of gantt.bars) bar.group.classList.toggle('jg-selected', bar.task.id === id);
  }
}

/** The gesture that changes nothing: the page previews the saved plan and saves nothing. */
function unchanged(drag: ActiveDrag): DragGesture {
  return drag.mode === 'move' ? { kind: 'move', taskId: drag.id, start: drag.start } : { kind: 'resize', taskId: drag.id, start: drag.start, finish: drag.finish };
}
