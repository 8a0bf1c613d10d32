import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { newContext, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signInThroughPage } from '../support/sign-in-page';

// « Mon compte » and the password page; every test opens its own browser context and signs in itself.
describe('Account page', () => {
  const suite = useJalonInBrowser();

  async function accountPage(email: string): Promise<Page> {
    const context = await newContext(suite.browser, { viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.jalon.url });
    const page = await context.newPage();
    suite.pages.push(page);
    await signInThroughPage(page, suite.jalon.url, email);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('account-link').click();
    await page.getByRole('heading', { name: 'Mon compte' }).waitFor();
    return page;
  }

  const feedUrl = (page: Page) => page.getByTestId('feed-url').inputValue();

  it('should show my calendar feed address, copy it, and be accessible in French and English', async () => {
    const page = await accountPage('key.user@demo.jalon.fr');
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('[data-testid="feed-url"]')?.value ?? '').includes('.ics'));
    const url = await feedUrl(page);
    expect(url).toMatch(/\/api\/calendar\/[^/]+\/projects\/[0-9a-f-]{36}\/milestones\.ics$/);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await page.getByTestId('feed-copy').click();
    await page.getByText('Adresse copiée dans le presse-papiers.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await expectAccessible(page, 'account page, French');
    await page.screenshot({ path: screenshotPath('account-fr'), fullPage: true });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await expectAccessible(page, 'account page, English');
    await page.screenshot({ path: screenshotPath('account-en'), fullPage: true });
  });

  it('should reset the feed token after a confirmation: the old address stops working', async () => {
    const page = await accountPage('sponsor@demo.jalon.fr');
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('[data-testid="feed-url"]')?.value ?? '').includes('.ics'));
    const before = await feedUrl(page);
    await page.getByTestId('feed-reset').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Réinitialiser le jeton du calendrier ?').waitFor();
    await expectAccessible(page, 'feed token reset confirmation');
    await dialog.getByTestId('confirm-ok').click();
    await page.getByText('Nouveau jeton créé').waitFor();
    await page.waitForFunction(
      (old) => {
        const value = document.querySelector<HTMLInputElement>('[data-testid="feed-url"]')?.value ?? '';
        return value.includes('.ics') && value !== old;
      },
      before,
    );
    expect((await fetch(before)).status).toBe(404);
    expect((await fetch(await feedUrl(page))).status).toBe(200);
  });

  it('should change my password from the password page, accessibly', async () => {
    const page = await accountPage('copil@demo.jalon.fr');
    await page.goto(`${suite.jalon.url}/account/password`);
    await page.getByLabel('Mot de passe actuel').fill('wrong-password');
    await page.getByLabel('Nouveau mot de passe').fill('another-long-secret');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le mot de passe actuel est incorrect.').waitFor();
    await expectAccessible(page, 'password page with an error');
    await page.screenshot({ path: screenshotPath('account-password-fr'), fullPage: true });
  });
});
