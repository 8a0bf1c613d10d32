import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { newContext, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signInThroughPage } from '../support/sign-in-page';

// Users administration; every test opens its own browser context and signs in itself.
describe('Users page', () => {
  const suite = useJalonInBrowser();

  async function freshPage(): Promise<Page> {
    const context = await newContext(suite.browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    suite.pages.push(page);
    return page;
  }

  async function usersPage(): Promise<Page> {
    const page = await freshPage();
    await signInThroughPage(page, suite.jalon.url, 'admin@demo.jalon.fr');
    await page.goto(`${suite.jalon.url}/admin/users`);
    await page.getByTestId('users-table').getByText('viewer@demo.jalon.fr').waitFor();
    return page;
  }

  it('should list the accounts to an administrator, accessibly, in French and English', async () => {
    const page = await usersPage();
    await page.getByRole('heading', { name: 'Utilisateurs' }).waitFor();
    await expectAccessible(page, 'users page, French');
    await page.screenshot({ path: screenshotPath('users-fr'), fullPage: true });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await expectAccessible(page, 'users page, English');
    await page.screenshot({ path: screenshotPath('users-en'), fullPage: true });
  });

  it('should let an administrator give a user a new password, which then signs them in', async () => {
    const page = await usersPage();
    const row = page.getByTestId('user-row').filter({ hasText: 'sponsor@demo.jalon.fr' });
    await row.getByTestId('reset-password').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reset-password-input').fill('a-brand-new-secret');
    await expectAccessible(page, 'password reset dialog');
    await page.screenshot({ path: screenshotPath('users-reset-password-fr'), fullPage: true });
    await dialog.getByTestId('reset-password-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/Mot de passe de .* changé/).waitFor();

    const sponsor = await freshPage();
    await signInThroughPage(sponsor, suite.jalon.url, 'sponsor@demo.jalon.fr', 'a-brand-new-secret');
    await sponsor.getByRole('heading', { name: 'Mes projets' }).waitFor();
  });

  it('should refuse a too short password in the dialog before calling the API', async () => {
    const page = await usersPage();
    await page.getByTestId('user-row').filter({ hasText: 'copil@demo.jalon.fr' }).getByTestId('reset-password').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reset-password-input').fill('short');
    expect(await dialog.getByTestId('reset-password-save').isDisabled()).toBe(true);
  });
});
