import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import type { RetroPlanningDto } from '@jalon/domain';
import { launchChromium, newContext, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';


/**
 * Stored markup injection (issue 10 #1): a project manager names things with HTML. Every reader
 * must see it as the text it is, and nothing may run or navigate: frappe-gantt sets bar labels as
 * innerHTML, so a <meta http-equiv="refresh"> in a task name used to send every reader away.
 */
const IMG = '<img src=x onerror=window.__pwned=1>';
const META = '<meta http-equiv="refresh" content="0;url=about:blank#pwned">';
const named = (what: string) => `${what} ${IMG} ${META}`;

const NAMES = {
  project: named('Projet'),
  lot: named('Lot'),
  phase: named('Phase'),
  task: named('Tâche'),
  manager: named('Cheffe'),
  viewer: named('Lecteur'),
};
const PASSWORD = 'markup-is-text-1';
const ADMIN = { email: 'admin@demo.jalon.fr', password: 'jalon-demo' };

async function signIn(request: APIRequestContext, url: string, email: string, password: string): Promise<(path: string, data: object, method?: 'post' | 'put' | 'patch') => Promise<unknown>> {
  const response = await request.post(`${url}/api/auth/login`, { data: { email, password } });
  if (!response.ok()) throw new Error(`sign-in of ${email}: ${response.status()} ${await response.text()}`);
  const state = await request.storageState();
  const xsrf = state.cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
  return async (path, data, method = 'post') => {
    const answer = await request[method](`${url}${path}`, { data, headers: { 'X-XSRF-TOKEN': decodeURIComponent(xsrf) } });
    if (!answer.ok()) throw new Error(`${method.toUpperCase()} ${path}: ${answer.status()} ${await answer.text()}`);
    return answer.status() === 204 ? null : answer.json();
  };
}

/** Fails when the page built an element from user text or was sent elsewhere. */
async function expectNothingInterpreted(page: Page, expectedPath: string): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    metas: document.querySelectorAll('meta[http-equiv]').length,
    path: location.pathname,
    hash: location.hash,
  }));
  expect(state).toEqual({ pwned: null, images: 0, metas: 0, path: expectedPath, hash: '' });
}

/** The page shows `text` literally somewhere (an HTML text node or an SVG text). */
async function expectLiteral(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => document.body.innerText.includes(wanted) || [...document.querySelectorAll('svg text')].some((node) => node.textContent?.includes(wanted)), text);
}

