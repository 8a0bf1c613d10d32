import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SESSION_COOKIE } from '../accounts/sessions.service';
import { refuse } from '../common/api-errors';
import { ENVIRONMENT, type Environment } from '../config/environment.provider';

/** The names Angular's HttpClient uses out of the box for its XSRF protection. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: derived from the session's secret, so a token read or planted
 * by another site for another session (or before sign-in) is worthless for this one.
 */
export function xsrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('jalon-xsrf').digest('base64url');
}

/** Sets the XSRF-TOKEN cookie: bound to `sessionToken` when there is a session, random before sign-in. */
export function issueXsrfToken(response: Response, environment: Environment, sessionToken?: string): string {
  const token = sessionToken ? xsrfTokenFor(sessionToken) : randomBytes(24).toString('base64url');
  // Readable by the web app's script (that is the point): it echoes it in the header.
  response.cookie(XSRF_COOKIE, token, { sameSite: 'lax', secure: environment.secureCookies, path: '/' });
  return token;
}

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * CSRF protection for the cookie session: a state-changing request that carries a session cookie
 * must send, in the X-XSRF-TOKEN header, the token bound to that session (the XSRF-TOKEN cookie
 * holds it for the web app's script; a page of another site can neither read nor compute it).
 * Sign-in carries no session yet and accepts only JSON bodies, which a cross-site form cannot send.
 */
@Injectable()
export class CsrfMiddleware implements NestMiddleware {
  constructor(@Inject(ENVIRONMENT) private readonly environment: Environment) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const cookies = (request.cookies ?? {}) as Record<string, string | undefined>;
    const session = cookies[SESSION_COOKIE];
    const expected = session ? xsrfTokenFor(session) : undefined;
    const cookieToken = cookies[XSRF_COOKIE];
    // Hand the browser the token of its session (or a first one), so its next request carries it.
    if (!cookieToken || (expected && cookieToken !== expected)) issueXsrfToken(response, this.environment, session);
    if (SAFE_METHODS.has(request.method) || !expected) return next();
    const headerToken = request.header(XSRF_HEADER);
    if (!headerToken || !same(expected, headerToken)) {
      return next(refuse(403, 'csrf_invalid', 'Missing or invalid X-XSRF-TOKEN header (CSRF protection)'));
    }
    next();
  }
}
