import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { COMPACT_PLAN_MEDIA_TYPE, compactPlan, type RetroPlanningDto } from '@jalon/domain';
import { newLink, newMilestone, newPlan, newTask } from '@jalon/planning/testing';
import { convertToParamMap, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import { PlanningApi, PREFETCHED_PLAN_LIFETIME_MS } from './planning-api';
import { prefetchPlan } from './plan-prefetch';

describe(PlanningApi.name, () => {
  let api: PlanningApi;
  let http: HttpTestingController;
  let plan: RetroPlanningDto;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(PlanningApi);
    http = TestBed.inject(HttpTestingController);
    const work = newTask({ name: 'Atelier routage', duration: 4 });
    const goLive = newMilestone({ name: 'Mise en production' });
    plan = newPlan({ tasks: [work, goLive], links: [newLink(work.id, goLive.id)] });
  });

  afterEach(() => http.verify());

  it('should ask for the compact plan and expand it to the plan the API computed', async () => {
    const answer = firstValueFrom(api.get('p1'));
    const request = http.expectOne('/api/projects/p1/plan');
    expect(request.request.headers.get('Accept')).toContain(COMPACT_PLAN_MEDIA_TYPE);
    request.flush(JSON.parse(JSON.stringify(compactPlan(plan))));
    expect(await answer).toEqual(plan);
  });

  it('should take a plain plan as it is when the server ignores the Accept header', async () => {
    const answer = firstValueFrom(api.get('p1'));
    http.expectOne('/api/projects/p1/plan').flush(JSON.parse(JSON.stringify(plan)));
    expect(await answer).toEqual(plan);
  });

  describe('a plan asked for ahead of its page', () => {
    const flushPlan = (projectId: string) => http.expectOne(`/api/projects/${projectId}/plan`).flush(JSON.parse(JSON.stringify(compactPlan(plan))));

    it('should hand the page the plan the route asked for, without a second request', async () => {
      api.prefetch('p1');
      flushPlan('p1');
      expect(await firstValueFrom(api.get('p1'))).toEqual(plan);
    });

    it('should hand it over once: a reload asks the API again', async () => {
      api.prefetch('p1');
      flushPlan('p1');
      await firstValueFrom(api.get('p1'));
      const reloaded = firstValueFrom(api.get('p1'));
      flushPlan('p1');
      expect(await reloaded).toEqual(plan);
    });

    it('should hand the page a request still on its way', async () => {
      api.prefetch('p1');
      const answer = firstValueFrom(api.get('p1'));
      flushPlan('p1');
      expect(await answer).toEqual(plan);
    });

    it('should not hand over another project\'s plan', async () => {
      api.prefetch('p1');
      flushPlan('p1');
      const answer = firstValueFrom(api.get('p2'));
      flushPlan('p2');
      expect(await answer).toEqual(plan);
    });

    it('should ask again when the plan was fetched too long ago', async () => {
      const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
      api.prefetch('p1');
      flushPlan('p1');
      now.mockReturnValue(1_000_000 + PREFETCHED_PLAN_LIFETIME_MS);
      const answer = firstValueFrom(api.get('p1'));
      flushPlan('p1');
      expect(await answer).toEqual(plan);
      now.mockRestore();
    });

    it('should give the page the refusal the API answered', async () => {
      api.prefetch('p1');
      http.expectOne('/api/projects/p1/plan').flush({ code: 'forbidden' }, { status: 403, statusText: 'Forbidden' });
      await expect(firstValueFrom(api.get('p1'))).rejects.toMatchObject({ status: 403 });
    });

    it('should be started by the planning route before its page loads, and let the navigation go on', async () => {
      const route = { paramMap: convertToParamMap({ projectId: 'p1' }) } as ActivatedRouteSnapshot;
      const allowed = TestBed.runInInjectionContext(() => prefetchPlan(route, {} as RouterStateSnapshot));
      expect(allowed).toBe(true);
      flushPlan('p1');
      expect(await firstValueFrom(api.get('p1'))).toEqual(plan);
    });
  });
});
