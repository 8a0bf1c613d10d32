import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, ReplaySubject, share, type Observable } from 'rxjs';
import { COMPACT_PLAN_MEDIA_TYPE, expandPlan } from '@jalon/domain';
import type {
  BaselineComparisonDto,
  CompactPlanDto,
  BaselineSummaryDto,
  LinkTypeCode,
  MilestoneTrendDto,
  ProjectMember,
  RetroPlanningDto,
} from '@jalon/domain';
import type { RiskRegisterDto } from '@jalon/risks';
import { RisksApi } from '../risks/risks-api';
import type { BulkRequest, TaskFields } from './plan-edit';
import type { SettingsChange } from './plan-structure';

export type NewTask = Partial<TaskFields> & {
  name: string;
  duration: number;
  /** Between this task and its successors, in one request (`CreateTaskRequest`). */
  insertAfterTaskId?: string;
  ownerUserId?: string | null;
};
/** What a contributor reports (`TaskProgressRequest` without its version). */
export type ProgressReport = Partial<Pick<TaskFields, 'progress' | 'actualStart' | 'actualFinish'>>;

export interface NewLink {
  fromTaskId: string;
  toTaskId: string;
  type?: LinkTypeCode;
  lag?: number;
}

/** How long a plan asked for ahead of its page (`prefetch`) may be handed to that page. */
export const PREFETCHED_PLAN_LIFETIME_MS = 30_000;

const isCompactPlan = (plan: CompactPlanDto | RetroPlanningDto): plan is CompactPlanDto =>
  (plan as Partial<CompactPlanDto>).encoding === 'rows-1';

/** The retroplanning endpoints; every change answers with the whole recomputed plan. */
@Injectable({ providedIn: 'root' })
export class PlanningApi {
  private readonly http = inject(HttpClient);
  private readonly risksApi = inject(RisksApi);

  private url(projectId: string, path = ''): string {
    return `/api/projects/${encodeURIComponent(projectId)}/plan${path ? '/' + path : ''}`;
  }

  private readonly options = { withCredentials: true } as const;

  /** A plan asked for ahead of its page, until the page takes it. */
  private prefetched: { projectId: string; plan: Observable<RetroPlanningDto>; askedAt: number } | null = null;

  /**
   * The plan of `projectId`: the one `prefetch` asked for moments ago if there is one (taken once),
   * otherwise a new request.
   */
  get(projectId: string): Observable<RetroPlanningDto> {
    const prefetched = this.prefetched;
    this.prefetched = null;
    if (prefetched?.projectId === projectId && Date.now() - prefetched.askedAt < PREFETCHED_PLAN_LIFETIME_MS) return prefetched.plan;
    return this.fetch(projectId);
  }

  /**
   * Asks for the plan now, for the page about to show it: on a first visit the planning page's code
   * is still loading, and the plan arrives meanwhile instead of being asked for once the page is built.
   * A refusal is kept for the page to show, as if it had asked itself.
   */
  prefetch(projectId: string): void {
    // Replayed, the refusal too (shareReplay would ask again after an error).
    const plan = this.fetch(projectId).pipe(
      share({ connector: () => new ReplaySubject<RetroPlanningDto>(1), resetOnError: false, resetOnComplete: false, resetOnRefCountZero: false }),
    );
    plan.subscribe({ error: () => undefined });
    this.prefetched = { projectId, plan, askedAt: Date.now() };
  }

  /**
   * Asks for the compact plan (about a third of the bytes) and expands it on arrival; a server or
   * proxy that ignores the Accept header sends the plain plan, which is taken as it is.
   */
  private fetch(projectId: string): Observable<RetroPlanningDto> {
    return this.http
      .get<CompactPlanDto | RetroPlanningDto>(this.url(projectId), {
        ...this.options,
        headers: { Accept: `${COMPACT_PLAN_MEDIA_TYPE}, application/json;q=0.5` },
      })
      .pipe(map((plan) => (isCompactPlan(plan) ? expandPlan(plan) : plan)));
  }

  updateSettings(projectId: string, change: SettingsChange & { version: number }): Observable<RetroPlanningDto> {
    return this.http.patch<RetroPlanningDto>(this.url(projectId, 'settings'), change, this.options);
  }

  bulk(projectId: string, request: BulkRequest): Observable<RetroPlanningDto> {
    return this.http.post<RetroPlanningDto>(this.url(projectId, 'bulk'), request, this.options);
  }

  createTask(projectId: string, task: NewTask): Observable<RetroPlanningDto> {
    return this.http.post<RetroPlanningDto>(this.url(projectId, 'tasks'), task, this.options);
  }

