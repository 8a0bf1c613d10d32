import type { PhaseDto, PlanSettingsDto, PublicHolidaySet, SchedulingMode } from '@jalon/domain';

/** What the settings dialog edits; dates are 'YYYY-MM-DD' or '' when empty. */
export interface SettingsForm {
  mode: SchedulingMode;
  targetGoLive: string;
  projectStart: string;
  statusDate: string;
  workingWeekdays: number[];
  publicHolidays: PublicHolidaySet;
  extraHolidays: string[];
}

/** The PATCH …/plan/settings body without its version. */
export interface SettingsChange {
  mode?: SchedulingMode;
  targetGoLive?: string;
  projectStart?: string | null;
  statusDate?: string | null;
  calendar?: { workingWeekdays?: number[]; publicHolidays?: PublicHolidaySet; extraHolidays?: string[] };
}

export type SettingsField = 'targetGoLive' | 'projectStart' | 'statusDate' | 'workingWeekdays' | 'extraHolidays';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form as the dialog opens; a forward plan without a start starts from the computed one. */
export function settingsForm(settings: PlanSettingsDto, computedStart: string | null): SettingsForm {
  return {
    mode: settings.mode,
    targetGoLive: settings.targetGoLive,
    projectStart: settings.projectStart ?? computedStart ?? '',
    statusDate: settings.statusDate ?? '',
    workingWeekdays: [...settings.calendar.workingWeekdays].sort((a, b) => a - b),
    publicHolidays: settings.calendar.publicHolidays,
    extraHolidays: [...settings.calendar.extraHolidays].sort(),
  };
}

/** The fields the API would refuse, checked before sending (the API checks again). */
export function settingsErrors(form: SettingsForm): Partial<Record<SettingsField, string>> {
  const errors: Partial<Record<SettingsField, string>> = {};
  if (form.mode === 'backward' && !DATE.test(form.targetGoLive)) errors.targetGoLive = 'required';
  if (form.mode === 'forward' && !DATE.test(form.projectStart)) errors.projectStart = 'required';
  if (form.mode === 'forward' && DATE.test(form.projectStart) && DATE.test(form.targetGoLive) && form.targetGoLive < form.projectStart) {
    errors.projectStart = 'afterGoLive';
  }
  if (form.statusDate && !DATE.test(form.statusDate)) errors.statusDate = 'invalid';
  if (form.workingWeekdays.length === 0) errors.workingWeekdays = 'oneDay';
  if (form.extraHolidays.some((date) => !DATE.test(date))) errors.extraHolidays = 'invalid';
  return errors;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Only what changed, so that the API moves the go-live milestones only when the go-live moved. */
export function settingsChange(settings: PlanSettingsDto, form: SettingsForm): SettingsChange {
  const change: SettingsChange = {};
  if (form.mode !== settings.mode) change.mode = form.mode;
  if (form.targetGoLive && form.targetGoLive !== settings.targetGoLive) change.targetGoLive = form.targetGoLive;
  const projectStart = form.mode === 'forward' ? form.projectStart || null : settings.projectStart;
  if (projectStart !== settings.projectStart) change.projectStart = projectStart;
  const statusDate = form.statusDate || null;
  if (statusDate !== settings.statusDate) change.statusDate = statusDate;
  const calendar: NonNullable<SettingsChange['calendar']> = {};
  const weekdays = [...new Set(form.workingWeekdays)].sort((a, b) => a - b);
  if (!sameList(weekdays, [...settings.calendar.workingWeekdays].sort((a, b) => a - b))) calendar.workingWeekdays = weekdays;
  if (form.publicHolidays !== settings.calendar.publicHolidays) calendar.publicHolidays = form.publicHolidays;
  const extra = [...new Set(form.extraHolidays)].sort();
  if (!sameList(extra, [...settings.calendar.extraHolidays].sort())) calendar.extraHolidays = extra;
  if (Object.keys(calendar).length > 0) change.calendar = calendar;
  return change;
}

/** Maps the field an API 400 names ('calendar.workingWeekdays', 'goLive' …) to the form's. */
export function settingsFieldOf(apiField: string): SettingsField | null {
  const name = apiField.replace(/^calendar\./, '').replace(/\.\d+$/, '').replace(/\[\d+\]$/, '');
  const known: Record<string, SettingsField> = {
    targetGoLive: 'targetGoLive',
    goLive: 'targetGoLive',
    projectStart: 'projectStart',
    statusDate: 'statusDate',
    workingWeekdays: 'workingWeekdays',
    extraHolidays: 'extraHolidays',
  };
  return known[name] ?? null;
}

export function byPosition<T extends { position: number; name: string }>(a: T, b: T): number {
  return a.position - b.position || a.name.localeCompare(b.name);
}

/**
 * The position changes that move a phase one place up (-1) or down (+1) in the order the page
 * shows: a swap of two positions when they differ, otherwise every phase renumbered 0 … n-1.
 */
export function phaseMoves(phases: readonly PhaseDto[], phaseId: string, delta: -1 | 1): Array<{ phase: PhaseDto; position: number }> {
  const order = [...phases].sort(byPosition);
  const index = order.findIndex((phase) => phase.id === phaseId);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= order.length) return [];
  const moved = order[index]!;
  const other = order[target]!;
  const distinct = new Set(order.map((phase) => phase.position)).size === order.length;
  if (distinct) {
    return [
      { phase: moved, position: other.position },
      { phase: other, position: moved.position },
    ];
  }
  order.splice(index, 1);
  order.splice(target, 0, moved);
  return order.map((phase, position) => ({ phase, position })).filter((move) => move.phase.position !== move.position);
}