describe('Markup in names is shown as text', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;
  let projectId: string;
  let taskId: string;
  const accounts = { manager: 'markup.manager@example.test', viewer: 'markup.viewer@example.test' };

  beforeAll(async () => {
    database = await createDemoDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true', JALON_LOGIN_MAX_ATTEMPTS: '100' });
    browser = await launchChromium();

    // The administrator creates the two accounts and the project, from the template.
    const adminContext = await newContext(browser);
    const admin = await signIn(adminContext.request, jalon.url, ADMIN.email, ADMIN.password);
    const manager = (await admin('/api/users', { email: accounts.manager, displayName: NAMES.manager, password: PASSWORD })) as { id: string };
    const viewer = (await admin('/api/users', { email: accounts.viewer, displayName: NAMES.viewer, password: PASSWORD })) as { id: string };
    const goLive = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const project = (await admin('/api/projects', { name: NAMES.project, targetGoLive: goLive, template: 'contact-centre' })) as { id: string };
    projectId = project.id;
    await admin(`/api/projects/${projectId}/members/${manager.id}`, { role: 'project_manager' }, 'put');
    await admin(`/api/projects/${projectId}/members/${viewer.id}`, { role: 'viewer' }, 'put');
    await adminContext.close();

    // The project manager names a lot, a phase and a task with markup.
    const managerContext = await newContext(browser);
    const pm = await signIn(managerContext.request, jalon.url, accounts.manager, PASSWORD);
    const plan = `/api/projects/${projectId}/plan`;
    // Every write answers with the whole plan.
    const withLot = (await pm(`${plan}/lots`, { name: NAMES.lot })) as RetroPlanningDto;
    const lot = withLot.lots.find((candidate) => candidate.name === NAMES.lot)!;
    const withPhase = (await pm(`${plan}/phases`, { name: NAMES.phase, position: 0 })) as RetroPlanningDto;
    const phase = withPhase.phases.find((candidate) => candidate.name === NAMES.phase)!;
    const withTask = (await pm(`${plan}/tasks`, { name: NAMES.task, duration: 5, phaseId: phase.id, lotId: lot.id, ownerName: NAMES.manager, position: 0 })) as RetroPlanningDto;
    const task = withTask.tasks.find((candidate) => candidate.name === NAMES.task)!;
    taskId = task.id;
    // Held before the go-live, so that it lands among the other bars.
    const goLiveTask = withTask.tasks.find((candidate) => candidate.isMilestone && candidate.keyMilestone && candidate.fixedDate) ?? withTask.tasks.find((candidate) => candidate.isMilestone && candidate.id !== task.id);
    if (goLiveTask) await pm(`${plan}/links`, { fromTaskId: task.id, toTaskId: goLiveTask.id, type: 'FS', lag: 0 });
    await managerContext.close();
  });

  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  async function openAs(role: 'manager' | 'viewer'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, { viewport: { width: 1600, height: 940 } });
    const response = await context.request.post(`${jalon.url}/api/auth/login`, { data: { email: accounts[role], password: PASSWORD } });
    expect(response.ok()).toBe(true);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.dismiss());
    return { context, page };
  }

  for (const role of ['manager', 'viewer'] as const) {
    it(`should show every name as text on the project list, planning, members and journal pages, for a ${role}`, async () => {
      const { context, page } = await openAs(role);
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });

      await page.goto(`${jalon.url}/`);
      await expectLiteral(page, NAMES.project);
      await expectNothingInterpreted(page, '/');

      const planning = `/projects/${projectId}/planning`;
      await page.goto(`${jalon.url}${planning}`);
      await page.locator(`.bar-wrapper[data-id="${taskId}"]`).waitFor({ state: 'attached' });
      // The Gantt's bar label, the table's rows (task, phase), the subtitle or title (project).
      const label = page.locator(`.bar-wrapper[data-id="${taskId}"] .bar-label`);
      expect(await label.textContent()).toBe(NAMES.task);
      await expectLiteral(page, NAMES.task);
      await expectLiteral(page, NAMES.phase);
      await expectLiteral(page, NAMES.project);
      // The bar's popup: the task's name and its owner.
      await page.locator(`.bar-wrapper[data-id="${taskId}"] .bar`).scrollIntoViewIfNeeded();
      await page.locator(`.bar-wrapper[data-id="${taskId}"] .bar`).hover();
      const popup = page.locator('.popup-wrapper .title');
      await popup.waitFor();
      expect(await popup.textContent()).toBe(NAMES.task);
      expect(await page.locator('.popup-wrapper .subtitle').textContent()).toBe(NAMES.manager);
      // The lot filter lists the lot by its name.
      const lotFilter = page.getByTestId('lot-filter');
      if ((await lotFilter.count()) > 0) {
        await lotFilter.click();
        await page.getByRole('option', { name: NAMES.lot }).waitFor();
        await page.keyboard.press('Escape');
      }
      // The task panel (double-click on the table row).
      await page.locator(`[data-testid="task-row"][data-row-id="${taskId}"] .open`).click();
      await page.getByTestId('task-panel').waitFor();
      await expectLiteral(page, NAMES.lot);
      await page.screenshot({ path: screenshotPath(`markup-planning-${role}`) });
      await expectNothingInterpreted(page, planning);

      const members = `/projects/${projectId}/members`;
      await page.goto(`${jalon.url}${members}`);
      await expectLiteral(page, NAMES.manager);
      await expectLiteral(page, NAMES.viewer);
      await expectNothingInterpreted(page, members);

      const journal = `/projects/${projectId}/audit`;
      await page.goto(`${jalon.url}${journal}`);
      if (role === 'manager') {
        // The change log names what changed (its wording belongs to the journal): the markup is text there too.
        await expectLiteral(page, IMG);
        await page.screenshot({ path: screenshotPath(`markup-journal-${role}`) });
      } else {
        await page.locator('main, jalon-root').first().waitFor();
        await page.waitForFunction(() => document.body.innerText.trim().length > 0);
      }
      await expectNothingInterpreted(page, journal);

      // Every navigation was one the test asked for.
      expect(navigations.every((url) => url.startsWith(jalon.url))).toBe(true);
      expect(navigations.some((url) => url.includes('pwned'))).toBe(false);
      await context.close();
    });
  }
});
