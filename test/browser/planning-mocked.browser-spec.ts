import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ProjectSummary } from '@jalon/domain';
import { launchChromium, screenshotPath } from '../support/browser';
import { demoPlan } from '../support/planning-fixtures';
import { MOCK_ORIGIN, installMockPlanningApi, type MockPlanningApi } from '../support/planning-mock-api';

/**
 * The planning page over a planning API played in the browser (test/support/planning-mock-api.ts):
 * what the page itself does, independent of the server. planning.browser-spec.ts runs the same
 * journeys against the real API.
 */
const project: ProjectSummary = {
  id: '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10',
  name: 'Déploiement plateforme relation client — Lot 1',
  company: 'Mutuelle Horizon',
  description: 'Voix puis email et chat',
  status: 'in_progress',
  weather: 'cloudy',
  weatherComment: '',
  targetGoLive: '2027-03-23',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  version: 1,
  myRole: 'project_manager',
};

/** Scrolls the Gantt so that the bar is in view, then measures it. */
async function barBox(page: Page, taskId: string) {
  await page.locator(`.bar-wrapper[data-id="${taskId}"] .bar`).evaluate((bar) => bar.scrollIntoView({ block: 'center', inline: 'center' }));
  await page.waitForTimeout(50);
  const box = await page.locator(`.bar-wrapper[data-id="${taskId}"] .bar`).boundingBox();
  if (!box) throw new Error(`no bar for ${taskId}`);
  return box;
}

/** The bar's box once `accept` holds, or the last box seen after 5 s. */
async function waitForBar(
  page: Page,
  taskId: string,
  accept: (box: { x: number; width: number }) => boolean,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const box = await page.locator(`.bar-wrapper[data-id="${taskId}"] .bar`).boundingBox();
    if (box && (accept(box) || Date.now() > deadline)) return box;
    await page.waitForTimeout(50);
  }
}

async function dragBar(page: Page, taskId: string, dx: number): Promise<void> {
  const box = await barBox(page, taskId);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 6 });
  await page.mouse.move(x + dx, y, { steps: 6 });
  await page.mouse.up();
}

jest.setTimeout(90_000);

