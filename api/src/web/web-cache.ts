import type { ServerResponse } from 'node:http';
import { basename } from 'node:path';

/**
 * The web app's build names its scripts, styles and fonts after their content (`main-K52KBCE4.js`,
 * `chunk-B-aEv_GY.js`, `media/roboto-latin-400-normal-LOX3CHMS.woff2`): a new release gets new names.
 */
const CONTENT_HASHED = /-[A-Za-z0-9_-]{8}\.(?:js|css|woff2?|ttf|svg|png)$/;

/**
 * Cache rules of the web app's files. A content-named file never changes, so a browser keeps it a
 * year without asking again: a project manager opening the planning every day then loads no script
 * from the server. Everything else, the page itself first, is checked with the server on each use
 * (no-cache, answered 304 when unchanged), so a new release is seen at once.
 */
export function setWebCacheHeaders(response: ServerResponse, path: string): void {
  response.setHeader('Cache-Control', CONTENT_HASHED.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache');
}
