import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { registerLocaleData } from '@angular/common';
import localeFr from '@angular/common/locales/fr';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import type { ProjectSummary } from '@jalon/domain';
import { BundledTranslateLoader, LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { ProjectListPage } from './project-list.page';

registerLocaleData(localeFr);

const project: ProjectSummary = {
  id: '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10',
  name: 'Déploiement plateforme relation client — Lot 1',
  company: 'Mutuelle Horizon',
  description: 'Voix puis email et chat',
  status: 'in_progress',
  weather: 'stormy',
  weatherComment: 'Prérequis réseau en retard',
  targetGoLive: '2027-03-23',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  version: 1,
  myRole: 'viewer',
};

describe(ProjectListPage.name, () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslateService({ loader: provideTranslateLoader(() => new BundledTranslateLoader()), lang: 'fr' }),
      ],
    });
    TestBed.inject(LanguageService).init();
  });

  async function render(projects: ProjectSummary[] = [project]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(ProjectListPage);
    TestBed.inject(ProjectContext).load();
    TestBed.inject(HttpTestingController).expectOne('/api/projects').flush(projects);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('should list each project with its go-live date, status and weather in French', async () => {
    const element = await render();
    const card = element.querySelector('[data-testid="project-card"]');
    expect(card?.textContent).toContain(project.name);
    expect(card?.textContent).toContain('mardi 23 mars 2027');
    expect(card?.textContent).toContain('En cours');
    expect(card?.textContent).toContain('Orageux');
    expect(card?.textContent).toContain('Prérequis réseau en retard');
  });

  it('should switch its labels to English', async () => {
    const element = await render();
    TestBed.inject(LanguageService).use('en');
    TestBed.tick();
    expect(element.textContent).toContain('My projects');
    expect(element.textContent).toContain('Tuesday, 23 March 2027');
    expect(element.textContent).toContain('Stormy');
  });

  it('should offer « Modifier » to the project manager only', async () => {
    const element = await render([project, { ...project, id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Lot 2', myRole: 'project_manager' }]);
    const cards = [...element.querySelectorAll('[data-testid="project-card"]')];
    expect(cards.map((card) => card.querySelector('[data-testid="edit-project"]') !== null)).toEqual([false, true]);
  });

  it('should offer to retry when the API cannot be reached', async () => {
    const fixture = TestBed.createComponent(ProjectListPage);
    TestBed.inject(ProjectContext).load();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/projects')
      .flush('down', { status: 502, statusText: 'Bad Gateway' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain(
      'Impossible de joindre le serveur Jalon',
    );
  });
});
