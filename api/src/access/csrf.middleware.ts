import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SESSION_COOKIE } from '../accounts/sessions.service';
import { refuse } from '../common/api-errors';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';

/** The names Angular's HttpClient uses out of the box for its XSRF protection. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function issueXsrfToken(response: Response, environment: Environment): string {
  const token = randomBytes(24).toString('base64url');
  // Readable by the web app's script (that is the point): it echoes it in the header.
  response.cookie(XSRF_COOKIE, token, { sameSite: 'lax', secure: environment.secureCookies, path: '/' });
  return token;
}

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Double-submit CSRF protection for the cookie session: a state-changing request that carries a
 * session cookie must echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header, which a page of
 * another site cannot read. Sign-in carries no session yet and accepts only JSON bodies, which a
 * cross-site form cannot send.
 */
@Injectable()
export class CsrfMiddleware implements NestMiddleware {
  constructor(@Inject(ENVIRONMENT) private readonly environment: Environment) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const cookies = (request.cookies ?? {}) as Record<string, string | undefined>;
    const cookieToken = cookies[XSRF_COOKIE];
    if (!cookieToken) issueXsrfToken(response, this.environment);
    if (SAFE_METHODS.has(request.method) || !cookies[SESSION_COOKIE]) return next();
    const headerToken = request.header(XSRF_HEADER);
    if (!cookieToken || !headerToken || !same(cookieToken, headerToken)) {
      return next(refuse(403, 'csrf_invalid', 'Missing or invalid X-XSRF-TOKEN header (CSRF protection)'));
    }
    next();
  }
}
