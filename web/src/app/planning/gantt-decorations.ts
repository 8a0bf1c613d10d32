/**
 * What frappe-gantt does not draw: non-working days, baseline ghost bars, the go-live marker, the
 * spacer that keeps the full scroll height under the virtual window, and the hint shown next to
 * a bar while it is dragged. Every text is set with `textContent`.
 */
import type { WorkingCalendar } from '@jalon/planning';
import type Gantt from 'frappe-gantt';
import { GANTT_BAR_HEIGHT, GANTT_PADDING, GANTT_ROW_HEIGHT, internals, scaleOf, type GanttView } from './gantt-frappe';
import { calendarDaysBetween, formatLocalDate, widthOfDays, xOf, type GanttScale } from './gantt-geometry';
import type { RowWindow } from './gantt-window';
import type { SlippageCell } from './slippage';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface Decorations {
  host: HTMLElement;
  view: GanttView;
  window: RowWindow;
  totalRows: number;
  calendar: WorkingCalendar;
  baseline: ReadonlyMap<string, SlippageCell>;
  goLive: string | null;
  goLiveLabel: string;
}

export function decorate(gantt: Gantt, d: Decorations): void {
  const gantt_ = internals(gantt);
  const scale = scaleOf(gantt);
  d.host.style.setProperty('--jg-day-width', `${widthOfDays(scale, 1)}px`);
  const shift = d.window.first * GANTT_ROW_HEIGHT;
  gantt.$svg.style.transform = shift ? `translateY(${shift}px)` : '';
  let spacer = gantt.$container.querySelector<HTMLDivElement>('.jg-spacer');
  if (!spacer) {
    spacer = document.createElement('div');
    spacer.className = 'jg-spacer';
    gantt.$container.appendChild(spacer);
  }
  spacer.style.height = `${gantt.config.header_height + (d.totalRows + 2) * GANTT_ROW_HEIGHT + GANTT_PADDING}px`;
  const todayLine = gantt.$container.querySelector<HTMLElement>('.current-highlight');
  if (todayLine) todayLine.style.top = `${gantt.config.header_height + shift}px`;

  const layer = document.createElementNS(SVG_NS, 'g');
  layer.setAttribute('class', 'jg-decorations');
  const top = gantt.config.header_height;
  for (const bar of gantt.bars) {
    const cell = d.baseline.get(bar.task.id);
    if (!cell?.referenceStart || !cell.referenceFinish) continue;
    const x = xOf(scale, cell.referenceStart);
    const width = Math.max(widthOfDays(scale, calendarDaysBetween(cell.referenceStart, cell.referenceFinish) + 1), 3);
    const ghost = document.createElementNS(SVG_NS, 'rect');
    ghost.setAttribute('class', 'jg-ghost');
    ghost.setAttribute('x', String(x));
    ghost.setAttribute('y', String(top + (bar.task._index ?? 0) * GANTT_ROW_HEIGHT + GANTT_PADDING / 2 + GANTT_BAR_HEIGHT + 1));
    ghost.setAttribute('width', String(width));
    ghost.setAttribute('height', '4');
    ghost.setAttribute('rx', '1');
    layer.appendChild(ghost);
  }
  gantt.$container.querySelector('.jg-golive-flag')?.remove();
  if (d.goLive) {
    const x = xOf(scale, d.goLive) + widthOfDays(scale, 1);
    const line = document.createElementNS(SVG_NS, 'line');
    line.setAttribute('class', 'jg-golive');
    line.setAttribute('x1', String(x));
    line.setAttribute('x2', String(x));
    line.setAttribute('y1', String(top));
    line.setAttribute('y2', String(gantt_.grid_height));
    layer.appendChild(line);
    const flag = document.createElement('div');
    flag.className = 'jg-golive-flag';
    flag.dataset['testid'] = 'go-live-marker';
    flag.textContent = d.goLiveLabel;
    flag.style.left = `${x}px`;
    flag.style.top = `${top + shift + 2}px`;
    gantt.$container.appendChild(flag);
  }
  gantt.$svg.insertBefore(layer, gantt_.layers.arrow);
  if (d.view !== 'Month') shadeNonWorkingDays(gantt, scale, d.calendar);
}

/** One rectangle per run of non-working days (a weekend, a bridge), under the bars. */
function shadeNonWorkingDays(gantt: Gantt, scale: GanttScale, calendar: WorkingCalendar): void {
  const gantt_ = internals(gantt);
  const group = document.createElementNS(SVG_NS, 'g');
  group.setAttribute('class', 'jg-nonworking');
  const top = gantt.config.header_height;
  const height = Math.max(0, gantt_.grid_height - top);
  const day = new Date(gantt.gantt_start);
  let runStart: string | null = null;
  let runLength = 0;
  const flush = () => {
    if (!runStart) return;
    const rect = document.createElementNS(SVG_NS, 'rect');
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
  gantt_.layers.grid.appendChild(group);
}

/** The hint next to a dragged bar: its previewed dates, and why an end did not follow the mouse. */
export function showDragHint(gantt: Gantt, barId: string, lines: readonly string[]): void {
  const bar = gantt.bars.find((candidate) => candidate.task.id === barId);
  let hint = gantt.$container.querySelector<HTMLDivElement>('.jg-drag-hint');
  if (!bar || lines.length === 0) {
    hint?.remove();
    return;
  }
  if (!hint) {
    hint = document.createElement('div');
    hint.className = 'jg-drag-hint';
    hint.dataset['testid'] = 'gantt-drag-hint';
    hint.setAttribute('role', 'status');
    gantt.$container.appendChild(hint);
  }
  hint.replaceChildren(
    ...lines.map((line) => {
      const div = document.createElement('div');
      div.textContent = line;
      return div;
    }),
  );
  const shift = gantt.$svg.style.transform ? Number(/translateY\((-?[\d.]+)px\)/.exec(gantt.$svg.style.transform)?.[1] ?? 0) : 0;
  hint.style.left = `${bar.x}px`;
  hint.style.top = `${bar.y + shift - 6}px`;
}

export function hideDragHint(gantt: Gantt): void {
  gantt.$container.querySelector('.jg-drag-hint')?.remove();
}
