import type { Browser, Page } from 'playwright-core';
import { DEMO_PROJECT } from '../../api/src/demo/demo-project';
import { launchChromium, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { signInThroughPage } from '../support/sign-in-page';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database';

describe('Home page', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  });
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  it('should ask for sign-in first, then show the seeded project in French by default', async () => {
    await page.goto(jalon.url);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Connexion à Jalon' }).waitFor();
    await page.screenshot({ path: screenshotPath('login-fr'), fullPage: true });
    await signInThroughPage(page, jalon.url, 'pm@demo.jalon.fr');
    await page.getByRole('heading', { name: 'Mes projets' }).waitFor();
    await page.getByRole('link', { name: DEMO_PROJECT.name }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByTestId('project-card').textContent()).toContain('Mise en production');
    await page.screenshot({ path: screenshotPath('home-fr'), fullPage: true });
  });

  it('should switch to English and remember the choice after a reload', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'My projects' }).waitFor();
    expect(await page.getByTestId('project-card').textContent()).toContain('Go-live');
    await page.screenshot({ path: screenshotPath('home-en'), fullPage: true });
    await page.reload();
    await page.getByRole('heading', { name: 'My projects' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Mes projets' }).waitFor();
  });

  it('should open a project and offer its modules in the navigation', async () => {
    await page.getByRole('link', { name: DEMO_PROJECT.name }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/planning$/);
    for (const label of ['Planning', 'Risques', 'Comités', 'Recette', 'Membres', 'Journal']) {
      await page.getByRole('link', { name: label, exact: true }).waitFor();
    }
  });

  it('should show the project manager the members page with its editing controls', async () => {
    await page.getByTestId('nav-members').click();
    await page.getByRole('heading', { name: 'Membres du projet' }).waitFor();
    await page.getByTestId('invite-form').waitFor();
    await page.getByTestId('members-table').getByText('viewer@demo.jalon.fr').waitFor();
    expect(await page.getByRole('button', { name: /^Retirer / }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('members-pm'), fullPage: true });
  });

  it('should show a viewer the members without any edit button, and no change log', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await signInThroughPage(page, jalon.url, 'viewer@demo.jalon.fr');
    await page.getByRole('link', { name: DEMO_PROJECT.name }).click();
    await page.getByTestId('nav-members').click();
    await page.getByTestId('members-table').getByText('pm@demo.jalon.fr').waitFor();
    expect(await page.getByTestId('invite-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Retirer / }).count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('members-viewer'), fullPage: true });
  });

  it('should let an administrator open a new project from the contact-centre template', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await signInThroughPage(page, jalon.url, 'admin@demo.jalon.fr');
    await page.getByTestId('new-project').click();
    await page.getByLabel('Nom du projet').fill('Lot 2 — email et chat');
    await page.getByRole('dialog').getByLabel('Mise en production', { exact: true }).fill('2027-09-14');
    await page.screenshot({ path: screenshotPath('new-project-dialog'), fullPage: true });
    await page.getByRole('button', { name: 'Créer le projet' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/planning$/);
    const projectId = new URL(page.url()).pathname.split('/')[2];
    const plan = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/plan`)).json(), projectId);
    expect(plan.tasks.length).toBeGreaterThan(20);
    expect(plan.settings.targetGoLive).toBe('2027-09-14');
  });
});
