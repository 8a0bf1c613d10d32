import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import type { RetroPlanningDto } from '@jalon/domain';
import { BundledTranslateLoader } from '../core/language';
import { previewPlan, type BulkRequest } from './plan-edit';
import { fixturePlan } from './planning.fixtures';
import { PlanningStore } from './planning-store';

const PROJECT = 'p';
const BULK = `/api/projects/${PROJECT}/plan/bulk`;

/** What the API would answer: the body applied, each row's version raised. */
function answer(plan: RetroPlanningDto, body: BulkRequest): RetroPlanningDto {
  const tasks = new Map(body.tasks.map((task) => [task.id, task]));
  return previewPlan({
    ...plan,
    tasks: plan.tasks.map((task) => {
      const change = tasks.get(task.id);
      return change ? { ...task, ...change, isMilestone: (change.duration ?? task.duration) === 0, version: task.version + 1 } : task;
    }),
  }).plan;
}

describe(PlanningStore.name, () => {
  let store: PlanningStore;
  let http: HttpTestingController;
  const plan = fixturePlan({
    tasks: [
      { id: 'A', duration: 4 },
      { id: 'B', duration: 2 },
    ],
    links: [{ id: 'AB', from: 'A', to: 'B' }],
  });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        PlanningStore,
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslateService({ loader: provideTranslateLoader(() => new BundledTranslateLoader()), lang: 'fr' }),
      ],
    });
    store = TestBed.inject(PlanningStore);
    http = TestBed.inject(HttpTestingController);
    store.load(PROJECT);
    http.expectOne(`/api/projects/${PROJECT}/plan`).flush(plan);
    http.expectOne(`/api/projects/${PROJECT}/plan/baselines`).flush([]);
  });

  afterEach(() => http.verify());

  it('should send a second quick edit after the first, with the version the first save returned', () => {
    store.commit({ tasks: [{ id: 'A', duration: 5 }], links: [] }, 'first');
    store.commit({ tasks: [{ id: 'A', duration: 6 }], links: [] }, 'second');

    // One request at a time; the page already shows both edits.
    const first = http.expectOne(BULK);
    expect((first.request.body as BulkRequest).tasks).toEqual([{ id: 'A', duration: 5, version: 1 }]);
    expect(store.plan()?.tasks.find((task) => task.id === 'A')?.duration).toBe(6);
    expect(store.saving()).toBe(true);
    const afterFirst = answer(plan, first.request.body as BulkRequest);
    first.flush(afterFirst);

    const second = http.expectOne(BULK);
    expect((second.request.body as BulkRequest).tasks).toEqual([{ id: 'A', duration: 6, version: 2 }]);
    second.flush(answer(afterFirst, second.request.body as BulkRequest));

    expect(store.saving()).toBe(false);
    expect(store.saved()?.tasks.find((task) => task.id === 'A')).toMatchObject({ duration: 6, version: 3 });
    // Each edit is undone on its own, the last first.
    expect(store.undoEntry()?.label).toBe('second');
    expect(store.undoEntry()?.backward).toEqual({ tasks: [{ id: 'A', duration: 5 }], links: [] });
  });

  it('should drop the edits that waited for a refused one and show the saved plan again', () => {
    store.commit({ tasks: [{ id: 'A', duration: 5 }], links: [] }, 'first');
    store.commit({ tasks: [{ id: 'B', duration: 3 }], links: [] }, 'second');
    http.expectOne(BULK).flush({ code: 'stale_version' }, { status: 409, statusText: 'Conflict' });
    // The refusal reloads the plan; nothing else is sent.
    http.expectOne(`/api/projects/${PROJECT}/plan`).flush(plan);
    expect(store.saving()).toBe(false);
    expect(store.plan()).toEqual(plan);
    expect(store.undoEntry()).toBeUndefined();
  });
});
