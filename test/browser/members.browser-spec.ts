import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { chooseOption, newContext, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signInThroughPage } from '../support/sign-in-page';

// The members page; every test opens its own browser context and signs in itself.
describe('Members page', () => {
  const suite = useJalonInBrowser();

  async function membersPageAs(email: string, language: 'fr' | 'en' = 'fr'): Promise<Page> {
    const context = await newContext(suite.browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    suite.pages.push(page);
    await signInThroughPage(page, suite.jalon.url, email);
    if (language === 'en') await page.evaluate(() => localStorage.setItem('suite.jalon.language', 'en'));
    const [project] = await page.evaluate(async () => (await fetch('/api/projects')).json());
    await page.goto(`${suite.jalon.url}/projects/${project.id}/members`);
    await page.getByTestId('members-table').getByText('pm@demo.jalon.fr').waitFor();
    return page;
  }

  it('should show the project manager the members with their editing controls, accessibly, in French and English', async () => {
    const page = await membersPageAs('pm@demo.jalon.fr');
    await page.getByRole('heading', { name: 'Membres du projet' }).waitFor();
    await page.getByTestId('invite-form').waitFor();
    expect(await page.getByRole('button', { name: /^Retirer / }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'members page, project manager, French');
    await page.screenshot({ path: screenshotPath('members-pm-fr'), fullPage: true });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Project members' }).waitFor();
    await expectAccessible(page, 'members page, project manager, English');
    await page.screenshot({ path: screenshotPath('members-pm-en'), fullPage: true });
  });

  it('should find a user by a search of three characters and add them with the chosen role', async () => {
    const page = await membersPageAs('pm@demo.jalon.fr');
    const select = page.getByTestId('candidate-select');
    // Two characters: the API is not asked, nobody is offered.
    await page.getByTestId('candidate-search').fill('ad');
    await select.click();
    expect(await page.getByRole('option', { name: /admin@demo\.jalon\.fr/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('candidate-search').fill('admin@');
    await chooseOption(page, select, /admin@demo\.jalon\.fr/);
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await page.getByTestId('members-table').getByRole('row').filter({ hasText: 'admin@demo.jalon.fr' }).waitFor();
    await expectAccessible(page, 'members page after an invitation');
  });

  it('should ask before removing a member, keep them on « Annuler » and remove them on confirmation', async () => {
    const page = await membersPageAs('pm@demo.jalon.fr');
    const table = page.getByTestId('members-table');
    const row = table.getByRole('row').filter({ hasText: 'key.user@demo.jalon.fr' });
    await row.getByTestId('remove-member').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/^Retirer .* du projet \?$/).waitFor();
    await expectAccessible(page, 'member removal confirmation');
    await page.screenshot({ path: screenshotPath('members-remove-confirm-fr'), fullPage: true });
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    const [project] = await page.evaluate(async () => (await fetch('/api/projects')).json());
    const members = async () =>
      (await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/members`)).json(), project.id)) as Array<{ email: string }>;
    expect((await members()).map((member) => member.email)).toContain('key.user@demo.jalon.fr');

    await row.getByTestId('remove-member').click();
    await page.getByRole('alertdialog').getByTestId('confirm-ok').click();
    await table.getByText('key.user@demo.jalon.fr').waitFor({ state: 'detached' });
    expect((await members()).map((member) => member.email)).not.toContain('key.user@demo.jalon.fr');
  });

  it('should change a member’s role with the version read', async () => {
    const page = await membersPageAs('pm@demo.jalon.fr');
    const row = page.getByTestId('members-table').getByRole('row').filter({ hasText: 'copil@demo.jalon.fr' });
    await row.getByRole('combobox').click();
    const put = page.waitForRequest((request) => request.method() === 'PUT' && request.url().includes('/members/'));
    await page.getByRole('option', { name: 'Utilisateur clé' }).click();
    expect((await put).postDataJSON()).toEqual({ role: 'key_user', version: 1 });
    await page.getByText('Rôle modifié.').waitFor();
    const [project] = await page.evaluate(async () => (await fetch('/api/projects')).json());
    const members = (await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/members`)).json(), project.id)) as Array<{
      email: string;
      role: string;
      version: number;
    }>;
    expect(members.find((member) => member.email === 'copil@demo.jalon.fr')).toMatchObject({ role: 'key_user', version: 2 });
  });

  it('should show a viewer the members without any edit control, and no change log in the navigation', async () => {
    const page = await membersPageAs('viewer@demo.jalon.fr');
    expect(await page.getByTestId('invite-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Retirer / }).count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await expectAccessible(page, 'members page, viewer');
    await page.screenshot({ path: screenshotPath('members-viewer-fr'), fullPage: true });
  });
});
