import type { Page } from 'playwright-core';
import type { CampaignSummaryDto, DefectDto, ExecutionDto, MyAcceptanceTestDto } from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { DEFAULT_TIME_ZONE, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signedInPage } from '../support/page-api';

const KEY_USER = 'key.user@demo.jalon.fr';
const VENDOR = 'vendor@demo.jalon.fr';

// Running the recette on the demo project (Europe/Paris): « Mes tests », a run with a failed step,
// the defect raised from it, corrected by the vendor and verified by the key user's re-test.
describe('Recette: running a campaign', () => {
  const suite = useJalonInBrowser();

  const signedIn = (email: string): Promise<Page> => signedInPage(suite, email);

  const getJson = <T>(page: Page, url: string): Promise<T> =>
    page.evaluate(async (address) => {
      const response = await fetch(address);
      if (!response.ok) throw new Error(`${address}: ${response.status}`);
      return (await response.json()) as unknown;
    }, url) as Promise<T>;

  const defectOf = async (page: Page, projectId: string, reference: string): Promise<DefectDto> => {
    const defects = await getJson<DefectDto[]>(page, `/api/projects/${projectId}/acceptance/defects`);
    const defect = defects.find((candidate) => candidate.reference === reference);
    if (!defect) throw new Error(`No defect ${reference}`);
    return defect;
  };

  /** A full-page screenshot from the top (the sticky bar would otherwise be drawn where the page was scrolled). */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  async function switchLanguage(page: Page, heading: string): Promise<void> {
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
  }

  it('should run a case from « Mes tests », raise a defect from its failed step, have the vendor fix it and the key user verify it', async () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Paris');

    // « Mes tests »: the key user's cases across projects, overdue first, one click to run.
    const keyUser = await signedIn(KEY_USER);
    await keyUser.getByTestId('nav-my-tests').click();
    await keyUser.getByRole('heading', { name: 'Mes tests', exact: true }).waitFor();
    await keyUser.getByTestId('my-tests-table').waitFor();
    const tests = await getJson<MyAcceptanceTestDto[]>(keyUser, '/api/me/acceptance-tests');
    const toRun = tests.filter((test) => test.toRun);
    expect(toRun.length).toBeGreaterThan(0);
    // The page lists what is to run, in the API's order (overdue first).
    const shown = await keyUser.getByTestId('my-test').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-reference')));
    expect(shown).toEqual(toRun.map((test) => test.reference));
    const firstNotOverdue = toRun.findIndex((test) => !test.overdue);
    if (firstNotOverdue >= 0) expect(toRun.slice(firstNotOverdue).some((test) => test.overdue)).toBe(false);
    expect(await keyUser.getByTestId('my-test-overdue').count()).toBe(toRun.filter((test) => test.overdue).length);
    await expectAccessible(keyUser, '« Mes tests », key user, French');
    await shoot(keyUser, 'acceptance-my-tests-fr');

    // A case never run, with at least two steps: one click starts its run.
    const target = toRun.find((test) => test.latestExecutionId === null);
    expect(target).toBeDefined();
    const { projectId, reference } = target!;
    await keyUser.locator(`[data-testid="my-test"][data-reference="${reference}"]`).getByTestId('run-test').click();
    await keyUser.waitForURL(new RegExp(`/projects/${projectId}/acceptance/run/[0-9a-f-]{36}$`));
    const executionId = keyUser.url().split('/').at(-1)!;
    await keyUser.getByTestId('step-1').waitFor();
    const started = await getJson<ExecutionDto>(keyUser, `/api/projects/${projectId}/acceptance/executions/${executionId}`);
    expect(started.reference).toBe(reference);
    expect(started.steps.length).toBeGreaterThanOrEqual(2);
    expect(await keyUser.getByTestId('run-result').textContent()).toContain('Non exécuté');

    // Step 1 passes, step 2 fails with what was observed.
    await keyUser.getByTestId('verdict-1-reussi').click();
    await keyUser.getByTestId('save-step-1').click();
    await keyUser.locator('[data-testid="step-1"][data-status="reussi"]').waitFor();
    await keyUser.getByTestId('verdict-2-echoue').click();
    const observed = 'La fiche contact ne s’ouvre pas : message « Erreur 500 » à la place de la pop-up.';
    await keyUser.getByTestId('actual-2').fill(observed);
    await keyUser.getByTestId('comment-2').fill('Reproduit deux fois.');
    await keyUser.getByTestId('save-step-2').click();
    await keyUser.locator('[data-testid="step-2"][data-status="echoue"]').waitFor();
    await keyUser.getByTestId('run-result').getByText('Échoué').waitFor();
    await expectAccessible(keyUser, 'run page with a failed step, French');
    await shoot(keyUser, 'acceptance-run-fr');

    // Two clicks: « Signaler une anomalie », then « Signaler » in the prefilled dialog.
    await keyUser.getByTestId('raise-defect-2').click();
    const dialog = keyUser.getByRole('dialog');
    await dialog.getByTestId('defect-title').waitFor();
    expect(await dialog.getByTestId('defect-title').inputValue()).toContain(reference);
    expect(await dialog.getByTestId('defect-actual').textContent()).toContain(observed);
    expect(await dialog.getByTestId('defect-expected').textContent()).toContain(started.steps[1]!.expected.trim().slice(0, 20));
    expect(await dialog.getByTestId('defect-assignee').textContent()).toContain('Sophie Girard');
    await expectAccessible(keyUser, 'defect dialog prefilled from a failed step, French');
    await keyUser.screenshot({ path: screenshotPath('acceptance-raise-defect-fr') });
    await dialog.getByTestId('defect-save').click();
    await dialog.waitFor({ state: 'detached' });
    await keyUser.getByTestId('step-defects').waitFor();
    const afterRaise = await getJson<ExecutionDto>(keyUser, `/api/projects/${projectId}/acceptance/executions/${executionId}`);
    const raised = afterRaise.defects.find((defect) => defect.stepIndex === 1);
    expect(raised).toMatchObject({ status: 'nouvelle', severity: 'majeure' });
    const defectReference = raised!.reference;
    const defect = await defectOf(keyUser, projectId, defectReference);
    expect(defect).toMatchObject({ executionId, stepIndex: 1, actual: observed, foundByName: expect.stringContaining('Julien Moreau') });
    expect(defect.assigneeName).toContain('Sophie Girard');

    // A screenshot of the failure goes with the step (a real PNG: the API checks the content).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await keyUser.getByTestId('attach-2').setInputFiles({ name: 'erreur-500.png', mimeType: 'image/png', buffer: png });
    await keyUser.getByTestId('attachments-2').getByText('erreur-500.png').waitFor();
    const withAttachment = await getJson<ExecutionDto>(keyUser, `/api/projects/${projectId}/acceptance/executions/${executionId}`);
    expect(withAttachment.steps[1]!.attachments).toEqual([expect.objectContaining({ fileName: 'erreur-500.png', contentType: 'image/png', size: png.length })]);

    // English: the run page and « Mes tests » say the same in English.
    await switchLanguage(keyUser, `${reference} — ${started.title}`);
    await keyUser.getByTestId('run-result').getByText('Failed').waitFor();
    await expectAccessible(keyUser, 'run page with a failed step, English');
    await shoot(keyUser, 'acceptance-run-en');
    await keyUser.getByTestId('nav-my-tests').click();
    await keyUser.getByRole('heading', { name: 'My tests', exact: true }).waitFor();
    await keyUser.getByTestId('my-tests-table').waitFor();
    await expectAccessible(keyUser, '« Mes tests », key user, English');
    await shoot(keyUser, 'acceptance-my-tests-en');
    await keyUser.getByTestId('language-switch').click();

    // The vendor's contributor lands on the defects assigned to them and moves this one to corrigée.
    const vendor = await signedIn(VENDOR);
    await vendor.goto(`${suite.jalon.url}/projects/${projectId}/acceptance/defects`);
    const row = vendor.getByTestId(`defect-${defectReference}`);
    await row.waitFor();
    expect(await row.getByTestId('retest-passed').count()).toBe(0);
    await row.getByTestId('move-en_correction').click();
    await row.locator('[data-testid="defect-status"]').getByText('En correction').waitFor();
    await row.getByTestId('move-corrigee').click();
    await row.locator('[data-testid="defect-status"]').getByText('Corrigée').waitFor();
    expect((await defectOf(vendor, projectId, defectReference)).status).toBe('corrigee');
    // The vendor writes the fix note (the title, severity and assignee stay read-only for them).
    await row.getByTestId(`open-${defectReference}`).click();
    const fixDialog = vendor.getByRole('dialog');
    await fixDialog.getByTestId('defect-resolution').waitFor();
    expect(await fixDialog.getByTestId('defect-title').getAttribute('readonly')).not.toBeNull();
    await expectAccessible(vendor, 'defect dialog, vendor writing the fix note, French');
    await fixDialog.getByTestId('defect-resolution').fill('Connecteur CRM corrigé dans la livraison 2.');
    await fixDialog.getByTestId('defect-save').click();
    await fixDialog.waitFor({ state: 'detached' });
    await row.getByText('Connecteur CRM corrigé dans la livraison 2.').waitFor();
    expect((await defectOf(vendor, projectId, defectReference)).resolution).toBe('Connecteur CRM corrigé dans la livraison 2.');
    // Defects assigned to someone else offer the vendor no move.
    const others = (await getJson<DefectDto[]>(vendor, `/api/projects/${projectId}/acceptance/defects`)).filter(
      (candidate) => candidate.assigneeUserId !== defect.assigneeUserId,
    );
    for (const other of others) expect(other.nextStatuses).toEqual([]);
    await expectAccessible(vendor, 'defects page, vendor, French');
    await shoot(vendor, 'acceptance-defects-vendor-fr');

    // The key user who found it re-tests it: vérifiée.
    await keyUser.goto(`${suite.jalon.url}/projects/${projectId}/acceptance/defects`);
    const retestRow = keyUser.getByTestId(`defect-${defectReference}`);
    await retestRow.getByTestId('retest-passed').waitFor();
    const awaitingMe = (await getJson<DefectDto[]>(keyUser, `/api/projects/${projectId}/acceptance/defects`)).filter(
      (candidate) => candidate.status === 'corrigee' && candidate.nextStatuses.includes('verifiee'),
    );
    expect(awaitingMe.map((candidate) => candidate.reference)).toContain(defectReference);
    await keyUser.getByTestId('count-retest').click();
    // Filtered to the defects waiting for my re-test: the rows become exactly those.
    await keyUser.waitForFunction(
      (count) => document.querySelectorAll('[data-testid^="defect-ANO-"]').length === count,
      awaitingMe.length,
    );
    await expectAccessible(keyUser, 'defects page, key user with defects to re-test, French');
    await shoot(keyUser, 'acceptance-defects-retest-fr');
    await retestRow.getByTestId('retest-passed').click();
    await keyUser.getByText(`${defectReference} vérifiée.`).waitFor();
    expect((await defectOf(keyUser, projectId, defectReference)).status).toBe('verifiee');

    // The verified defect leaves « À re-tester » and shows as vérifiée among all the defects.
    await keyUser.getByTestId('filter-retest').locator('input').uncheck();
    await keyUser.getByTestId('filter-status').click();
    await keyUser.getByRole('option', { name: 'Toutes' }).click();
    await keyUser.getByTestId(`defect-${defectReference}`).locator('[data-status="verifiee"]').waitFor();
    await switchLanguage(keyUser, 'Defects');
    await keyUser.getByTestId(`defect-${defectReference}`).getByText('Verified').waitFor();
    await expectAccessible(keyUser, 'defects page, key user, English');
    await shoot(keyUser, 'acceptance-defects-en');
  }, 300_000);

  it('should show a campaign with its progress chart against the plan’s Recette phase, accessibly, in French and English', async () => {
    const manager = await signedIn('pm@demo.jalon.fr');
    const [project] = await getJson<Array<{ id: string }>>(manager, '/api/projects');
    const campaigns = await getJson<CampaignSummaryDto[]>(manager, `/api/projects/${project!.id}/acceptance/campaigns`);
    const campaign = campaigns.find((candidate) => candidate.type === 'vabf') ?? campaigns[0]!;
    await manager.goto(`${suite.jalon.url}/projects/${project!.id}/acceptance/campaigns`);
    await manager.getByTestId('campaigns-table').waitFor();
    await expectAccessible(manager, 'campaigns page, project manager, French');
    await shoot(manager, 'acceptance-campaigns-fr');
    await manager.getByTestId(`campaign-${campaign.id}`).getByTestId('campaign-link').click();
    await manager.getByRole('heading', { name: campaign.name, exact: true }).waitFor();
    // The chart is drawn in SVG: the planned line (grey, dashed) and the run line (blue) over the campaign's days.
    const chart = manager.getByTestId('progress-chart');
    await chart.locator('svg path[stroke="#5f6b7a"]').first().waitFor({ state: 'attached' });
    await chart.locator('svg path[stroke="#1b6ef3"]').first().waitFor({ state: 'attached' });
    expect(await chart.getAttribute('aria-label')).toMatch(/^Avancement : \d+ cas exécutés pour \d+ prévus au \d\d\/\d\d, sur \d+\.$/);
    expect(await manager.getByTestId('campaign-run').textContent()).toContain(`${campaign.runCount} / ${campaign.caseCount}`);
    if (campaign.phase) expect(await manager.getByTestId('campaign-phase-dates').textContent()).toContain(campaign.phase.name);
    const rows = await manager.locator('[data-testid^="campaign-case-"]').count();
    expect(rows).toBe(campaign.caseCount);
    await expectAccessible(manager, 'campaign page, project manager, French');
    await shoot(manager, 'acceptance-campaign-fr');
    // The campaign dialog offers the plan's phases with their dates.
    await manager.getByTestId('edit-campaign').click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByTestId('campaign-name').waitFor();
    expect(await dialog.getByTestId('campaign-name').inputValue()).toBe(campaign.name);
    await expectAccessible(manager, 'campaign dialog, project manager, French');
    await manager.screenshot({ path: screenshotPath('acceptance-campaign-dialog-fr') });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    await switchLanguage(manager, 'Progress by day');
    await chart.getByText('Planned').waitFor();
    await expectAccessible(manager, 'campaign page, project manager, English');
    await shoot(manager, 'acceptance-campaign-en');
  }, 180_000);
});
