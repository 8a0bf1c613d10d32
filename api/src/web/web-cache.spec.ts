import type { ServerResponse } from 'node:http';
import { setWebCacheHeaders } from './web-cache';

describe(setWebCacheHeaders.name, () => {
  const cacheControlFor = (path: string) => {
    const headers = new Map<string, unknown>();
    setWebCacheHeaders({ setHeader: (name: string, value: unknown) => headers.set(name, value) } as unknown as ServerResponse, path);
    return headers.get('Cache-Control');
  };

  it.each([
    '/srv/web/main-K52KBCE4.js',
    '/srv/web/chunk-B-aEv_GY.js',
    '/srv/web/styles-KK4PNNCI.css',
    '/srv/web/media/roboto-latin-400-normal-LOX3CHMS.woff2',
  ])('should let browsers keep %s, named after its content, for a year', (path) => {
    expect(cacheControlFor(path)).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/srv/web/index.html', '/srv/web/favicon.svg', '/srv/web/robots.txt'])('should have browsers check %s with the server on each use', (path) => {
    expect(cacheControlFor(path)).toBe('no-cache');
  });
});
