/**
 * @jalon/planning: the scheduling engine shared by the API (which stores the dates) and the web
 * (which previews a drag), framework-free. Its contract, with worked examples, is
 * libs/planning/README.md.
 *
 * - `computePlanSchedule(plan, today)`: schedules a stored plan (a `RetroPlanningDto` or the
 *   API's rows); what the API stores, the web previews and the test mocks serve.
 * - `buildScheduleInput(plan, today)`: the engine input of a stored plan (lots' own go-lives,
 *   work after the go-live), used by `computePlanSchedule`.
 * - `schedulePlan(input)`: the engine itself, on a `PlanInput`.
 * - `WorkingCalendar`, French public holidays and calendar-date helpers (parse, format without
 *   any time-zone conversion, today on the local wall clock).
 */
export { schedulePlan } from './lib/schedule-plan';
export { buildScheduleInput, computePlanSchedule, isLotGoLiveId, LOT_GO_LIVE_ID_PREFIX } from './lib/schedule-input';
export type {
  PlanSchedule,
  SchedulableLink,
  SchedulableLot,
  SchedulablePlan,
  SchedulableTask,
} from './lib/schedule-input';
export { WorkingCalendar } from './lib/working-calendar';
export { easterSunday, frenchPublicHolidays } from './lib/french-holidays';
export { isIsoDate } from './lib/dates';
export { formatCalendarDate, formatIsoDate, localToday, parseIsoDate } from './lib/dates';
export type { CalendarDateLanguage, CalendarDateStyle } from './lib/dates';
export type {
  LinkType,
  PlanCalendar,
  PlanErrorCode,
  PlanInput,
  PlanIssue,
  PlanIssueCode,
  PlanLinkInput,
  PlanMode,
  PlanResult,
  PlanTaskInput,
  PlanWarningCode,
  PublicHolidays,
  ScheduledTask,
} from './lib/types';
