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
    http.expectOne(`/api/projects/${PROJECT}/risks`).flush({ risks: [] });
  });

  afterEach(() => http.verify());

  it('should show the plan when the risk register cannot be read, and the linked risks when it can', () => {
    store.load(PROJECT);
    http.expectOne(`/api/projects/${PROJECT}/plan`).flush(plan);
    http.expectOne(`/api/projects/${PROJECT}/plan/baselines`).flush([]);
    http.expectOne(`/api/projects/${PROJECT}/risks`).flush({}, { status: 500, statusText: 'Server Error' });
    expect(store.state()).toBe('loaded');
    expect(store.taskRisks().size).toBe(0);
    store.loadRisks();
    http.expectOne(`/api/projects/${PROJECT}/risks`).flush({
      risks: [{ id: 'r1', reference: 'R-001', title: 'Tests insuffisants', status: 'identified', linkedTaskIds: ['A'], residual: { band: 'high' } }],
    });
    expect(store.taskRisks().get('A')?.map((risk) => risk.reference)).toEqual(['R-001']);
  });

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

  it('should insert a task after the selected one in one request, and undo it by deleting it with a reconnection', () => {
    const created = { ...plan.tasks[0]!, id: 'N', name: 'Nouvelle tâche', version: 1 };
    const withNew = { ...plan, tasks: [...plan.tasks, created] };
    let opened = '';
    store.createTask({ name: 'Nouvelle tâche', duration: 5, insertAfterTaskId: 'A' }, 'création', (task) => (opened = task.id));
    const insert = http.expectOne(`/api/projects/${PROJECT}/plan/tasks`);
    expect(insert.request.body).toEqual({ name: 'Nouvelle tâche', duration: 5, insertAfterTaskId: 'A' });
    insert.flush(withNew);
    expect(opened).toBe('N');
    expect(store.undoEntry()?.label).toBe('création');

    store.undo();
    const removal = http.expectOne((request) => request.url === `/api/projects/${PROJECT}/plan/tasks/N`);
    expect(removal.request.method).toBe('DELETE');
    expect(removal.request.params.get('reconnect')).toBe('true');
    removal.flush(plan);
    expect(store.redoEntry()?.label).toBe('création');
  });

  it('should delete a task with the reconnection asked, and bring it back with its links on undo', () => {
    store.deleteTask('A', false, 'suppression');
    const removal = http.expectOne((request) => request.url === `/api/projects/${PROJECT}/plan/tasks/A`);
    expect(removal.request.params.get('reconnect')).toBe('false');
    removal.flush({ ...plan, tasks: plan.tasks.filter((task) => task.id !== 'A'), links: [] });

    store.undo();
    const recreate = http.expectOne(`/api/projects/${PROJECT}/plan/tasks`);
    expect(recreate.request.body).toMatchObject({ name: 'Task A', duration: 4, position: 0 });
    const back = { ...plan.tasks[0]!, id: 'A2' };
    recreate.flush({ ...plan, tasks: [back, plan.tasks[1]!], links: [] });
    const link = http.expectOne(`/api/projects/${PROJECT}/plan/links`);
    expect(link.request.body).toEqual({ fromTaskId: 'A2', toTaskId: 'B', type: 'FS', lag: 0 });
    link.flush({ ...plan, tasks: [back, plan.tasks[1]!], links: [{ ...plan.links[0]!, fromTaskId: 'A2' }] });
    expect(store.undoEntry()).toBeUndefined();
    expect(store.redoEntry()?.label).toBe('suppression');
  });
});
