import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newProjectSummary } from '@jalon/planning/testing';
import { chooseOption, launchChromium, newContext, screenshotPath } from '../support/browser';
import { demoPlan } from '../support/planning-fixtures';
import { MOCK_ORIGIN, installMockPlanningApi, type MockPlanningApi } from '../support/planning-mock-api';
import { showGanttView } from '../support/planning-page';

/**
 * The planning page over a planning API played in the browser (test/support/planning-mock-api.ts):
 * what the page itself does, independent of the server. The mock computes its answers with
 * `computePlanSchedule` of @jalon/planning, as the API does, so the page's preview is checked
 * against the API's rules, not against itself. planning.browser-spec.ts runs the same journeys
 * against the real API.
 */
const project = newProjectSummary({
  id: '0d6f5a8e-3f57-4c59-9a55-7c1b2f0e9a10',
  name: 'Déploiement plateforme relation client — Lot 1',
  description: 'Voix puis email et chat',
  weather: 'cloudy',
  targetGoLive: '2027-03-23',
});

const barSelector = (taskId: string) => `.bar-wrapper[data-id="${taskId}"] .bar`;

/** Scrolls the Gantt so that the bar is in view, then measures it once it stands still. */
async function barBox(page: Page, taskId: string) {
  const bar = page.locator(barSelector(taskId));
  await bar.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
  // Scrolling settles over animation frames: measure once two frames in a row agree.
  await page.waitForFunction((selector) => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const state = window as unknown as { __lastBox?: string };
    const box = JSON.stringify(element.getBoundingClientRect());
    const still = state.__lastBox === box;
    state.__lastBox = box;
    return still;
  }, barSelector(taskId), { polling: 'raf' });
  const box = await bar.boundingBox();
  if (!box) throw new Error(`no bar for ${taskId}`);
  return box;
}

/** Waits until the bar's left edge is left of `x` (page coordinates), then measures it. */
async function waitForBarLeftOf(page: Page, taskId: string, x: number) {
  await page.waitForFunction(
    ({ selector, limit }) => {
      const element = document.querySelector(selector);
      return element !== null && element.getBoundingClientRect().x < limit;
    },
    { selector: barSelector(taskId), limit: x },
    { polling: 'raf', timeout: 5_000 },
  );
  const box = await page.locator(barSelector(taskId)).boundingBox();
  if (!box) throw new Error(`no bar for ${taskId}`);
  return box;
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


describe('Planning page (API played in the browser)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(role: MockPlanningApi['role'], withBaseline = true): Promise<{ context: BrowserContext; page: Page; api: MockPlanningApi }> {
    const context = await newContext(browser, { viewport: { width: 1600, height: 940 } });
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
    await showGanttView(page, 'Day');
    await page.screenshot({ path: screenshotPath('planning-demo-day') });
    await showGanttView(page, 'Month');
    await page.screenshot({ path: screenshotPath('planning-demo-month') });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Retroplanning' }).waitFor();
    await showGanttView(page, 'Week');
    await page.screenshot({ path: screenshotPath('planning-demo-en') });
    await context.close();
  });

  it('should move the chained tasks live while dragging, save through bulk and keep the change after a reload', async () => {
    const { context, page, api } = await open('project_manager');
    await showGanttView(page, 'Day');
    const param = api.plan.tasks.find((task) => task.name === 'Paramétrage')!;
    const specs = api.plan.tasks.find((task) => task.name === 'Spécifications validées')!;
    const incubation = api.plan.tasks.find((task) => task.name === 'Suivi hebdomadaire des KPI')!;
    const incubationBar = page.locator(barSelector(incubation.id));
    const incubationX = await incubationBar.getAttribute('x');
    const column = 30;
    const box = await barBox(page, param.id);
    const before = await page.locator(barSelector(specs.id)).boundingBox();
    if (!before) throw new Error('no bar');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 7 * column, box.y + box.height / 2, { steps: 10 });
    // The preview follows the mouse on the next animation frames; a loaded machine may need a few.
    const during = await waitForBarLeftOf(page, specs.id, before.x - 3 * column);
    expect(during.x).toBeLessThan(before.x - 3 * column);
    // The preview builds the engine input as the API does: the incubation stays after the go-live.
    expect(await incubationBar.getAttribute('x')).toBe(incubationX);
    await page.screenshot({ path: screenshotPath('planning-drag-preview') });
    await page.mouse.up();
    await page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    const bulk = api.requests.find((request) => request.path.endsWith('/bulk'))!;
    expect((bulk.body as { links: unknown[] }).links).toHaveLength(1);
    const moved = api.plan.tasks.find((task) => task.id === specs.id)!;
    expect(moved.finish < specs.finish).toBe(true);
    await page.reload();
    await page.locator(`.bar-wrapper[data-id="${specs.id}"]`).waitFor();
    await showGanttView(page, 'Day');
    const reloadedParam = await barBox(page, param.id);
    const after = (await page.locator(barSelector(specs.id)).boundingBox())!;
    // The milestone that waits for Paramétrage moved with it, a week earlier, relative to it.
    expect(reloadedParam.x - after.x).toBeCloseTo(box.x - before.x, 0);
    expect(api.plan.tasks.find((task) => task.id === param.id)!.start < param.start).toBe(true);
    await context.close();
  });

  it('should roll a refused change back with a message', async () => {
    const { context, page, api } = await open('project_manager');
    await showGanttView(page, 'Day');
    const param = api.plan.tasks.find((task) => task.name === 'Paramétrage')!;
    const before = await barBox(page, param.id);
    api.refuseNext = { status: 409, body: { statusCode: 409, message: 'Stale version', currentVersion: 7 } };
    await dragBar(page, param.id, -150);
    await page.getByText('Quelqu’un d’autre vient de modifier le planning').waitFor();
    await page.screenshot({ path: screenshotPath('planning-refused') });
    // The bar goes back where it was (waitForFunction fails the test if it never does).
    await page.waitForFunction(
      ({ selector, x }) => {
        const element = document.querySelector(selector);
        return element !== null && Math.abs(element.getBoundingClientRect().x - x) < 1;
      },
      { selector: barSelector(param.id), x: before.x },
      { polling: 'raf', timeout: 5_000 },
    );
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
    const bar = page.locator(barSelector(param.id));
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
    // A user clicks the field (its floating label covers part of the select).
    await chooseOption(page, page.locator('mat-form-field', { has: page.getByTestId('baseline-picker') }), /COPIL octobre/);
    await page.locator('.jg-ghost').first().waitFor();
    expect(await page.getByTestId('slippage').count()).toBeGreaterThan(5);
    await page.screenshot({ path: screenshotPath('planning-baseline') });
    await page.getByTestId('trend').click();
    await page.getByTestId('milestone-trend').waitFor();
    await page.screenshot({ path: screenshotPath('planning-trend') });
    await context.close();
  });
});
