import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MilestoneTrendDto } from '@jalon/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { dayMonthYear } from './gantt-geometry';

const WIDTH = 760;
const HEIGHT = 400;
const MARGIN = { top: 16, right: 190, bottom: 72, left: 84 };
const COLORS = ['#2f6fc6', '#d93025', '#1b7f4b', '#b26a00', '#7b3fb2', '#00838f', '#5b6778', '#c2185b'];
const LABEL_CHARS = 18;

interface Point {
  x: number;
  y: number;
  /** « Référence COPIL 1 : 30/03/2027 » */
  title: string;
}

interface Series {
  key: string;
  name: string;
  color: string;
  points: Point[];
  path: string;
  labelY: number;
  lastX: number;
}

interface Column {
  key: string;
  x: number;
  name: string;
  /** When it was frozen (the plan: today). */
  date: string;
  fullName: string;
}

function day(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;
}

function isoOf(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

function short(text: string): string {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** « janv. 2027 »: a tick of the y axis, with its year. */
function monthTick(epochDay: number, language: string): string {
  const locale = language.startsWith('fr') ? 'fr-FR' : 'en-GB';
  let format = monthFormats.get(locale);
  if (!format) {
    // A calendar date handed over as midnight UTC and read in UTC: never another day.
    format = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  return format.format(new Date(epochDay * 86_400_000));
}

/** First days of months between two days, every `step` months, for the y axis. */
function monthTicks(from: number, to: number): number[] {
  const start = new Date(from * 86_400_000);
  const months = Math.max(1, Math.round((to - from) / 30.4));
  const step = [1, 2, 3, 6, 12, 24].find((candidate) => months / candidate <= 7) ?? 48;
  const ticks: number[] = [];
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  month = Math.ceil(month / step) * step;
  for (;;) {
    while (month >= 12) {
      month -= 12;
      year++;
    }
    const tick = Date.UTC(year, month, 1) / 86_400_000;
    if (tick > to) break;
    if (tick >= from) ticks.push(tick);
    month += step;
  }
  return ticks;
}

/**
 * Milestone trend analysis: each key milestone's forecast date (y) at each baseline, in the order
 * they were frozen, then in today's plan (x). Baselines are evenly spaced, so two frozen the same
 * day stay two columns, each labelled by its name and date. A flat line holds; a rising line
 * slips. The dashed line is "forecast = the day it was reported": a milestone reaching it is due.
 * Every name is written as text by Angular's interpolation.
 */
@Component({
  selector: 'jalon-milestone-trend-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @let c = chart();
    <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-label]="title()" data-testid="milestone-trend">
      <g class="grid">
        @for (tick of c.yTicks; track tick.y) {
          <line [attr.x1]="left" [attr.x2]="width - right" [attr.y1]="tick.y" [attr.y2]="tick.y" />
          <text class="tick-label" data-testid="trend-y-tick" [attr.x]="left - 8" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.label }}</text>
        }
        @for (column of c.columns; track column.key) {
          <line [attr.x1]="column.x" [attr.x2]="column.x" [attr.y1]="top" [attr.y2]="height - bottom" />
          <g data-testid="trend-column" [attr.transform]="'translate(' + column.x + ',' + (height - bottom + 14) + ')' + (c.rotate ? ' rotate(-25)' : '')">
            <title>{{ column.fullName }} — {{ column.date }}</title>
            <text class="column-name" [attr.text-anchor]="c.rotate ? 'end' : 'middle'">{{ column.name }}</text>
            <text class="tick-label" y="13" [attr.text-anchor]="c.rotate ? 'end' : 'middle'">{{ column.date }}</text>
          </g>
        }
      </g>
      @if (c.diagonal) {
        <path class="diagonal" [attr.d]="c.diagonal" />
      }
      @for (series of c.series; track series.key) {
        <path class="line" [attr.d]="series.path" [attr.stroke]="series.color" />
        @for (point of series.points; track $index) {
          <circle data-testid="trend-point" [attr.cx]="point.x" [attr.cy]="point.y" r="3.5" [attr.fill]="series.color"><title>{{ point.title }}</title></circle>
        }
        <text class="series-label" [attr.x]="series.lastX + 8" [attr.y]="series.labelY + 4" [attr.fill]="series.color">
          <title>{{ series.name }}</title>{{ series.name.length > 26 ? series.name.slice(0, 25) + '…' : series.name }}
        </text>
      }
    </svg>
    @if (c.series.length === 0) {
      <p>{{ 'gantt.trend.empty' | translate }}</p>
    }
  `,
  styles: `
    :host { display: block; }
    svg { width: 100%; height: auto; font: 11px Roboto, sans-serif; }
    .grid line { stroke: #e3e8ef; }
    .tick-label { fill: #4f5b6a; }
    .column-name { fill: #1d2733; font-weight: 500; }
    .diagonal { fill: none; stroke: #8a95a3; stroke-dasharray: 4 3; }
    .line { fill: none; stroke-width: 2; }
    .series-label { font-weight: 500; }
  `,
})
export class MilestoneTrendChart {
  readonly trend = input.required<MilestoneTrendDto>();
  readonly language = input('fr');
  readonly currentLabel = input('');
  readonly title = input('');
  readonly today = input<string>(localToday());

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly left = MARGIN.left;
  protected readonly right = MARGIN.right;
  protected readonly top = MARGIN.top;
  protected readonly bottom = MARGIN.bottom;

  protected readonly chart = computed(() => {
    const trend = this.trend();
    const language = this.language();
    // Baselines in the order they were frozen (ties keep the API's order), then today's plan.
    const order = trend.baselines.map((baseline, index) => ({ baseline, index })).sort((a, b) => a.baseline.createdAt.localeCompare(b.baseline.createdAt) || a.index - b.index);
    const plotW = WIDTH - MARGIN.left - MARGIN.right;
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const count = order.length + 1;
    const xAt = (column: number) => MARGIN.left + (count === 1 ? plotW / 2 : (column / (count - 1)) * plotW);
    const columns: Array<Column & { at: number; source: number | 'current' }> = [
      ...order.map(({ baseline, index }, column) => ({
        key: baseline.id,
        x: xAt(column),
        name: short(baseline.name),
        fullName: baseline.name,
        date: dayMonthYear(baseline.createdAt.slice(0, 10)),
        at: day(baseline.createdAt),
        source: index,
      })),
      { key: 'current', x: xAt(order.length), name: short(this.currentLabel()), fullName: this.currentLabel(), date: dayMonthYear(this.today()), at: day(this.today()), source: 'current' as const },
    ];

    const values = trend.milestones.flatMap((m) => [...m.forecasts, m.current].filter((f): f is string => !!f).map(day));
    if (values.length === 0) return { series: [] as Series[], columns, yTicks: [], diagonal: null, rotate: false };
    const yMin = Math.min(...values, ...columns.map((c) => c.at)) - 10;
    const yMax = Math.max(...values) + 10;
    const y = (d: number) => MARGIN.top + plotH - ((d - yMin) / (yMax - yMin)) * plotH;

    const series: Series[] = trend.milestones.map((milestone, i) => {
      const points = columns.flatMap((column) => {
        const forecast = column.source === 'current' ? milestone.current : milestone.forecasts[column.source];
        return forecast ? [{ x: column.x, y: y(day(forecast)), title: `${milestone.name} — ${column.fullName} : ${dayMonthYear(forecast)}` }] : [];
      });
      const last = points.at(-1);
      return {
        key: milestone.taskId,
        name: milestone.name,
        color: COLORS[i % COLORS.length] ?? '#2f6fc6',
        points,
        path: points.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '),
        labelY: last?.y ?? 0,
        lastX: last?.x ?? 0,
      };
    });
    // Labels at the right end must not overlap: push them apart from top to bottom.
    const byY = [...series].sort((a, b) => a.labelY - b.labelY);
    for (let i = 1; i < byY.length; i++) {
      const previous = byY[i - 1];
      const current = byY[i];
      if (previous && current && current.labelY - previous.labelY < 13) current.labelY = previous.labelY + 13;
    }

    const yTicks = monthTicks(yMin, yMax).map((tick) => ({ y: y(tick), label: monthTick(tick, language), date: isoOf(tick) }));
    const diagonal = columns
      .filter((column) => column.at >= yMin && column.at <= yMax)
      .map((column, j) => `${j === 0 ? 'M' : 'L'}${column.x.toFixed(1)},${y(column.at).toFixed(1)}`)
      .join(' ');
    return { series, columns, yTicks, diagonal: diagonal.includes('L') ? diagonal : null, rotate: count > 5 };
  });
}

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
