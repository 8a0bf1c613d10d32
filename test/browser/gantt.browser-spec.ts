import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RetroPlanningDto, TaskDto } from '@jalon/domain';
import { launchChromium, newContext, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';
import { showGanttView } from '../support/planning-page';


const PASSWORD = 'jalon-demo';
const PM = 'pm@demo.jalon.fr';
const DAY = 30; // px per day in the Day view (gantt-frappe.ts)

/** Signs in and opens the demo project's planning, in French unless told otherwise. */
async function openPlanning(browser: Browser, url: string, language: 'fr' | 'en' = 'fr'): Promise<{ context: BrowserContext; page: Page; projectId: string }> {
  const context = await newContext(browser, { viewport: { width: 1600, height: 940 } });
  await context.addInitScript((lang) => localStorage.setItem('jalon.language', lang), language);
  const page = await context.newPage();
  const response = await page.request.post(`${url}/api/auth/login`, { data: { email: PM, password: PASSWORD } });
  expect(response.ok()).toBe(true);
  const projects = (await (await page.request.get(`${url}/api/projects`)).json()) as Array<{ id: string; name: string }>;
  const project = projects.find((candidate) => candidate.name.startsWith('Déploiement plateforme relation client'));
  if (!project) throw new Error('the demo project is missing');
  await page.goto(`${url}/projects/${project.id}/planning`);
  await page.locator('.bar-wrapper').first().waitFor();
  return { context, page, projectId: project.id };
}

async function readPlan(page: Page, projectId: string): Promise<RetroPlanningDto> {
  return (await (await page.request.get(`${new URL(page.url()).origin}/api/projects/${projectId}/plan`)).json()) as RetroPlanningDto;
}

function taskNamed(plan: RetroPlanningDto, prefix: string): TaskDto {
  const task = plan.tasks.find((candidate) => candidate.name.startsWith(prefix));
  if (!task) throw new Error(`no task "${prefix}" in the demo plan`);
  return task;
}

const bar = (page: Page, id: string) => page.locator(`.bar-wrapper[data-id="${id}"] .bar`);
const dayMonthYear = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const dayMonth = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;

async function barEdges(page: Page, id: string): Promise<{ left: number; right: number }> {
  return bar(page, id).evaluate((element) => {
    const x = Number(element.getAttribute('x'));
    return { left: x, right: x + Number(element.getAttribute('width')) };
  });
}

/** The table's row of a task, scrolled into the table's window. */
async function tableRow(page: Page, taskId: string) {
  await page.getByTestId('task-table').evaluate(async (viewport, id) => {
    for (let top = 0; top <= viewport.scrollHeight; top += viewport.clientHeight / 2) {
      if (viewport.querySelector(`[data-row-id="${id}"]`)) return;
      viewport.scrollTop = top;
      viewport.dispatchEvent(new Event('scroll'));
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
    }
  }, taskId);
  const row = page.locator(`[data-testid="task-row"][data-row-id="${taskId}"]`);
  await row.waitFor();
  return row;
}

function isoWeek(date: string): number {
  const day = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000);
  const januaryFirst = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - januaryFirst) / (7 * 86_400_000)) + 1;
}

