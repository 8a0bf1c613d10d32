import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { MailPreferencesDto, MailPreferencesInput, MailStatus, SentMailDto, SentMailListDto } from '@jalon/domain';

/** « Courriels envoyés » and the caller's mail preferences. */
@Injectable({ providedIn: 'root' })
export class MailApi {
  private readonly http = inject(HttpClient);

  list(status?: MailStatus): Observable<SentMailListDto> {
    return this.http.get<SentMailListDto>('/api/mail', { params: status ? { status } : {} });
  }

  one(mailId: string): Observable<SentMailDto> {
    return this.http.get<SentMailDto>(`/api/mail/${encodeURIComponent(mailId)}`);
  }

  retry(mailId: string): Observable<SentMailDto> {
    return this.http.post<SentMailDto>(`/api/mail/${encodeURIComponent(mailId)}/retry`, {});
  }

  emlUrl(mailId: string): string {
    return `/api/mail/${encodeURIComponent(mailId)}/eml`;
  }

  preferences(): Observable<MailPreferencesDto> {
    return this.http.get<MailPreferencesDto>('/api/me/mail-preferences');
  }

  savePreferences(input: MailPreferencesInput): Observable<MailPreferencesDto> {
    return this.http.put<MailPreferencesDto>('/api/me/mail-preferences', input);
  }
}
