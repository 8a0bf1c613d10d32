import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { COMPACT_PLAN_MEDIA_TYPE, compactPlan, type RetroPlanningDto } from '@jalon/domain';
import { newLink, newMilestone, newPlan, newTask } from '@jalon/planning/testing';
import { PlanningApi } from './planning-api';

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
});
