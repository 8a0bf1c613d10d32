import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

export interface CalendarFeed {
  url: string;
}

/** The caller's own account: calendar feed address and its secret token. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** The personal iCalendar address of a project's key milestones (it embeds the caller's secret token). */
  calendarFeed(projectId: string): Observable<CalendarFeed> {
    return this.http.get<CalendarFeed>(`/api/projects/${encodeURIComponent(projectId)}/plan/calendar-feed`);
  }

  /** A new secret token: every address given before stops working. Answers the project's new address. */
  resetCalendarToken(projectId: string): Observable<CalendarFeed> {
    return this.http.post<CalendarFeed>(`/api/projects/${encodeURIComponent(projectId)}/plan/calendar-feed/reset`, {});
  }
}
