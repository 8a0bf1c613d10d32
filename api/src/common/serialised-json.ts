import type { Request, Response } from 'express';

/** A JSON answer serialised once per state of what it describes, kept in memory with its gzip. */
export interface SerialisedJson {
  /** Strong validator of that state. */
  etag: string;
  json: Buffer;
  gzip(): Buffer;
}

/**
 * Sends a serialised answer with its ETag (304 when the client has it), gzipped when the client
 * accepts it. `mediaType` is the negotiated encoding (a compact form chosen by `Accept`); a route
 * that negotiates one says so with `Vary: Accept`.
 */
export function sendSerialisedJson(
  request: Request,
  response: Response,
  answer: SerialisedJson,
  { mediaType = 'application/json', negotiated = false }: { mediaType?: string; negotiated?: boolean } = {},
): void {
  response.setHeader('ETag', answer.etag);
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('Vary', negotiated ? 'Accept, Accept-Encoding' : 'Accept-Encoding');
  if (request.headers['if-none-match'] === answer.etag) {
    response.status(304).end();
    return;
  }
  response.status(200).type(`${mediaType}; charset=utf-8`);
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    const body = answer.gzip();
    response.setHeader('Content-Encoding', 'gzip');
    response.setHeader('Content-Length', body.length);
    response.end(body);
  } else {
    response.setHeader('Content-Length', answer.json.length);
    response.end(answer.json);
  }
}