describe('Planning page (API played in the browser)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(role: MockPlanningApi['role'], withBaseline = true): Promise<{ context: BrowserContext; page: Page; api: MockPlanningApi }> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 940 } });
    const api = await installMockPlanningApi(context, project, demoPlan(project.id), { role, withBaseline });
    const page = await context.newPage();
    await page.goto(`${MOCK_ORIGIN}/projects/${project.id}/planning`);
    await page.locator('.bar-wrapper').first().waitFor();
    return { context, page, api };
  }

  it('should render the demo retroplanning with its milestones and the go-live marker', async () => {
    const { context, page, api } = await open('project_manager');
    await page.getByRole('heading', { name: 'Rétroplanning' }).waitFor();
    const milestones = api.plan.tasks.filter((task) => task.isMilestone).length;
    expect(await page.locator('.bar-wrapper.jg-milestone, .bar-wrapper.jg-milestone-critical').count()).toBe(milestones);
    await page.getByTestId('go-live-marker').waitFor();
    expect(await page.locator('.jg-golive').count()).toBe(1);
    expect(await page.getByTestId('task-row').count()).toBeGreaterThan(10);
    await page.screenshot({ path: screenshotPath('planning-demo-week') });
    await page.getByTestId('view-Day').click();
    await page.screenshot({ path: screenshotPath('planning-demo-day') });
    await page.getByTestId('view-Month').click();
    await page.screenshot({ path: screenshotPath('planning-demo-month') });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Retroplanning' }).waitFor();
    await page.getByTestId('view-Week').click();
    await page.screenshot({ path: screenshotPath('planning-demo-en') });
    await context.close();
  });

  it('should move the chained tasks live while dragging, save through bulk and keep the change after a reload', async () => {
    const { context, page, api } = await open('project_manager');
    await page.getByTestId('view-Day').click();
    const param = api.plan.tasks.find((task) => task.name === 'Paramétrage')!;
    const specs = api.plan.tasks.find((task) => task.name === 'Spécifications validées')!;
    const column = 30;
    const box = await barBox(page, param.id);
    const before = await page.locator(`.bar-wrapper[data-id="${specs.id}"] .bar`).boundingBox();
    if (!before) throw new Error('no bar');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 7 * column, box.y + box.height / 2, { steps: 10 });
    // The preview follows the mouse on the next animation frames; a loaded machine may need a few.
    const during = await waitForBar(page, specs.id, (bar) => bar.x < before.x - 3 * column);
    expect(during.x).toBeLessThan(before.x - 3 * column);
    await page.screenshot({ path: screenshotPath('planning-drag-preview') });
    await page.mouse.up();
    await page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    const bulk = api.requests.find((request) => request.path.endsWith('/bulk'))!;
    expect((bulk.body as { links: unknown[] }).links).toHaveLength(1);
    const moved = api.plan.tasks.find((task) => task.id === specs.id)!;
    expect(moved.finish < specs.finish).toBe(true);
    await page.reload();
    await page.locator(`.bar-wrapper[data-id="${specs.id}"]`).waitFor();
    await page.getByTestId('view-Day').click();
    const reloadedParam = await barBox(page, param.id);
    const after = (await page.locator(`.bar-wrapper[data-id="${specs.id}"] .bar`).boundingBox())!;
    // The milestone that waits for Paramétrage moved with it, a week earlier, relative to it.
    expect(reloadedParam.x - after.x).toBeCloseTo(box.x - before.x, 0);
    expect(api.plan.tasks.find((task) => task.id === param.id)!.start < param.start).toBe(true);
    await context.close();
  });

  it('should roll a refused change back with a message', async () => {
    const { context, page, api } = await open('project_manager');
    await page.getByTestId('view-Day').click();
    const param = api.plan.tasks.find((task) => task.name === 'Paramétrage')!;
    const before = await barBox(page, param.id);
    api.refuseNext = { status: 409, body: { statusCode: 409, message: 'Stale version', currentVersion: 7 } };
    await dragBar(page, param.id, -150);
    await page.getByText('Quelqu’un d’autre vient de modifier le planning').waitFor();
    await page.screenshot({ path: screenshotPath('planning-refused') });
    await page.waitForTimeout(300);
    const after = await barBox(page, param.id);
    expect(Math.abs(after.x - before.x)).toBeLessThan(1);
    await context.close();
  });

  it('should let a viewer read the plan but not drag it', async () => {
    const { context, page, api } = await open('viewer');
    await page.getByTestId('read-only').waitFor();
    expect(await page.locator('.bar-wrapper .handle').count()).toBe(0);
    expect(await page.getByTestId('add-task').count()).toBe(0);
    const param = api.plan.tasks.find((task) => task.name === 'Paramétrage')!;
    const bar = page.locator(`.bar-wrapper[data-id="${param.id}"] .bar`);
    const before = await bar.getAttribute('x');
    await dragBar(page, param.id, -150);
    expect(await bar.getAttribute('x')).toBe(before);
    expect(api.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
    await page.screenshot({ path: screenshotPath('planning-viewer') });
    await context.close();
  });

  it('should draw baseline ghost bars and the slippage column when a baseline is chosen', async () => {
    const { context, page } = await open('project_manager');
    expect(await page.locator('.jg-ghost').count()).toBe(0);
    await page.getByTestId('baseline-picker').click();
    await page.getByRole('option', { name: /COPIL octobre/ }).click();
    await page.locator('.jg-ghost').first().waitFor();
    expect(await page.getByTestId('slippage').count()).toBeGreaterThan(5);
    await page.screenshot({ path: screenshotPath('planning-baseline') });
    await page.getByTestId('trend').click();
    await page.getByTestId('milestone-trend').waitFor();
    await page.screenshot({ path: screenshotPath('planning-trend') });
    await context.close();
  });
});