  updateTask(projectId: string, taskId: string, change: Partial<TaskFields> & { version: number; ownerUserId?: string | null }): Observable<RetroPlanningDto> {
    return this.http.patch<RetroPlanningDto>(this.url(projectId, `tasks/${taskId}`), change, this.options);
  }

  /** `reconnect`: link the task's predecessors to its successors, so no work is left unconnected. */
  deleteTask(projectId: string, taskId: string, version: number, reconnect = true): Observable<RetroPlanningDto> {
    return this.http.delete<RetroPlanningDto>(this.url(projectId, `tasks/${taskId}`), {
      ...this.options,
      params: { version, reconnect },
    });
  }

  /** A contributor's report on a task assigned to them: progress and actual dates only. */
  reportProgress(projectId: string, taskId: string, report: ProgressReport & { version: number }): Observable<RetroPlanningDto> {
    return this.http.patch<RetroPlanningDto>(this.url(projectId, `tasks/${taskId}/progress`), report, this.options);
  }

  members(projectId: string): Observable<ProjectMember[]> {
    return this.http.get<ProjectMember[]>(`/api/projects/${encodeURIComponent(projectId)}/members`, this.options);
  }

  /** The project's risk register, for the risks linked to the plan's tasks. */
  risks(projectId: string): Observable<RiskRegisterDto> {
    return this.risksApi.register(projectId);
  }

  createLink(projectId: string, link: NewLink): Observable<RetroPlanningDto> {
    return this.http.post<RetroPlanningDto>(this.url(projectId, 'links'), link, this.options);
  }

  updateLink(projectId: string, linkId: string, change: { version: number; type?: LinkTypeCode; lag?: number }): Observable<RetroPlanningDto> {
    return this.http.patch<RetroPlanningDto>(this.url(projectId, `links/${linkId}`), change, this.options);
  }

  deleteLink(projectId: string, linkId: string, version: number): Observable<RetroPlanningDto> {
    return this.http.delete<RetroPlanningDto>(this.url(projectId, `links/${linkId}`), { ...this.options, params: { version } });
  }

  createPhase(projectId: string, name: string): Observable<RetroPlanningDto> {
    return this.http.post<RetroPlanningDto>(this.url(projectId, 'phases'), { name }, this.options);
  }

  updatePhase(projectId: string, phaseId: string, change: { version: number; name?: string; position?: number }): Observable<RetroPlanningDto> {
    return this.http.patch<RetroPlanningDto>(this.url(projectId, `phases/${phaseId}`), change, this.options);
  }

  deletePhase(projectId: string, phaseId: string, version: number): Observable<RetroPlanningDto> {
    return this.http.delete<RetroPlanningDto>(this.url(projectId, `phases/${phaseId}`), { ...this.options, params: { version } });
  }

  createLot(projectId: string, name: string, goLive: string | null = null): Observable<RetroPlanningDto> {
    return this.http.post<RetroPlanningDto>(this.url(projectId, 'lots'), { name, goLive }, this.options);
  }

  updateLot(projectId: string, lotId: string, change: { version: number; name?: string; goLive?: string | null }): Observable<RetroPlanningDto> {
    return this.http.patch<RetroPlanningDto>(this.url(projectId, `lots/${lotId}`), change, this.options);
  }

  deleteLot(projectId: string, lotId: string, version: number): Observable<RetroPlanningDto> {
    return this.http.delete<RetroPlanningDto>(this.url(projectId, `lots/${lotId}`), { ...this.options, params: { version } });
  }

  baselines(projectId: string): Observable<BaselineSummaryDto[]> {
    return this.http.get<BaselineSummaryDto[]>(this.url(projectId, 'baselines'), this.options);
  }

  createBaseline(projectId: string, name: string): Observable<BaselineSummaryDto> {
    return this.http.post<BaselineSummaryDto>(this.url(projectId, 'baselines'), { name }, this.options);
  }

  comparison(projectId: string, baselineId: string): Observable<BaselineComparisonDto> {
    return this.http.get<BaselineComparisonDto>(this.url(projectId, `baselines/${baselineId}/comparison`), {
      ...this.options,
      params: { with: 'plan' },
    });
  }

  milestoneTrend(projectId: string): Observable<MilestoneTrendDto> {
    return this.http.get<MilestoneTrendDto>(this.url(projectId, 'milestone-trend'), this.options);
  }

  exportUrl(projectId: string): string {
    return this.url(projectId, 'export.xlsx');
  }
}
