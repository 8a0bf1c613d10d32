import { ChangeDetectionStrategy, Component, DestroyRef, afterRenderEffect, computed, inject, input, viewChild, type ElementRef } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { KpiDto, KpiStatus } from '@jalon/domain';
import { formatCalendarDate } from '@jalon/planning';
import { LanguageService } from '../core/language';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type ChartOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export const KPI_STATUS_COLOURS: Record<KpiStatus, string> = { green: '#1e7b34', amber: '#b26a00', red: '#b3261e', none: '#5f6b7a' };
const ACTUAL_COLOUR = '#1b6ef3';
const TARGET_COLOUR = '#5f6b7a';

/**
 * One KPI over the incubation weeks: the actual weekly values (each point coloured by its
 * status) against the target, drawn by Apache ECharts in SVG. The figures are in the table beside it.
 */
@Component({
  selector: 'jalon-kpi-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="chart" #chart role="img" [attr.aria-label]="summary()" data-testid="kpi-chart"></div>`,
  styles: `
    :host { display: block; }
    .chart { width: 100%; height: 260px; }
  `,
})
export class KpiChart {
  readonly kpi = input.required<KpiDto>();
  private readonly host = viewChild.required<ElementRef<HTMLDivElement>>('chart');
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private chart: ECharts | null = null;

  protected readonly summary = computed(() => {
    this.language.current();
    const kpi = this.kpi();
    const last = kpi.values.at(-1);
    return this.translate.instant('meetings.kpis.chartSummary', {
      name: kpi.name,
      target: kpi.target,
      unit: kpi.unit,
      weeks: kpi.values.length,
      latest: last ? last.value : '—',
    }) as string;
  });

  constructor() {
    afterRenderEffect(() => {
      const kpi = this.kpi();
      const language = this.language.current();
      this.chart ??= init(this.host().nativeElement, null, { renderer: 'svg' });
      this.chart.setOption(this.option(kpi, language), { notMerge: true });
    });
    const resize = () => this.chart?.resize();
    window.addEventListener('resize', resize);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('resize', resize);
      this.chart?.dispose();
      this.chart = null;
    });
  }

  private option(kpi: KpiDto, language: string): ChartOption {
    const actual = this.translate.instant('meetings.kpis.actual') as string;
    const target = this.translate.instant('meetings.kpis.target') as string;
    const values = [...kpi.values].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
    const labels = values.map((value) => formatCalendarDate(value.weekStart, language, 'day-month'));
    return {
      animation: false,
      color: [ACTUAL_COLOUR, TARGET_COLOUR],
      textStyle: { fontFamily: 'Roboto, sans-serif' },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      legend: { top: 0, data: [actual, target], textStyle: { color: '#1d1b20' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels.length > 0 ? labels : ['—'], boundaryGap: false, axisLabel: { color: '#44474e' } },
      yAxis: { type: 'value', scale: true, name: kpi.unit, axisLabel: { color: '#44474e' } },
      series: [
        {
          name: actual,
          type: 'line',
          data: values.map((value) => ({ value: value.value, itemStyle: { color: KPI_STATUS_COLOURS[value.status] } })),
          symbol: 'circle',
          symbolSize: 8,
          lineStyle: { width: 3, color: ACTUAL_COLOUR },
        },
        {
          name: target,
          type: 'line',
          data: (labels.length > 0 ? labels : ['—']).map(() => kpi.target),
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2 },
        },
      ],
    };
  }
}
