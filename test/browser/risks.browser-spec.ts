import type { Browser, Page } from 'playwright-core';
import type { RiskRegisterDto } from '@jalon/risks';
import { expectAccessible } from '../support/accessibility';
import { DEFAULT_TIME_ZONE, launchChromium, newContext, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { signInThroughPage } from '../support/sign-in-page';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

// The risks page on the demo project (Europe/Paris); every test opens its own context and signs in.
describe('Risks page', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    database = await createDemoDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true' });
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  async function risksPageAs(email: string): Promise<{ page: Page; projectId: string }> {
    const context = await newContext(browser, { viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    pages.push(page);
    await signInThroughPage(page, jalon.url, email);
    const [project] = await page.evaluate(async () => (await fetch('/api/projects')).json());
    await page.goto(`${jalon.url}/projects/${project.id}/risks`);
    await page.getByTestId('chip-R-001').waitFor();
    return { page, projectId: project.id as string };
  }

  const registerOf = (page: Page, projectId: string): Promise<RiskRegisterDto> =>
    page.evaluate(async (id) => (await fetch(`/api/projects/${id}/risks`)).json(), projectId);

  it('should draw the seeded risks in their cells with the arrows of the last review, accessibly, in French and English', async () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Paris');
    const { page, projectId } = await risksPageAs('copil@demo.jalon.fr');
    const register = await registerOf(page, projectId);
    const open = register.risks.filter((risk) => risk.status !== 'closed');
    expect(open.length).toBeGreaterThanOrEqual(10);
    for (const risk of open) {
      const cell = page.getByTestId(`cell-${risk.residual.probability}-${risk.residual.impact}`);
      expect(await cell.getByTestId(`chip-${risk.reference}`).count()).toBe(1);
    }
    // The cells are coloured by band: P5 × I5 critique, P1 × I1 faible.
    expect(await page.getByTestId('cell-5-5').getAttribute('data-band')).toBe('critical');
    expect(await page.getByTestId('cell-1-1').getAttribute('data-band')).toBe('low');
    // One arrow per pair of cells, carrying the references of the risks that made that move.
    const moved = open.filter((risk) => risk.movement.residual !== null);
    expect(moved.length).toBeGreaterThanOrEqual(2);
    const moves = new Set(moved.map(({ movement: { residual } }) => `${residual!.from.probability}-${residual!.from.impact}-${residual!.to.probability}-${residual!.to.impact}`));
    expect(await page.getByTestId('risk-arrows').locator('line').count()).toBe(moves.size);
    for (const risk of moved) {
      const { from, to } = risk.movement.residual!;
      const arrow = page.getByTestId(`arrow-${from.probability}-${from.impact}-${to.probability}-${to.impact}`);
      expect((await arrow.getAttribute('data-risks'))!.split(' ')).toContain(risk.reference);
    }
    // The overdue queue and the materialising risks are counted from the same register.
    expect(await page.getByTestId('count-overdue').locator('.value').textContent()).toBe(String(open.filter((risk) => risk.reviewOverdue).length));
    expect(Number(await page.getByTestId('count-materialising').locator('.value').textContent())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('risk-legend').getByText('Critique : score 17 à 25').waitFor();
    await expectAccessible(page, 'risks page, COPIL member, French');
    await page.screenshot({ path: screenshotPath('risks-matrix-fr'), fullPage: true });

    // The inherent switch redraws the chips in the inherent cells.
    await page.getByTestId('kind-inherent').click();
    const first = open[0]!;
    await page.getByTestId(`cell-${first.inherent.probability}-${first.inherent.impact}`).getByTestId(`chip-${first.reference}`).waitFor();
    await page.getByTestId('kind-residual').click();

    // A click on a cell filters the register to its risks.
    const target = open.find((risk) => open.filter((other) => other.residual.score === risk.residual.score).length === 1) ?? first;
    await page.getByTestId(`cell-${target.residual.probability}-${target.residual.impact}`).locator('.cell-button').click();
    await page.getByTestId('cell-filter').waitFor();
    const sameCell = open.filter((risk) => risk.residual.probability === target.residual.probability && risk.residual.impact === target.residual.impact);
    expect(await page.getByTestId('risk-register').locator('tr[data-testid^="row-"]').count()).toBe(sameCell.length);

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Risk matrix' }).waitFor();
    await page.getByTestId('risk-legend').getByText('Critical: score 17 to 25').waitFor();
    await page.getByTestId('cell-filter').getByRole('button').click();
    await page.getByTestId('cell-filter').waitFor({ state: 'detached' });
    await expectAccessible(page, 'risks page, COPIL member, English');
    await page.screenshot({ path: screenshotPath('risks-matrix-en'), fullPage: true });
    await page.getByTestId('language-switch').click();

    // The plan is asked for when a dialog opens, not with the register: the dialog of a
    // materialising risk names the task behind it.
    const materialising = open.find((risk) => risk.materialising.length > 0)!;
    const plan = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/plan`)).json(), projectId);
    const taskName = plan.tasks.find((task: { id: string }) => task.id === materialising.materialising[0]!.taskId).name as string;
    await page.getByTestId(`row-${materialising.reference}`).getByRole('button').click();
    await page.getByRole('dialog').getByTestId('risk-materialising').getByText(taskName, { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('should move a risk whose probability is raised after a reload, and draw its arrow after the next review', async () => {
    const { page, projectId } = await risksPageAs('pm@demo.jalon.fr');
    const before = (await registerOf(page, projectId)).risks.find((risk) => risk.reference === 'R-005')!;
    expect(before.movement.residual).toBeNull();
    const raised = Math.min(5, before.residual.probability + 2);
    await page.getByTestId(`cell-${before.residual.probability}-${before.residual.impact}`).getByTestId('chip-R-005').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('risk-title').waitFor();
    await expectAccessible(page, 'risk dialog, project manager, French');
    await page.screenshot({ path: screenshotPath('risks-dialog-fr'), fullPage: true });
    await dialog.getByTestId('residual-probability').click();
    await page.getByRole('option', { name: new RegExp(`^${raised} · `) }).click();
    await dialog.getByTestId('risk-save').click();
    await dialog.waitFor({ state: 'detached' });

    await page.reload();
    await page.getByTestId(`cell-${raised}-${before.residual.impact}`).getByTestId('chip-R-005').waitFor();
    expect(await page.getByTestId(`cell-${before.residual.probability}-${before.residual.impact}`).getByTestId('chip-R-005').count()).toBe(0);
    expect(await page.locator('[data-risks~="R-005"]').count()).toBe(0);

    await page.getByTestId('hold-review').click();
    await page.getByRole('alertdialog').getByTestId('confirm-ok').click();
    await page.getByTestId(`arrow-${before.residual.probability}-${before.residual.impact}-${raised}-${before.residual.impact}`).and(page.locator('[data-risks~="R-005"]')).waitFor({ state: 'attached' });
    await page.getByTestId('review-movements').getByText(/R-005/).waitFor();
    const after = (await registerOf(page, projectId)).risks.find((risk) => risk.reference === 'R-005')!;
    expect(after).toMatchObject({
      trend: 'up',
      movement: { residual: { from: { probability: before.residual.probability, impact: before.residual.impact }, to: { probability: raised, impact: before.residual.impact } } },
    });
    await expectAccessible(page, 'risks page after a review');
    await page.screenshot({ path: screenshotPath('risks-after-review-fr'), fullPage: true });
  });

  it('should draw the matrix page of 1,000 risks soon after its data arrives (figure printed; target 500 ms)', async () => {
    const { page, projectId } = await risksPageAs('viewer@demo.jalon.fr');
    const register = await registerOf(page, projectId);
    // 1,000 risks spread over the matrix, built from the demo's first risk.
    const template = register.risks[0]!;
    const risks = Array.from({ length: 1000 }, (_, index) => {
      const probability = (1 + (index % 5)) as 1 | 2 | 3 | 4 | 5;
      const impact = (1 + (Math.floor(index / 5) % 5)) as 1 | 2 | 3 | 4 | 5;
      const assessment = { probability, impact, score: probability * impact, band: template.residual.band };
      return {
        ...template,
        id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        reference: `R-${String(index + 1).padStart(4, '0')}`,
        title: `Risque ${index + 1}`,
        status: 'identified' as const,
        inherent: assessment,
        residual: assessment,
        target: assessment,
        movement: { inherent: null, residual: index % 10 === 0 ? { from: { probability: impact, impact: probability }, to: { probability, impact } } : null, target: null },
      };
    });
    await page.route(`**/api/projects/${projectId}/risks`, (route) => route.fulfill({ json: { ...register, risks } }));
    await page.reload();
    const drawnAfter = await page.evaluate(async () => {
      const started = performance.now();
      for (;;) {
        const rows = document.querySelectorAll('[data-testid="risk-register"] tr[data-testid^="row-"]').length;
        const chips = document.querySelectorAll('[data-testid="risk-matrix"] [data-testid^="chip-"]').length;
        if (rows === 50 && chips === 150) break;
        if (performance.now() - started > 30_000) throw new Error(`not drawn: ${rows} rows, ${chips} chips`);
        await new Promise((frame) => requestAnimationFrame(frame));
      }
      const drawnAt = performance.now();
      const entry = performance.getEntriesByType('resource').find((candidate) => /\/risks$/.test(candidate.name)) as PerformanceResourceTiming;
      return drawnAt - entry.responseEnd;
    });
    console.log(`Risks page with 1,000 risks drawn ${drawnAfter.toFixed(0)} ms after the register arrived (target < 500 ms)`);
    // A hundred risks moved (twenty of them within their cell, which is no move): one arrow per pair
    // of cells, labelled with its count.
    const expected = new Map<string, number>();
    for (const { movement } of risks) {
      const move = movement.residual;
      if (!move || (move.from.probability === move.to.probability && move.from.impact === move.to.impact)) continue;
      const key = `${move.from.probability}-${move.from.impact}-${move.to.probability}-${move.to.impact}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect([...expected.values()].reduce((sum, count) => sum + count, 0)).toBe(80);
    expect(await page.getByTestId('risk-arrows').locator('line').count()).toBe(expected.size);
    for (const [key, count] of expected) {
      expect((await page.getByTestId(`arrow-${key}`).getAttribute('data-risks'))!.split(' ')).toHaveLength(count);
      expect(await page.getByTestId(`arrow-count-${key}`).textContent()).toBe(String(count));
    }
    await page.getByTestId('risk-matrix').screenshot({ path: screenshotPath('risks-matrix-moves-fr') });
    expect(drawnAfter).toBeGreaterThan(0);
    // The register shows its first 50 rows, then 50 more on each demand.
    await page.getByTestId('more-rows').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('risks-register-more-fr') });
    await page.getByTestId('more-rows').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="risk-register"] tr[data-testid^="row-"]').length === 100);
    await page.getByTestId('more-rows').getByText('Afficher plus (100 sur 1000)').waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('more-rows').getByText('Show more (100 of 1000)').waitFor();
    await page.getByTestId('more-rows').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('risks-register-more-en') });
    await page.getByTestId('language-switch').click();
  });

  it('should mark the risks with overdue treatments on the register and count them', async () => {
    const { page, projectId } = await risksPageAs('copil@demo.jalon.fr');
    const open = (await registerOf(page, projectId)).risks.filter((risk) => risk.status !== 'closed');
    const late = open.filter((risk) => risk.overdueTreatments > 0);
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('count-late-treatments').textContent()).toBe(String(late.reduce((sum, risk) => sum + risk.overdueTreatments, 0)));
    for (const risk of late) {
      await page.getByTestId(`row-${risk.reference}`).getByText(`${risk.overdueTreatments} traitement(s) en retard`).waitFor();
    }
    const onTime = open.find((risk) => risk.overdueTreatments === 0)!;
    expect(await page.getByTestId(`row-${onTime.reference}`).getByText('en retard').count()).toBe(0);
  });

  it('should preview a CSV with a broken row, refuse to import it all, and import the valid rows only', async () => {
    const { page, projectId } = await risksPageAs('pm@demo.jalon.fr');
    const before = (await registerOf(page, projectId)).risks.length;
    const file = {
      name: 'registre.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFTitre;Catégorie;Responsable;Proximité;Probabilité inhérente;Impact inhérent;Statut\r\n' +
          'Hotline saturée au démarrage;Organisation;pm@demo.jalon.fr;15/03/2027;3;4;Identifié\r\n' +
          'Risque <b>mal rangé</b>;Météo;;;3;9;\r\n',
        'utf8',
      ),
    };
    const preview = async () => {
      await page.getByTestId('risks-import').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('risk-import-file').setInputFiles(file);
      await dialog.getByTestId('risk-import-preview').waitFor();
      return dialog;
    };

    let dialog = await preview();
    const rows = dialog.getByTestId('risk-import-row');
    expect(await rows.count()).toBe(2);
    await rows.nth(0).getByText('Valide', { exact: true }).waitFor();
    expect(await rows.nth(0).getByTestId('risk-import-error').count()).toBe(0);
    const broken = dialog.locator('[data-testid="risk-import-row"][data-row="3"]');
    // The title is shown as text, never as markup.
    await broken.getByText('Risque <b>mal rangé</b>').waitFor();
    await broken.getByTestId('risk-import-error').filter({ hasText: 'Catégorie : « Météo » n’est pas une catégorie' }).waitFor();
    await broken.getByTestId('risk-import-error').filter({ hasText: 'Impact inhérent : « 9 » n’est pas un niveau de 1 à 5' }).waitFor();
    await dialog.getByTestId('risk-import-counts').getByText('1 ligne(s) valide(s), 1 ligne(s) rejetée(s)').waitFor();
    expect(await dialog.getByTestId('risk-import-all').isDisabled()).toBe(true);
    await expectAccessible(page, 'risk import preview, French');
    await dialog.screenshot({ path: screenshotPath('risks-import-fr') });
    // Nothing was written by the preview.
    expect((await registerOf(page, projectId)).risks.length).toBe(before);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Risk matrix' }).waitFor();
    dialog = await preview();
    await dialog.getByText('Catégorie: “Météo” is not a category').waitFor();
    await dialog.screenshot({ path: screenshotPath('risks-import-en') });
    await dialog.getByTestId('risk-import-valid-only').click();
    await dialog.waitFor({ state: 'detached' });
    const after = (await registerOf(page, projectId)).risks;
    expect(after.length).toBe(before + 1);
    const imported = after.find((risk) => risk.title === 'Hotline saturée au démarrage')!;
    expect(imported).toMatchObject({ category: 'organisation', proximity: '2027-03-15', inherent: { probability: 3, impact: 4 } });
    expect(after.some((risk) => risk.title.includes('mal rangé'))).toBe(false);
    await page.getByTestId(`row-${imported.reference}`).waitFor();
  });
});
