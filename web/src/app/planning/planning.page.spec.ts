import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { registerLocaleData } from '@angular/common';
import localeFr from '@angular/common/locales/fr';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import { BehaviorSubject } from 'rxjs';
import type { ProjectRole } from '@jalon/domain';
import { BundledTranslateLoader, LanguageService } from '../core/language';
import { PlanningPage } from './planning.page';
import { fixturePlan } from './planning.fixtures';

registerLocaleData(localeFr);

const PROJECT = '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10';

beforeAll(() => {
  // jsdom has no layout: frappe-gantt measures labels and bars with getBBox.
  const svg = window.SVGElement.prototype as unknown as { getBBox(): DOMRect };
  svg.getBBox = () => ({ x: 0, y: 0, width: 40, height: 12 }) as DOMRect;
  // jsdom does not scroll either.
  Element.prototype.scrollTo ??= () => undefined;
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
});

describe(PlanningPage.name, () => {
  const plan = fixturePlan({
    phases: ['p1'],
    tasks: [
      { id: 'A', duration: 4, phase: 'p1' },
      { id: 'B', duration: 2, phase: 'p1' },
      { id: 'M', duration: 0, phase: 'p1' },
    ],
    links: [
      { id: 'AB', from: 'A', to: 'B' },
      { id: 'BM', from: 'B', to: 'M' },
    ],
  });

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslateService({ loader: provideTranslateLoader(() => new BundledTranslateLoader()), lang: 'fr' }),
        { provide: ActivatedRoute, useValue: { parent: { paramMap: new BehaviorSubject(convertToParamMap({ projectId: PROJECT })) } } },
      ],
    });
    TestBed.inject(LanguageService).init();
  });

  async function render(role: ProjectRole): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(PlanningPage);
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`/api/projects/${PROJECT}/plan`).flush(plan);
    http.expectOne(`/api/projects/${PROJECT}`).flush({ id: PROJECT, myRole: role });
    http.expectOne(`/api/projects/${PROJECT}/plan/baselines`).flush([]);
    http.expectOne(`/api/projects/${PROJECT}/plan/milestone-trend`).flush({ baselines: [], milestones: [] });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('should show the phase, its tasks and the milestone as a diamond, in French', async () => {
    const element = await render('project_manager');
    expect(element.querySelector('h1')?.textContent).toContain('Rétroplanning');
    expect(element.querySelectorAll('[data-testid="phase-row"]')).toHaveLength(1);
    expect(element.querySelectorAll('[data-testid="task-row"]')).toHaveLength(3);
    expect(element.querySelectorAll('.diamond')).toHaveLength(1);
    expect(element.querySelector('[data-testid="add-task"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="read-only"]')).toBeNull();
  });

  it('should offer no editing to a viewer', async () => {
    const element = await render('viewer');
    expect(element.querySelector('[data-testid="read-only"]')?.textContent).toContain('Lecture seule');
    expect(element.querySelector('[data-testid="add-task"]')).toBeNull();
    expect(element.querySelector('[data-testid="undo"]')).toBeNull();
  });
});
