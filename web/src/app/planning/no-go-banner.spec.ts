import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import type { GoNoGoSignalsDto, ProjectSummary, SessionInfo } from '@jalon/domain';
import { AuthService } from '../core/auth';
import { BundledTranslateLoader, LanguageService } from '../core/language';
import { ProjectContext } from '../core/project-context';
import { NoGoBanner } from './no-go-banner';

const PROJECT = '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10';
const SIGNALS = `/api/projects/${PROJECT}/go-no-go/signals`;

describe(NoGoBanner.name, () => {
  beforeEach(() => {
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

  function render(role: ProjectSummary['myRole'] | null) {
    const context = TestBed.inject(ProjectContext);
    context.projects.set([{ id: PROJECT, name: 'Projet', myRole: role } as ProjectSummary]);
    context.currentProjectId.set(PROJECT);
    TestBed.inject(AuthService).session.set({ user: { isAdmin: false } } as SessionInfo);
    const fixture = TestBed.createComponent(NoGoBanner);
    fixture.componentRef.setInput('projectId', PROJECT);
    fixture.detectChanges();
    return fixture;
  }

  const signals = (kind: 'go' | 'go_reserves' | 'no_go' | null): GoNoGoSignalsDto => ({
    latestDecision: kind
      ? { decisionId: 'd', campaignId: 'c', campaignName: 'VABF <lot 1>', kind, decidedAt: '2027-03-10T23:30:00.000Z' }
      : null,
    overdueReserves: [],
  });

  it('should show a signed no-go with its campaign, its date in Paris and a link to the go / no-go page', async () => {
    const fixture = render('viewer');
    TestBed.inject(HttpTestingController).expectOne(SIGNALS).flush(signals('no_go'));
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const banner = element.querySelector('[data-testid="no-go-banner"]');
    expect(banner?.getAttribute('role')).toBe('status');
    // The campaign's name is text, never markup; 23:30 UTC is the next day in Paris (UTC+1 in March).
    expect(banner?.querySelector('h2')?.textContent).toBe('No-go sur la recette « VABF <lot 1> »');
    expect(banner?.textContent).toContain('11/03/2027');
    expect(element.querySelector('[data-testid="no-go-link"]')?.getAttribute('href')).toBe('/go-no-go');
  });

  it.each(['go', 'go_reserves', null] as const)('should show nothing when the latest signed decision is %s', async (kind) => {
    const fixture = render('project_manager');
    TestBed.inject(HttpTestingController).expectOne(SIGNALS).flush(signals(kind));
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="no-go-banner"]')).toBeNull();
  });

  it('should stay silent when the read fails', async () => {
    const fixture = render('sponsor');
    TestBed.inject(HttpTestingController).expectOne(SIGNALS).flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="no-go-banner"]')).toBeNull();
  });

  it('should not ask anything for a caller with no role on the project', () => {
    render(null);
    TestBed.inject(HttpTestingController).expectNone(SIGNALS);
  });
});
