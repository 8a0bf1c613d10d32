/**
 * The frappe-gantt adapter: its options, its view modes, and every use of its private API (the
 * casts live here and nowhere else). frappe-gantt 1.2.2 writes a bar's label and its popup with
 * `innerHTML`, so every text handed to it goes through `markupAsText` first.
 */
import Gantt, { type FrappeBar, type FrappeOptions, type FrappeTask, type FrappeViewMode } from 'frappe-gantt';
import { dayMonth, formatLocalDate, isoWeek, type GanttScale } from './gantt-geometry';

export const GANTT_VIEWS = ['Day', 'Week', 'Month'] as const;
export type GanttView = (typeof GANTT_VIEWS)[number];

/** Row geometry shared with the task table so that both sides line up. */
export const GANTT_BAR_HEIGHT = 20;
export const GANTT_PADDING = 12;
export const GANTT_ROW_HEIGHT = GANTT_BAR_HEIGHT + GANTT_PADDING;
export const UPPER_HEADER = 26;
export const LOWER_HEADER = 24;
export const GANTT_HEADER_HEIGHT = UPPER_HEADER + LOWER_HEADER + 10;

const COLUMN_WIDTHS: Record<GanttView, number> = { Day: 30, Week: 112, Month: 120 };

/**
 * Padding before and after the plan. The week view pads in whole weeks and its first column is a
 * Monday (see `rangeTasks`), so every column runs Monday to Sunday.
 */
export const WEEK_PADDING_DAYS = 28;

