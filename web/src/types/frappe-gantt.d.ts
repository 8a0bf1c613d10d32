/**
 * Types for frappe-gantt 1.2.2, which ships none. Written from its source (src/index.js, bar.js,
 * defaults.js): only what the library really reads or calls, including the few internals the
 * planning page relies on to preview a drag (bars, $svg, $container, config).
 */
declare module 'frappe-gantt' {
  export type FrappeViewModeName = 'Hour' | 'Quarter Day' | 'Half Day' | 'Day' | 'Week' | 'Month' | 'Year';

  export interface FrappeTask {
    id: string;
    name: string;
    /** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:mm'; a date-only end is taken as the end of that day. */
    start: string;
    end?: string;
    /** e.g. '3d', used when `end` is absent. */
    duration?: string;
    /** 0–100. */
    progress?: number;
    /** Comma-separated ids or a list; arrows go from each dependency's bar to this one. */
    dependencies?: string | string[];
    /** One class added to the bar's `.bar-wrapper` group (a single token: no spaces). */
    custom_class?: string;
    color?: string;
    color_progress?: string;
    description?: string;
    thumbnail?: string;
    invalid?: boolean;
    /** Set by the library. */
    _start?: Date;
    _end?: Date;
    _index?: number;
    actual_duration?: number;
    ignored_duration?: number;
  }

  export interface FrappeViewMode {
    name: string;
    padding?: string | [string, string];
    step: string;
    date_format?: string;
    column_width?: number;
    lower_text?: string | ((date: Date, last: Date | null, language: string) => string);
    upper_text?: string | ((date: Date, last: Date | null, language: string) => string);
    upper_text_frequency?: number;
    thick_line?: (date: Date) => boolean;
    snap_at?: string;
  }

  export interface FrappePopupContext {
    task: FrappeTask;
    chart: Gantt;
    get_title(): HTMLElement;
    set_title(html: string): void;
    get_subtitle(): HTMLElement;
    set_subtitle(html: string): void;
    get_details(): HTMLElement;
    set_details(html: string): void;
    add_action(html: string | ((task: FrappeTask) => string), handler: (task: FrappeTask, chart: Gantt, event: MouseEvent) => void): void;
  }

  /** A key is a CSS colour; the value says which days get it. */
  export type FrappeHolidays = Record<
    string,
    'weekend' | Array<string | { date: string; name: string } | ((date: Date) => boolean)>
  >;

  export interface FrappeOptions {
    arrow_curve?: number;
    auto_move_label?: boolean;
    bar_corner_radius?: number;
    bar_height?: number;
    /** Pixels, or 'auto' to grow with the rows (then the container never scrolls vertically). */
    container_height?: number | 'auto';
    column_width?: number | null;
    date_format?: string;
    upper_header_height?: number;
    lower_header_height?: number;
    snap_at?: string | null;
    infinite_padding?: boolean;
    holidays?: FrappeHolidays;
    ignore?: string | Array<string | ((date: Date) => boolean)> | ((date: Date) => boolean);
    /** A BCP 47 tag given to Intl.DateTimeFormat for month names. */
    language?: string;
    lines?: 'both' | 'vertical' | 'horizontal' | 'none';
    /** Dragging a bar drags every task that depends on it, rigidly. */
    move_dependencies?: boolean;
    /** Vertical space between bars; a row is bar_height + padding high. */
    padding?: number;
    /** Fills the popup through the context, or returns its whole HTML; false hides it. */
    popup?: false | ((context: FrappePopupContext) => string | false | void);
    popup_on?: 'click' | 'hover';
    readonly_progress?: boolean;
    readonly_dates?: boolean;
    /** No handles and no dragging. */
    readonly?: boolean;
    hover_on_date?: boolean;
    fixed_duration?: boolean;
    scroll_to?: 'today' | 'start' | 'end' | string | null;
    show_expected_progress?: boolean;
    today_button?: boolean;
    view_mode?: FrappeViewModeName | string;
    view_mode_select?: boolean;
    view_modes?: Array<FrappeViewMode | FrappeViewModeName>;
    is_weekend?: (date: Date) => boolean;
    /** Fired while a bar is dragged or resized (on every snapped move) and once more on drop; `end` is the last second of the last day. */
    on_date_change?: (task: FrappeTask, start: Date, end: Date) => void;
    on_progress_change?: (task: FrappeTask, progress: number) => void;
    on_click?: (task: FrappeTask) => void;
    on_double_click?: (task: FrappeTask) => void;
    on_hover?: (task: FrappeTask, screenX: number, screenY: number, event: MouseEvent) => void;
    on_view_change?: (mode: FrappeViewMode) => void;
    on_date_click?: (date: string | null) => void;
  }

  /** The library's view of one drawn bar (internal, stable across 1.x). */
  export interface FrappeBar {
    task: FrappeTask;
    group: SVGGElement;
    bar_group: SVGGElement;
    handle_group: SVGGElement;
    $bar: SVGRectElement;
    $bar_progress?: SVGRectElement;
    x: number;
    y: number;
    width: number;
    height: number;
    arrows: Array<{ update(): void; element: SVGPathElement }>;
    update_bar_position(change: { x?: number | null; width?: number | null }): void;
    update_label_position(): void;
    update_arrow_position(): void;
    refresh(): void;
  }

  export default class Gantt {
    static VIEW_MODE: Record<'HOUR' | 'QUARTER_DAY' | 'HALF_DAY' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR', FrappeViewMode>;

    constructor(wrapper: string | HTMLElement | SVGElement, tasks: FrappeTask[], options?: FrappeOptions);

    readonly options: FrappeOptions;
    readonly tasks: FrappeTask[];
    readonly bars: FrappeBar[];
    readonly $svg: SVGSVGElement;
    readonly $container: HTMLDivElement;
    readonly gantt_start: Date;
    readonly gantt_end: Date;
    readonly config: {
      column_width: number;
      header_height: number;
      step: number;
      unit: string;
      view_mode: FrappeViewMode;
    };

    /** Replaces every task and redraws. */
    refresh(tasks: FrappeTask[]): void;
    /** Merges options (kept from the constructor) and redraws at the same scroll position. */
    update_options(options: Partial<FrappeOptions>): void;
    update_task(id: string, details: Partial<FrappeTask>): void;
    change_view_mode(mode?: FrappeViewModeName | FrappeViewMode | string, maintainPosition?: boolean): void;
    scroll_current(): void;
    set_scroll_position(date: 'today' | 'start' | 'end' | string | Date | null): void;
    get_bar(id: string): FrappeBar | undefined;
    get_task(id: string): FrappeTask | undefined;
    view_is(mode: string): boolean;
    unselect_all(): void;
    hide_popup(): void;
    clear(): void;
  }
}
