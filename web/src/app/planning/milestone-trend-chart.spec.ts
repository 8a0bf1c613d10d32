import { TestBed } from '@angular/core/testing';
import { provideTranslateService } from '@ngx-translate/core';
import type { MilestoneTrendDto } from '@jalon/domain';
import { MilestoneTrendChart } from './milestone-trend-chart';

function render(trend: MilestoneTrendDto, language = 'fr'): HTMLElement {
  TestBed.configureTestingModule({ providers: [provideTranslateService()] });
  const fixture = TestBed.createComponent(MilestoneTrendChart);
  fixture.componentRef.setInput('trend', trend);
  fixture.componentRef.setInput('language', language);
  fixture.componentRef.setInput('currentLabel', 'Plan actuel');
  fixture.componentRef.setInput('today', '2027-01-15');
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const twoSameDay: MilestoneTrendDto = {
  baselines: [
    { id: 'b1', name: 'COPIL 1', createdAt: '2026-12-01T09:00:00.000Z' },
    { id: 'b2', name: 'COPIL 1 bis', createdAt: '2026-12-01T16:00:00.000Z' },
  ],
  milestones: [{ taskId: 'm', name: 'Mise en production <b>1</b>', forecasts: ['2027-03-30', '2027-04-06'], current: '2027-04-13' }],
};

describe(MilestoneTrendChart.name, () => {
  it('should keep two baselines frozen the same day apart, each named with its date', () => {
    const element = render(twoSameDay);
    const columns = [...element.querySelectorAll('[data-testid="trend-column"]')];
    const texts = (selector: string) => columns.map((column) => column.querySelector(selector)?.textContent?.trim());
    expect(texts('.column-name')).toEqual(['COPIL 1', 'COPIL 1 bis', 'Plan actuel']);
    expect(texts('.tick-label')).toEqual(['01/12/2026', '01/12/2026', '15/01/2027']);
    const xs = [...element.querySelectorAll('[data-testid="trend-point"]')].map((point) => Number(point.getAttribute('cx')));
    expect(new Set(xs).size).toBe(3);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('should write the years on the date axis', () => {
    const ticks = [...render(twoSameDay).querySelectorAll('[data-testid="trend-y-tick"]')].map((tick) => tick.textContent ?? '');
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick).toMatch(/20(26|27)/);
    expect(ticks.some((tick) => tick.includes('2027'))).toBe(true);
  });

  it('should show a milestone name as text, never as markup', () => {
    const element = render(twoSameDay);
    expect(element.querySelector('b')).toBeNull();
    expect(element.textContent).toContain('Mise en production <b>1</b>');
  });
});
