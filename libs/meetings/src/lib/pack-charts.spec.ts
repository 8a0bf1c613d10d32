import * as echarts from 'echarts';
import { dayLabel, dayNumber, ENGLISH_CHART_LABELS, ganttSummaryChartOptions, milestoneTrendChartOptions } from './pack-charts';

/** Renders options as the API does for the PDF: ECharts' server-side SVG renderer. */
function svgOf(options: Record<string, unknown>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
  try {
    chart.setOption(options);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

describe('pack charts', () => {
  it('counts days by the digits of the date, whatever the time zone', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayLabel(dayNumber('2027-03-28'))).toBe('28/03/27');
    expect(dayLabel(dayNumber('2026-10-25'))).toBe('25/10/26');
  });

  it('draws one trend line per key milestone, its forecasts at each baseline then now', () => {
    const options = milestoneTrendChartOptions({
      baselines: [
        { id: 'b1', name: 'COPIL 1', createdAt: '2026-10-06T08:00:00.000Z' },
        { id: 'b2', name: 'COPIL 2', createdAt: '2026-11-03T08:00:00.000Z' },
      ],
      milestones: [
        { taskId: 't1', name: 'Go-live <pilote> & co', forecasts: ['2027-03-01', '2027-03-08'], current: '2027-03-15' },
        { taskId: 't2', name: 'Recette', forecasts: [null, '2027-02-01'], current: '2027-02-01' },
      ],
    });
    const series = options['series'] as Array<{ name: string; data: Array<number | null> }>;
    expect(series.map((line) => line.name)).toEqual(['Go-live <pilote> & co', 'Recette']);
    expect(series[0]?.data).toEqual([dayNumber('2027-03-01'), dayNumber('2027-03-08'), dayNumber('2027-03-15')]);
    expect(series[1]?.data[0]).toBeNull();
    expect((options['xAxis'] as { data: string[] }).data).toEqual(['COPIL 1', 'COPIL 2', "Aujourd'hui"]);
    // The forecast axis ticks on Mondays, a week before the earliest date to a week after the latest.
    const axis = options['yAxis'] as { min: number; max: number; interval: number };
    expect(dayLabel(axis.min)).toBe('25/01/27');
    expect(axis.interval % 7).toBe(0);
    expect((axis.max - axis.min) % axis.interval).toBe(0);
    expect(axis.max).toBeGreaterThanOrEqual(dayNumber('2027-03-22'));
    const svg = svgOf(options);
    expect(svg.startsWith('<svg')).toBe(true);
    // User text is escaped in the SVG, never markup.
    expect(svg).toContain('Go-live &lt;pilote&gt; &amp; co');
    expect(svg).not.toContain('<pilote>');
  });

  it('places phases as bars from their start and milestones as diamonds, with the go-live line', () => {
    const options = ganttSummaryChartOptions(
      {
        goLive: '2027-03-15',
        rows: [
          { kind: 'phase', id: 'p1', name: 'Cadrage', start: '2026-09-01', finish: '2026-10-30', critical: false },
          { kind: 'phase', id: 'p2', name: 'Recette', start: '2027-01-04', finish: '2027-02-26', critical: true },
          { kind: 'milestone', id: 'm1', name: 'Go-live', start: '2027-03-15', finish: '2027-03-15', critical: true },
        ],
      },
      ENGLISH_CHART_LABELS,
    );
    const [offsets, bars, diamonds] = options['series'] as Array<{ data: unknown[] }>;
    const origin = dayNumber('2026-08-31'); // the Monday before the first start
    // Rows are listed bottom-up: the milestone first.
    expect(offsets?.data).toEqual(['-', dayNumber('2027-01-04') - origin, dayNumber('2026-09-01') - origin]);
    expect((bars?.data[1] as { value: number }).value).toBe(dayNumber('2027-02-26') + 1 - dayNumber('2027-01-04'));
    expect(diamonds?.data).toEqual([{ value: [dayNumber('2027-03-15') + 0.5 - origin, 0], itemStyle: { color: '#b3261e' } }]);
    const svg = svgOf(options);
    expect(svg).toContain('Cadrage');
    expect(svg).toContain('Go-live');
  });
});
