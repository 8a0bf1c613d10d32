import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ProjectMember, ProjectRole } from '@jalon/domain';

export interface MemberCandidate {
  id: string;
  email: string;
  displayName: string;
}

@Injectable({ providedIn: 'root' })
export class MembersApi {
  private readonly http = inject(HttpClient);
  private base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/members`;

  list(projectId: string): Observable<ProjectMember[]> {
    return this.http.get<ProjectMember[]>(this.base(projectId));
  }

  candidates(projectId: string, query: string): Observable<MemberCandidate[]> {
    return this.http.get<MemberCandidate[]>(`${this.base(projectId)}/candidates`, { params: { q: query } });
  }

  /** Adds a member, or changes a member's role; `version` (the membership read) makes a stale change a 409. */
  setRole(projectId: string, userId: string, role: ProjectRole, version?: number): Observable<void> {
    return this.http.put<void>(`${this.base(projectId)}/${encodeURIComponent(userId)}`, version === undefined ? { role } : { role, version });
  }

  remove(projectId: string, userId: string): Observable<void> {
    return this.http.delete<void>(`${this.base(projectId)}/${encodeURIComponent(userId)}`);
  }
}
