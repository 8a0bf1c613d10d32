import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MilestoneTrendDto } from '@jalon/domain';

const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 16, right: 190, bottom: 40, left: 72 };
const COLORS = ['#2f6fc6', '#d93025', '#1b7f4b', '#e8a317', '#7b3fb2', '#00838f', '#6b7a90', '#c2185b'];

interface Series {
  name: string;
  color: string;
  points: Array<{ x: number; y: number; label: string }>;
  path: string;
  labelY: number;
  lastX: number;
}

function day(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;
}

/**
 * Milestone trend analysis: each key milestone's forecast date (y) as seen at each baseline (x),
 * then today. A flat line holds; a rising line slips. The diagonal is "forecast = the day it was
 * reported": a milestone reaching it is due.
 */
@Component({
  selector: 'jalon-milestone-trend-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = chart();
    <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-label]="title()" data-testid="milestone-trend">
      <g class="grid">
        @for (tick of c.yTicks; track tick.y) {
          <line [attr.x1]="left" [attr.x2]="width - right" [attr.y1]="tick.y" [attr.y2]="tick.y" />
          <text class="tick-label" [attr.x]="left - 8" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.label }}</text>
        }
        @for (tick of c.xTicks; track tick.x) {
          <line [attr.x1]="tick.x" [attr.x2]="tick.x" [attr.y1]="top" [attr.y2]="height - bottom" />
          <text class="tick-label" [attr.x]="tick.x" [attr.y]="height - bottom + 16" text-anchor="middle">{{ tick.label }}</text>
        }
      </g>
      @if (c.diagonal) {
        <line class="diagonal" [attr.x1]="c.diagonal.x1" [attr.y1]="c.diagonal.y1" [attr.x2]="c.diagonal.x2" [attr.y2]="c.diagonal.y2" />
      }
      @for (series of c.series; track series.name) {
        <path class="line" [attr.d]="series.path" [attr.stroke]="series.color" />
        @for (point of series.points; track $index) {
          <circle [attr.cx]="point.x" [attr.cy]="point.y" r="3.5" [attr.fill]="series.color"><title>{{ series.name }} : {{ point.label }}</title></circle>
        }
        <text class="series-label" [attr.x]="series.lastX + 8" [attr.y]="series.labelY + 4" [attr.fill]="series.color">{{ series.name }}</text>
      }
    </svg>
  `,
  styles: `
    :host { display: block; }
    svg { width: 100%; height: auto; font: 11px Roboto, sans-serif; }
    .grid line { stroke: #e3e8ef; }
    .tick-label { fill: #5f6b7a; }
    .diagonal { stroke: #9aa5b1; stroke-dasharray: 4 3; }
    .line { fill: none; stroke-width: 2; }
    .series-label { font-weight: 500; }
  `,
})
export class MilestoneTrendChart {
  readonly trend = input.required<MilestoneTrendDto>();
  readonly language = input('fr');
  readonly currentLabel = input('');
  readonly title = input('');
  readonly today = input<string>(new Date().toISOString().slice(0, 10));

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly left = MARGIN.left;
  protected readonly right = MARGIN.right;
  protected readonly top = MARGIN.top;
  protected readonly bottom = MARGIN.bottom;

  protected readonly chart = computed(() => {
    const trend = this.trend();
    const format = new Intl.DateTimeFormat(this.language(), { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const label = (d: number) => format.format(new Date(d * 86_400_000));
    const columns = [...trend.baselines.map((baseline) => ({ name: baseline.name, at: day(baseline.createdAt) })), { name: this.currentLabel(), at: day(this.today()) }];
    const values = trend.milestones.flatMap((m) => [...m.forecasts, m.current].filter((f): f is string => !!f).map(day));
    if (values.length === 0) return { series: [] as Series[], xTicks: [], yTicks: [], diagonal: null };
    const xMin = Math.min(...columns.map((c) => c.at));
    const xMax = Math.max(xMin + 1, ...columns.map((c) => c.at));
    const yMin = Math.min(...values, xMin) - 7;
    const yMax = Math.max(...values) + 7;
    const plotW = WIDTH - MARGIN.left - MARGIN.right;
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const x = (d: number) => MARGIN.left + ((d - xMin) / (xMax - xMin)) * plotW;
    const y = (d: number) => MARGIN.top + plotH - ((d - yMin) / (yMax - yMin)) * plotH;

    const series: Series[] = trend.milestones.map((milestone, i) => {
      const forecasts = [...milestone.forecasts, milestone.current];
      const points = forecasts.flatMap((forecast, column) => {
        const at = columns[column]?.at;
        return forecast && at !== undefined ? [{ x: x(at), y: y(day(forecast)), label: label(day(forecast)) }] : [];
      });
      const last = points.at(-1);
      return {
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

    const yTicks = Array.from({ length: 6 }, (_, i) => {
      const d = yMin + ((yMax - yMin) * i) / 5;
      return { y: y(d), label: label(Math.round(d)) };
    });
    const xTicks = columns.map((column) => ({ x: x(column.at), label: column.name }));
    const diagonalEnd = Math.min(xMax, yMax);
    const diagonal = diagonalEnd > Math.max(xMin, yMin)
      ? { x1: x(Math.max(xMin, yMin)), y1: y(Math.max(xMin, yMin)), x2: x(diagonalEnd), y2: y(diagonalEnd) }
      : null;
    return { series, xTicks, yTicks, diagonal };
  });
}
