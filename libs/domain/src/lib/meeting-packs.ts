import type { AgendaItemKind, ActionStatus, KpiDirection, KpiStatus, MeetingStatus, MeetingType, Weather } from './meetings';
import type { MilestoneTrendDto } from './planning';

/**
 * Issue 13, the parts built from live data: the agenda Jalon proposes for a meeting, the frozen
 * COPIL pack, the project overview (the sponsor's first page) and « Mon travail » across projects.
 * Calendar dates are 'YYYY-MM-DD' strings; instants ISO 8601 strings in UTC.
 */

// ------------------------------------------------------------------------------------ agenda proposal

/** One item of a proposed agenda: what to review and for how long, with the facts behind it. */
export interface ProposedAgendaItemDto {
  kind: AgendaItemKind;
  /** The item's title, in French (the language of the minutes). */
  title: string;
  durationMinutes: number;
  /** One French line per fact to review (« Go-live : 02/03/2027, +5 j »). */
  details: string[];
  /** Figures behind the item, keyed by what they count (`slipped`, `new`, `overdue`…), for a translated display. */
  counts: Record<string, number>;
}

export interface AgendaProposalDto {
  meetingId: string;
  meetingType: MeetingType;
  /** The previous COPIL the slippage and the "new" risks are measured from, if any. */
  previousCopil: { id: string; title: string; startsAt: string } | null;
  /** The baseline the milestone slippage is measured against, if any. */
  baseline: { id: string; name: string; createdAt: string } | null;
  items: ProposedAgendaItemDto[];
  totalMinutes: number;
  meetingMinutes: number;
}

// ------------------------------------------------------------------------------------ COPIL pack

export interface PackInput {
  /** Freeze a baseline of the plan in the same transaction (named after the meeting unless `baselineName`). */
  freezeBaseline?: boolean;
  baselineName?: string;
}

export interface MeetingPackSummaryDto {
  id: string;
  meetingId: string;
  createdAt: string;
  createdByName: string | null;
  /** SHA-256 (hex) of the PDF file's bytes. */
  sha256: string;
  /** SHA-256 (hex) of the canonical JSON of the snapshot, printed in the footer of every page. */
  snapshotSha256: string;
  pdfBytes: number;
  /** The baseline frozen with the pack, if any. */
  baselineId: string | null;
}

export interface PackMilestoneRow {
  taskId: string;
  name: string;
  referenceFinish: string | null;
  currentFinish: string;
  /** Working days, positive = late; null without a reference. */
  slippage: number | null;
  critical: boolean;
  done: boolean;
}

export interface PackGanttRow {
  kind: 'phase' | 'milestone';
  id: string;
  name: string;
  start: string;
  finish: string;
  critical: boolean;
}

export interface PackRiskRow {
  id: string;
  reference: string;
  title: string;
  ownerName: string | null;
  status: string;
  probability: number;
  impact: number;
  score: number;
  band: string;
  trend: string | null;
  materialising: boolean;
  reviewOverdue: boolean;
}

export interface PackMatrixCell {
  probability: number;
  impact: number;
  band: string;
  count: number;
}

export interface PackDecisionRow {
  id: string;
  meetingTitle: string;
  decidedAt: string;
  decidedBy: string;
  text: string;
  impacts: string[];
}

export interface PackActionRow {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  overdue: boolean;
}

export interface PackKpiRow {
  id: string;
  name: string;
  unit: string;
  target: number;
  direction: KpiDirection;
  latestWeek: string | null;
  latestValue: number | null;
  status: KpiStatus;
}

export interface PackAcceptance {
  campaigns: number;
  cases: number;
  passed: number;
  failed: number;
  blocked: number;
  notRun: number;
  openDefects: number;
}

/** Rows of a pack's long tables (decisions, actions) at most; the rest is counted. */
export const PACK_MAX_ROWS = 100;

/**
 * What the pack froze: the data of its printable page and of its PDF. Never recomputed: the page
 * of a pack reads this, so it stays as it was when the plan changes later.
 */
export interface CopilPackSnapshot {
  formatVersion: 1;
  project: { id: string; name: string; targetGoLive: string };
  meeting: { id: string; type: MeetingType; title: string; startsAt: string; timeZone: string; status: MeetingStatus };
  generatedAt: string;
  generatedByName: string | null;
  /** "Today" in France when the pack was made. */
  today: string;
  weather: { weather: Weather; comment: string; setAt: string; setByName: string | null } | null;
  weatherHistory: Array<{ weather: Weather; setAt: string }>;
  previousCopil: { id: string; title: string; startsAt: string } | null;
  /** The reference of the slippage: the previous COPIL's baseline (else the latest before it). */
  baseline: { id: string; name: string; createdAt: string } | null;
  /** The baseline this COPIL froze with its pack, if it did. */
  frozenBaseline: { id: string; name: string } | null;
  milestones: PackMilestoneRow[];
  milestoneTrend: MilestoneTrendDto;
  gantt: { goLive: string; rows: PackGanttRow[] };
  /** Tasks on the critical path when the pack was made (the next COPIL's "critical-path changes"). */
  criticalTaskIds: string[];
  risks: { open: number; matrix: PackMatrixCell[]; top: PackRiskRow[] };
  /** Decisions since the previous COPIL (all of them without one), latest first, at most `PACK_MAX_ROWS`. */
  decisions: PackDecisionRow[];
  decisionsTotal: number;
  /** Open actions, overdue first, at most `PACK_MAX_ROWS`; `total` counts them all. */
  actions: { open: PackActionRow[]; overdue: number; total: number };
  acceptance: PackAcceptance | null;
  kpis: PackKpiRow[];
}

