import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorBody } from '@jalon/domain';

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

/**
 * Gives every error the same JSON shape. Errors raised before a controller runs (malformed
 * JSON, a body too large) keep their 4xx status; anything unexpected becomes a 500 whose details
 * go to the log, not to the caller.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error(
        { message: 'Unhandled error', method: request.method, path: request.originalUrl },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'string') {
        return { statusCode: status, error: HttpStatus[status] ?? 'Error', message: payload };
      }
      const record = payload as Record<string, unknown>;
      const message = Array.isArray(record['message'])
        ? (record['message'] as string[]).join('; ')
        : String(record['message'] ?? exception.message);
      return {
        ...record,
        statusCode: status,
        error: String(record['error'] ?? HttpStatus[status] ?? 'Error'),
        message,
      } as ApiErrorBody;
    }
    if (isBodyParserError(exception)) {
      const status = exception.status ?? exception.statusCode ?? 400;
      const message =
        exception.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : exception.message;
      return { statusCode: status, error: HttpStatus[status] ?? 'Bad Request', message };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: `An unexpected error occurred while handling ${request.method} ${request.path}`,
    };
  }
}
