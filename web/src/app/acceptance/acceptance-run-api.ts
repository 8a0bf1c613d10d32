import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AddCampaignCasesRequest,
  AttachmentDto,
  CampaignDto,
  CampaignProgressDto,
  CampaignSummaryDto,
  CreateCampaignRequest,
  CreateDefectRequest,
  CreateIterationRequest,
  DefectDto,
  DefectTransitionRequest,
  ExecutionDto,
  ExecutionSummaryDto,
  IterationDto,
  MyAcceptanceTestDto,
  RecordStepResultRequest,
  UpdateCampaignCaseRequest,
  UpdateCampaignRequest,
  UpdateDefectRequest,
} from '@jalon/domain';

/** The recette's campaigns, executions and defects of one project, and « Mes tests » across projects. */
@Injectable({ providedIn: 'root' })
export class AcceptanceRunApi {
  private readonly http = inject(HttpClient);
  private base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/acceptance`;
  private campaignPath = (projectId: string, campaignId: string) => `${this.base(projectId)}/campaigns/${encodeURIComponent(campaignId)}`;

  /** « Mes tests »: my assigned cases across projects, overdue first. */
  myTests(): Observable<MyAcceptanceTestDto[]> {
    return this.http.get<MyAcceptanceTestDto[]>('/api/me/acceptance-tests');
  }

  campaigns(projectId: string): Observable<CampaignSummaryDto[]> {
    return this.http.get<CampaignSummaryDto[]>(`${this.base(projectId)}/campaigns`);
  }

  campaign(projectId: string, campaignId: string): Observable<CampaignDto> {
    return this.http.get<CampaignDto>(this.campaignPath(projectId, campaignId));
  }

  progress(projectId: string, campaignId: string): Observable<CampaignProgressDto> {
    return this.http.get<CampaignProgressDto>(`${this.campaignPath(projectId, campaignId)}/progress`);
  }

  createCampaign(projectId: string, input: CreateCampaignRequest): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(`${this.base(projectId)}/campaigns`, input);
  }

  updateCampaign(projectId: string, campaignId: string, changes: UpdateCampaignRequest): Observable<CampaignDto> {
    return this.http.patch<CampaignDto>(this.campaignPath(projectId, campaignId), changes);
  }

  addCases(projectId: string, campaignId: string, request: AddCampaignCasesRequest): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(`${this.campaignPath(projectId, campaignId)}/cases`, request);
  }

  updateCase(projectId: string, campaignId: string, campaignCaseId: string, request: UpdateCampaignCaseRequest): Observable<CampaignDto> {
    return this.http.patch<CampaignDto>(`${this.campaignPath(projectId, campaignId)}/cases/${encodeURIComponent(campaignCaseId)}`, request);
  }

  removeCase(projectId: string, campaignId: string, campaignCaseId: string, version: number): Observable<CampaignDto> {
    return this.http.delete<CampaignDto>(`${this.campaignPath(projectId, campaignId)}/cases/${encodeURIComponent(campaignCaseId)}`, {
      params: { version },
    });
  }

  createIteration(projectId: string, campaignId: string, request: CreateIterationRequest): Observable<IterationDto> {
    return this.http.post<IterationDto>(`${this.campaignPath(projectId, campaignId)}/iterations`, request);
  }

  /** Starts a run of a case in scope (a copy of its current steps), or answers the one in progress. */
  startExecution(projectId: string, campaignId: string, campaignCaseId: string): Observable<ExecutionDto> {
    return this.http.post<ExecutionDto>(`${this.campaignPath(projectId, campaignId)}/cases/${encodeURIComponent(campaignCaseId)}/executions`, {});
  }

  caseHistory(projectId: string, campaignId: string, campaignCaseId: string): Observable<ExecutionSummaryDto[]> {
    return this.http.get<ExecutionSummaryDto[]>(`${this.campaignPath(projectId, campaignId)}/cases/${encodeURIComponent(campaignCaseId)}/executions`);
  }

  execution(projectId: string, executionId: string): Observable<ExecutionDto> {
    return this.http.get<ExecutionDto>(`${this.base(projectId)}/executions/${encodeURIComponent(executionId)}`);
  }

  recordStep(projectId: string, executionId: string, stepIndex: number, request: RecordStepResultRequest): Observable<ExecutionDto> {
    return this.http.put<ExecutionDto>(`${this.base(projectId)}/executions/${encodeURIComponent(executionId)}/steps/${stepIndex}`, request);
  }

  /** Multipart upload of one file (its type is checked by content on the server). */
  attach(projectId: string, executionId: string, stepIndex: number, file: File): Observable<AttachmentDto> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<AttachmentDto>(`${this.base(projectId)}/executions/${encodeURIComponent(executionId)}/steps/${stepIndex}/attachments`, form);
  }

  defects(projectId: string): Observable<DefectDto[]> {
    return this.http.get<DefectDto[]>(`${this.base(projectId)}/defects`);
  }

  raiseDefect(projectId: string, request: CreateDefectRequest): Observable<DefectDto> {
    return this.http.post<DefectDto>(`${this.base(projectId)}/defects`, request);
  }

  updateDefect(projectId: string, defectId: string, request: UpdateDefectRequest): Observable<DefectDto> {
    return this.http.patch<DefectDto>(`${this.base(projectId)}/defects/${encodeURIComponent(defectId)}`, request);
  }

  /** Moves a defect's status; the finder's re-test is `verifiee` or `en_correction` (reopen). */
  transition(projectId: string, defectId: string, request: DefectTransitionRequest): Observable<DefectDto> {
    return this.http.post<DefectDto>(`${this.base(projectId)}/defects/${encodeURIComponent(defectId)}/transitions`, request);
  }
}
