export { schedulePlan } from './lib/schedule-plan';
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
