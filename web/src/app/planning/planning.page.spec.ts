import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { registerLocaleData } from '@angular/common';
import localeFr from '@angular/common/locales/fr';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import { BehaviorSubject } from 'rxjs';
import type { ProjectRole, ProjectSummary, SessionInfo } from '@jalon/domain';
import { AuthService } from '../core/auth';
import { ProjectContext } from '../core/project-context';
import { BundledTranslateLoader, LanguageService } from '../core/language';
import { PlanningPage } from './planning.page';
import { fixturePlan } from './planning.fixtures';

registerLocaleData(localeFr);

const PROJECT = '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10';

// A whole page with its dialogs: on a loaded machine this takes more than the default 5 s.
jest.setTimeout(30_000);

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

  async function render(role: ProjectRole | null, admin = false): Promise<HTMLElement> {
    return (await renderFixture(role, admin)).nativeElement as HTMLElement;
  }

  /** The page as the project layout opens it: the project context knows the caller's role. */
  async function renderFixture(role: ProjectRole | null, admin = false) {
    const context = TestBed.inject(ProjectContext);
    context.projects.set([{ id: PROJECT, name: 'Projet', myRole: role } as ProjectSummary]);
    context.currentProjectId.set(PROJECT);
    TestBed.inject(AuthService).session.set({ user: { isAdmin: admin } } as SessionInfo);
    const fixture = TestBed.createComponent(PlanningPage);
    fixture.detectChanges();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`/api/projects/${PROJECT}/plan`).flush(plan);
    http.expectOne(`/api/projects/${PROJECT}/plan/baselines`).flush([]);
    http.expectOne(`/api/projects/${PROJECT}/plan/milestone-trend`).flush({ baselines: [], milestones: [] });
    await fixture.whenStable();
    return fixture;
  }

  it('should show the phase, its tasks and the milestone as a diamond, in French', async () => {
    const element = await render('project_manager');
    expect(element.querySelector('h1')?.textContent).toContain('Rétroplanning');
    expect(element.querySelectorAll('[data-testid="phase-row"]')).toHaveLength(1);
    expect(element.querySelectorAll('[data-testid="task-row"]')).toHaveLength(3);
    expect(element.querySelectorAll('.diamond')).toHaveLength(1);
    expect(element.querySelector('[data-testid="add-task"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="read-only"]')).toBeNull();
    for (const control of ['plan-settings', 'phase-menu']) {
      expect(element.querySelector(`[data-testid="${control}"]`)).not.toBeNull();
    }
  });

  it('should offer no editing to a viewer', async () => {
    const element = await render('viewer');
    expect(element.querySelector('[data-testid="read-only"]')?.textContent).toContain('Lecture seule');
    expect(element.querySelector('[data-testid="add-task"]')).toBeNull();
    expect(element.querySelector('[data-testid="undo"]')).toBeNull();
    for (const control of ['plan-settings', 'manage-lots', 'manage-phases', 'phase-menu']) {
      expect(element.querySelector(`[data-testid="${control}"]`)).toBeNull();
    }
  });

  it('should let an instance administrator who is not a member edit the plan, as the API does', async () => {
    const element = await render(null, true);
    expect(element.querySelector('[data-testid="read-only"]')).toBeNull();
    expect(element.querySelector('[data-testid="add-task"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="plan-settings"]')).not.toBeNull();
  });

  it('should save the go-live from the settings dialog, showing a refusal in the dialog first', async () => {
    const fixture = await renderFixture('project_manager');
    const element = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    (element.querySelector('[data-testid="plan-settings"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const dialog = document.querySelector('[data-testid="settings-dialog"]') as HTMLFormElement;
    expect(dialog).not.toBeNull();
    const goLive = dialog.querySelector('[data-testid="settings-go-live"]') as HTMLInputElement;
    goLive.value = '2027-06-02';
    goLive.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const save = dialog.querySelector('[data-testid="settings-save"]') as HTMLButtonElement;
    expect(save.disabled).toBe(false);

    save.click();
    const refused = http.expectOne(`/api/projects/${PROJECT}/plan/settings`);
    expect(refused.request.method).toBe('PATCH');
    expect(refused.request.body).toEqual({ version: 1, targetGoLive: '2027-06-02' });
    refused.flush(
      {
        code: 'validation_failed',
        message: 'targetGoLive 2027-06-02 is before the project start',
        fields: [{ field: 'targetGoLive', messages: ['is before the project start'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    // The page's own words, chosen by the code, naming the field; never the API's English.
    const said = document.querySelector('[data-testid="dialog-error"]')?.textContent ?? '';
    expect(said).toContain('Changement refusé : une valeur est invalide.');
    expect(said).toContain('« Mise en production visée »');
    expect(said).not.toContain('before the project start');
    expect(dialog.querySelector('.field-error')?.textContent).toContain('Valeur refusée par le serveur');

    save.click();
    const accepted = http.expectOne(`/api/projects/${PROJECT}/plan/settings`);
    accepted.flush({ ...plan, settings: { ...plan.settings, targetGoLive: '2027-06-02', version: 2 } });
    await fixture.whenStable();
    expect(element.querySelector('.subtitle')?.textContent).toContain('2 juin 2027');
    // The dialog closes once its closing animation is over.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="settings-dialog"]')).toBeNull();
  });

  it('should create a lot from the lots dialog, and say so in the dialog when the plan changed meanwhile', async () => {
    const fixture = await renderFixture('project_manager');
    const element = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    (element.querySelector('[aria-label="Plus d’actions"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    (document.querySelector('[data-testid="manage-lots"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const dialog = document.querySelector('[data-testid="lots-dialog"]') as HTMLElement;
    expect(dialog.textContent).toContain('Aucun lot pour l’instant.');
    const name = dialog.querySelector('[data-testid="new-lot-name"]') as HTMLInputElement;
    name.value = 'Lot 2';
    name.dispatchEvent(new Event('input'));
    const goLive = dialog.querySelector('[data-testid="new-lot-go-live"]') as HTMLInputElement;
    goLive.value = '2027-09-14';
    goLive.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (dialog.querySelector('[data-testid="create-lot"]') as HTMLButtonElement).click();
    const refused = http.expectOne(`/api/projects/${PROJECT}/plan/lots`);
    expect(refused.request.body).toEqual({ name: 'Lot 2', goLive: '2027-09-14' });
    refused.flush({ message: 'stale' }, { status: 409, statusText: 'Conflict' });
    http.expectOne(`/api/projects/${PROJECT}/plan`).flush(plan);
    await fixture.whenStable();
    expect(dialog.querySelector('[data-testid="dialog-error"]')?.textContent).toContain('Quelqu’un d’autre a modifié le planning');

    (dialog.querySelector('[data-testid="create-lot"]') as HTMLButtonElement).click();
    const lot = { id: 'lot-2', name: 'Lot 2', goLive: '2027-09-14', position: 0, version: 1 };
    http.expectOne(`/api/projects/${PROJECT}/plan/lots`).flush({ ...plan, lots: [lot] });
    await fixture.whenStable();
    expect(dialog.querySelector('[data-testid="dialog-error"]')).toBeNull();
    expect(dialog.querySelectorAll('[data-testid="lot-row"]')).toHaveLength(1);
    expect(name.value).toBe('');
  });
});
