import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ActionDto,
  ActionInput,
  ActionListQuery,
  ActionStatus,
  AddendumDto,
  AgendaDto,
  AgendaItemInput,
  AgendaProposalDto,
  Attendance,
  DecisionDto,
  DecisionInput,
  DecisionLogQuery,
  KpiBoardDto,
  KpiInput,
  MeetingDto,
  MeetingInput,
  MeetingPackDto,
  MeetingPackSummaryDto,
  MeetingSeriesDto,
  MeetingSeriesInput,
  MeetingStatus,
  MeetingSummaryDto,
  PackInput,
  ParticipantDto,
  ParticipantInput,
  ProjectMember,
  ProjectOverviewDto,
  UpdateActionInput,
  UpdateAgendaItemInput,
  UpdateKpiInput,
  UpdateMeetingInput,
  WeatherEntryDto,
  WeatherInput,
} from '@jalon/domain';

const id = encodeURIComponent;

/** Query parameters without the empty filters. */
function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  }
  return result;
}

/** The steering meetings API of one project (`/api/projects/:projectId/…`): meetings, series, minutes, decisions, actions, weather, KPIs. */
@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  private readonly http = inject(HttpClient);
  private project = (projectId: string) => `/api/projects/${id(projectId)}`;
  private meetingUrl = (projectId: string, meetingId: string) => `${this.project(projectId)}/meetings/${id(meetingId)}`;

  // ---------------------------------------------------------------- meetings and series
  meetings(projectId: string): Observable<MeetingSummaryDto[]> {
    return this.http.get<MeetingSummaryDto[]>(`${this.project(projectId)}/meetings`);
  }

  meeting(projectId: string, meetingId: string): Observable<MeetingDto> {
    return this.http.get<MeetingDto>(this.meetingUrl(projectId, meetingId));
  }

  createMeeting(projectId: string, input: MeetingInput): Observable<MeetingDto> {
    return this.http.post<MeetingDto>(`${this.project(projectId)}/meetings`, input);
  }

  updateMeeting(projectId: string, meetingId: string, input: UpdateMeetingInput): Observable<MeetingDto> {
    return this.http.patch<MeetingDto>(this.meetingUrl(projectId, meetingId), input);
  }

  setStatus(projectId: string, meetingId: string, status: MeetingStatus, version: number): Observable<MeetingDto> {
    return this.http.post<MeetingDto>(`${this.meetingUrl(projectId, meetingId)}/status`, { status, version });
  }

  series(projectId: string): Observable<MeetingSeriesDto[]> {
    return this.http.get<MeetingSeriesDto[]>(`${this.project(projectId)}/meeting-series`);
  }

  createSeries(projectId: string, input: MeetingSeriesInput): Observable<MeetingSeriesDto> {
    return this.http.post<MeetingSeriesDto>(`${this.project(projectId)}/meeting-series`, input);
  }

  // ---------------------------------------------------------------- participants
  addParticipant(projectId: string, meetingId: string, input: ParticipantInput): Observable<ParticipantDto> {
    return this.http.post<ParticipantDto>(`${this.meetingUrl(projectId, meetingId)}/participants`, input);
  }

  setAttendance(projectId: string, meetingId: string, participantId: string, attendance: Attendance | null, version: number): Observable<ParticipantDto> {
    return this.http.put<ParticipantDto>(`${this.meetingUrl(projectId, meetingId)}/participants/${id(participantId)}/attendance`, { attendance, version });
  }

  removeParticipant(projectId: string, meetingId: string, participantId: string, version: number): Observable<void> {
    return this.http.delete<void>(`${this.meetingUrl(projectId, meetingId)}/participants/${id(participantId)}`, { params: { version } });
  }

  // ---------------------------------------------------------------- agenda
  addAgendaItem(projectId: string, meetingId: string, input: AgendaItemInput): Observable<AgendaDto> {
    return this.http.post<AgendaDto>(`${this.meetingUrl(projectId, meetingId)}/agenda/items`, input);
  }

  updateAgendaItem(projectId: string, meetingId: string, itemId: string, input: UpdateAgendaItemInput): Observable<AgendaDto> {
    return this.http.patch<AgendaDto>(`${this.meetingUrl(projectId, meetingId)}/agenda/items/${id(itemId)}`, input);
  }

  setNotes(projectId: string, meetingId: string, itemId: string, notes: string, version: number): Observable<AgendaDto> {
    return this.http.put<AgendaDto>(`${this.meetingUrl(projectId, meetingId)}/agenda/items/${id(itemId)}/notes`, { notes, version });
  }

  removeAgendaItem(projectId: string, meetingId: string, itemId: string, version: number): Observable<AgendaDto> {
    return this.http.delete<AgendaDto>(`${this.meetingUrl(projectId, meetingId)}/agenda/items/${id(itemId)}`, { params: { version } });
  }

  /** Moves an agenda item to the next occurrence of the meeting's series. */
  moveItemToNext(projectId: string, meetingId: string, itemId: string, version: number): Observable<{ meetingId: string; agenda: AgendaDto }> {
    return this.http.post<{ meetingId: string; agenda: AgendaDto }>(`${this.meetingUrl(projectId, meetingId)}/agenda/items/${id(itemId)}/move-to-next`, { version });
  }

  reorderAgenda(projectId: string, meetingId: string, itemIds: string[]): Observable<AgendaDto> {
    return this.http.put<AgendaDto>(`${this.meetingUrl(projectId, meetingId)}/agenda/order`, { itemIds });
  }

  proposal(projectId: string, meetingId: string): Observable<AgendaProposalDto> {
    return this.http.get<AgendaProposalDto>(`${this.meetingUrl(projectId, meetingId)}/agenda/proposal`);
  }

  /** Replaces a draft meeting's agenda by the proposal; `version` is the meeting's, as read. */
  applyProposal(projectId: string, meetingId: string, version: number): Observable<AgendaDto> {
    return this.http.post<AgendaDto>(`${this.meetingUrl(projectId, meetingId)}/agenda/apply`, { version });
  }

  // ---------------------------------------------------------------- outcomes
  addDecision(projectId: string, meetingId: string, input: DecisionInput): Observable<DecisionDto> {
    return this.http.post<DecisionDto>(`${this.meetingUrl(projectId, meetingId)}/decisions`, input);
  }

  addAction(projectId: string, meetingId: string, input: ActionInput): Observable<ActionDto> {
    return this.http.post<ActionDto>(`${this.meetingUrl(projectId, meetingId)}/actions`, input);
  }

  updateAction(projectId: string, actionId: string, input: UpdateActionInput): Observable<ActionDto> {
    return this.http.patch<ActionDto>(`${this.project(projectId)}/actions/${id(actionId)}`, input);
  }

  /** The action's owner may move its status (PUT …/status checks ownership); the rest of the action is the recorders'. */
  setActionStatus(projectId: string, actionId: string, status: ActionStatus, version: number): Observable<ActionDto> {
    return this.http.put<ActionDto>(`${this.project(projectId)}/actions/${id(actionId)}/status`, { status, version });
  }

  addAddendum(projectId: string, meetingId: string, text: string): Observable<AddendumDto> {
    return this.http.post<AddendumDto>(`${this.meetingUrl(projectId, meetingId)}/addenda`, { text });
  }

  decisions(projectId: string, query: DecisionLogQuery = {}): Observable<DecisionDto[]> {
    return this.http.get<DecisionDto[]>(`${this.project(projectId)}/decisions`, { params: params(query) });
  }

  decisionsExportUrl(projectId: string, query: DecisionLogQuery = {}): string {
    const search = params(query).toString();
    return `${this.project(projectId)}/decisions/export.xlsx${search ? `?${search}` : ''}`;
  }

  actions(projectId: string, query: ActionListQuery = {}): Observable<ActionDto[]> {
    return this.http.get<ActionDto[]>(`${this.project(projectId)}/actions`, { params: params(query) });
  }

  actionsExportUrl(projectId: string, query: ActionListQuery = {}): string {
    const search = params(query).toString();
    return `${this.project(projectId)}/actions/export.xlsx${search ? `?${search}` : ''}`;
  }

  // ---------------------------------------------------------------- COPIL pack
  packs(projectId: string, meetingId: string): Observable<MeetingPackSummaryDto[]> {
    return this.http.get<MeetingPackSummaryDto[]>(`${this.meetingUrl(projectId, meetingId)}/packs`);
  }

  pack(projectId: string, meetingId: string, packId: string): Observable<MeetingPackDto> {
    return this.http.get<MeetingPackDto>(`${this.meetingUrl(projectId, meetingId)}/packs/${id(packId)}`);
  }

  producePack(projectId: string, meetingId: string, input: PackInput = {}): Observable<MeetingPackSummaryDto> {
    return this.http.post<MeetingPackSummaryDto>(`${this.meetingUrl(projectId, meetingId)}/pack`, input);
  }

  packPdfUrl(projectId: string, meetingId: string, packId: string): string {
    return `${this.meetingUrl(projectId, meetingId)}/packs/${id(packId)}.pdf`;
  }

  // ---------------------------------------------------------------- weather, KPIs, overview
  weather(projectId: string): Observable<WeatherEntryDto[]> {
    return this.http.get<WeatherEntryDto[]>(`${this.project(projectId)}/weather`);
  }

  setWeather(projectId: string, input: WeatherInput): Observable<WeatherEntryDto> {
    return this.http.post<WeatherEntryDto>(`${this.project(projectId)}/weather`, input);
  }

  kpis(projectId: string): Observable<KpiBoardDto> {
    return this.http.get<KpiBoardDto>(`${this.project(projectId)}/kpis`);
  }

  createKpi(projectId: string, input: KpiInput): Observable<KpiBoardDto> {
    return this.http.post<KpiBoardDto>(`${this.project(projectId)}/kpis`, input);
  }

  updateKpi(projectId: string, kpiId: string, input: UpdateKpiInput): Observable<KpiBoardDto> {
    return this.http.patch<KpiBoardDto>(`${this.project(projectId)}/kpis/${id(kpiId)}`, input);
  }

  setKpiValue(projectId: string, kpiId: string, weekStart: string, value: number | null): Observable<KpiBoardDto> {
    return this.http.put<KpiBoardDto>(`${this.project(projectId)}/kpis/${id(kpiId)}/values/${id(weekStart)}`, { value });
  }

  setGreenWeeks(projectId: string, greenWeeksRequired: number, version: number): Observable<KpiBoardDto> {
    return this.http.put<KpiBoardDto>(`${this.project(projectId)}/kpis/settings`, { greenWeeksRequired, version });
  }

  overview(projectId: string): Observable<ProjectOverviewDto> {
    return this.http.get<ProjectOverviewDto>(`${this.project(projectId)}/overview`);
  }

  members(projectId: string): Observable<ProjectMember[]> {
    return this.http.get<ProjectMember[]>(`${this.project(projectId)}/members`);
  }
}
