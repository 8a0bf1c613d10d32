import { HttpErrorResponse } from '@angular/common/http';

/**
 * Why the API refused a call, read from its error body (`ApiErrorBody` in `@jalon/domain`).
 * The page decides by `code` (a stable identifier), never by the API's English `message`.
 * When the body carries no code (an old endpoint, a proxy page), one is derived from the status.
 */
export interface Refusal {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** The API's `code`, or one derived from the status: `network`, `unauthenticated`, `forbidden`, `not_found`, `stale_version`, `validation_failed`, `conflict`, `too_many_requests`, `internal_error`. */
  code: string;
  /** Names of the fields that failed validation (the API's `fields[].field`), in order. */
  fields: string[];
  /** For `stale_version`: the version the server holds now, when it says so. */
  currentVersion?: number;
  /** For plan refusals (cycle, not computable): the tasks involved. */
  taskIds: string[];
}

const CODE_BY_STATUS: Record<number, string> = {
  0: 'network',
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'plan_not_computable',
  429: 'too_many_requests',
};

const CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Reads any error thrown by an HttpClient call (or anything else) into a `Refusal`. */
export function readRefusal(error: unknown): Refusal {
  if (!(error instanceof HttpErrorResponse)) return { status: 0, code: 'network', fields: [], taskIds: [] };
  const body = (error.error && typeof error.error === 'object' ? error.error : {}) as Record<string, unknown>;
  const status = error.status;
  const stated = typeof body['code'] === 'string' && CODE_PATTERN.test(body['code']) ? body['code'] : null;
  const code = stated ?? CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'unknown');
  const fields = Array.isArray(body['fields'])
    ? (body['fields'] as unknown[])
        .map((entry) => (entry && typeof entry === 'object' ? (entry as { field?: unknown }).field : entry))
        .filter((field): field is string => typeof field === 'string' && field.length > 0)
    : typeof body['field'] === 'string'
      ? [body['field']]
      : [];
  const taskIds = Array.isArray(body['taskIds']) ? (body['taskIds'] as unknown[]).filter((id): id is string => typeof id === 'string') : [];
  const refusal: Refusal = { status, code, fields, taskIds };
  if (typeof body['currentVersion'] === 'number') refusal.currentVersion = body['currentVersion'];
  return refusal;
}
