import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RetroPlanningDto } from '@jalon/domain';
import type { RiskRegisterDto } from '@jalon/risks';
import { formatCalendarDate } from '@jalon/planning';
import { expectAccessible } from '../support/accessibility';
import { chooseOption, launchChromium, newContext, screenshotPath, watchForSnackBar } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';
import { showGanttView } from '../support/planning-page';


const PASSWORD = 'jalon-demo';
const PM = 'pm@demo.jalon.fr';
const VIEWER = 'viewer@demo.jalon.fr';
const ADMIN = 'admin@demo.jalon.fr';
const VENDOR = 'vendor@demo.jalon.fr';

/** Signs in through the login page and opens the demo project's planning. */
async function openPlanning(browser: Browser, url: string, email: string): Promise<{ context: BrowserContext; page: Page; projectId: string }> {
  const context = await newContext(browser, { viewport: { width: 1600, height: 940 } });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((location) => !location.pathname.startsWith('/login'));
  await page.getByRole('link', { name: /Déploiement plateforme relation client/ }).first().click();
  // A project opens on its overview; the planning is one step away in the rail.
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/overview$/);
  await page.getByTestId('nav-planning').click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/planning$/);
  await page.locator('.bar-wrapper').first().waitFor();
  const projectId = new URL(page.url()).pathname.split('/')[2]!;
  return { context, page, projectId };
}

async function plan(page: Page, projectId: string): Promise<RetroPlanningDto> {
  const response = await page.request.get(`${new URL(page.url()).origin}/api/projects/${projectId}/plan`);
  return (await response.json()) as RetroPlanningDto;
}

function taskNamed(current: RetroPlanningDto, prefix: string) {
  const task = current.tasks.find((candidate) => candidate.name.startsWith(prefix));
  if (!task) throw new Error(`no task "${prefix}" in the demo plan`);
  return task;
}

/** The table's row of a task, scrolled into the table's window (the table draws only the rows in view). */
async function tableRow(page: Page, taskId: string) {
  const row = page.locator(`[data-testid="task-row"][data-row-id="${taskId}"]`);
  await page.getByTestId('task-table').evaluate(async (viewport, id) => {
    for (let top = 0; top <= viewport.scrollHeight; top += viewport.clientHeight / 2) {
      viewport.scrollTop = top;
      viewport.dispatchEvent(new Event('scroll'));
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      if (viewport.querySelector(`[data-row-id="${id}"]`)) return;
    }
  }, taskId);
  await row.waitFor();
  return row;
}

/** What the page must show for the plan's dates, wherever the browser is. */
async function expectCalendarDatesAsPlanned(page: Page, projectId: string): Promise<void> {
  const current = await plan(page, projectId);
  const task = taskNamed(current, 'Atelier routage');
  // The demo's "Atelier routage" runs Wednesday 23 to Monday 28 December (no work on Christmas).
  const row = await tableRow(page, task.id);
  expect(await row.locator('.col-start').textContent()).toContain(formatCalendarDate(task.start, 'fr', 'compact'));
  expect(await row.locator('.col-finish').textContent()).toContain(formatCalendarDate(task.finish, 'fr', 'compact'));
  // The subtitle names the go-live with its real weekday.
  expect(await page.locator('.subtitle').first().textContent()).toContain(
    formatCalendarDate(current.settings.targetGoLive, 'fr', 'weekday-long'),
  );
  // The task panel says the same as the table.
  await row.locator('.open').click();
  const panel = page.getByTestId('task-panel');
  await panel.waitFor();
  await panel.getByText(formatCalendarDate(task.start, 'fr', 'weekday-short')).waitFor();
  await panel.getByText(formatCalendarDate(task.finish, 'fr', 'weekday-short')).waitFor();
}

/** Two animation frames: what the page draws after an event is on screen. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** Waits for the open dialog's opening animation to end (before a screenshot). */
async function dialogOpened(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const container = document.querySelector('.mat-mdc-dialog-container');
    return !!container && container.classList.contains('mdc-dialog--open') && !container.classList.contains('mdc-dialog--opening');
  });
}

const bar = (page: Page, taskId: string) => page.locator(`.bar-wrapper[data-id="${taskId}"] .bar`);

/** Scrolls the Gantt to the bar and gives its box on screen. */
async function reveal(page: Page, taskId: string) {
  await bar(page, taskId).evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
  await nextFrames(page);
  const box = await bar(page, taskId).boundingBox();
  if (!box) throw new Error(`bar ${taskId} is not drawn`);
  return box;
}

/** The bar's x once `accept` holds; after 60 s (a loaded machine draws a preview in seconds), the last x, for the test's expect to report. */
async function barXWhen(page: Page, taskId: string, accept: (x: number) => boolean): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const x = Number(await bar(page, taskId).getAttribute('x'));
    if (accept(x) || Date.now() > deadline) return x;
    await nextFrames(page);
  }
}

