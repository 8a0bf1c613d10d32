import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ProjectSummary } from '@jalon/domain';

@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ProjectSummary[]> {
    return this.http.get<ProjectSummary[]>('/api/projects');
  }

  create(input: { name: string; company?: string; targetGoLive: string; template?: 'contact-centre' }): Observable<ProjectSummary> {
    return this.http.post<ProjectSummary>('/api/projects', input);
  }

  get(projectId: string): Observable<ProjectSummary> {
    return this.http.get<ProjectSummary>(`/api/projects/${encodeURIComponent(projectId)}`);
  }
}
