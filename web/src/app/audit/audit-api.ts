import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AuditLogEventDto, AuditLogPage } from '@jalon/domain';

/** One change-log event; the API names the object (`label`) and the person (`actorName`). */
export type AuditLogEvent = AuditLogEventDto;
export type AuditLogResult = AuditLogPage;

export interface AuditQuery {
  entity?: string;
  action?: string;
  from?: string;
  to?: string;
  before?: string | null;
  limit?: number;
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(projectId: string, query: AuditQuery): Observable<AuditLogResult> {
    const params: Record<string, string> = { limit: String(query.limit ?? 50) };
    for (const key of ['entity', 'action', 'from', 'to', 'before'] as const) {
      const value = query[key];
      if (value) params[key] = value;
    }
    return this.http.get<AuditLogResult>(`/api/projects/${encodeURIComponent(projectId)}/audit`, { params });
  }
}
