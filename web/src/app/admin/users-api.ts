import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { UserSummary } from '@jalon/domain';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
}

/** Instance administration of accounts (administrators only). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>('/api/users');
  }

  create(user: NewUser): Observable<UserSummary> {
    return this.http.post<UserSummary>('/api/users', user);
  }

  update(userId: string, change: { version: number } & Partial<Pick<UserSummary, 'isActive' | 'isAdmin' | 'displayName'>>): Observable<UserSummary> {
    return this.http.patch<UserSummary>(`/api/users/${encodeURIComponent(userId)}`, change);
  }

  /** Sets a new password for the user and ends their sessions. */
  resetPassword(userId: string, newPassword: string): Observable<unknown> {
    return this.http.post(`/api/users/${encodeURIComponent(userId)}/password`, { newPassword });
  }
}
