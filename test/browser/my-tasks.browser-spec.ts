import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchChromium, newContext, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { signInThroughPage } from '../support/sign-in-page';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database';

/** The browser's own fetch with the session cookie and the CSRF header, as the app sends it. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const xsrf = decodeURIComponent(document.cookie.split('; ').find((cookie) => cookie.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '');
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

interface Task {
  id: string;
  name: string;
  isMilestone: boolean;
  version: number;
  progress: number;
  actualStart: string | null;
}

// « Mes tâches »; every test opens its own browser context and signs in itself.
describe('My tasks page', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;
  const pages: Page[] = [];
  let assigned: Task;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true' });
    browser = await launchChromium();
    // The project manager assigns an unfinished task to the vendor's account.
    const pm = await signedIn('pm@demo.jalon.fr');
    const [project] = await api<Array<{ id: string }>>(pm, 'GET', '/api/projects');
    const members = await api<Array<{ userId: string; email: string }>>(pm, 'GET', `/api/projects/${project!.id}/members`);
    const vendor = members.find((member) => member.email === 'vendor@demo.jalon.fr')!;
    const plan = await api<{ tasks: Task[] }>(pm, 'GET', `/api/projects/${project!.id}/plan`);
    const task = plan.tasks.find((candidate) => !candidate.isMilestone && candidate.progress === 0)!;
    await api(pm, 'PATCH', `/api/projects/${project!.id}/plan/tasks/${task.id}`, { version: task.version, ownerUserId: vendor.userId });
    assigned = task;
    await pm.context().close();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  async function signedIn(email: string): Promise<Page> {
    const context = await newContext(browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    pages.push(page);
    await signInThroughPage(page, jalon.url, email);
    return page;
  }

  async function myTasks(email: string): Promise<Page> {
    const page = await signedIn(email);
    await page.getByTestId('nav-my-tasks').click();
    await page.getByRole('heading', { name: 'Mes tâches' }).waitFor();
    return page;
  }

  it('should list the contributor’s assigned task and save its progress and actual start', async () => {
    const page = await myTasks('vendor@demo.jalon.fr');
    const row = page.getByTestId('my-task').filter({ hasText: assigned.name });
    await row.waitFor();
    expect(await page.getByTestId('my-task').count()).toBe(1);
    await expectAccessible(page, 'my tasks, contributor, French');
    await page.screenshot({ path: screenshotPath('my-tasks-fr'), fullPage: true });

    await row.getByTestId('progress-input').fill('60');
    await row.getByTestId('actual-start-input').fill('2026-11-27');
    await row.getByTestId('save-progress').click();
    await page.getByText(`Avancement de « ${assigned.name} » enregistré.`).waitFor();
    await page.reload();
    await row.getByTestId('progress-input').waitFor();
    expect(await row.getByTestId('progress-input').inputValue()).toBe('60');
    expect(await row.getByTestId('actual-start-input').inputValue()).toBe('2026-11-27');
    const [mine] = await api<Array<{ progress: number; actualStart: string | null }>>(page, 'GET', '/api/me/tasks');
    expect(mine).toMatchObject({ progress: 60, actualStart: '2026-11-27' });

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await expectAccessible(page, 'my tasks, contributor, English');
    await page.screenshot({ path: screenshotPath('my-tasks-en'), fullPage: true });
  });

  it('should refuse a progress over 100 with a message, without calling the API', async () => {
    const page = await myTasks('vendor@demo.jalon.fr');
    const row = page.getByTestId('my-task').filter({ hasText: assigned.name });
    await row.getByTestId('progress-input').fill('140');
    await row.getByTestId('save-progress').click();
    await page.getByText(`L’avancement de « ${assigned.name} » doit être un nombre entier de 0 à 100.`).waitFor();
  });

  it('should tell someone with no assigned task that there is none', async () => {
    const page = await myTasks('viewer@demo.jalon.fr');
    await page.getByTestId('table-empty').getByText('Aucune tâche ne vous est affectée').waitFor();
    await expectAccessible(page, 'my tasks, empty');
  });
});
