import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { waitForHealth } from '../support/test-app';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database';


/**
 * A plain-HTTP start reached by host name (not localhost) shows its pages: no
 * `upgrade-insecure-requests` sends the browser to an HTTPS port nobody listens on (issue 10, item 9).
 */
describe('Jalon over plain HTTP by host name, in Chromium', () => {
  let jalon: RunningJalon;
  let browser: Browser;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'false' }, { healthWithinMs: 180_000 });
    await waitForHealth(jalon.url, 180_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--host-resolver-rules=MAP jalon.intra 127.0.0.1'],
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  it('should show the sign-in page at http://jalon.intra, every request staying on HTTP', async () => {
    const port = new URL(jalon.url).port;
    const page = await browser.newPage({ locale: 'fr-FR' });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const response = await page.goto(`http://jalon.intra:${port}/login`);
    expect(response?.status()).toBe(200);
    expect(String(response?.headers()['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    await page.getByLabel('Adresse e-mail').waitFor();
    expect(page.url()).toBe(`http://jalon.intra:${port}/login`);
    expect(requested.filter((url) => !url.startsWith(`http://jalon.intra:${port}/`))).toEqual([]);
    await page.close();
  });

  it('should have a returning browser load no script from the server, and check the page itself', async () => {
    const port = new URL(jalon.url).port;
    const page = await browser.newPage({ locale: 'fr-FR' });
    const first = await page.goto(`http://jalon.intra:${port}/login`);
    expect(first?.headers()['cache-control']).toBe('no-cache');
    await page.getByLabel('Adresse e-mail').waitFor();
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js')).map((entry) => entry.name));
    expect(scripts.length).toBeGreaterThan(0);
    const script = await fetch(new URL(new URL(scripts[0] as string).pathname, jalon.url));
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    // The next day: the same browser opens Jalon again.
    await page.goto(`http://jalon.intra:${port}/login`);
    await page.getByLabel('Adresse e-mail').waitFor();
    const transferred = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.js'))
        .map((entry) => ({ name: entry.name, bytes: (entry as PerformanceResourceTiming).transferSize })),
    );
    expect(transferred.map((entry) => entry.name).sort()).toEqual([...scripts].sort());
    expect(transferred.filter((entry) => entry.bytes > 0)).toEqual([]);
    await page.close();
  });
});
