import type { MilestoneTrendDto, PackGanttRow } from '@jalon/domain';

/**
 * The COPIL pack's charts as Apache ECharts options: one definition for the printable page (the
 * browser's ECharts) and the PDF (ECharts rendered to SVG on the server). Plain objects and pure
 * functions, no ECharts import, so the library stays framework-free.
 *
 * Dates are placed as day numbers (days since 1970-01-01, by the calendar date's digits) on value
 * axes and labelled by the same arithmetic, so a chart shows the same days in Paris, New York and
 * on a server in UTC: a 'YYYY-MM-DD' never goes through a time zone.
 */

/** An ECharts option object (typed loosely: the library does not depend on ECharts' types). */
export type ChartOptions = Record<string, unknown>;

export interface ChartLabels {
  /** The last point of the trend: the plan as it is now. */
  now: string;
  goLive: string;
  /** The name of the forecast axis of the trend. */
  forecast: string;
}

export const FRENCH_CHART_LABELS: ChartLabels = { now: "Aujourd'hui", goLive: 'Go-live', forecast: 'Date prévue' };
export const ENGLISH_CHART_LABELS: ChartLabels = { now: 'Today', goLive: 'Go-live', forecast: 'Forecast' };

/** The day number of Monday 5 January 1970. */
const MONDAY = 4;

const PALETTE = ['#3f51b5', '#b3261e', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#c2185b', '#455a64', '#9e9d24'];

/** Days since 1970-01-01 of 'YYYY-MM-DD', by its digits. */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** 'DD/MM/YY' of a day number, by the same arithmetic (UTC fields, never the local zone). */
export function dayLabel(day: number): string {
  const date = new Date(Math.round(day) * 86_400_000);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${two(date.getUTCFullYear() % 100)}`;
}

/**
 * The milestone trend chart (« analyse de tendance des jalons »): one line per key milestone, its
 * forecast finish at each baseline and now. A flat line holds; a rising line slips.
 */
export function milestoneTrendChartOptions(trend: MilestoneTrendDto, labels: ChartLabels = FRENCH_CHART_LABELS, maxMilestones = 10): ChartOptions {
  const points = [...trend.baselines.map((baseline) => baseline.name), labels.now];
  const milestones = trend.milestones.slice(0, maxMilestones);
  const days = milestones.flatMap((milestone) => [...milestone.forecasts, milestone.current]).filter((date): date is string => date !== null).map(dayNumber);
  // Ticks on Mondays (day 4 was Monday 5 January 1970), every week or every few weeks.
  const first = days.length > 0 ? Math.min(...days) : MONDAY;
  const last = days.length > 0 ? Math.max(...days) : MONDAY + 7;
  const interval = 7 * Math.max(1, Math.ceil((last - first + 14) / (7 * 8)));
  const min = MONDAY + Math.floor((first - 7 - MONDAY) / interval) * interval;
  const max = MONDAY + Math.ceil((last + 7 - MONDAY) / interval) * interval;
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'Roboto, sans-serif' },
    legend: { type: 'plain', bottom: 0, textStyle: { fontSize: 10 } },
    grid: { left: 70, right: 20, top: 20, bottom: 30 + Math.ceil(milestones.length / 3) * 18, containLabel: false },
    xAxis: { type: 'category', data: points, boundaryGap: false, axisLabel: { fontSize: 10, interval: 0 } },
    yAxis: {
      type: 'value',
      name: labels.forecast,
      nameTextStyle: { fontSize: 10 },
      min,
      max,
      interval,
      axisLabel: { fontSize: 10, formatter: (value: number) => dayLabel(value) },
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    series: milestones.map((milestone) => ({
      type: 'line',
      name: milestone.name,
      connectNulls: false,
      symbol: 'diamond',
      symbolSize: 8,
      data: [...milestone.forecasts, milestone.current].map((date) => (date === null ? null : dayNumber(date))),
    })),
  };
}

/**
 * The Gantt summary: a bar per phase (from its first start to its last finish) and a diamond per
 * key milestone, critical ones in red, and the go-live as a dashed line. Stacked bars grow from
 * zero, so the axis counts days from the chart's first day (`origin`) and labels them as dates.
 */
export function ganttSummaryChartOptions(gantt: { goLive: string; rows: readonly PackGanttRow[] }, labels: ChartLabels = FRENCH_CHART_LABELS): ChartOptions {
  // ECharts lists categories bottom-up; the plan reads top-down.
  const rows = [...gantt.rows].reverse();
  const days = [...rows.flatMap((row) => [dayNumber(row.start), dayNumber(row.finish) + 1]), dayNumber(gantt.goLive) + 1];
  // The axis starts on a Monday and ticks every week or every few weeks.
  const origin = MONDAY + Math.floor((Math.min(...days) - 1 - MONDAY) / 7) * 7;
  const interval = 7 * Math.max(1, Math.ceil((Math.max(...days) + 1 - origin) / (7 * 10)));
  const span = Math.ceil((Math.max(...days) + 1 - origin) / interval) * interval;
  const blue = '#3f51b5';
  const red = '#b3261e';
  return {
    animation: false,
    textStyle: { fontFamily: 'Roboto, sans-serif' },
    // Room above the plot for the go-live line's label.
    grid: { left: 10, right: 20, top: 24, bottom: 25, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: span,
      interval,
      axisLabel: { fontSize: 9, formatter: (value: number) => dayLabel(value + origin) },
      splitLine: { lineStyle: { color: '#eeeeee' } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { fontSize: 9, width: 160, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        // The invisible part of a phase's bar, from the chart's first day to the phase's start.
        type: 'bar',
        stack: 'phase',
        silent: true,
        barWidth: 10,
        itemStyle: { color: 'transparent' },
        data: rows.map((row) => (row.kind === 'phase' ? dayNumber(row.start) - origin : '-')),
      },
      {
        type: 'bar',
        stack: 'phase',
        barWidth: 10,
        data: rows.map((row) =>
          row.kind === 'phase' ? { value: dayNumber(row.finish) + 1 - dayNumber(row.start), itemStyle: { color: row.critical ? red : blue } } : '-',
        ),
      },
      {
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 11,
        data: rows.flatMap((row, index) =>
          row.kind === 'milestone' ? [{ value: [dayNumber(row.finish) + 0.5 - origin, index], itemStyle: { color: row.critical ? red : blue } }] : [],
        ),
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: labels.goLive, fontSize: 9, color: red },
          lineStyle: { color: red, type: 'dashed' },
          data: [{ xAxis: dayNumber(gantt.goLive) + 1 - origin }],
        },
      },
    ],
  };
}
