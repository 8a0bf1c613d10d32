/**
 * The types of the scheduling contract (libs/planning/README.md). Optional inputs also accept `null`
 * because the API reads them from nullable columns and the web from JSON, where "absent" is
 * usually `null`.
 */

import type { LinkTypeCode, PublicHolidaySet, SchedulingMode } from '@jalon/domain';

// The codes shared with the API and the web are defined once, in @jalon/domain.

/** backward: retroplanning from the go-live; forward: from a start date. */
export type PlanMode = SchedulingMode;

export type LinkType = LinkTypeCode;

export type PublicHolidays = PublicHolidaySet;

export interface PlanCalendar {
  /** ISO weekdays, 1 = Monday … 7 = Sunday; default [1, 2, 3, 4, 5]. */
  workingWeekdays?: readonly number[] | null;
  /** Default 'fr': French public holidays are non-working. */
  publicHolidays?: PublicHolidays | null;
  /** More non-working dates ('YYYY-MM-DD'), e.g. company closures. */
  extraHolidays?: readonly string[] | null;
}

export interface PlanTaskInput {
  id: string;
  /** Whole working days; 0 = milestone. */
  duration: number;
  /** Set once the task has started. */
  actualStart?: string | null;
  /** Set once the task is finished. */
  actualFinish?: string | null;
  /** Milestones only: a date that cannot move (e.g. a COPIL). */
  fixedDate?: string | null;
}

export interface PlanLinkInput {
  /** Predecessor task id. */
  from: string;
  /** Successor task id. */
  to: string;
  /** Default 'FS'. */
  type?: LinkType | null;
  /** Whole working days, may be negative; default 0. */
  lag?: number | null;
}

export interface PlanInput {
  mode: PlanMode;
  /** 'YYYY-MM-DD': the go-live (backward) or the project start (forward). */
  anchor: string;
  calendar?: PlanCalendar | null;
  tasks: readonly PlanTaskInput[];
  /** 'YYYY-MM-DD', usually today: tasks that should already have begun are reported. */
  statusDate?: string | null;
  links: readonly PlanLinkInput[];
}

export interface ScheduledTask {
  /** The scheduled dates ('YYYY-MM-DD'): early dates forward, late dates backward. */
  start: string;
  finish: string;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  /** lateStart − earlyStart in working days; negative = the plan cannot hold. */
  totalFloat: number;
  /** totalFloat <= 0. */
  critical: boolean;
}

/** The plan cannot be computed. */
export type PlanErrorCode =
  | 'invalid_input'
  | 'invalid_date'
  | 'invalid_calendar'
  | 'invalid_duration'
  | 'invalid_fixed_date'
  | 'invalid_link'
  | 'duplicate_task'
  | 'unknown_task'
  | 'cycle'
  | 'out_of_range';

/** The plan was computed, but something needs a human. */
export type PlanWarningCode = 'constraint_conflict' | 'non_working_date' | 'in_the_past';

export type PlanIssueCode = PlanErrorCode | PlanWarningCode;

export interface PlanIssue<Code extends PlanIssueCode = PlanIssueCode> {
  code: Code;
  message: string;
  taskIds: string[];
}

export interface PlanResult {
  /** Keyed by task id, in input order; empty when `errors` is not. */
  tasks: Record<string, ScheduledTask>;
  /** The earliest `start` of the result ('' when the plan could not be computed). */
  projectStart: string;
  /** The latest `finish` of the result ('' when the plan could not be computed). */
  projectFinish: string;
  errors: PlanIssue<PlanErrorCode>[];
  warnings: PlanIssue<PlanWarningCode>[];
}
