import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { MyWorkDto } from '@jalon/domain';

/** « Mon travail »: everything assigned to the caller across their projects, overdue first (GET /api/me/work). */
@Injectable({ providedIn: 'root' })
export class MyWorkApi {
  private readonly http = inject(HttpClient);

  get(): Observable<MyWorkDto> {
    return this.http.get<MyWorkDto>('/api/me/work');
  }
}
