import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(__dirname, '../../test-output/screenshots');

/**
 * The time zone every browser test runs in: Jalon's users are in France, and a calendar date
 * shown a day early there (read as local midnight, written in UTC) must fail a test.
 * A suite may ask for a zone west of UTC (America/New_York) to catch the opposite mistake.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';
export const DEFAULT_LOCALE = 'fr-FR';

export interface LaunchOptions {
  /** IANA zone of the browser's clock (its `TZ`), Europe/Paris unless a suite asks otherwise. */
  timeZone?: string;
}

/** Debian's Chromium, headless, with the flags this sandboxed, offline machine needs, in Paris time. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Every page of this browser, even one opened with browser.newPage(), lives in this zone
    // and speaks French: native date inputs then read jj/mm/aaaa, as on a French workstation.
    env: { ...process.env, TZ: timeZone, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' },
    args: [
      '--headless',
      '--lang=fr-FR',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  zones.set(browser, timeZone);
  return browser;
}

const zones = new WeakMap<Browser, string>();

/**
 * A fresh context (own cookies and storage) in the browser's time zone and the French locale;
 * `options` may override both, e.g. `{ timezoneId: 'America/New_York' }`.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    timezoneId: zones.get(browser) ?? DEFAULT_TIME_ZONE,
    locale: DEFAULT_LOCALE,
    ...options,
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

/**
 * Opens a mat-select and chooses an option, opening it again until that option is offered. A
 * mat-select with no option yet does not open at all (under load, options loaded by the page,
 * such as members, baselines or campaigns, arrived behind a select that stayed closed), and a list
 * still closing after the previous choice shows stale options and swallows a click on the trigger.
 * So: no list open before the trigger is clicked, the option clicked once its list is settled, and
 * the list gone again before returning. Every attempt waits on a condition.
 */
export async function chooseOption(page: Page, trigger: Locator, name: string | RegExp, { withinMs = 60_000 } = {}): Promise<void> {
  const panel = page.locator('.mat-mdc-select-panel');
  const option = panel.getByRole('option', { name }).first();
  const deadline = Date.now() + withinMs;
  for (;;) {
    await panel.waitFor({ state: 'detached' });
    await trigger.click();
    const offered = await option.waitFor({ timeout: 2_000 }).then(() => true, () => false);
    if (offered && (await option.click({ timeout: 10_000 }).then(() => true, () => false))) break;
    if (Date.now() > deadline) throw new Error(`The option ${String(name)} was never offered`);
    // A list that opened without the option is closed before the next attempt; with none open,
    // no Escape is sent (it would close the dialog or the side panel the select is in).
    if ((await panel.count()) > 0) await page.keyboard.press('Escape');
  }
  await panel.waitFor({ state: 'detached' });
}

/**
 * Starts watching for a snack bar saying `text` and returns a function that waits until one has
 * been shown. A snack bar lasts 3 s: on a loaded machine, polling for it after the action can come
 * too late (CI saw « Notes enregistrées. » missed that way), so the page records it itself, from a
 * mutation observer set up before the action.
 */
export async function watchForSnackBar(page: Page, text: string): Promise<(options?: { timeout?: number }) => Promise<void>> {
  const key = `snack-${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ key, text }) => {
      const seen = ((window as unknown as { __jalonSnackBars?: Record<string, boolean> }).__jalonSnackBars ??= {});
      seen[key] = false;
      const check = () => {
        for (const label of document.querySelectorAll('.mdc-snackbar__label')) {
          if (label.textContent?.includes(text)) {
            seen[key] = true;
            observer.disconnect();
            return;
          }
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { key, text },
  );
  return async ({ timeout = 30_000 } = {}) => {
    await page.waitForFunction((key) => (window as unknown as { __jalonSnackBars?: Record<string, boolean> }).__jalonSnackBars?.[key] === true, key, {
      timeout,
    });
  };
}
