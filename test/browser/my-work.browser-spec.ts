import type { Page } from 'playwright-core';
import type { MyWorkDto } from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { callApiFromPage, signedInPage } from '../support/page-api';

const PM = 'pm@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';

const api = callApiFromPage;

/** A calendar day `days` from today (UTC), as 'YYYY-MM-DD'. */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// « Mon travail » on the demo project (Europe/Paris): each user's home across projects, overdue first.
describe('My work page', () => {
  const suite = useJalonInBrowser();

  const signedIn = (email: string): Promise<Page> => signedInPage(suite, email);

  async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  async function openMyWork(page: Page): Promise<MyWorkDto> {
    await page.getByTestId('nav-my-work').click();
    await page.getByRole('heading', { name: 'Mon travail', exact: true }).waitFor();
    await page.getByTestId('my-work-counts').waitFor();
    return api<MyWorkDto>(page, 'GET', '/api/me/work');
  }

  it('should show the key user their tests and actions, and the project manager their overdue actions first; a click opens the item', async () => {
    // The project manager gives the key user an action due in a week and takes one already overdue, on an open meeting.
    const pm = await signedIn(PM);
    const [project] = await api<Array<{ id: string }>>(pm, 'GET', '/api/projects');
    const projectId = project!.id;
    const members = await api<Array<{ userId: string; email: string }>>(pm, 'GET', `/api/projects/${projectId}/members`);
    const userOf = (email: string) => members.find((member) => member.email === email)!.userId;
    const meetings = await api<Array<{ id: string; status: string }>>(pm, 'GET', `/api/projects/${projectId}/meetings`);
    const open = meetings.find((meeting) => meeting.status === 'brouillon' || meeting.status === 'convoquee');
    expect(open).toBeDefined();
    const keyUserAction = await api<{ id: string }>(pm, 'POST', `/api/projects/${projectId}/meetings/${open!.id}/actions`, {
      title: 'Valider les scripts d’accueil du SVI',
      ownerUserId: userOf(KEY_USER),
      dueDate: dayFromToday(7),
    });
    const lateAction = await api<{ id: string }>(pm, 'POST', `/api/projects/${projectId}/meetings/${open!.id}/actions`, {
      title: 'Relancer l’opérateur sur les numéros SDA',
      ownerUserId: userOf(PM),
      dueDate: dayFromToday(-3),
    });

    // The key user: their tests to run and their action, every section counted.
    const keyUser = await signedIn(KEY_USER);
    const keyWork = await openMyWork(keyUser);
    expect(keyWork.acceptanceTests?.length ?? 0).toBeGreaterThan(0);
    expect(keyWork.actions.map((action) => action.id)).toContain(keyUserAction.id);
    const shownTests = await keyUser.getByTestId('my-work-test').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(shownTests).toEqual(keyWork.acceptanceTests!.map((test) => test.caseId));
    const shownActions = await keyUser.getByTestId('my-work-action').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(shownActions).toEqual(keyWork.actions.map((action) => action.id));
    const lateCount = [...keyWork.tasks, ...keyWork.actions, ...keyWork.treatments, ...(keyWork.acceptanceTests ?? [])].filter((item) => item.overdue).length;
    expect(await keyUser.getByTestId('my-work-late-item').count()).toBe(lateCount);
    expect(await keyUser.getByTestId('my-work-counts').textContent()).toContain(`${lateCount} en retard`);
    await expectAccessible(keyUser, '« Mon travail », key user, French');
    await shoot(keyUser, 'my-work-key-user-fr');
    await keyUser.getByTestId('language-switch').click();
    await keyUser.getByRole('heading', { name: 'My work', exact: true }).waitFor();
    await keyUser.getByRole('heading', { name: 'Tests to run' }).waitFor();
    await expectAccessible(keyUser, '« Mon travail », key user, English');
    await shoot(keyUser, 'my-work-key-user-en');
    // A click on the action opens its meeting.
    await keyUser.locator(`[data-testid="my-work-action"][data-id="${keyUserAction.id}"] a`).click();
    await keyUser.waitForURL(new RegExp(`/projects/${projectId}/meetings/${open!.id}$`));

    // The project manager: the « En retard » section comes first and holds the overdue action, oldest first.
    await pm.goto(`${suite.jalon.url}/`);
    const pmWork = await openMyWork(pm);
    expect(pmWork.actions.find((action) => action.id === lateAction.id)?.overdue).toBe(true);
    const sections = await pm.locator('section[data-testid^="my-work-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
    expect(sections[0]).toBe('my-work-late');
    expect(sections.slice(1, 4)).toEqual(['my-work-tasks', 'my-work-actions', 'my-work-treatments']);
    const lateRows = pm.getByTestId('my-work-late-item');
    const lateIds = await lateRows.evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-kind')}:${row.getAttribute('data-id')}`));
    expect(lateIds).toContain(`action:${lateAction.id}`);
    const overdueActions = pmWork.actions.filter((action) => action.overdue);
    expect(lateIds.filter((id) => id.startsWith('action:'))).toEqual(expect.arrayContaining(overdueActions.map((action) => `action:${action.id}`)));
    // In the actions section too, the overdue ones come first and are flagged.
    const actionRows = await pm.getByTestId('my-work-action').evaluateAll((rows) => rows.map((row) => row.classList.contains('overdue')));
    expect(actionRows[0]).toBe(true);
    expect(actionRows.indexOf(false) === -1 || !actionRows.slice(actionRows.indexOf(false)).includes(true)).toBe(true);
    await expectAccessible(pm, '« Mon travail », project manager, French');
    await shoot(pm, 'my-work-pm-fr');
    await pm.locator(`[data-testid="my-work-late-item"][data-id="${lateAction.id}"] a`).click();
    await pm.waitForURL(new RegExp(`/projects/${projectId}/meetings/${open!.id}$`));
    await pm.getByText('Relancer l’opérateur sur les numéros SDA').first().waitFor();
  });
});
