import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchChromium, newContext, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { callApiFromPage } from '../support/page-api';
import { signInThroughPage } from '../support/sign-in-page';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

const api = callApiFromPage;

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
  let projectId: string;
  let riskReference: string;
  /** A calendar day `days` from today (UTC), as 'YYYY-MM-DD'. */
  const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = await createDemoDatabase();
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
    projectId = project!.id;
    // …and makes the vendor the owner of a risk with one overdue treatment, one due soon and one far off.
    const risk = await api<{ id: string; reference: string }>(pm, 'POST', `/api/projects/${project!.id}/risks`, {
      title: 'Connecteur ERP livré en retard',
      category: 'vendor',
      ownerUserId: vendor.userId,
      inherent: { probability: 4, impact: 4 },
      residual: { probability: 3, impact: 4 },
      target: { probability: 2, impact: 2 },
    });
    riskReference = risk.reference;
    for (const [title, days] of [['Relancer l’intégrateur', -10], ['Plan de repli manuel', 5], ['Bilan trimestriel', 60]] as const) {
      await api(pm, 'POST', `/api/projects/${project!.id}/risks/${risk.id}/treatments`, { title, dueDate: dayFromToday(days), ownerUserId: vendor.userId });
    }
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

  it('should list the owner’s risk treatments due soon or overdue, mark the overdue one, and link to the risks page', async () => {
    const page = await myTasks('vendor@demo.jalon.fr');
    await page.getByRole('heading', { name: 'Traitements de risques à échéance' }).waitFor();
    const late = page.getByTestId('my-treatment').filter({ hasText: 'Relancer l’intégrateur' });
    const soon = page.getByTestId('my-treatment').filter({ hasText: 'Plan de repli manuel' });
    await late.waitFor();
    await soon.waitFor();
    expect(await page.getByTestId('my-treatment').filter({ hasText: 'Bilan trimestriel' }).count()).toBe(0);
    expect(await late.getByTestId('my-treatment-overdue').textContent()).toContain('En retard');
    expect(await soon.getByTestId('my-treatment-overdue').count()).toBe(0);
    expect(await late.getByTestId('my-treatment-risk').textContent()).toContain(`${riskReference} — Connecteur ERP livré en retard`);
    await expectAccessible(page, 'my tasks, risk treatments, French');
    await page.getByTestId('my-treatments-table').screenshot({ path: screenshotPath('my-tasks-treatments-fr') });

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Risk treatments falling due' }).waitFor();
    await late.getByTestId('my-treatment-overdue').getByText('Overdue').waitFor();
    await page.getByTestId('my-treatments-table').screenshot({ path: screenshotPath('my-tasks-treatments-en') });

    await late.getByTestId('my-treatment-risk').click();
    await page.waitForURL(`**/projects/${projectId}/risks`);
  });

  it('should show a viewer that no risk treatment falls due', async () => {
    const page = await myTasks('viewer@demo.jalon.fr');
    await page.getByText('Aucun traitement de risque ne vous attend dans les deux semaines.').waitFor();
  });
});