export interface MeetingPackDto extends MeetingPackSummaryDto {
  snapshot: CopilPackSnapshot;
}

// ------------------------------------------------------------------------------------ overview

export interface OverviewMilestoneDto {
  taskId: string;
  name: string;
  finish: string;
  referenceFinish: string | null;
  slippage: number | null;
  critical: boolean;
}

export interface OverviewMeetingDto {
  id: string;
  projectId: string;
  projectName: string;
  type: MeetingType;
  title: string;
  startsAt: string;
  timeZone: string;
  status: MeetingStatus;
}

export interface OverviewActionDto {
  id: string;
  projectId: string;
  projectName: string;
  meetingId: string;
  title: string;
  dueDate: string | null;
  status: ActionStatus;
  overdue: boolean;
}

export interface OverviewDecisionDto {
  id: string;
  meetingId: string;
  meetingTitle: string;
  decidedAt: string;
  text: string;
}

/** The sponsor's first page: the live version of the COPIL pack. */
export interface ProjectOverviewDto {
  projectId: string;
  projectName: string;
  today: string;
  weather: { weather: Weather; comment: string; setAt: string; setByName: string | null } | null;
  weatherHistory: Array<{ weather: Weather; setAt: string }>;
  goLive: { date: string; daysLeft: number; workingDaysLeft: number | null };
  baseline: { id: string; name: string; createdAt: string } | null;
  nextMilestones: OverviewMilestoneDto[];
  topRisks: PackRiskRow[];
  nextMeetings: OverviewMeetingDto[];
  myActions: OverviewActionDto[];
  latestDecisions: OverviewDecisionDto[];
  /** The latest pack of the project's COPILs, if any. */
  latestPack: { id: string; meetingId: string; createdAt: string } | null;
  /** Réserves of signed go / no-go decisions past their due date and not lifted; null for a role without `gonogo.read`. */
  overdueReserves: OverdueReserveDto[] | null;
}

/** A réserve past its due date and not lifted (issue 16), on the overview and in the next COPIL's agenda. */
export interface OverdueReserveDto {
  id: string;
  decisionId: string;
  campaignId: string;
  campaignName: string;
  defectId: string;
  defectReference: string;
  defectTitle: string;
  ownerUserId: string;
  ownerName: string;
  /** 'YYYY-MM-DD'. */
  dueDate: string;
  /** Calendar days past the due date (≥ 1). */
  daysLate: number;
}

/** The latest signed go / no-go decision of a project (issue 16), shown on the planning page when it is a no-go. */
export interface LatestGoNoGoDecisionDto {
  decisionId: string;
  campaignId: string;
  campaignName: string;
  kind: 'go' | 'go_reserves' | 'no_go';
  /** ISO instant the decision was signed (its last signature). */
  decidedAt: string;
}

/** GET /api/projects/:projectId/go-no-go/signals: what other pages show of the go / no-go. */
export interface GoNoGoSignalsDto {
  latestDecision: LatestGoNoGoDecisionDto | null;
  overdueReserves: OverdueReserveDto[];
}

// ------------------------------------------------------------------------------------ Mon travail

export interface MyWorkTaskDto {
  projectId: string;
  projectName: string;
  taskId: string;
  name: string;
  start: string;
  finish: string;
  progress: number;
  isMilestone: boolean;
  overdue: boolean;
}

export interface MyWorkTreatmentDto {
  projectId: string;
  projectName: string;
  riskId: string;
  riskReference: string;
  riskTitle: string;
  treatmentId: string;
  title: string;
  dueDate: string | null;
  overdue: boolean;
}

export interface MyWorkAcceptanceTestDto {
  projectId: string;
  projectName: string;
  caseId: string;
  /** The campaign the case is in (its page lists the case and starts its run). */
  campaignId: string;
  title: string;
  status: string;
  dueDate: string | null;
  overdue: boolean;
}

/** « Mon travail »: everything assigned to the caller across their projects, overdue first. */
export interface MyWorkDto {
  today: string;
  tasks: MyWorkTaskDto[];
  actions: OverviewActionDto[];
  treatments: MyWorkTreatmentDto[];
  /** Null when acceptance does not exist on this instance yet. */
  acceptanceTests: MyWorkAcceptanceTestDto[] | null;
  nextMeetings: OverviewMeetingDto[];
}