describe('Gantt chart', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;

  beforeAll(async () => {
    database = await createDemoDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true', JALON_LOGIN_MAX_ATTEMPTS: '100' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  it('should grow a resized bar of the retroplanning from its pinned finish while the mouse moves, as the save does', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url);
    await showGanttView(page, 'Day');
    const before = await readPlan(page, projectId);
    // « Atelier routage » (3 days before Christmas) sits against its successors.
    const task = taskNamed(before, 'Atelier routage');
    expect(before.settings.mode).toBe('backward');
    await bar(page, task.id).evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
    await page.waitForFunction((id) => {
      const element = document.querySelector(`.bar-wrapper[data-id="${id}"] .bar`);
      const box = element?.getBoundingClientRect();
      return !!box && box.left > 0 && box.right < window.innerWidth;
    }, task.id);
    const edges = await barEdges(page, task.id);
    const handle = await page.locator(`.bar-wrapper[data-id="${task.id}"] .handle.right`).boundingBox();
    if (!handle) throw new Error('no right handle');

    // The right end dragged five days later.
    const x = handle.x + handle.width / 2;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 2.5 * DAY, y, { steps: 5 });
    await page.mouse.move(x + 5 * DAY, y, { steps: 5 });

    // The bar keeps its finish and grows to the left, as the engine will save it.
    await page.waitForFunction(
      ({ id, left }) => Number(document.querySelector(`.bar-wrapper[data-id="${id}"] .bar`)?.getAttribute('x')) < left - 1,
      { id: task.id, left: edges.left },
    );
    const during = await barEdges(page, task.id);
    expect(Math.abs(during.right - edges.right)).toBeLessThan(1);
    expect(during.left).toBeLessThan(edges.left - 2 * DAY);
    const hint = page.getByTestId('gantt-drag-hint');
    await hint.getByText('planifiée au plus tard : la fin reste fixée par ses successeurs').waitFor();
    const hintText = (await hint.textContent()) ?? '';
    expect(hintText).toContain(dayMonth(task.finish));
    expect(hintText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The table shows the previewed dates: the same finish, an earlier start, the one in the hint.
    const row = await tableRow(page, task.id);
    const previewStart = /(\d{2}\/\d{2}) →/.exec(hintText)?.[1];
    expect(previewStart).toBeDefined();
    await page.waitForFunction(
      ({ id, start }) => document.querySelector(`[data-row-id="${id}"] .col-start`)?.textContent?.includes(start ?? '') ?? false,
      { id: task.id, start: previewStart },
    );
    expect(await row.locator('.col-finish').textContent()).toContain(dayMonth(task.finish));
    await page.screenshot({ path: screenshotPath('gantt-resize-backward') });

    const saved = page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    await page.mouse.up();
    expect((await saved).status()).toBe(200);
    const after = taskNamed(await readPlan(page, projectId), 'Atelier routage');
    expect(after.finish).toBe(task.finish);
    expect(after.duration).toBeGreaterThan(task.duration);
    expect(dayMonth(after.start)).toBe(previewStart);
    // The bar stays where the preview put it.
    await page.waitForFunction(() => !document.querySelector('[data-testid="gantt-drag-hint"]'));
    const settled = await barEdges(page, task.id);
    expect(Math.abs(settled.left - during.left)).toBeLessThan(1);
    expect(Math.abs(settled.right - during.right)).toBeLessThan(1);
    await context.close();
  });

  it('should put a dragged bar back, and save nothing, when the mouse returns to where it started', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url);
    await showGanttView(page, 'Day');
    const task = taskNamed(await readPlan(page, projectId), 'Atelier bandeau');
    await bar(page, task.id).evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
    const edges = await barEdges(page, task.id);
    const box = await bar(page, task.id).boundingBox();
    if (!box) throw new Error('no bar');
    let writes = 0;
    page.on('request', (request) => {
      if (request.method() !== 'GET') writes++;
    });
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 4 * DAY, y, { steps: 6 });
    await page.waitForFunction(
      ({ id, left }) => Number(document.querySelector(`.bar-wrapper[data-id="${id}"] .bar`)?.getAttribute('x')) < left - 1,
      { id: task.id, left: edges.left },
    );
    await page.mouse.move(x, y, { steps: 6 });
    await page.waitForFunction(
      ({ id, left }) => Math.abs(Number(document.querySelector(`.bar-wrapper[data-id="${id}"] .bar`)?.getAttribute('x')) - left) < 1,
      { id: task.id, left: edges.left },
    );
    await page.mouse.up();
    await page.waitForFunction(() => !document.querySelector('[data-testid="gantt-drag-hint"]'));
    expect(writes).toBe(0);
    expect(taskNamed(await readPlan(page, projectId), 'Atelier bandeau').start).toBe(task.start);
    await context.close();
  });

  it('should draw every bar at its own width from the first frame, in every view, without growing it from zero', async () => {
    const { context, page } = await openPlanning(browser, jalon.url);
    // frappe-gantt animates each bar and progress bar it draws from zero width (an SVG <animate>):
    // on every redraw the bars would grow again, and for half a second stand narrower than they are.
    const drawnAsTheyAre = () =>
      page.locator('[data-testid="gantt"]').evaluate((chart) => ({
        animations: chart.querySelectorAll('animate').length,
        // Milestones are diamonds of a fixed size (gantt-chart.scss): the bars of tasks and phases.
        bars: [...chart.querySelectorAll<SVGRectElement>('.bar-wrapper:not(.jg-range, .jg-milestone, .jg-milestone-critical) .bar')].map((bar) => ({
          // The width drawn now, animation included.
          drawn: bar.getBBox().width,
          width: Number(bar.getAttribute('width')),
        })),
      }));
    for (const view of [null, 'Day', 'Month', 'Week'] as const) {
      if (view) await showGanttView(page, view);
      const { animations, bars } = await drawnAsTheyAre();
      expect({ view, animations }).toEqual({ view, animations: 0 });
      expect(bars.length).toBeGreaterThan(10);
      for (const { drawn, width } of bars) expect(Math.abs(drawn - width)).toBeLessThan(0.5);
    }
    await context.close();
  });

  it('should run weeks from Monday to Sunday, numbered as ISO weeks, in French and in English', async () => {
    for (const language of ['fr', 'en'] as const) {
      const { context, page } = await openPlanning(browser, jalon.url, language);
      await showGanttView(page, 'Week');
      await page.locator('.lower-text').first().waitFor();
      const labels = await page.locator('.lower-text').allTextContents();
      expect(labels.length).toBeGreaterThan(4);
      const prefix = language === 'fr' ? 'S' : 'W';
      const year = new Date().getFullYear();
      for (const label of labels.slice(0, 12)) {
        const match = new RegExp(`^${prefix}(\\d{1,2}) · (\\d{2})/(\\d{2})$`).exec(label.trim());
        expect(match).not.toBeNull();
        const [, week, day, month] = match!;
        // The column's first day is a Monday of that ISO week, in one of the years around today.
        const mondays = [year - 1, year, year + 1, year + 2]
          .map((candidate) => `${candidate}-${month}-${day}`)
          .filter((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1 && isoWeek(date) === Number(week));
        expect(mondays.length).toBeGreaterThan(0);
      }
      await page.screenshot({ path: screenshotPath(`gantt-week-${language}`) });
      await showGanttView(page, 'Day');
      await page.screenshot({ path: screenshotPath(`gantt-day-${language}`) });
      await showGanttView(page, 'Month');
      await page.screenshot({ path: screenshotPath(`gantt-month-${language}`) });
      await context.close();
    }
  });

  it('should show baselines frozen the same day as two named, dated points of the trend chart, years on its axis', async () => {
    // The two baselines are frozen through the API: no page (and no Gantt drawn) is needed for that.
    const setup = await newContext(browser);
    expect((await setup.request.post(`${jalon.url}/api/auth/login`, { data: { email: PM, password: PASSWORD } })).ok()).toBe(true);
    const projects = (await (await setup.request.get(`${jalon.url}/api/projects`)).json()) as Array<{ id: string; name: string }>;
    const projectId = projects.find((candidate) => candidate.name.startsWith('Déploiement plateforme relation client'))?.id;
    if (!projectId) throw new Error('the demo project is missing');
    const xsrf = (await setup.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
    const earlier = ((await (await setup.request.get(`${jalon.url}/api/projects/${projectId}/plan/baselines`)).json()) as unknown[]).length;
    for (const name of ['COPIL de lancement', 'COPIL de lancement (corrigée)']) {
      const response = await setup.request.post(`${jalon.url}/api/projects/${projectId}/plan/baselines`, {
        data: { name },
        headers: { 'X-XSRF-TOKEN': decodeURIComponent(xsrf) },
      });
      expect(response.status()).toBe(201);
    }
    await setup.close();
    for (const language of ['fr', 'en'] as const) {
      const { context, page } = await openPlanning(browser, jalon.url, language);
      await page.getByTestId('trend').click();
      const chart = page.getByTestId('milestone-trend');
      await chart.waitFor();
      const columns = chart.getByTestId('trend-column');
      // The demo's baselines, the two frozen today, today's plan: one column each, in that order.
      expect(await columns.count()).toBe(earlier + 3);
      const today = new Date();
      const frozen = dayMonthYear(`${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`);
      const first = columns.nth(earlier);
      const second = columns.nth(earlier + 1);
      expect(await first.textContent()).toContain(frozen);
      expect(await first.locator('.column-name').textContent()).toBe('COPIL de lancement');
      expect(await second.textContent()).toContain(frozen);
      // A long name is shortened under its column and given whole in its tooltip.
      expect(await second.locator('.column-name').textContent()).toMatch(/^COPIL de lancem/);
      expect(await second.locator('title').textContent()).toContain('COPIL de lancement (corrigée)');
      const xs = await columns.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().x));
      expect(xs[earlier + 1]! - xs[earlier]!).toBeGreaterThan(40);
      const ticks = await chart.getByTestId('trend-y-tick').allTextContents();
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.every((tick) => /\d{4}/.test(tick))).toBe(true);
      await page.waitForFunction(() => document.querySelector('mat-dialog-container')?.getAnimations().length === 0);
      await page.screenshot({ path: screenshotPath(`gantt-trend-${language}`) });
      await context.close();
    }
  });
});
