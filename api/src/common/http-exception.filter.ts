import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isApiErrorCode, type ApiErrorBody, type ApiErrorCode, type ApiFieldError } from '@jalon/domain';
import { redactFeedToken } from '../exports/calendar-feed-token';
import { ApiRefusal, defaultCodeFor, reasonPhrase } from './api-errors';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message: string;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  'type' in error &&
  typeof (error as BodyParserError).type === 'string' &&
  typeof ((error as BodyParserError).status ?? (error as BodyParserError).statusCode) === 'number';

/** body-parser's error types, as the API's codes and messages. */
const BODY_PARSER_ERRORS: Record<string, { status: number; code: ApiErrorCode; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'The request body is too large' },
  'charset.unsupported': { status: 415, code: 'unsupported_media_type', message: 'The request body must be UTF-8 JSON' },
  'encoding.unsupported': { status: 415, code: 'unsupported_media_type', message: 'The request body has an unsupported content encoding' },
  'request.size.invalid': { status: 400, code: 'malformed_json', message: 'The request body is shorter or longer than its Content-Length' },
  'request.aborted': { status: 400, code: 'malformed_json', message: 'The request body was not received completely' },
};

/** Nest's router answers a missing route with `Cannot GET /path`. */
const ROUTE_NOT_FOUND = /^Cannot [A-Z]+ /;

/** The allowed extra members of a Nest exception's payload, kept in the answer. */
const DETAIL_KEYS = ['entity', 'id', 'currentVersion', 'taskIds', 'planError', 'retryAfterSeconds'] as const;

function fieldsOf(record: Record<string, unknown>): ApiFieldError[] | undefined {
  if (Array.isArray(record['fields'])) return record['fields'] as ApiFieldError[];
  if (typeof record['field'] === 'string') {
    return [{ field: record['field'], messages: [String(record['message'] ?? 'invalid')] }];
  }
  return undefined;
}

/**
 * Gives every error the same JSON shape with a stable `code` (`ApiErrorBody`): the API's own
 * refusals, Nest's exceptions, the validation pipe's and the guard's, body-parser's (malformed
 * JSON, too large, unsupported charset). Anything unexpected becomes a 500 `internal_error` whose
 * details go to the log, not to the caller.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const body = toErrorBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error(
        { message: 'Unhandled error', method: request.method, path: redactFeedToken(request.originalUrl) },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (response.headersSent) return;
    if (body.code === 'too_many_requests' && body.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(body.retryAfterSeconds));
    }
    response.setHeader('Cache-Control', 'no-store');
    response.status(body.statusCode).json(body);
  }
}

export function toErrorBody(exception: unknown, request: Pick<Request, 'method' | 'path'>): ApiErrorBody {
  if (exception instanceof ApiRefusal) return exception.body;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    if (typeof payload === 'string') {
      const code = status === 404 && ROUTE_NOT_FOUND.test(payload) ? 'route_not_found' : defaultCodeFor(status);
      return { statusCode: status, error: reasonPhrase(status), code, message: payload };
    }
    const record = payload as Record<string, unknown>;
    const message = Array.isArray(record['message'])
      ? (record['message'] as unknown[]).map(String).join('; ')
      : String(record['message'] ?? exception.message);
    let code: ApiErrorCode = isApiErrorCode(record['code']) ? record['code'] : defaultCodeFor(status);
    if (status === 404 && ROUTE_NOT_FOUND.test(message)) code = 'route_not_found';
    const body: ApiErrorBody = { statusCode: status, error: reasonPhrase(status), code, message };
    const fields = fieldsOf(record);
    if (fields) body.fields = fields;
    for (const key of DETAIL_KEYS) {
      if (record[key] !== undefined) (body as unknown as Record<string, unknown>)[key] = record[key];
    }
    return body;
  }
  if (isBodyParserError(exception)) {
    const known = exception.type ? BODY_PARSER_ERRORS[exception.type] : undefined;
    const status = known?.status ?? exception.status ?? exception.statusCode ?? 400;
    if (status < 500) {
      return {
        statusCode: status,
        error: reasonPhrase(status),
        code: known?.code ?? defaultCodeFor(status),
        message: known?.message ?? exception.message,
      };
    }
  }
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    code: 'internal_error',
    message: `An unexpected error occurred while handling ${request.method} ${request.path}`,
  };
}
