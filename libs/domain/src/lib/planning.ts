/**
 * The retroplanning as the API serves it and the web edits it. Dates are 'YYYY-MM-DD' calendar
 * days; durations, lags, float and slippage are whole working days.
 */
export const SCHEDULING_MODES = ['backward', 'forward'] as const;
export type SchedulingMode = (typeof SCHEDULING_MODES)[number];

export const LINK_TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
export type LinkTypeCode = (typeof LINK_TYPES)[number];

export const PUBLIC_HOLIDAY_SETS = ['fr', 'none'] as const;
export type PublicHolidaySet = (typeof PUBLIC_HOLIDAY_SETS)[number];

export interface PlanCalendarDto {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingWeekdays: number[];
  publicHolidays: PublicHolidaySet;
  extraHolidays: string[];
}

export interface PlanSettingsDto {
  mode: SchedulingMode;
  /** The go-live (backward mode): the project's target go-live. */
  targetGoLive: string;
  /** The project start (forward mode); null in backward mode unless set. */
  projectStart: string | null;
  calendar: PlanCalendarDto;
  /** Null means "today" at each computation. */
  statusDate: string | null;
  /** Version of the plan settings, for optimistic concurrency. */
  version: number;
}

export interface LotDto {
  id: string;
  name: string;
  /** The lot's own go-live, when it differs from the project's. */
  goLive: string | null;
  position: number;
  version: number;
}

export interface PhaseDto {
  id: string;
  name: string;
  position: number;
  version: number;
}

export interface ComputedDatesDto {
  start: string;
  finish: string;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  totalFloat: number;
  critical: boolean;
}

export interface TaskDto extends ComputedDatesDto {
  id: string;
  phaseId: string | null;
  lotId: string | null;
  name: string;
  /** 0 for a milestone (jalon). */
  duration: number;
  isMilestone: boolean;
  /** Key milestones are reviewed by the COPIL and tracked in the milestone trend. */
  keyMilestone: boolean;
  /** Milestones only: a date that cannot move (e.g. a COPIL). */
  fixedDate: string | null;
  ownerName: string;
  ownerUserId: string | null;
  /** 0–100. */
  progress: number;
  actualStart: string | null;
  actualFinish: string | null;
  notes: string;
  position: number;
  version: number;
}

export interface LinkDto {
  id: string;
  fromTaskId: string;
  toTaskId: string;
  type: LinkTypeCode;
  lag: number;
  version: number;
}

export interface PlanIssueDto {
  code: string;
  message: string;
  taskIds: string[];
}

export interface RetroPlanningDto {
  projectId: string;
  settings: PlanSettingsDto;
  lots: LotDto[];
  phases: PhaseDto[];
  tasks: TaskDto[];
  links: LinkDto[];
  projectStart: string | null;
  projectFinish: string | null;
  warnings: PlanIssueDto[];
  /** When the stored dates were last computed (ISO date-time). */
  computedAt: string;
}

export interface BaselineSummaryDto {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string | null;
  taskCount: number;
}

/** One task or milestone compared between two states of the plan. */
export interface SlippageDto {
  taskId: string;
  name: string;
  isMilestone: boolean;
  keyMilestone: boolean;
  /** Null when the task did not exist on that side. */
  referenceStart: string | null;
  referenceFinish: string | null;
  currentStart: string | null;
  currentFinish: string | null;
  /** Finish slippage in working days, current minus reference; positive = late. */
  finishSlippage: number | null;
  startSlippage: number | null;
}

export interface BaselineComparisonDto {
  reference: { kind: 'baseline'; id: string; name: string };
  current: { kind: 'plan' } | { kind: 'baseline'; id: string; name: string };
  rows: SlippageDto[];
}

/** Milestone trend analysis: per key milestone, its forecast date at each baseline. */
export interface MilestoneTrendDto {
  baselines: Array<{ id: string; name: string; createdAt: string }>;
  milestones: Array<{
    taskId: string;
    name: string;
    /** One entry per baseline, in the same order; null when the milestone did not exist then. */
    forecasts: Array<string | null>;
    current: string | null;
  }>;
}
