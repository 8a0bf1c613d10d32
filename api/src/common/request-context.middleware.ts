import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from './request-context';

/** Opens the request's context, which the access guard fills with the signed-in actor. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(_request: Request, _response: Response, next: NextFunction): void {
    RequestContext.run(() => next());
  }
}
