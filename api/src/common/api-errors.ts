import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ApiErrorCode, ApiErrorDetails, ApiFieldError } from '@jalon/domain';

/**
 * The one place that raises refusals. Every 4xx of the API is an `ApiRefusal` carrying the body
 * the client receives (see `ApiErrorBody` in @jalon/domain); the exception filter turns anything
 * else (Nest's own exceptions, body-parser's errors) into the same shape with a code.
 */
export class ApiRefusal extends HttpException {
  constructor(readonly body: ApiErrorBody) {
    super(body, body.statusCode);
  }
}

/** The HTTP reason phrase of a status (`Unprocessable Entity` for 422). */
export function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** The code of a refusal that says nothing more precise than its status. */
export function defaultCodeFor(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
    case 501:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 422:
      return 'invalid_reference';
    case 429:
      return 'too_many_requests';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'validation_failed';
  }
}

/** A refusal: `throw refuse(409, 'last_project_manager', 'A project keeps…')`. */
export function refuse(status: number, code: ApiErrorCode, message: string, details: ApiErrorDetails = {}): ApiRefusal {
  const body: ApiErrorBody = { statusCode: status, error: reasonPhrase(status), code, message };
  for (const [key, value] of Object.entries(details)) {
    if (value !== undefined) (body as unknown as Record<string, unknown>)[key] = value;
  }
  return new ApiRefusal(body);
}

/** A refusal naming several fields (the validation pipe's answers). */
export function fieldErrors(
  fields: ApiFieldError[],
  status = 400,
  code: ApiErrorCode = defaultCodeFor(status),
  message = fields.map((field) => field.messages.join('; ')).join('; '),
): ApiRefusal {
  return refuse(status, code, message, { fields });
}

/**
 * A refusal naming the one field at fault. The code defaults to `validation_failed` for a 400 and
 * `invalid_reference` for a 422 ("lotId … is not a lot of this project").
 */
export function fieldError(status: number, field: string, message: string, code: ApiErrorCode = defaultCodeFor(status)): ApiRefusal {
  return refuse(status, code, message, { fields: [{ field, messages: [message] }] });
}

/** 409 `stale_version` with the version the caller should reload. */
export function staleVersion(entity: string, id: string, currentVersion: number): ApiRefusal {
  return refuse(
    409,
    'stale_version',
    `The ${entity} ${id} was changed by someone else (current version ${currentVersion}): reload it`,
    { entity, id, currentVersion },
  );
}

/** 404 `not_found` for a row of the caller's project (or instance) that does not exist. */
export function notFound(entity: string, id: string, message = `The ${entity} ${id} does not exist in this project`): ApiRefusal {
  return refuse(404, 'not_found', message, { entity, id });
}

/**
 * The engine could not compute the plan the change would produce: 422 `plan_cycle` for a cycle,
 * `plan_not_computable` otherwise (with the engine's own code in `planError`).
 */
export function planNotComputable(error: { code: string; message: string; taskIds: string[] }): ApiRefusal {
  return refuse(422, error.code === 'cycle' ? 'plan_cycle' : 'plan_not_computable', error.message, {
    taskIds: error.taskIds,
    planError: error.code,
  });
}
