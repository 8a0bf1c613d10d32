import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { RetroPlanningDto } from '@jalon/domain';
import {
  COMPACT_REGISTER_MEDIA_TYPE,
  expandRegister,
  isCompactRegister,
  type CompactRiskRegisterDto,
  type RiskDto,
  type RiskImportResultDto,
  type RiskInput,
  type RiskRegisterDto,
  type RiskReviewDto,
  type TreatmentStatus,
} from '@jalon/risks';

/** The risks API of one project (`/api/projects/:projectId/risks`). */
@Injectable({ providedIn: 'root' })
export class RisksApi {
  private readonly http = inject(HttpClient);
  private base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/risks`;

  /**
   * Asks for the compact register (about a third of the bytes) and expands it on arrival; a server
   * or proxy that ignores the Accept header sends the plain register, which is taken as it is.
   */
  register(projectId: string): Observable<RiskRegisterDto> {
    return this.http
      .get<CompactRiskRegisterDto | RiskRegisterDto>(this.base(projectId), {
        headers: { Accept: `${COMPACT_REGISTER_MEDIA_TYPE}, application/json;q=0.5` },
      })
      .pipe(map((register) => (isCompactRegister(register) ? expandRegister(register) : register)));
  }

  exportUrl(projectId: string): string {
    return `${this.base(projectId)}/export.xlsx`;
  }

  create(projectId: string, input: RiskInput): Observable<RiskDto> {
    return this.http.post<RiskDto>(this.base(projectId), input);
  }

  update(projectId: string, riskId: string, changes: Partial<RiskInput> & { version: number }): Observable<RiskDto> {
    return this.http.patch<RiskDto>(`${this.base(projectId)}/${encodeURIComponent(riskId)}`, changes);
  }

  accept(projectId: string, riskId: string, version: number, justification: string): Observable<RiskDto> {
    return this.http.post<RiskDto>(`${this.base(projectId)}/${encodeURIComponent(riskId)}/acceptance`, { version, justification });
  }

  addTreatment(projectId: string, riskId: string, treatment: { title: string; dueDate: string | null; ownerUserId: string | null }): Observable<RiskDto> {
    return this.http.post<RiskDto>(`${this.base(projectId)}/${encodeURIComponent(riskId)}/treatments`, treatment);
  }

  setTreatmentStatus(projectId: string, riskId: string, treatmentId: string, version: number, status: TreatmentStatus): Observable<RiskDto> {
    return this.http.patch<RiskDto>(`${this.base(projectId)}/${encodeURIComponent(riskId)}/treatments/${encodeURIComponent(treatmentId)}`, {
      version,
      status,
    });
  }

  /** Reads a register file (base64 .xlsx or .csv): `preview` writes nothing, `validOnly` leaves the rejected rows out. */
  importRisks(projectId: string, file: { fileName: string; content: string; preview?: boolean; validOnly?: boolean }): Observable<RiskImportResultDto> {
    return this.http.post<RiskImportResultDto>(`${this.base(projectId)}/import`, file);
  }

  holdReview(projectId: string): Observable<RiskReviewDto> {
    return this.http.post<RiskReviewDto>(`${this.base(projectId)}/reviews`, {});
  }

  /** The plan, for the names of linked tasks and the link picker. */
  plan(projectId: string): Observable<RetroPlanningDto> {
    return this.http.get<RetroPlanningDto>(`/api/projects/${encodeURIComponent(projectId)}/plan`);
  }
}
