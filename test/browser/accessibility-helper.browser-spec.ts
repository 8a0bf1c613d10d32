import type { Browser, Page } from 'playwright-core';
import { findAccessibilityViolations } from '../support/accessibility';
import { launchChromium, newContext } from '../support/browser';

/**
 * The accessibility check measures what users see, not a frame of an animation: a snack bar that
 * replaces another one enters only once the first has left, and CI once failed on a contrast read
 * half-way through that second fade.
 */
describe('Accessibility check during animations', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    page = await (await newContext(browser)).newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  /** Light text on a dark bar: readable once opaque, unreadable while it fades over the white page. */
  const pageWithSnackBars = `<!doctype html><html lang="fr"><head><title>Snack bars</title><style>
      body { background: #fff; color: #000; }
      .bar { background: #333; color: #f5f5f5; padding: 8px; }
      @keyframes leave { from { opacity: 1; } to { opacity: 0; } }
      @keyframes enter { from { opacity: 0; } to { opacity: 1; } }
      .leaving { animation: leave 400ms linear forwards; }
      .entering { animation: enter 1500ms linear; }
    </style></head><body><main><h1>Recette</h1>
      <div id="first" class="bar">Étape 1 enregistrée</div>
    </main></body></html>`;

  it('should wait for a snack bar that enters after the previous one left before measuring contrast', async () => {
    await page.setContent(pageWithSnackBars);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // The first bar leaves; when it is gone the second one starts to fade in.
    await page.evaluate(() => {
      const first = document.getElementById('first') as HTMLElement;
      first.addEventListener('animationend', () => {
        first.remove();
        const second = document.createElement('div');
        second.className = 'bar entering';
        second.id = 'second';
        second.textContent = 'Étape 2 enregistrée';
        document.querySelector('main')?.append(second);
      });
      first.classList.add('leaving');
    });

    expect(await findAccessibilityViolations(page)).toEqual([]);
    // The check did not pass on an empty page: the second bar is there, and fully opaque.
    expect(await page.locator('#second').evaluate((bar) => getComputedStyle(bar).opacity)).toBe('1');
  });

  it('should still report a contrast that stays too low once animations have ended', async () => {
    await page.setContent(pageWithSnackBars.replace('color: #f5f5f5', 'color: #555'));
    const violations = await findAccessibilityViolations(page);
    expect(violations.map((violation) => violation.id)).toEqual(['color-contrast']);
    expect(violations[0]?.nodes[0]?.target).toBe('#first');
  });
});
