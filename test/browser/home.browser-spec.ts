import type { Page } from 'playwright-core';
import { formatCalendarDate } from '@jalon/planning';
import { expectAccessible } from '../support/accessibility';
import { newContext, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signInThroughPage } from '../support/sign-in-page';

// Sign-in and project list pages; every test opens its own browser context and signs in itself.
describe('Home page', () => {
  const suite = useJalonInBrowser();

  async function freshPage(): Promise<Page> {
    const context = await newContext(suite.browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    suite.pages.push(page);
    return page;
  }

  async function signedIn(email: string): Promise<Page> {
    const page = await freshPage();
    await signInThroughPage(page, suite.jalon.url, email);
    await page.getByRole('heading', { name: 'Mes projets' }).waitFor();
    return page;
  }

  it('should ask for sign-in first, list the demo accounts with role and e-mail apart, and be accessible', async () => {
    const page = await freshPage();
    await page.goto(suite.jalon.url);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Connexion à Jalon' }).waitFor();
    const pm = page.getByRole('button', { name: 'Chef·fe de projet — pm@demo.jalon.fr' });
    await pm.waitFor();
    // Role and e-mail sit on two lines, not run together on one.
    const [role, email] = await Promise.all([pm.locator('.demo-role').boundingBox(), pm.locator('.demo-email').boundingBox()]);
    expect(email!.y).toBeGreaterThanOrEqual(role!.y + role!.height - 1);
    await expect(page.getByTestId('demo-accounts').textContent()).resolves.toContain('jalon-demo');
    await expectAccessible(page, 'sign-in page, French');
    await page.screenshot({ path: screenshotPath('login-fr'), fullPage: true });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Sign in to Jalon' }).waitFor();
    await expectAccessible(page, 'sign-in page, English');
    await page.screenshot({ path: screenshotPath('login-en'), fullPage: true });
  });

  it('should say why a sign-in failed, in French', async () => {
    const page = await freshPage();
    await page.goto(`${suite.jalon.url}/login`);
    await page.getByLabel('Adresse e-mail').fill('pm@demo.jalon.fr');
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('login-error').getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await expectAccessible(page, 'sign-in page with an error');
  });

  it('should show the seeded project with its go-live on the right day in Paris, in French then English', async () => {
    const page = await signedIn('pm@demo.jalon.fr');
    await page.getByTestId('project-card').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const [project] = await page.evaluate(async () => (await fetch('/api/projects')).json());
    const card = page.getByTestId('project-card');
    // The demo go-live is a Tuesday: shown as « mardi … », never the Monday before.
    expect(await card.textContent()).toContain(formatCalendarDate(project.targetGoLive, 'fr', 'weekday-long'));
    expect(await card.textContent()).toContain('mardi');
    await expectAccessible(page, 'project list, French');
    await page.screenshot({ path: screenshotPath('home-fr'), fullPage: true });

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'My projects' }).waitFor();
    expect(await card.textContent()).toContain(formatCalendarDate(project.targetGoLive, 'en', 'weekday-long'));
    await expectAccessible(page, 'project list, English');
    await page.screenshot({ path: screenshotPath('home-en'), fullPage: true });
    await page.reload();
    await page.getByRole('heading', { name: 'My projects' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('should let the project manager edit the name, description, status and weather', async () => {
    const page = await signedIn('pm@demo.jalon.fr');
    await page.getByTestId('edit-project').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Modifier le projet' }).waitFor();
    await dialog.getByTestId('edit-name').fill('Lot 1 — voix <b>renommé</b>');
    await dialog.getByTestId('edit-description').fill('Nouvelle description');
    await dialog.getByTestId('edit-status').click();
    await page.getByRole('option', { name: 'Incubation' }).click();
    await dialog.getByTestId('edit-weather').click();
    await page.getByRole('option', { name: 'Orageux' }).click();
    await expectAccessible(page, 'project edit dialog');
    await page.screenshot({ path: screenshotPath('project-edit-fr'), fullPage: true });
    await dialog.getByTestId('edit-save').click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByTestId('project-card');
    // The name is text, never markup.
    await card.getByRole('link', { name: 'Lot 1 — voix <b>renommé</b>' }).waitFor();
    expect(await card.textContent()).toContain('Nouvelle description');
    expect(await card.textContent()).toContain('Incubation');
    expect(await card.textContent()).toContain('Orageux');
    expect(await card.locator('b').count()).toBe(0);
    const [project] = await page.evaluate(async () => (await fetch('/api/projects')).json());
    expect(project).toMatchObject({ status: 'incubation', weather: 'stormy', description: 'Nouvelle description' });
  });

  it('should not offer project editing to a viewer', async () => {
    const page = await signedIn('viewer@demo.jalon.fr');
    await page.getByTestId('project-card').waitFor();
    expect(await page.getByTestId('edit-project').count()).toBe(0);
    await expectAccessible(page, 'project list, viewer');
  });

  it('should open a project and offer its modules in the navigation, and « Mes tâches » to everyone', async () => {
    const page = await signedIn('viewer@demo.jalon.fr');
    await page.getByTestId('nav-my-tasks').waitFor();
    await page.getByTestId('project-card').getByRole('link').first().click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/overview$/);
    for (const label of ['Vue d’ensemble', 'Planning', 'Risques', 'Comitologie', 'Recette', 'Membres']) {
      await page.getByRole('link', { name: label, exact: true }).waitFor();
    }
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
  });

  it('should let an administrator open a new project from the contact-centre template', async () => {
    const page = await signedIn('admin@demo.jalon.fr');
    await page.getByTestId('new-project').click();
    await page.getByLabel('Nom du projet').fill('Lot 2 — email et chat');
    await page.getByRole('dialog').getByLabel('Mise en production', { exact: true }).fill('2027-09-14');
    await expectAccessible(page, 'new project dialog');
    await page.screenshot({ path: screenshotPath('new-project-dialog'), fullPage: true });
    await page.getByRole('button', { name: 'Créer le projet' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/planning$/);
    const projectId = new URL(page.url()).pathname.split('/')[2];
    const plan = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/plan`)).json(), projectId);
    expect(plan.tasks.length).toBeGreaterThan(20);
    expect(plan.settings.targetGoLive).toBe('2027-09-14');
  });
});

describe('Sign-in page of an instance without the demo', () => {
  const suite = useJalonInBrowser({ JALON_DEMO: 'false' });

  it('should show no demo account and no password when the API says the demo is off', async () => {
    const page = await (await newContext(suite.browser)).newPage();
    suite.pages.push(page);
    // networkidle: the page has had the API's answer to /api/auth/config and drew from it.
    await page.goto(`${suite.jalon.url}/login`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Connexion à Jalon' }).waitFor();
    const config = await page.evaluate(async () => (await fetch('/api/auth/config')).json());
    expect(config.demo).toBe(false);
    expect(await page.getByTestId('demo-accounts').count()).toBe(0);
    expect(await page.content()).not.toContain('jalon-demo');
    await expectAccessible(page, 'sign-in page without the demo');
  });
});
