import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { fieldError, refuse, type ApiRefusal } from './api-errors';

/** The largest body the API reads (a bulk edit of a 1,000-task plan is about 200 kB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The deepest nesting of arrays and objects a body may have (the deepest DTO needs 4). */
export const MAX_BODY_DEPTH = 16;
/** Keys that could reach an object's prototype when a body is copied into a class. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const hasBody = (request: Request): boolean =>
  request.headers['transfer-encoding'] !== undefined ||
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string the database can store and compare: no NUL, no lone UTF-16 surrogate. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogate)';
  return null;
}

/**
 * Walks a parsed body without recursion and returns the first problem: too deep, a forbidden key,
 * or a string the database cannot store. `field` is the path the validation pipe would name.
 */
export function inspectBody(body: unknown): ApiRefusal | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const field = path || 'body';
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return fieldError(400, field, `${field} ${problem}`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      return fieldError(400, field, `The request body nests deeper than ${MAX_BODY_DEPTH} levels`, 'body_too_deep');
    }
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return fieldError(400, child, `${child} is not an allowed property name`);
      const keyProblem = textProblem(key);
      if (keyProblem) return fieldError(400, child, `property name ${keyProblem}`);
      stack.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return null;
}

const isJson = (request: Request): boolean => request.is(['application/json', 'application/*+json']) !== false;

/**
 * The only routes that read a multipart body (a file upload, read by the route's own interceptor
 * with its size limit): a step's attachments of an acceptance execution, a readiness item's evidence files.
 */
export const MULTIPART_ROUTES: readonly RegExp[] = [
  /^\/api\/projects\/[^/]+\/acceptance\/executions\/[^/]+\/steps\/[^/]+\/attachments\/?$/,
  /^\/api\/projects\/[^/]+\/go-no-go\/readiness\/[^/]+\/evidence\/?$/,
];

const isUpload = (request: Request): boolean =>
  request.method === 'POST' && request.is('multipart/form-data') !== false && MULTIPART_ROUTES.some((route) => route.test(request.path));

const jsonParser = express.json({ limit: MAX_BODY_BYTES, strict: false, type: ['application/json', 'application/*+json'] });

/** body-parser's errors as the API's refusals, before any controller or Nest handler sees them. */
function bodyParserRefusal(error: { type?: string; message?: string; status?: number }): ApiRefusal {
  switch (error.type) {
    case 'entity.parse.failed':
      return refuse(400, 'malformed_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return refuse(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
    case 'charset.unsupported':
      return refuse(415, 'unsupported_media_type', 'The request body must be UTF-8 JSON');
    case 'encoding.unsupported':
      return refuse(415, 'unsupported_media_type', 'The request body has an unsupported Content-Encoding');
    default:
      return refuse(400, 'malformed_json', 'The request body could not be read');
  }
}

/**
 * The API reads JSON bodies only (a cross-site form cannot post JSON, so this also closes login
 * CSRF), at most `MAX_BODY_BYTES`, at most `MAX_BODY_DEPTH` deep, with no prototype keys and no
 * text the database cannot store. Every refusal has the usual error body and code.
 */
export function jsonBodyOnly(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request) || isUpload(request)) return next();
    if (!isJson(request)) {
      return next(refuse(415, 'unsupported_media_type', 'The request body must be JSON (Content-Type: application/json)'));
    }
    jsonParser(request, response, (error?: unknown) => {
      if (error) return next(bodyParserRefusal(error as { type?: string }));
      next(inspectBody(request.body) ?? undefined);
    });
  };
}

/** Query and route text must be storable too: NUL or a lone surrogate is a 400 naming the parameter. */
export function storableQueryText(): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    let path: string;
    try {
      path = decodeURIComponent(request.path);
    } catch {
      return next(refuse(400, 'validation_failed', 'The request path is not valid percent-encoded UTF-8'));
    }
    const pathProblem = textProblem(path);
    if (pathProblem) return next(fieldError(400, 'path', `The request path ${pathProblem}`));
    for (const [name, value] of Object.entries(request.query ?? {})) {
      const values = Array.isArray(value) ? value : [value];
      for (const one of values) {
        if (typeof one !== 'string') continue;
        const problem = textProblem(one);
        if (problem) return next(fieldError(400, name, `${name} ${problem}`));
      }
    }
    next();
  };
}
