import type { BrowserContextOptions, Page } from 'playwright-core';
import { newContext } from './browser';
import type { BrowserSuite } from './browser-suite';
import { signInThroughPage } from './sign-in-page';

/**
 * A call of the API from a signed-in page, with the session's cookie and the CSRF header the web
 * app sends; a refusal throws with its status and body. Answers `null` for a 204.
 */
export function callApiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
      const token = decodeURIComponent(cookie?.slice('XSRF-TOKEN='.length) ?? '');
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'X-XSRF-TOKEN': token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : ((await response.json()) as unknown);
    },
    { method, path, body },
  ) as Promise<T>;
}

/** A page of its own (1440 × 1000 unless said otherwise), signed in through the sign-in page, closed after the test. */
export async function signedInPage(suite: BrowserSuite, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newContext(suite.browser, { viewport: { width: 1440, height: 1000 }, ...options });
  const page = await context.newPage();
  suite.pages.push(page);
  await signInThroughPage(page, suite.jalon.url, email);
  return page;
}
