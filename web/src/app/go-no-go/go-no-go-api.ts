import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CampaignCriteriaDto,
  ChainVerificationDto,
  CreateReadinessItemRequest,
  DefectDto,
  GoNoGoCriterionConfig,
  GoNoGoDecisionDto,
  GoNoGoEvaluationDto,
  GoNoGoOverviewDto,
  ProposeDecisionRequest,
  LiftReserveRequest,
  ReadinessEvidenceFileDto,
  ReadinessItemDto,
  ReserveDto,
  SignDecisionRequest,
  UpdateReadinessItemRequest,
} from '@jalon/domain';

/** The go / no-go API of one project (`/api/projects/:projectId/go-no-go`). */
@Injectable({ providedIn: 'root' })
export class GoNoGoApi {
  private readonly http = inject(HttpClient);
  private base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/go-no-go`;

  overview(projectId: string): Observable<GoNoGoOverviewDto> {
    return this.http.get<GoNoGoOverviewDto>(this.base(projectId));
  }

  readiness(projectId: string): Observable<ReadinessItemDto[]> {
    return this.http.get<ReadinessItemDto[]>(`${this.base(projectId)}/readiness`);
  }

  applyTemplate(projectId: string): Observable<ReadinessItemDto[]> {
    return this.http.post<ReadinessItemDto[]>(`${this.base(projectId)}/readiness/template`, {});
  }

  createItem(projectId: string, input: CreateReadinessItemRequest): Observable<ReadinessItemDto> {
    return this.http.post<ReadinessItemDto>(`${this.base(projectId)}/readiness`, input);
  }

  updateItem(projectId: string, itemId: string, input: UpdateReadinessItemRequest): Observable<ReadinessItemDto> {
    return this.http.patch<ReadinessItemDto>(`${this.base(projectId)}/readiness/${encodeURIComponent(itemId)}`, input);
  }

  criteria(projectId: string, campaignId: string): Observable<CampaignCriteriaDto> {
    return this.http.get<CampaignCriteriaDto>(`${this.base(projectId)}/campaigns/${encodeURIComponent(campaignId)}/criteria`);
  }

  lock(projectId: string, campaignId: string, version: number): Observable<CampaignCriteriaDto> {
    return this.http.post<CampaignCriteriaDto>(`${this.base(projectId)}/campaigns/${encodeURIComponent(campaignId)}/criteria/lock`, { version });
  }

  evaluation(projectId: string, campaignId: string): Observable<GoNoGoEvaluationDto> {
    return this.http.get<GoNoGoEvaluationDto>(`${this.base(projectId)}/campaigns/${encodeURIComponent(campaignId)}/evaluation`);
  }

  decisions(projectId: string, campaignId: string): Observable<GoNoGoDecisionDto[]> {
    return this.http.get<GoNoGoDecisionDto[]>(`${this.base(projectId)}/campaigns/${encodeURIComponent(campaignId)}/decisions`);
  }

  propose(projectId: string, campaignId: string, input: ProposeDecisionRequest): Observable<GoNoGoDecisionDto> {
    return this.http.post<GoNoGoDecisionDto>(`${this.base(projectId)}/campaigns/${encodeURIComponent(campaignId)}/decisions`, input);
  }

  sign(projectId: string, decisionId: string, input: SignDecisionRequest): Observable<GoNoGoDecisionDto> {
    return this.http.post<GoNoGoDecisionDto>(`${this.base(projectId)}/decisions/${encodeURIComponent(decisionId)}/signatures`, input);
  }

  verify(projectId: string, decisionId: string): Observable<ChainVerificationDto> {
    return this.http.get<ChainVerificationDto>(`${this.base(projectId)}/decisions/${encodeURIComponent(decisionId)}/verify`);
  }

  pvUrl(projectId: string, decisionId: string): string {
    return `${this.base(projectId)}/decisions/${encodeURIComponent(decisionId)}/pv.pdf`;
  }

  updateCriteria(projectId: string, campaignId: string, criteria: GoNoGoCriterionConfig[], version: number): Observable<CampaignCriteriaDto> {
    return this.http.put<CampaignCriteriaDto>(`${this.base(projectId)}/campaigns/${encodeURIComponent(campaignId)}/criteria`, { criteria, version });
  }

  /** The defect of a réserve, with the executions that re-tested it. */
  defect(projectId: string, defectId: string): Observable<DefectDto> {
    return this.http.get<DefectDto>(`/api/projects/${encodeURIComponent(projectId)}/acceptance/defects/${encodeURIComponent(defectId)}`);
  }

  lift(projectId: string, reserveId: string, input: LiftReserveRequest): Observable<ReserveDto> {
    return this.http.post<ReserveDto>(`${this.base(projectId)}/reserves/${encodeURIComponent(reserveId)}/levee`, input);
  }

  uploadEvidence(projectId: string, itemId: string, file: File): Observable<ReadinessEvidenceFileDto> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<ReadinessEvidenceFileDto>(`${this.base(projectId)}/readiness/${encodeURIComponent(itemId)}/evidence`, form);
  }

  deleteEvidence(file: ReadinessEvidenceFileDto): Observable<void> {
    return this.http.delete<void>(file.url);
  }
}
