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

const monthNameFormats = new Map<string, Intl.DateTimeFormat>();
/** « Janvier », « January »: a Month view column, as frappe-gantt's "MMMM" writes it. */
function monthName(date: Date, language: string): string {
  let format = monthNameFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { month: 'long' });
    monthNameFormats.set(language, format);
  }
  const name = format.format(date);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const pad2 = (value: number) => String(value).padStart(2, '0');

export function viewModes(first: GanttView, texts: ViewTexts): FrappeViewMode[] {
  const monthChanged = (d: Date, last: Date | null) => !last || d.getMonth() !== last.getMonth();
  // Every header text is a function of ours: frappe-gantt's own formats build two
  // Intl.DateTimeFormat per column (hundreds in the day view).
  const modes: Record<GanttView, FrappeViewMode> = {
    Day: {
      ...Gantt.VIEW_MODE.DAY,
      column_width: COLUMN_WIDTHS.Day,
      padding: ['14d', '14d'],
      lower_text: (d, last) => (!last || d.getDate() !== last.getDate() ? pad2(d.getDate()) : ''),
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
    Month: {
      ...Gantt.VIEW_MODE.MONTH,
      column_width: COLUMN_WIDTHS.Month,
      padding: ['1m', '1m'],
      snap_at: '1d',
      lower_text: (d) => monthName(d, texts.language),
      upper_text: (d, last) => (!last || d.getFullYear() !== last.getFullYear() ? String(d.getFullYear()) : ''),
    },
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

/**
 * frappe-gantt grows every bar and progress bar it draws from zero width, with an SVG `<animate>`
 * that starts 0.1 s later and lasts 0.4 s. The chart draws again for every window of rows and
 * every view, so the bars would grow again at each scroll, and for half a second a bar's drawn
 * width would not be its width (what a reader sees, what a drag starts from). Removed in the task
 * that drew them, before the first frame, they never run.
 */
function stillBars(gantt: Gantt): void {
  for (const animation of gantt.$svg.querySelectorAll('animate')) animation.remove();
}

/** A label's width does not change when its bar moves: measured once, it costs no layout again. */
const labelWidths = new WeakMap<Element, number>();
const LABEL_PADDING = 5;
/** The bar labels' font (gantt-chart.scss, `.bar-label`). */
const LABEL_FONT = "12px Roboto, 'Helvetica Neue', Arial, sans-serif";
let measure: OffscreenCanvasRenderingContext2D | null | undefined;

/**
 * A bar label's width, measured on a canvas with the label's font: frappe-gantt reads it with
 * getBBox(), which lays the page out again for every bar drawn (the costliest part of its render
 * after the first layout). Without a canvas (jsdom), getBBox().
 */
function labelWidth(label: SVGTextElement): number {
  let width = labelWidths.get(label);
  if (width !== undefined) return width;
  if (measure === undefined) measure = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  if (measure) {
    measure.font = LABEL_FONT;
    width = measure.measureText(label.textContent ?? '').width;
  } else {
    width = label.getBBox().width;
  }
  labelWidths.set(label, width);
  return width;
}

/** Puts a bar's label inside the bar, centred, or after it when it does not fit (as frappe-gantt does). */
function placeLabel(label: SVGTextElement, x: number, width: number): void {
  const text = labelWidth(label);
  const outside = text > width;
  label.classList.toggle('big', outside);
  label.setAttribute('x', String(outside ? x + width + LABEL_PADDING : x + width / 2 - text / 2));
}

const patchedBars = new WeakSet<object>();

/**
 * frappe-gantt's own layout reads (forced layouts) replaced by computed values: labels are measured
 * on a canvas (`labelWidth`), and the SVG's width is the grid's width (with `min-width: 100%` in
 * gantt-chart.scss) instead of a getBoundingClientRect() of the page in the middle of its render.
 */
function patchLayoutReads(gantt: Gantt): void {
  const bar = gantt.bars[0];
  const prototype = bar ? (Object.getPrototypeOf(bar) as object) : null;
  if (!prototype || patchedBars.has(prototype)) return;
  patchedBars.add(prototype);
  (prototype as { update_label_position(this: FrappeBar): void }).update_label_position = function (this: FrappeBar) {
    const label = this.group.querySelector<SVGTextElement>('.bar-label');
    if (label) placeLabel(label, Number(this.$bar.getAttribute('x')), Number(this.$bar.getAttribute('width')));
  };
}
/**
 * What follows every draw of frappe-gantt (a new chart, a refresh, another view), in the task that
 * drew it, before its first frame: the bars stand still and the layout reads are replaced.
 */
export function afterDraw(gantt: Gantt): void {
  stillBars(gantt);
  patchLayoutReads(gantt);
}

(Gantt.prototype as unknown as { set_dimensions(this: Gantt): void }).set_dimensions = function (this: Gantt) {
  const row = this.$svg.querySelector('.grid .grid-row');
  if (row) this.$svg.setAttribute('width', row.getAttribute('width') ?? '100%');
};

/** A header column, as frappe-gantt's `get_date_info` describes it. */
export interface DateInfo {
  date: Date;
  formatted_date: string;
  column_width: number;
  x: number;
  upper_text: string;
  lower_text: string;
  upper_y: number;
  lower_y: number;
}
export type HeaderText = (date: Date, last: Date | null, language: string) => string;
interface DateInfoGantt {
  config: Gantt['config'] & { date_format: string };
  options: FrappeOptions;
  get_date_info(date: Date, last: DateInfo | null): DateInfo;
}

/** Digit-only date formats ('YYYY-MM-DD', 'YYYY-MM', 'YYYY', 'YYYY-MM-DD HH:'), written as frappe-gantt writes them. */
const DIGITS_FORMAT = /^(YYYY|MM|DD|HH|[-: ])+$/;

/**
 * A header column's facts, as frappe-gantt 1.2.2 computes them, without its date formatter:
 * that one builds two Intl.DateTimeFormat per call, for the column's class name alone (the
 * costliest part of drawing the header). Any other format or header text goes to the original.
 */
const frappeDateInfo = (Gantt.prototype as unknown as DateInfoGantt).get_date_info;
(Gantt.prototype as unknown as DateInfoGantt).get_date_info = function (this: DateInfoGantt, date: Date, last: DateInfo | null) {
  const { view_mode: mode, date_format: format } = this.config;
  if (typeof mode.upper_text !== 'function' || typeof mode.lower_text !== 'function' || !DIGITS_FORMAT.test(format)) {
    return frappeDateInfo.call(this, date, last);
  }
  const language = this.options.language ?? 'en';
  const previous = last ? last.date : null;
  const written = format
    .replace('YYYY', String(date.getFullYear()))
    .replace('MM', pad2(date.getMonth() + 1))
    .replace('DD', pad2(date.getDate()))
    .replace('HH', pad2(date.getHours()));
  return {
    date,
    formatted_date: written.replace(/[ :.]/g, '_'),
    column_width: this.config.column_width,
    x: last ? last.x + last.column_width : 0,
    upper_text: (mode.upper_text as HeaderText)(date, previous, language),
    lower_text: (mode.lower_text as HeaderText)(date, previous, language),
    upper_y: 17,
    lower_y: (this.options.upper_header_height ?? 45) + 5,
  };
};

export interface BarMove {
  bar: FrappeBar;
  start: Date;
  /** The day after the bar's last day. */
  end: Date;
}

/**
 * Puts drawn bars on other dates without redrawing the chart, for the live preview of a drag.
 * Only attributes are written (labels are measured on a canvas, once): no layout is forced.
 */
export function moveBars(gantt: Gantt, moves: readonly BarMove[], withHandles: boolean): void {
  moves.forEach(({ bar, start, end }) => {
    const bar_ = bar as unknown as BarInternals;
    bar.task._start = start;
    bar.task._end = end;
    bar_.compute_x();
    bar_.compute_duration();
    const width = gantt.config.column_width * bar_.duration;
    bar.$bar.setAttribute('x', String(bar.x));
    bar.$bar.setAttribute('width', String(width));
    if (bar.$bar_progress) bar_.update_progressbar_position();
    const label = bar.group.querySelector<SVGTextElement>('.bar-label');
    if (label) placeLabel(label, bar.x, width);
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
