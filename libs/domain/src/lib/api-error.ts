/**
 * The stable reason of every refusal of the API. Clients decide by `code` (never by the HTTP
 * status or the English `message`) and show their own translated text.
 */
export const API_ERROR_CODES = [
  /** 400: one or more fields are invalid; `fields` names each of them. */
  'validation_failed',
  /** 400: the body is not valid JSON. */
  'malformed_json',
  /** 400: the body nests deeper than the API accepts. */
  'body_too_deep',
  /** 413: the body is larger than the API accepts. */
  'payload_too_large',
  /** 415: the body is not JSON (or not UTF-8 JSON). */
  'unsupported_media_type',
  /** 403: the X-XSRF-TOKEN header is missing or does not match the session's token. */
  'csrf_invalid',
  /** 401: no (valid) session: sign in. */
  'unauthenticated',
  /** 401: sign-in refused: wrong e-mail or password (the caller cannot tell which). */
  'invalid_credentials',
  /** 401: the current password given to change it is wrong (`fields`: currentPassword). */
  'wrong_password',
  /** 403: the caller's role does not allow this. */
  'forbidden',
  /** 404: no such resource (or not visible to the caller). */
  'not_found',
  /** 404: no such route. */
  'route_not_found',
  /** 405 / 501: the route exists but not with this method. */
  'method_not_allowed',
  /** 409: someone else changed the row; reload it (`entity`, `id`, `currentVersion`). */
  'stale_version',
  /** 429: too many attempts; `retryAfterSeconds` says when to try again. */
  'too_many_requests',
  /** 422: the change would create a dependency cycle (`taskIds`). */
  'plan_cycle',
  /** 422: the plan the change would produce cannot be computed (`planError`, `taskIds`). */
  'plan_not_computable',
  /** 422: these two tasks are already linked in this direction. */
  'duplicate_link',
  /** 422: a field names something that does not exist in this project (`fields`). */
  'invalid_reference',
  /** 409: the plan already has tasks, a template only starts an empty plan. */
  'plan_not_empty',
  /** 409: the project would be left without a project manager. */
  'last_project_manager',
  /** 409: the instance would be left without an active administrator. */
  'last_administrator',
  /** 409: another user has this e-mail (`fields`: email). */
  'email_taken',
  /** 409: the user is already a member of the project. */
  'already_member',
  /** 409: another requirement or test case of the project has this reference (`fields`: reference). */
  'duplicate_reference',
  /** 422: rows of an imported file are rejected, nothing was written (`fields`: rows.N.field). */
  'import_rejected',
  /** 415: an attachment is not of an accepted type, told by its content, or its name's extension disagrees (`fields`: file). */
  'attachment_type_refused',
  /** 413: an attachment is larger than 5 MiB (`fields`: file). */
  'attachment_too_large',
  /** 409: the defect cannot move from its status to the one asked (`fields`: to). */
  'defect_transition_refused',
  /** 409: the meeting is closed, its minutes are frozen: corrections only as addenda. */
  'meeting_closed',
  /** 409: the meeting cannot go from its status to the one asked (`fields`: status). */
  'invalid_transition',
  /** 409: the campaign's go / no-go criteria are locked (the campaign started): they no longer change. */
  'criteria_locked',
  /** 422: a decision needs the campaign's criteria locked first. */
  'criteria_not_locked',
  /** 403: only the signers the decision names may sign it. */
  'not_a_signer',
  /** 409: this person already signed this decision. */
  'already_signed',
  /** 409: the decision is already signed or refused; a new one must be proposed. */
  'decision_closed',
  /** 422: a réserve is lifted only with a verified re-test (`fields`: retestExecutionId). */
  'reserve_not_verified',
  /** 409: any other conflict with the current state. */
  'conflict',
  /** 503: the service cannot answer now (database down, shutting down). */
  'service_unavailable',
  /** 500: a fault of the API; the details are in its log. */
  'internal_error',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** One field that failed validation, with every reason it failed. */
export interface ApiFieldError {
  /** The path of the field in the request: `name`, `tasks.0.duration`, or a query / route parameter. */
  field: string;
  messages: string[];
}

/** What a refusal may carry for the client, besides its code and message. */
export interface ApiErrorDetails {
  /** Every field at fault (always this shape, also for a single field). */
  fields?: ApiFieldError[];
  /** `stale_version`: the kind of row (`task`, `project`, `member`…), its id and its current version. */
  entity?: string;
  id?: string;
  currentVersion?: number;
  /** `plan_cycle` / `plan_not_computable`: the tasks at fault. */
  taskIds?: string[];
  /** `plan_not_computable`: the scheduling engine's own error code (`unknown_task`, `out_of_range`…). */
  planError?: string;
  /** `too_many_requests`: seconds before trying again. */
  retryAfterSeconds?: number;
}

/** The body of every 4xx / 5xx answer of the API. */
export interface ApiErrorBody extends ApiErrorDetails {
  statusCode: number;
  /** The HTTP reason phrase (`Bad Request`, `Conflict`…). */
  error: string;
  code: ApiErrorCode;
  /** English, for logs and developers; clients show their own translation of `code`. */
  message: string;
}
