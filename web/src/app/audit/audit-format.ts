import { formatCalendarDate } from '@jalon/planning';

/** One field change as the page shows it: a translated label and the values written for people. */
export interface ChangeLine {
  field: string;
  before: string | null;
  after: string | null;
}

/** Fields whose value is an id of another row: never shown raw (the event's label names the object). */
const ID_FIELDS = new Set(['id', 'projectId', 'phaseId', 'lotId', 'taskId', 'fromTaskId', 'toTaskId', 'ownerUserId', 'userId', 'baselineId', 'createdById']);
/** Bookkeeping the API may record that says nothing to a reader. */
const HIDDEN_FIELDS = new Set(['version', 'createdAt', 'updatedAt', 'passwordHash', 'tokenHash', 'icalToken', 'revision', 'computedAt']);

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ValueWords {
  yes: string;
  no: string;
  empty: string;
  /** A translated word for enumerated values (status, weather, role, link type), or null. */
  enumLabel: (field: string, value: string) => string | null;
}

/** A recorded value in words: calendar dates as dates (no time zone), booleans as yes/no, numbers in the language's format. */
export function formatAuditValue(field: string, value: unknown, language: string, words: ValueWords): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB').format(value);
  if (typeof value === 'string') {
    if (value === '') return words.empty;
    if (CALENDAR_DATE.test(value)) return formatCalendarDate(value, language, 'short');
    return words.enumLabel(field, value) ?? value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => formatAuditValue(field, item, language, words) ?? words.empty).join(', ') || words.empty;
  }
  return JSON.stringify(value);
}

/** The lines of an event worth reading, in a stable order, ids and bookkeeping left out. */
export function changeLines(
  changes: Record<string, { before: unknown; after: unknown }>,
  language: string,
  words: ValueWords,
): ChangeLine[] {
  return Object.entries(changes)
    .filter(([field]) => !ID_FIELDS.has(field) && !HIDDEN_FIELDS.has(field))
    .map(([field, change]) => ({
      field,
      before: formatAuditValue(field, change?.before, language, words),
      after: formatAuditValue(field, change?.after, language, words),
    }))
    .filter((line) => line.before !== null || line.after !== null);
}

/** An instant (ISO timestamp) in the reader's zone: « 30/11/2026 14:05 » in French, « 30 Nov 2026, 14:05 » in English. */
export function formatInstant(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (language === 'fr') {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}
