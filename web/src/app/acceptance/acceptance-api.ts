import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CampaignSummaryDto,
  CoverageDto,
  CreateRequirementRequest,
  CreateTestCaseRequest,
  GenerateTestCasesResultDto,
  RequirementDeletionDto,
  RequirementDto,
  RequirementImportPreviewDto,
  RequirementImportPreviewRequest,
  RequirementImportRequest,
  RequirementImportResultDto,
  RequirementListQuery,
  RequirementRevisionDto,
  RetroPlanningDto,
  TestCaseDeletionDto,
  TestCaseDto,
  TestCaseListQuery,
  TestCaseRevisionDto,
  TraceabilityDto,
  UpdateRequirementRequest,
  UpdateTestCaseRequest,
} from '@jalon/domain';

/** Query parameters without the empty ones. */
function paramsOf(query: object | undefined): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/**
 * The typed client of the recette API of one project (`/api/projects/:projectId/acceptance/…`):
 * requirements, their import and revisions, test cases; the campaigns, executions, defects,
 * coverage and traceability follow in their own section below.
 */
@Injectable({ providedIn: 'root' })
export class AcceptanceApi {
  private readonly http = inject(HttpClient);
  /** `/api/projects/:projectId/acceptance`, optionally followed by path segments (each one encoded). */
  protected url(projectId: string, ...segments: string[]): string {
    return [`/api/projects/${encodeURIComponent(projectId)}/acceptance`, ...segments.map(encodeURIComponent)].join('/');
  }

  // ---------------------------------------------------------------- requirements

  requirements(projectId: string, query?: RequirementListQuery): Observable<RequirementDto[]> {
    return this.http.get<RequirementDto[]>(this.url(projectId, 'requirements'), { params: paramsOf(query) });
  }

  requirement(projectId: string, requirementId: string): Observable<RequirementDto> {
    return this.http.get<RequirementDto>(this.url(projectId, 'requirements', requirementId));
  }

  createRequirement(projectId: string, request: CreateRequirementRequest): Observable<RequirementDto> {
    return this.http.post<RequirementDto>(this.url(projectId, 'requirements'), request);
  }

  updateRequirement(projectId: string, requirementId: string, request: UpdateRequirementRequest): Observable<RequirementDto> {
    return this.http.patch<RequirementDto>(this.url(projectId, 'requirements', requirementId), request);
  }

  /** Deletes a requirement no case uses; one that cases use is marked obsolete instead. */
  deleteRequirement(projectId: string, requirementId: string, version: number): Observable<RequirementDeletionDto> {
    return this.http.delete<RequirementDeletionDto>(this.url(projectId, 'requirements', requirementId), { params: paramsOf({ version }) });
  }

  /** The requirement's content revisions, newest first. */
  requirementRevisions(projectId: string, requirementId: string): Observable<RequirementRevisionDto[]> {
    return this.http.get<RequirementRevisionDto[]>(this.url(projectId, 'requirements', requirementId, 'revisions'));
  }

  /** Reads a grille de conformité (base64 .xlsx or .csv) with a mapping of its columns; writes nothing. */
  previewImport(projectId: string, request: RequirementImportPreviewRequest): Observable<RequirementImportPreviewDto> {
    return this.http.post<RequirementImportPreviewDto>(this.url(projectId, 'requirements', 'import', 'preview'), request);
  }

  /** Imports every row in one transaction; refused (422 `import_rejected`) while a row is rejected, unless `validRowsOnly`. */
  importRequirements(projectId: string, request: RequirementImportRequest): Observable<RequirementImportResultDto> {
    return this.http.post<RequirementImportResultDto>(this.url(projectId, 'requirements', 'import'), request);
  }

  // ---------------------------------------------------------------- test cases

  cases(projectId: string, query?: TestCaseListQuery): Observable<TestCaseDto[]> {
    return this.http.get<TestCaseDto[]>(this.url(projectId, 'cases'), { params: paramsOf(query) });
  }

  testCase(projectId: string, caseId: string): Observable<TestCaseDto> {
    return this.http.get<TestCaseDto>(this.url(projectId, 'cases', caseId));
  }

  createCase(projectId: string, request: CreateTestCaseRequest): Observable<TestCaseDto> {
    return this.http.post<TestCaseDto>(this.url(projectId, 'cases'), request);
  }

  /** `steps`, when sent, replaces them all (in the order sent). */
  updateCase(projectId: string, caseId: string, request: UpdateTestCaseRequest): Observable<TestCaseDto> {
    return this.http.patch<TestCaseDto>(this.url(projectId, 'cases', caseId), request);
  }

  /** Deletes a case no campaign holds; one that a campaign holds is marked obsolete instead. */
  deleteCase(projectId: string, caseId: string, version: number): Observable<TestCaseDeletionDto> {
    return this.http.delete<TestCaseDeletionDto>(this.url(projectId, 'cases', caseId), { params: paramsOf({ version }) });
  }

  caseRevisions(projectId: string, caseId: string): Observable<TestCaseRevisionDto[]> {
    return this.http.get<TestCaseRevisionDto[]>(this.url(projectId, 'cases', caseId, 'revisions'));
  }

  /** One draft case per requirement, a step per acceptance criterion of its description. */
  generateCases(projectId: string, requirementIds: string[]): Observable<GenerateTestCasesResultDto> {
    return this.http.post<GenerateTestCasesResultDto>(this.url(projectId, 'cases', 'generate'), { requirementIds });
  }

  // ---------------------------------------------------------------- the plan

  /** The plan, for the names of the lots and the dates of the Recette phase. */
  plan(projectId: string): Observable<RetroPlanningDto> {
    return this.http.get<RetroPlanningDto>(`/api/projects/${encodeURIComponent(projectId)}/plan`);
  }

  // ---------------------------------------------------------------- campaigns, coverage, traceability

  /** The campaigns (for the traceability's campaign filter; the campaign pages have their own client). */
  campaigns(projectId: string): Observable<CampaignSummaryDto[]> {
    return this.http.get<CampaignSummaryDto[]>(this.url(projectId, 'campaigns'));
  }

  /** Each requirement's coverage, in one campaign or across all of them. */
  coverage(projectId: string, campaignId?: string | null): Observable<CoverageDto> {
    return this.http.get<CoverageDto>(this.url(projectId, 'coverage'), { params: paramsOf({ campaignId }) });
  }

  /** Requirements × cases with the latest results, in one campaign or across all of them. */
  traceability(projectId: string, campaignId?: string | null): Observable<TraceabilityDto> {
    return this.http.get<TraceabilityDto>(this.url(projectId, 'traceability'), { params: paramsOf({ campaignId }) });
  }

  /** The same matrix as a workbook, for a download link. */
  traceabilityXlsxUrl(projectId: string, campaignId?: string | null): string {
    const query = paramsOf({ campaignId }).toString();
    return `${this.url(projectId, 'traceability.xlsx')}${query ? `?${query}` : ''}`;
  }
}
