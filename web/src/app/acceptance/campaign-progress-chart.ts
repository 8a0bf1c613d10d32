import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import { formatCalendarDate } from '@jalon/planning';
import { LanguageService } from '../core/language';

// Only what the chart draws: a line chart on a grid, its legend, tooltip and "today" mark, in SVG.
use([LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

type ChartOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | MarkLineComponentOption>;

/** One day of a campaign: how many cases should have been run by then, and how many were (cumulative). */
export interface ProgressPoint {
  /** 'YYYY-MM-DD' */
  date: string;
  planned: number;
  /** Null after today: nothing can have been run yet. */
  run: number | null;
}

const PLANNED_COLOUR = '#5f6b7a';
const RUN_COLOUR = '#1b6ef3';

/**
 * The campaign's progress by day: planned (linear over the campaign's period) against actually
 * run, both cumulative, drawn by Apache ECharts in SVG. Screen readers get the figures from the
 * table beside it (the chart itself is one image with a summary for a name).
 */
@Component({
  selector: 'jalon-campaign-progress-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <div class="chart" #chart role="img" [attr.aria-label]="summary()" data-testid="progress-chart"></div>
    <details class="figures">
      <summary>{{ 'acceptance.campaigns.chart.figures' | translate }}</summary>
      <table data-testid="progress-table">
        <caption class="visually-hidden">{{ 'acceptance.campaigns.chart.title' | translate }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'acceptance.campaigns.chart.day' | translate }}</th>
            <th scope="col">{{ 'acceptance.campaigns.chart.planned' | translate }}</th>
            <th scope="col">{{ 'acceptance.campaigns.chart.run' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (point of points(); track point.date) {
            <tr>
              <th scope="row">{{ label(point.date) }}</th>
              <td>{{ point.planned }}</td>
              <td>{{ point.run ?? '—' }}</td>
            </tr>
          }
        </tbody>
      </table>
    </details>
  `,
  styles: `
    :host { display: block; }
    .chart { width: 100%; height: 280px; }
    .figures summary { cursor: pointer; color: var(--mat-sys-primary); font: var(--mat-sys-label-large); padding: 4px 0; }
    .figures table { border-collapse: collapse; margin-top: 8px; }
    .figures th, .figures td { padding: 2px 12px 2px 0; text-align: left; font: var(--mat-sys-body-small); }
  `,
})
export class CampaignProgressChart {
  readonly points = input.required<readonly ProgressPoint[]>();
  readonly total = input.required<number>();
  /** Today in France ('YYYY-MM-DD'), marked on the axis when inside the period. */
  readonly today = input<string | null>(null);

  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('chart');
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private chart: ECharts | null = null;

  protected readonly summary = computed(() => {
    this.language.current();
    const points = this.points();
    const last = [...points].reverse().find((point) => point.run !== null);
    return this.translate.instant('acceptance.campaigns.chart.summary', {
      run: last?.run ?? 0,
      planned: last?.planned ?? 0,
      total: this.total(),
      date: last ? this.label(last.date) : '—',
    }) as string;
  });

  constructor() {
    afterRenderEffect(() => {
      const points = this.points();
      const language = this.language.current();
      const today = this.today();
      const element = this.host().nativeElement;
      this.chart ??= init(element, null, { renderer: 'svg' });
      this.chart.setOption(this.option(points, language, today), { notMerge: true });
    });
    const resize = () => this.chart?.resize();
    window.addEventListener('resize', resize);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('resize', resize);
      this.chart?.dispose();
      this.chart = null;
    });
  }

  protected label(date: string): string {
    return formatCalendarDate(date, this.language.current(), 'day-month');
  }

  private option(points: readonly ProgressPoint[], language: string, today: string | null): ChartOption {
    const planned = this.translate.instant('acceptance.campaigns.chart.planned') as string;
    const run = this.translate.instant('acceptance.campaigns.chart.run') as string;
    const labels = points.map((point) => formatCalendarDate(point.date, language, 'day-month'));
    const todayIndex = today ? points.findIndex((point) => point.date === today) : -1;
    return {
      animation: false,
      color: [PLANNED_COLOUR, RUN_COLOUR],
      textStyle: { fontFamily: 'Roboto, sans-serif' },
      grid: { left: 40, right: 24, top: 40, bottom: 32 },
      legend: { top: 0, data: [planned, run], textStyle: { color: '#1d1b20' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { color: '#44474e' } },
      yAxis: { type: 'value', minInterval: 1, max: Math.max(1, this.total()), axisLabel: { color: '#44474e' } },
      series: [
        { name: planned, type: 'line', data: points.map((point) => point.planned), symbol: 'none', lineStyle: { type: 'dashed', width: 2 } },
        {
          name: run,
          type: 'line',
          data: points.map((point) => point.run),
          symbol: 'circle',
          symbolSize: 5,
          lineStyle: { width: 3 },
          markLine:
            todayIndex >= 0
              ? {
                  silent: true,
                  symbol: 'none',
                  label: { formatter: this.translate.instant('acceptance.campaigns.chart.today') as string, color: '#44474e' },
                  lineStyle: { color: '#8a1c12', type: 'dotted' },
                  data: [{ xAxis: labels[todayIndex] }],
                }
              : undefined,
        },
      ],
    };
  }
}
