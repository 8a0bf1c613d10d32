import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { redactFeedToken } from '../exports/calendar-feed-token';

/** One structured log line per API request: method, path, status and duration. */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      this.logger.log({
        message: 'request',
        method: request.method,
        path: redactFeedToken(request.originalUrl),
        status: response.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      });
    });
    next();
  }
}
