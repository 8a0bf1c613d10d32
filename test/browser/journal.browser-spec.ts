import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { newContext, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signInThroughPage } from '../support/sign-in-page';

// The change log (« Journal »); every test opens its own browser context and signs in itself.
describe('Change log page', () => {
  const suite = useJalonInBrowser();

  async function signedIn(email: string): Promise<{ page: Page; projectId: string }> {
    const context = await newContext(suite.browser, { viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    suite.pages.push(page);
    await signInThroughPage(page, suite.jalon.url, email);
    const [project] = await page.evaluate(async () => (await fetch('/api/projects')).json());
    return { page, projectId: project.id };
  }

  /** A change made through the API as the signed-in user: an actual start typed on a task. */
  async function recordActualStart(page: Page, projectId: string): Promise<string> {
    return page.evaluate(async (id) => {
      const plan = await (await fetch(`/api/projects/${id}/plan`)).json();
      const task = plan.tasks.find((candidate: { isMilestone: boolean; actualStart: string | null }) => !candidate.isMilestone && !candidate.actualStart);
      const xsrf = decodeURIComponent(document.cookie.split('; ').find((cookie) => cookie.startsWith('XSRF-TOKEN='))!.split('=')[1]!);
      const response = await fetch(`/api/projects/${id}/plan/tasks/${task.id}/progress`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf },
        body: JSON.stringify({ version: task.version, actualStart: '2026-11-27', progress: 40 }),
      });
      if (!response.ok) throw new Error(`progress refused: ${response.status} ${await response.text()}`);
      return task.name as string;
    }, projectId);
  }

  it('should name the object and the person, translate field labels and write dates the French way', async () => {
    const { page, projectId } = await signedIn('pm@demo.jalon.fr');
    const taskName = await recordActualStart(page, projectId);
    await page.goto(`${suite.jalon.url}/projects/${projectId}/audit`);
    await page.getByRole('heading', { name: 'Journal des modifications' }).waitFor();
    const event = page.getByTestId('audit-event').filter({ hasText: 'Début réel' }).first();
    await event.waitFor();
    const text = (await event.textContent()) ?? '';
    expect(text).toContain(taskName);
    expect(text).toContain('27/11/2026'); // a calendar date, never shifted, never quoted ISO
    expect(text).not.toContain('2026-11-27');
    expect(text).not.toContain('actualStart');
    expect(text).not.toContain('@demo.jalon.fr'); // the person's name, not their e-mail
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expectAccessible(page, 'change log, French');
    await page.screenshot({ path: screenshotPath('journal-fr'), fullPage: true });
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Change log' }).waitFor();
    await page.getByTestId('audit-event').filter({ hasText: 'Actual start' }).first().waitFor();
    await expectAccessible(page, 'change log, English');
    await page.screenshot({ path: screenshotPath('journal-en'), fullPage: true });
  });

  it('should find plan settings changes with the settings filter', async () => {
    const { page, projectId } = await signedIn('pm@demo.jalon.fr');
    // Move the go-live a week later: the API records it as a `plan_settings` change.
    await page.evaluate(async (id) => {
      const plan = await (await fetch(`/api/projects/${id}/plan`)).json();
      const later = new Date(`${plan.settings.targetGoLive}T00:00:00Z`);
      later.setUTCDate(later.getUTCDate() + 7);
      const xsrf = decodeURIComponent(document.cookie.split('; ').find((cookie) => cookie.startsWith('XSRF-TOKEN='))!.split('=')[1]!);
      const response = await fetch(`/api/projects/${id}/plan/settings`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf },
        body: JSON.stringify({ version: plan.settings.version, targetGoLive: later.toISOString().slice(0, 10) }),
      });
      if (!response.ok) throw new Error(`settings refused: ${response.status} ${await response.text()}`);
    }, projectId);
    await page.goto(`${suite.jalon.url}/projects/${projectId}/audit`);
    await page.getByTestId('audit-entity').click();
    await page.getByRole('option', { name: 'Paramètres du planning' }).click();
    await page.getByTestId('audit-filter').click();
    // The filter sends the API's own entity name (it sent `settings` and found nothing before).
    await page.getByTestId('audit-event').filter({ hasText: 'Mise en production visée' }).first().waitFor();
    const entities = await page.getByTestId('audit-event').allTextContents();
    expect(entities.length).toBeGreaterThan(0);
    expect(entities.every((text) => text.includes('Paramètres du planning'))).toBe(true);
  });

  it('should tell a viewer who opens the journal that they are not allowed, not that nothing changed', async () => {
    const { page, projectId } = await signedIn('viewer@demo.jalon.fr');
    await page.goto(`${suite.jalon.url}/projects/${projectId}/audit`);
    await page.getByTestId('table-forbidden').getByText('ne permet pas de consulter le journal').waitFor();
    expect(await page.getByTestId('table-empty').count()).toBe(0);
    await expectAccessible(page, 'change log, viewer');
    await page.screenshot({ path: screenshotPath('journal-viewer-fr'), fullPage: true });
  });
});
