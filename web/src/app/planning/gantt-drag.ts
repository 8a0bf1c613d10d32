/**
 * Drag capture: moves and resizes of a bar are read here, from the mouse, and frappe-gantt never
 * sees them (its `mousemove` is stopped in the capture phase). frappe-gantt would move the bar
 * under the mouse, but a bar has no date of its own: in a backward plan a longer task keeps its
 * finish and starts earlier. So the chart only reports the gesture, and the bar moves when the
 * page hands back the plan the engine computed for it (`GanttChart.preview`), dragged bar
 * included: what is drawn while the mouse is down is what the save will do.
 *
 * The progress handle is left to frappe-gantt.
 */
import type { TaskDto } from '@jalon/domain';
import type { DragGesture } from './drag-mapping';
import { addCalendarDays } from './gantt-geometry';
import { PHASE_ROW_PREFIX } from './plan-rows';

export type DragMode = 'move' | 'start' | 'finish';

export interface ActiveDrag {
  id: string;
  mode: DragMode;
  start: string;
  finish: string;
  /** Page x (client x + horizontal scroll) where the mouse went down. */
  originX: number;
  last: DragGesture | null;
}

export interface DragHost {
  editable(): boolean;
  task(id: string): TaskDto | undefined;
  /** Pixels of one calendar day in the current view. */
  dayWidth(): number;
  /** The gesture while the mouse moves, at most once per frame; null when the bar is back where it was. */
  gesture(gesture: DragGesture | null, drag: ActiveDrag): void;
  /** On release, if the bar was moved to other dates. */
  drop(gesture: DragGesture): void;
  /** On release, if the mouse moved but brought the bar back to its own dates. */
  dropUnchanged(drag: ActiveDrag): void;
  /** On release after the mouse moved the bar, even back to where it was. */
  ended(): void;
  hidePopup(): void;
}

/** The gesture for a mouse `days` calendar days away from where it went down. */
export function gestureFor(drag: Pick<ActiveDrag, 'id' | 'mode' | 'start' | 'finish'>, days: number): DragGesture | null {
  if (days === 0) return null;
  switch (drag.mode) {
    case 'move':
      return { kind: 'move', taskId: drag.id, start: addCalendarDays(drag.start, days) };
    case 'finish': {
      const finish = addCalendarDays(drag.finish, days);
      return finish < drag.start ? null : { kind: 'resize', taskId: drag.id, start: drag.start, finish };
    }
    case 'start': {
      const start = addCalendarDays(drag.start, days);
      return start > drag.finish ? null : { kind: 'resize', taskId: drag.id, start, finish: drag.finish };
    }
  }
}

export class GanttDragCapture {
  private drag: ActiveDrag | null = null;
  private frame = 0;
  private days = 0;
  private moved = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: DragHost,
  ) {
    container.addEventListener('mousedown', this.onDown, true);
    container.addEventListener('mousemove', this.onMove, true);
    document.addEventListener('mouseup', this.onUp);
  }

  get active(): ActiveDrag | null {
    return this.drag;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.container.removeEventListener('mousedown', this.onDown, true);
    this.container.removeEventListener('mousemove', this.onMove, true);
    document.removeEventListener('mouseup', this.onUp);
  }

  private readonly onDown = (event: MouseEvent): void => {
    this.drag = null;
    if (event.button !== 0 || !this.host.editable()) return;
    const target = event.target as Element;
    const wrapper = target.closest('.bar-wrapper');
    const id = wrapper?.getAttribute('data-id') ?? null;
    if (!id || id.startsWith(PHASE_ROW_PREFIX) || target.classList.contains('progress')) return;
    const task = this.host.task(id);
    if (!task) return;
    const mode: DragMode = task.isMilestone ? 'move' : target.classList.contains('left') ? 'start' : target.classList.contains('right') ? 'finish' : 'move';
    this.days = 0;
    this.moved = false;
    this.drag = { id, mode, start: task.start, finish: task.finish, originX: event.clientX + this.container.scrollLeft, last: null };
  };

  private readonly onMove = (event: MouseEvent): void => {
    const drag = this.drag;
    if (!drag) return;
    // frappe-gantt would move the bar under the mouse: the preview places it instead.
    event.stopPropagation();
    if (!(event.buttons & 1)) return;
    const width = this.host.dayWidth();
    if (width <= 0) return;
    const days = Math.round((event.clientX + this.container.scrollLeft - drag.originX) / width);
    if (days === this.days) return;
    this.host.hidePopup();
    this.days = days;
    this.moved = true;
    drag.last = gestureFor(drag, days);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const current = this.drag;
      if (current) this.host.gesture(current.last, current);
    });
  };

  private readonly onUp = (): void => {
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (!this.moved) return;
    this.host.ended();
    if (drag.last) this.host.drop(drag.last);
    else this.host.dropUnchanged(drag);
  };
}
