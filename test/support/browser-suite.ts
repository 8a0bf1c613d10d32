import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startBuiltJalon, type RunningJalon } from './jalon-server';
import { createDemoDatabase, createEmptyDatabase, type TestDatabase } from './test-database';

/** What a browser suite shares: set in `beforeAll`, read inside tests. */
export interface BrowserSuite {
  readonly database: TestDatabase;
  readonly jalon: RunningJalon;
  readonly browser: Browser;
  /** Pages whose browser context is closed after each test, so every test starts clean. */
  readonly pages: Page[];
}

/**
 * Registers the hooks of a browser suite: the built Jalon on a database of its own (a copy of the
 * run's seeded demo, or an empty one when `environment` turns the demo off), one Chromium
 * (Europe/Paris), each test's pages closed after it, and everything stopped and dropped at the
 * end. Call it at the top of a `describe`.
 */
export function useJalonInBrowser(environment: Record<string, string> = {}): BrowserSuite {
  let database: TestDatabase | undefined;
  let jalon: RunningJalon | undefined;
  let browser: Browser | undefined;
  const pages: Page[] = [];
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not started: use the suite inside a test`);
    return value;
  };

  beforeAll(async () => {
    const settings = { JALON_DEMO: 'true', ...environment };
    database = settings.JALON_DEMO === 'true' ? await createDemoDatabase() : await createEmptyDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, ...settings });
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  return {
    get database() {
      return ready(database, 'The database');
    },
    get jalon() {
      return ready(jalon, 'Jalon');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
    pages,
  };
}
