import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ProjectStatus, ProjectSummary, ProjectWeather } from '@jalon/domain';

/** What the project manager may change on a project (PATCH /api/projects/:id), with the version read. */
export interface ProjectChange {
  version: number;
  name?: string;
  company?: string;
  description?: string;
  status?: ProjectStatus;
  weather?: ProjectWeather;
  weatherComment?: string;
}

@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ProjectSummary[]> {
    return this.http.get<ProjectSummary[]>('/api/projects');
  }

  create(input: { name: string; company?: string; targetGoLive: string; template?: 'contact-centre' }): Observable<ProjectSummary> {
    return this.http.post<ProjectSummary>('/api/projects', input);
  }

  update(projectId: string, change: ProjectChange): Observable<ProjectSummary> {
    return this.http.patch<ProjectSummary>(`/api/projects/${encodeURIComponent(projectId)}`, change);
  }

  get(projectId: string): Observable<ProjectSummary> {
    return this.http.get<ProjectSummary>(`/api/projects/${encodeURIComponent(projectId)}`);
  }
}