/** The library's internals the chart relies on (stable across 1.x, read from its source). */
export interface FrappeInternals {
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

export function internals(gantt: Gantt): FrappeInternals {
  return gantt as unknown as FrappeInternals;
}

/**
 * Text for an API that parses HTML: `<`, `&`… become character references, so the browser shows
 * them as they were typed and never builds an element from them.
 */
export function markupAsText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The tasks as frappe-gantt gets them: names escaped, since it sets them as `innerHTML`. */
export function safeTasks(tasks: FrappeTask[]): FrappeTask[] {
  return tasks.map((task) => (task.name ? { ...task, name: markupAsText(task.name) } : task));
}

export interface ViewTexts {
  language: string;
  /** « S » in French, « W » in English: the prefix of an ISO week number. */
  weekPrefix: string;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
function monthYear(date: Date, language: string): string {
  const locale = language.startsWith('fr') ? 'fr-FR' : 'en-GB';
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' });
    monthFormats.set(locale, format);
  }
  // The header's dates are frappe-gantt's local midnights: formatted in the local zone they stay the same day.
  return format.format(date);
}

export function viewModes(first: GanttView, texts: ViewTexts): FrappeViewMode[] {
  const monthChanged = (d: Date, last: Date | null) => !last || d.getMonth() !== last.getMonth();
  const modes: Record<GanttView, FrappeViewMode> = {
    Day: {
      ...Gantt.VIEW_MODE.DAY,
      column_width: COLUMN_WIDTHS.Day,
      padding: ['14d', '14d'],
      upper_text: (d, last) => (monthChanged(d, last) ? monthYear(d, texts.language) : ''),
      thick_line: (d) => d.getDay() === 1,
    },
    Week: {
      ...Gantt.VIEW_MODE.WEEK,
      column_width: COLUMN_WIDTHS.Week,
      padding: [`${WEEK_PADDING_DAYS}d`, `${WEEK_PADDING_DAYS}d`],
      // « S13 · 29/03 »: the ISO week and its Monday.
      lower_text: (d) => {
        const iso = formatLocalDate(d);
        return `${texts.weekPrefix}${isoWeek(iso)} · ${dayMonth(iso)}`;
      },
      upper_text: (d, last) => (monthChanged(d, last) ? monthYear(d, texts.language) : ''),
      thick_line: (d) => d.getDate() <= 7,
      upper_text_frequency: 4,
    },
    Month: { ...Gantt.VIEW_MODE.MONTH, column_width: COLUMN_WIDTHS.Month, padding: ['1m', '1m'], snap_at: '1d' },
  };
  // frappe-gantt starts on the first mode it is given.
  return [first, ...GANTT_VIEWS.filter((view) => view !== first)].map((view) => modes[view]);
}

export function scaleOf(gantt: Gantt): GanttScale {
  return { start: gantt.gantt_start, unit: gantt.config.unit, step: gantt.config.step, columnWidth: gantt.config.column_width };
}

/**
 * Draws the new tasks (or the new view) without frappe-gantt's jump back to "today": both
 * refresh() and change_view_mode() scroll there.
 */
export function redrawInPlace(gantt: Gantt, tasks: FrappeTask[], view: GanttView | null): void {
  const gantt_ = internals(gantt);
  gantt_.set_scroll_position = () => undefined;
  try {
    if (view) {
      gantt_.setup_tasks(tasks);
      gantt.change_view_mode(view);
    } else {
      gantt.refresh(tasks);
    }
  } finally {
    delete (gantt_ as Partial<FrappeInternals>).set_scroll_position;
  }
}

/** A label's width does not change when its bar moves: measured once, it costs no layout again. */
const labelWidths = new WeakMap<Element, number>();
const LABEL_PADDING = 5;

export interface BarMove {
  bar: FrappeBar;
  start: Date;
  /** The day after the bar's last day. */
  end: Date;
}

/**
 * Puts drawn bars on other dates without redrawing the chart, for the live preview of a drag.
 * frappe-gantt's own update_label_position() measures the label (getBBox) after each bar's
 * attributes changed, a forced layout per bar and per frame; here every label not measured yet
 * is read first, in one layout, then every bar is written.
 */
export function moveBars(gantt: Gantt, moves: readonly BarMove[], withHandles: boolean): void {
  const labels = moves.map(({ bar }) => {
    const label = bar.group.querySelector<SVGTextElement>('.bar-label');
    if (label && !labelWidths.has(label)) labelWidths.set(label, label.getBBox().width);
    return label;
  });
  moves.forEach(({ bar, start, end }, i) => {
    const bar_ = bar as unknown as BarInternals;
    bar.task._start = start;
    bar.task._end = end;
    bar_.compute_x();
    bar_.compute_duration();
    const width = gantt.config.column_width * bar_.duration;
    bar.$bar.setAttribute('x', String(bar.x));
    bar.$bar.setAttribute('width', String(width));
    if (bar.$bar_progress) bar_.update_progressbar_position();
    const label = labels[i];
    if (label) {
      const labelWidth = labelWidths.get(label) ?? 0;
      const outside = labelWidth > width;
      label.classList.toggle('big', outside);
      label.setAttribute('x', String(outside ? bar.x + width + LABEL_PADDING : bar.x + width / 2 - labelWidth / 2));
    }
    if (withHandles) bar_.update_handle_position();
    bar.update_arrow_position();
  });
}

export interface FrappeHandlers {
  popup: FrappeOptions['popup'];
  onProgress(task: FrappeTask, progress: number): void;
  onClick(task: FrappeTask): void;
}

export function frappeOptions(view: GanttView, texts: ViewTexts, height: number, editable: boolean, handlers: FrappeHandlers): FrappeOptions {
  const readonly = !editable;
  return {
    view_modes: viewModes(view, texts),
    bar_height: GANTT_BAR_HEIGHT,
    padding: GANTT_PADDING,
    upper_header_height: UPPER_HEADER,
    lower_header_height: LOWER_HEADER,
    container_height: height,
    bar_corner_radius: 3,
    arrow_curve: 4,
    infinite_padding: false,
    move_dependencies: false,
    today_button: false,
    view_mode_select: false,
    scroll_to: 'today',
    language: texts.language,
    readonly,
    readonly_dates: readonly,
    readonly_progress: readonly,
    lines: 'both',
    // Non-working days are shaded by the decorations: frappe-gantt's own shading formats every day
    // of the range with a new Intl.DateTimeFormat, the costliest part of its render.
    holidays: {},
    popup_on: 'hover',
    popup: handlers.popup,
    // Moves and resizes are captured by GanttDragCapture before frappe-gantt sees them.
    on_date_change: () => undefined,
    on_progress_change: (task, progress) => handlers.onProgress(task, progress),
    on_click: (task) => handlers.onClick(task),
  };
}