async function startDrag(page: Page, taskId: string, dx: number): Promise<void> {
  const box = await reveal(page, taskId);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 8 });
  await page.mouse.move(x + dx, y, { steps: 8 });
  await nextFrames(page);
}

const DAY = 30; // px per day in the Day view (gantt-chart.ts)

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** Where the go-live flag stands, measured from the today line (which does not move). */
async function goLiveFromToday(page: Page): Promise<number> {
  const flag = await page.getByTestId('go-live-marker').boundingBox();
  const today = await page.locator('.current-highlight').boundingBox();
  if (!flag || !today) throw new Error('the go-live or the today line is not drawn');
  return flag.x - today.x;
}

describe('Planning page', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;

  beforeAll(async () => {
    database = await createDemoDatabase();
    // Every test signs in: more than the default five sign-ins a minute.
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true', JALON_LOGIN_MAX_ATTEMPTS: '100' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  it('should show the plan\'s calendar dates as they are, in Paris', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Europe/Paris');
    await expectCalendarDatesAsPlanned(page, projectId);
    await context.close();
  });

  it('should show the same calendar dates in New York, west of UTC', async () => {
    const newYork = await launchChromium({ timeZone: 'America/New_York' });
    try {
      const { page, projectId } = await openPlanning(newYork, jalon.url, PM);
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
      await expectCalendarDatesAsPlanned(page, projectId);
    } finally {
      await newYork.close();
    }
  });

  it('should break no WCAG 2.1 AA rule with the plan loaded, the task panel open and a dialog open', async () => {
    const { context, page } = await openPlanning(browser, jalon.url, PM);
    await expectAccessible(page, 'planning page loaded, French');
    await page.locator('[data-testid="task-row"] .open').first().click();
    await page.getByTestId('task-panel').waitFor();
    await expectAccessible(page, 'planning page, task panel open');
    await page.getByTestId('plan-settings').click();
    await page.getByTestId('settings-dialog').waitFor();
    await dialogOpened(page);
    await expectAccessible(page, 'planning page, settings dialog open');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });
    await page.evaluate(() => localStorage.setItem('jalon.language', 'en'));
    await page.reload();
    await page.locator('.bar-wrapper').first().waitFor();
    await page.getByRole('heading', { name: 'Retroplanning' }).waitFor();
    await expectAccessible(page, 'planning page loaded, English');
    await context.close();
    const viewer = await openPlanning(browser, jalon.url, VIEWER);
    await viewer.page.getByTestId('read-only').waitFor();
    await viewer.page.locator('[data-testid="task-row"] .open').first().click();
    await viewer.page.getByTestId('task-panel').waitFor();
    await expectAccessible(viewer.page, 'planning page, read-only, task panel open');
    await viewer.context.close();
  });

  it('should mark the tasks carrying an open élevé or critique risk and list their risks in the panel', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const register = (await (await page.request.get(`${jalon.url}/api/projects/${projectId}/risks`)).json()) as RiskRegisterDto;
    const severe = register.risks.filter((risk) => risk.status !== 'closed' && (risk.residual.band === 'high' || risk.residual.band === 'critical'));
    const marked = severe.find((risk) => risk.linkedTaskIds.length > 0);
    if (!marked) throw new Error('the demo links no open élevé / critique risk to a task');
    const taskId = marked.linkedTaskIds[0]!;
    const onTask = severe.filter((risk) => risk.linkedTaskIds.includes(taskId));
    const band = onTask.some((risk) => risk.residual.band === 'critical') ? 'critique' : 'élevé';
    const row = await tableRow(page, taskId);
    const marker = row.getByTestId('risk-marker');
    expect(await marker.getAttribute('aria-label')).toBe(`Risque ${band} : ${onTask.map((risk) => risk.reference).sort().join(', ')}`);
    // Only those tasks are marked: none of the tasks without such a risk.
    const markedIds = new Set(severe.flatMap((risk) => risk.linkedTaskIds));
    const unmarked = (await plan(page, projectId)).tasks.find((task) => !markedIds.has(task.id));
    if (unmarked) expect(await (await tableRow(page, unmarked.id)).getByTestId('risk-marker').count()).toBe(0);
    // The panel lists every risk linked to the task, with its reference and title.
    await (await tableRow(page, taskId)).locator('.open').click();
    const risks = page.getByTestId('panel-risks');
    await risks.waitFor();
    for (const risk of register.risks.filter((candidate) => candidate.linkedTaskIds.includes(taskId))) {
      await risks.getByText(risk.reference, { exact: true }).waitFor();
      await risks.getByText(risk.title, { exact: true }).waitFor();
    }
    await page.screenshot({ path: screenshotPath('planning-risk-marker') });
    await expectAccessible(page, 'planning page, task panel with its risks');

    // The register cannot be read: the plan shows all the same, without markers.
    await page.route('**/api/projects/*/risks', (route) => route.fulfill({ status: 500, body: '{}' }));
    await page.reload();
    await page.locator('.bar-wrapper').first().waitFor();
    await tableRow(page, taskId);
    expect(await page.getByTestId('risk-marker').count()).toBe(0);
    await context.close();
  });

  it('should render the demo retroplanning with its milestones and the go-live marker', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const current = await plan(page, projectId);
    const milestones = current.tasks.filter((task) => task.isMilestone).length;
    expect(milestones).toBeGreaterThan(3);
    expect(await page.locator('.bar-wrapper.jg-milestone, .bar-wrapper.jg-milestone-critical').count()).toBe(milestones);
    expect(await page.getByTestId('go-live-marker').textContent()).toContain('Mise en production');
    expect(await page.locator('.jg-golive').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('planning-real-week') });
    await showGanttView(page, 'Month');
    await page.screenshot({ path: screenshotPath('planning-real-month') });
    await context.close();
  });

  it('should print the COPIL copy with the timeline header on every page, rows whole and names in full', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const current = await plan(page, projectId);
    // Every row, whatever was in view: each phase and each task.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="print-row"]').length === count,
      current.tasks.length + current.phases.length,
    );
    expect(await page.locator('.gantt-pane').isVisible()).toBe(false);
    const months = (await page.locator('[data-testid="print-plan"] thead .month').allTextContents()).map((text) => text.trim());
    expect(months.length).toBeGreaterThan(3);
    expect(months[0]).toMatch(/^[a-zéû.]+ \d{2}$/);
    // No name is cut: each fits its cell (names wrap).
    const cut = await page.$$eval('[data-testid="print-row"] td.name', (cells) =>
      cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent?.trim()),
    );
    expect(cut).toEqual([]);
    await page.screenshot({ path: screenshotPath('planning-real-print'), fullPage: true });

    const folder = mkdtempSync(join(tmpdir(), 'jalon-planning-print-'));
    for (const format of ['A4', 'A3'] as const) {
      const file = join(folder, `planning-${format}.pdf`);
      // The app asks for landscape on the paper the user chooses (styles.scss): laid out on A4 and on A3.
      const size = await page.addStyleTag({ content: `@page { size: ${format} landscape; margin: 8mm; }` });
      await page.pdf({ path: file, format, landscape: true, printBackground: true, preferCSSPageSize: true });
      await size.evaluate((element) => (element as Element).remove());
      const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
        .split('\f')
        .filter((text) => text.trim() !== '');
      if (format === 'A4') expect(pages.length).toBeGreaterThanOrEqual(2);
      // The header (the columns and the months) at the top of every page, page 2 included.
      pages.forEach((text) => {
        expect(text).toContain('Tâche');
        expect(text).toContain(months[0]);
        expect(text).toContain(months.at(-1));
      });
      // Every task is printed once: no row is lost or doubled at a page break.
      const all = pages.join('\n');
      for (const task of current.tasks) expect(all).toContain(task.name.slice(0, 12));
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', file, screenshotPath(`planning-print-${format}`).replace(/\.png$/, '')]);
    }
    await context.close();
  });

  it('should move the tasks chained to a dragged task live, save it and keep it after a reload', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    await showGanttView(page, 'Day');
    const before = await plan(page, projectId);
    // In a retroplanning a task sits against its successors: dragging "Paramétrage" a week
    // earlier lengthens its link to them, and what leads to it ("Spécifications validées") follows.
    const dragged = taskNamed(before, 'Paramétrage');
    const upstream = taskNamed(before, 'Spécifications validées');
    await reveal(page, dragged.id);
    const upstreamBefore = Number(await bar(page, upstream.id).getAttribute('x'));
    await startDrag(page, dragged.id, -7 * DAY);
    const upstreamDuring = await barXWhen(page, upstream.id, (x) => x <= upstreamBefore - 4 * DAY);
    expect(upstreamDuring).toBeLessThanOrEqual(upstreamBefore - 4 * DAY);
    expect(await page.getByTestId('drag-hint').textContent()).toContain('décalage');
    await page.screenshot({ path: screenshotPath('planning-real-drag') });
    const saved = page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    await page.mouse.up();
    await saved;
    const after = await plan(page, projectId);
    expect(taskNamed(after, 'Spécifications validées').finish < upstream.finish).toBe(true);
    expect(taskNamed(after, 'Paramétrage').start < dragged.start).toBe(true);

    // Undo and redo are saves too.
    const undone = page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    await page.getByTestId('undo').click();
    await undone;
    expect(taskNamed(await plan(page, projectId), 'Spécifications validées').finish).toBe(upstream.finish);
    const redone = page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    await page.getByTestId('redo').click();
    await redone;

    await page.reload();
    await page.locator(`.bar-wrapper[data-id="${upstream.id}"]`).waitFor();
    expect(Number(await bar(page, upstream.id).getAttribute('x'))).toBe(upstreamDuring);
    expect(taskNamed(await plan(page, projectId), 'Spécifications validées').finish).toBe(taskNamed(after, 'Spécifications validées').finish);
    await context.close();
  });

  it('should roll back a change the API refuses, with a message', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    await showGanttView(page, 'Day');
    const current = await plan(page, projectId);
    const dragged = taskNamed(current, 'Paramétrage');
    const originalX = await bar(page, dragged.id).getAttribute('x');
    // Someone else edits the link the drag is going to change: the page's version is now stale.
    const xsrf = (await context.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
    for (const link of current.links.filter((candidate) => candidate.fromTaskId === dragged.id)) {
      const response = await page.request.patch(`${jalon.url}/api/projects/${projectId}/plan/links/${link.id}`, {
        data: { version: link.version, lag: link.lag },
        headers: { 'X-XSRF-TOKEN': xsrf },
      });
      expect(response.ok()).toBe(true);
    }
    await startDrag(page, dragged.id, -5 * DAY);
    await page.mouse.up();
    await page.getByText('Quelqu’un d’autre vient de modifier le planning').waitFor();
    await page.screenshot({ path: screenshotPath('planning-real-refused') });
    // The plan is reloaded: the bar goes back where it was.
    await page.waitForFunction(
      ({ id, x }) => document.querySelector(`.bar-wrapper[data-id="${id}"] .bar`)?.getAttribute('x') === x,
      { id: dragged.id, x: originalX },
    );
    await context.close();
  });

  it('should let a viewer read the plan without any drag handle', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, VIEWER);
    await page.getByTestId('read-only').waitFor();
    expect(await page.locator('.bar-wrapper .handle').count()).toBe(0);
    expect(await page.getByTestId('add-task').count()).toBe(0);
    await page.getByRole('button', { name: 'Plus d’actions' }).click();
    await page.getByRole('menu').waitFor();
    for (const control of ['plan-settings', 'manage-lots', 'manage-phases', 'phase-menu']) {
      expect(await page.getByTestId(control).count()).toBe(0);
    }
    await page.keyboard.press('Escape');
    const current = await plan(page, projectId);
    const target = taskNamed(current, 'Paramétrage');
    const x = await bar(page, target.id).getAttribute('x');
    let mutations = 0;
    page.on('request', (request) => {
      if (request.method() !== 'GET') mutations++;
    });
    await startDrag(page, target.id, -5 * DAY);
    await page.mouse.up();
    await nextFrames(page);
    expect(await bar(page, target.id).getAttribute('x')).toBe(x);
    expect(mutations).toBe(0);
    await page.screenshot({ path: screenshotPath('planning-real-viewer') });
    await context.close();
  });

  it('should draw ghost bars and the slippage column when a baseline is chosen', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    expect(await page.locator('.jg-ghost').count()).toBe(0);
    await page.getByRole('button', { name: 'Plus d’actions' }).click();
    await page.getByTestId('freeze-baseline').click();
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await page.locator('.jg-ghost').first().waitFor();
    await chooseOption(page, page.getByTestId('baseline-picker'), 'Aucune référence');
    await page.waitForFunction(() => document.querySelectorAll('.jg-ghost').length === 0);
    await chooseOption(page, page.getByTestId('baseline-picker'), /COPIL/);
    await page.locator('.jg-ghost').first().waitFor();
    expect(await page.getByTestId('slippage').count()).toBeGreaterThan(5);
    // A plan later than its baseline shows « +N j » in red: later is bad.
    const current = await plan(page, projectId);
    const xsrf = (await context.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
    const moved = await page.request.patch(`${jalon.url}/api/projects/${projectId}/plan/settings`, {
      data: { version: current.settings.version, targetGoLive: addDays(current.settings.targetGoLive, 7) },
      headers: { 'X-XSRF-TOKEN': xsrf },
    });
    expect(moved.ok()).toBe(true);
    await page.reload();
    await page.locator('.bar-wrapper').first().waitFor();
    await chooseOption(page, page.getByTestId('baseline-picker'), /COPIL/);
    const late = page.getByTestId('slippage').filter({ hasText: /^\+\d+ j$/ }).first();
    await late.waitFor();
    expect(await late.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(179, 38, 30)');
    expect(await page.getByTestId('slippage').filter({ hasText: /^\u2212/ }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('planning-real-baseline') });
    await context.close();
  });

  it('should move the go-live from the settings dialog, with the plan, and keep it after a reload', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    await showGanttView(page, 'Day');
    const before = await plan(page, projectId);
    const task = taskNamed(before, 'Paramétrage');
    const markerBefore = await goLiveFromToday(page);
    const goLive = addDays(before.settings.targetGoLive, 14);

    await page.getByTestId('plan-settings').click();
    const dialog = page.getByTestId('settings-dialog');
    await dialog.waitFor();
    // A refusal is shown in the dialog: no working day at all.
    for (const day of [1, 2, 3, 4, 5]) await dialog.getByTestId(`weekday-${day}`).locator('input').uncheck();
    await dialog.getByText('Il faut au moins un jour travaillé').waitFor();
    expect(await dialog.getByTestId('settings-save').isDisabled()).toBe(true);
    for (const day of [1, 2, 3, 4, 5]) await dialog.getByTestId(`weekday-${day}`).locator('input').check();
    await dialog.getByTestId('settings-go-live').fill(goLive);
    await dialog.getByTestId('closure-date').fill(addDays(before.settings.targetGoLive, -30));
    await dialog.getByTestId('add-closure').click();
    await dialogOpened(page);
    await page.screenshot({ path: screenshotPath('planning-settings-dialog') });
    const saidSaved = await watchForSnackBar(page, 'Paramètres du planning enregistrés');
    const saved = page.waitForResponse((response) => response.url().endsWith('/plan/settings') && response.request().method() === 'PATCH');
    await dialog.getByTestId('settings-save').click();
    expect((await saved).status()).toBe(200);
    await saidSaved();
    await dialog.waitFor({ state: 'detached' });

    const after = await plan(page, projectId);
    expect(after.settings.targetGoLive).toBe(goLive);
    expect(after.settings.calendar.extraHolidays).toContain(addDays(before.settings.targetGoLive, -30));
    expect(taskNamed(after, 'Paramétrage').start > task.start).toBe(true);
    await page.waitForFunction(
      ({ expected }) => {
        const flag = document.querySelector('[data-testid="go-live-marker"]')?.getBoundingClientRect();
        const today = document.querySelector('.current-highlight')?.getBoundingClientRect();
        return !!flag && !!today && Math.abs(flag.x - today.x - expected) < 2;
      },
      { expected: markerBefore + 14 * DAY },
    );
    expect(await page.locator('.subtitle').first().textContent()).toContain(
      new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${goLive}T00:00:00Z`)),
    );

    await page.reload();
    await page.locator('.bar-wrapper').first().waitFor();
    expect(Math.abs((await goLiveFromToday(page)) - (markerBefore + 14 * DAY))).toBeLessThan(2);
    expect((await plan(page, projectId)).settings.targetGoLive).toBe(goLive);
    await context.close();
  });

  it('should create, rename and delete a lot, and show "Aucun lot" in the panel of a task without one', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const before = await plan(page, projectId);
    await page.getByRole('button', { name: 'Plus d’actions' }).click();
    await page.getByTestId('manage-lots').click();
    const dialog = page.getByTestId('lots-dialog');
    await dialog.waitFor();
    const goLive = addDays(before.settings.targetGoLive, 60);
    await dialog.getByTestId('new-lot-name').fill('Lot 2 — Email et chat');
    await dialog.getByTestId('new-lot-go-live').fill(goLive);
    const created = page.waitForResponse((response) => response.url().endsWith('/plan/lots') && response.request().method() === 'POST');
    await dialog.getByTestId('create-lot').click();
    expect((await created).status()).toBe(201);
    await dialog.getByTestId('lot-row').last().locator('input').first().waitFor();
    const lot = (await plan(page, projectId)).lots.find((candidate) => candidate.name === 'Lot 2 — Email et chat');
    expect(lot?.goLive).toBe(goLive);
    await dialogOpened(page);
    await page.screenshot({ path: screenshotPath('planning-lots-dialog') });

    // A second lot to delete, after a confirmation that says what happens to its tasks.
    await dialog.getByTestId('new-lot-name').fill('Lot provisoire');
    await dialog.getByTestId('create-lot').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="lot-row"]').length >= 2);
    const rows = dialog.getByTestId('lot-row');
    const renamed = page.waitForResponse((response) => /\/plan\/lots\/[0-9a-f-]{36}$/.test(response.url()) && response.request().method() === 'PATCH');
    await rows.last().locator('input').first().fill('Lot 3 — À supprimer');
    await rows.last().locator('input').first().press('Enter');
    await rows.last().locator('input').first().blur();
    expect((await renamed).status()).toBe(200);
    await rows.last().getByTestId('delete-lot').click();
    await page.getByText('Ce lot ne contient aucune tâche').waitFor();
    await dialogOpened(page);
    await page.screenshot({ path: screenshotPath('planning-lot-delete-confirm') });
    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().includes('/plan/lots/'));
    await page.getByTestId('confirm-ok').click();
    expect((await deleted).status()).toBe(200);
    const after = await plan(page, projectId);
    expect(after.lots.map((candidate) => candidate.name)).toContain('Lot 2 — Email et chat');
    expect(after.lots.map((candidate) => candidate.name)).not.toContain('Lot 3 — À supprimer');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The lot survives a reload, and a task without a lot says so.
    await page.reload();
    await page.locator('.bar-wrapper').first().waitFor();
    const task = taskNamed(after, 'Paramétrage');
    expect(task.lotId).toBeNull();
    await page.locator(`[data-testid="task-row"][data-row-id="${task.id}"] .open`).click();
    expect(await page.getByTestId('panel-lot').textContent()).toContain('Aucun lot');
    await page.getByRole('button', { name: 'Plus d’actions' }).click();
    await page.getByTestId('manage-lots').click();
    await page.getByTestId('lot-row').first().waitFor();
    expect(await page.getByTestId('lot-row').count()).toBe(after.lots.length);
    expect(await page.getByTestId('lot-row').last().locator('input').first().inputValue()).toBe('Lot 2 — Email et chat');
    await context.close();
  });

  it('should rename, reorder and delete a phase, its tasks staying in the plan', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const before = await plan(page, projectId);
    const order = [...before.phases].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    const second = order[1]!;
    await page.locator('[data-testid="phase-row"]').nth(1).hover();
    await page.locator('[data-testid="phase-row"]').nth(1).getByTestId('phase-menu').click();
    const dialog = page.getByTestId('phases-dialog');
    await dialog.waitFor();
    await dialogOpened(page);
    await page.screenshot({ path: screenshotPath('planning-phases-dialog') });

    const moved = page.waitForResponse((response) => response.url().includes('/plan/phases/') && response.request().method() === 'PATCH');
    await dialog.getByTestId('phase-item').nth(1).getByTestId('phase-up').click();
    await moved;
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="phase-row"] .phase-name')?.textContent === name,
      second.name,
    );
    const reordered = [...(await plan(page, projectId)).phases].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    expect(reordered[0]!.id).toBe(second.id);
    expect(await page.locator('[data-testid="phase-row"] .phase-name').first().textContent()).toBe(second.name);

    const renamed = page.waitForResponse((response) => response.url().includes('/plan/phases/') && response.request().method() === 'PATCH');
    await dialog.getByTestId('phase-name-0').fill(`${second.name} (revue)`);
    await dialog.getByTestId('phase-name-0').press('Enter');
    await dialog.getByTestId('phase-name-0').blur();
    await renamed;
    await page.locator('[data-testid="phase-row"] .phase-name', { hasText: `${second.name} (revue)` }).waitFor();

    const taskCount = before.tasks.filter((task) => task.phaseId === second.id).length;
    await dialog.getByTestId('phase-item').first().getByTestId('delete-phase').click();
    await page.getByText('passent dans « Sans phase »').waitFor();
    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().includes('/plan/phases/'));
    await page.getByTestId('confirm-ok').click();
    expect((await deleted).status()).toBe(200);
    const after = await plan(page, projectId);
    expect(after.phases.some((phase) => phase.id === second.id)).toBe(false);
    expect(after.tasks).toHaveLength(before.tasks.length);
    expect(after.tasks.filter((task) => task.phaseId === null).length).toBeGreaterThanOrEqual(taskCount);
    await context.close();
  });

  it('should move the successors of a dragged task in a forward plan', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const current = await plan(page, projectId);
    const xsrf = (await context.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
    const switched = await page.request.patch(`${jalon.url}/api/projects/${projectId}/plan/settings`, {
      data: { version: current.settings.version, mode: 'forward', projectStart: current.projectStart },
      headers: { 'X-XSRF-TOKEN': xsrf },
    });
    expect(switched.ok()).toBe(true);
    await page.reload();
    await page.locator('.bar-wrapper').first().waitFor();
    await showGanttView(page, 'Day');
    const forward = await plan(page, projectId);
    // Forward, a task sits after its predecessors: dragging it later pushes what comes after it.
    const dragged = taskNamed(forward, 'Atelier routage');
    const successor = forward.links.find((link) => link.fromTaskId === dragged.id)!;
    const after = forward.tasks.find((task) => task.id === successor.toTaskId)!;
    await reveal(page, dragged.id);
    const successorBefore = Number(await bar(page, after.id).getAttribute('x'));
    await startDrag(page, dragged.id, 4 * DAY);
    expect(await barXWhen(page, after.id, (x) => x > successorBefore + DAY)).toBeGreaterThan(successorBefore + DAY);
    const saved = page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    await page.mouse.up();
    await saved;
    await page.reload();
    await page.locator(`.bar-wrapper[data-id="${after.id}"]`).waitFor();
    expect(taskNamed(await plan(page, projectId), after.name).start > after.start).toBe(true);
    await page.screenshot({ path: screenshotPath('planning-real-forward') });
    await context.close();
  });
  it('should insert a new task between the selected one and its successor, before the go-live, and undo it', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const before = await plan(page, projectId);
    const selected = taskNamed(before, 'Atelier routage');
    const successorIds = before.links.filter((link) => link.fromTaskId === selected.id).map((link) => link.toTaskId);
    expect(successorIds.length).toBeGreaterThan(0);
    const row = await tableRow(page, selected.id);
    await row.locator('.col-duration').click();
    const inserted = page.waitForResponse((response) => response.url().endsWith('/plan/tasks') && response.request().method() === 'POST');
    await page.getByTestId('add-task').click();
    const response = await inserted;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ insertAfterTaskId: selected.id });
    const after = await plan(page, projectId);
    expect(after.tasks).toHaveLength(before.tasks.length + 1);
    const created = after.tasks.find((task) => !before.tasks.some((old) => old.id === task.id))!;
    // Between the selected task and its successors: linked from it, and to them.
    expect(after.links.some((link) => link.fromTaskId === selected.id && link.toTaskId === created.id)).toBe(true);
    expect(after.links.filter((link) => link.fromTaskId === created.id).map((link) => link.toTaskId).sort()).toEqual([...successorIds].sort());
    expect(created.finish <= after.settings.targetGoLive).toBe(true);
    expect(created.phaseId).toBe(selected.phaseId);
    // The panel opens on the new task, and nothing ends after the go-live.
    await page.getByTestId('task-panel').waitFor();
    expect(await page.getByText(/finissent? après (sa|leur) mise en production/).count()).toBe(0);

    const undone = page.waitForResponse((answer) => answer.request().method() === 'DELETE' && answer.url().includes(`/plan/tasks/${created.id}`));
    await page.getByTestId('undo').click();
    expect((await undone).status()).toBe(200);
    const restored = await plan(page, projectId);
    expect(restored.tasks.map((task) => task.id).sort()).toEqual(before.tasks.map((task) => task.id).sort());
    expect(restored.links.filter((link) => link.fromTaskId === selected.id).map((link) => link.toTaskId).sort()).toEqual([...successorIds].sort());
    await context.close();
  });

  it('should delete a task after asking whether to reconnect its neighbours, and bring it back with undo', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const before = await plan(page, projectId);
    const task = taskNamed(before, 'Atelier routage');
    const predecessors = before.links.filter((link) => link.toTaskId === task.id).map((link) => link.fromTaskId);
    const successors = before.links.filter((link) => link.fromTaskId === task.id).map((link) => link.toTaskId);
    const row = await tableRow(page, task.id);
    await row.locator('.open').click();
    await page.getByTestId('task-panel').getByRole('button', { name: 'Supprimer', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Relier ses prédécesseurs à ses successeurs').waitFor();
    expect(await dialog.getByTestId('confirm-option').locator('input').isChecked()).toBe(true);
    await page.screenshot({ path: screenshotPath('planning-delete-reconnect') });
    const deleted = page.waitForResponse((answer) => answer.request().method() === 'DELETE' && answer.url().includes(`/plan/tasks/${task.id}`));
    await dialog.getByTestId('confirm-ok').click();
    const answer = await deleted;
    expect(answer.status()).toBe(200);
    expect(new URL(answer.url()).searchParams.get('reconnect')).toBe('true');
    const after = await plan(page, projectId);
    for (const from of predecessors) {
      for (const to of successors) expect(after.links.some((link) => link.fromTaskId === from && link.toTaskId === to)).toBe(true);
    }

    const recreated = page.waitForResponse((reply) => reply.url().endsWith('/plan/tasks') && reply.request().method() === 'POST');
    await page.getByTestId('undo').click();
    expect((await recreated).status()).toBe(201);
    await page.waitForFunction(() => !(document.querySelector('[data-testid="redo"]') as HTMLButtonElement | null)?.disabled);
    const restored = await plan(page, projectId);
    const back = taskNamed(restored, 'Atelier routage');
    expect(back).toMatchObject({ start: task.start, finish: task.finish, duration: task.duration, phaseId: task.phaseId });
    expect(restored.links.filter((link) => link.toTaskId === back.id).map((link) => link.fromTaskId).sort()).toEqual([...predecessors].sort());
    expect(restored.links.filter((link) => link.fromTaskId === back.id).map((link) => link.toTaskId).sort()).toEqual([...successors].sort());
    expect(restored.links).toHaveLength(before.links.length);
    await context.close();
  });

  it('should let an instance administrator who is not a member edit the plan', async () => {
    const { context, page } = await openPlanning(browser, jalon.url, ADMIN);
    await page.getByTestId('add-task').waitFor();
    expect(await page.getByTestId('read-only').count()).toBe(0);
    expect(await page.locator('.bar-wrapper .handle').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('should refuse "abc", "-3" and "2,5" days in a duration cell with a message, and accept "12,5 %" of progress', async () => {
    const { context, page, projectId } = await openPlanning(browser, jalon.url, PM);
    const task = taskNamed(await plan(page, projectId), 'Paramétrage');
    const row = await tableRow(page, task.id);
    const problem = page.getByTestId('cell-problem');
    await row.locator('.col-duration').dblclick();
    const input = page.getByTestId('cell-input');
    for (const [typed, said] of [
      ['abc', 'Saisissez un nombre'],
      ['-3', 'ne peut pas être négative'],
      ['2,5', 'jours ouvrés entiers'],
    ] as const) {
      await input.fill(typed);
      await input.press('Enter');
      await problem.getByText(said).waitFor();
    }
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: screenshotPath('planning-cell-refused') });
    await input.press('Escape');
    await problem.waitFor({ state: 'detached' });

    await row.locator('.col-progress').dblclick();
    const saved = page.waitForResponse((response) => response.url().endsWith('/plan/bulk'));
    await page.getByTestId('cell-input').fill('12,5 %');
    await page.getByTestId('cell-input').press('Enter');
    expect((await saved).request().postDataJSON().tasks[0]).toMatchObject({ id: task.id, progress: 13 });
    await context.close();
  });

  it('should let the project manager assign a task to a member, and that contributor report progress in the panel', async () => {
    const manager = await openPlanning(browser, jalon.url, PM);
    const task = taskNamed(await plan(manager.page, manager.projectId), 'Paramétrage');
    const row = await tableRow(manager.page, task.id);
    await row.locator('.open').click();
    const assigned = manager.page.waitForResponse((response) => response.url().endsWith(`/plan/tasks/${task.id}`) && response.request().method() === 'PATCH');
    await chooseOption(manager.page, manager.page.getByTestId('panel-assignee'), /Sophie Girard/);
    expect((await assigned).status()).toBe(200);
    const vendorId = taskNamed(await plan(manager.page, manager.projectId), 'Paramétrage').ownerUserId;
    expect(vendorId).not.toBeNull();
    await manager.context.close();

    const { context, page, projectId } = await openPlanning(browser, jalon.url, VENDOR);
    const own = await tableRow(page, task.id);
    await own.locator('.open').click();
    const panel = page.getByTestId('task-panel');
    await panel.waitFor();
    expect(await panel.locator('input[name="name"]').getAttribute('readonly')).not.toBeNull();
    expect(await panel.getByTestId('panel-progress').getAttribute('readonly')).toBeNull();
    await panel.getByTestId('panel-progress').fill('40');
    await panel.getByTestId('panel-actual-start').fill(task.start);
    await panel.getByTestId('panel-actual-start').dispatchEvent('change');
    const reported = page.waitForResponse((response) => response.url().endsWith(`/plan/tasks/${task.id}/progress`));
    await panel.getByTestId('panel-report').click();
    const response = await reported;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toMatchObject({ progress: 40, actualStart: task.start });
    const after = taskNamed(await plan(page, projectId), 'Paramétrage');
    expect(after).toMatchObject({ progress: 40, actualStart: task.start });
    await page.screenshot({ path: screenshotPath('planning-contributor-panel') });
    await context.close();
  });

  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    for (const language of ['fr', 'en'] as const) {
      it(`should fit the toolbar and leave the Gantt room at ${width}×${height} (${language})`, async () => {
        const { context, page } = await openPlanning(browser, jalon.url, PM);
        await page.setViewportSize({ width, height });
        if (language === 'en') {
          await page.evaluate(() => localStorage.setItem('jalon.language', 'en'));
          await page.reload();
          await page.locator('.bar-wrapper').first().waitFor();
        }
        const toolbar = page.locator('.toolbar');
        const box = (await toolbar.boundingBox())!;
        // One line: no button wraps under another.
        const tops = await toolbar.locator(':scope > *').evaluateAll((items) =>
          items.map((item) => item.getBoundingClientRect()).filter((rect) => rect.width > 0).map((rect) => rect.top + rect.height / 2),
        );
        expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(12);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        // The chart keeps about half of the split (optional columns fold away), and the task
        // panel overlays the table, never the chart.
        const split = (await page.locator('.split').boundingBox())!;
        const chart = (await page.locator('jalon-gantt-chart').boundingBox())!;
        expect(chart.width).toBeGreaterThanOrEqual(split.width * 0.45);
        await page.locator('[data-testid="task-row"] .open').first().click();
        await page.getByTestId('task-panel').waitFor();
        const panel = (await page.getByTestId('task-panel').boundingBox())!;
        const withPanel = (await page.locator('jalon-gantt-chart').boundingBox())!;
        expect(withPanel.width).toBeGreaterThanOrEqual(chart.width - 1);
        expect(panel.x + panel.width).toBeLessThanOrEqual(withPanel.x + 1);
        // Every header says its whole name (the English "DURATION" included).
        const clipped = await page.locator('[role="columnheader"] .header-label').evaluateAll((labels) =>
          labels.filter((label) => label.scrollWidth > label.clientWidth + 1).map((label) => label.textContent),
        );
        expect(clipped).toEqual([]);
        await page.screenshot({ path: screenshotPath(`planning-${language}-${width}x${height}`) });
        await context.close();
      });
    }
  }
});
