import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { MyTaskDto } from '@jalon/domain';
import type { MyRiskTreatmentDto } from '@jalon/risks';

/** One task assigned to the caller, in any of their projects (GET /api/me/tasks). Dates are 'YYYY-MM-DD'. */
export type MyTask = MyTaskDto;

/** What a contributor reports on a task (PATCH …/plan/tasks/:taskId/progress). */
export interface TaskProgressChange {
  version: number;
  progress?: number;
  actualStart?: string | null;
  actualFinish?: string | null;
}

@Injectable({ providedIn: 'root' })
export class MyTasksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<MyTask[]> {
    return this.http.get<MyTask[]>('/api/me/tasks');
  }

  /** My open risk treatments due within two weeks or overdue (GET /api/me/risk-treatments). */
  riskTreatments(): Observable<MyRiskTreatmentDto[]> {
    return this.http.get<MyRiskTreatmentDto[]>('/api/me/risk-treatments');
  }

  reportProgress(projectId: string, taskId: string, change: TaskProgressChange): Observable<unknown> {
    return this.http.patch(
      `/api/projects/${encodeURIComponent(projectId)}/plan/tasks/${encodeURIComponent(taskId)}/progress`,
      change,
    );
  }
}
