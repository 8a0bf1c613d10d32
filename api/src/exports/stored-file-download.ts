import type { Response } from 'express';
import { attachmentDisposition } from './content-disposition';

/** A file a user uploaded, kept with the type recognised from its content when it was stored. */
export interface StoredFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/**
 * Sends a stored upload (recette attachment, go / no-go evidence) as a download. Its bytes were
 * written by a user, so they are never interpreted here: an attachment with its RFC 5987 name,
 * never sniffed, and a CSP with nothing allowed and `sandbox`, which keeps an HTML or SVG file
 * inert (no script, no same-origin access to the session) should a browser show it in place.
 */
export function sendStoredFile(response: Response, file: StoredFile): void {
  response.status(200);
  response.setHeader('Content-Type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType);
  response.setHeader('Content-Length', file.data.length);
  response.setHeader('Content-Disposition', attachmentDisposition(file.fileName));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  response.setHeader('Cache-Control', 'private, no-cache');
  response.end(file.data);
}
