import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { RequirementDto, TestCaseDto, TraceabilityDto } from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { DEFAULT_TIME_ZONE, newContext, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signInThroughPage } from '../support/sign-in-page';

const PM = 'pm@demo.jalon.fr';
const VIEWER = 'viewer@demo.jalon.fr';

// Writing the recette on the demo project (Europe/Paris): the requirements of the cahier des
// charges, a test case's ordered steps, the traceability matrix and its workbook, and what a
// viewer may not do.
describe('Recette: requirements, cases and traceability', () => {
  const suite = useJalonInBrowser();

  async function signedIn(email: string): Promise<Page> {
    const context = await newContext(suite.browser, { viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    suite.pages.push(page);
    await signInThroughPage(page, suite.jalon.url, email);
    return page;
  }

  const getJson = <T>(page: Page, url: string): Promise<T> =>
    page.evaluate(async (address) => {
      const response = await fetch(address);
      if (!response.ok) throw new Error(`${address}: ${response.status}`);
      return (await response.json()) as unknown;
    }, url) as Promise<T>;

  async function demoProjectId(page: Page): Promise<string> {
    const projects = await getJson<Array<{ id: string; name: string }>>(page, '/api/projects');
    const project = projects.find((candidate) => candidate.name.startsWith('Déploiement plateforme relation client')) ?? projects[0];
    if (!project) throw new Error('No demo project');
    return project.id;
  }

  async function switchLanguage(page: Page, heading: string): Promise<void> {
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
  }

  /** The references of the table's rows, in order. */
  const shownReferences = (page: Page, table: string): Promise<string[]> =>
    page
      .getByTestId(table)
      .locator('tr[data-testid^="row-"]')
      .evaluateAll((rows) => rows.map((row) => (row.getAttribute('data-testid') ?? '').replace(/^row-/, '')));

  it('should list the requirements, filter them, create one and draft its case, accessibly, in French and English', async () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Paris');
    const page = await signedIn(PM);
    const projectId = await demoProjectId(page);

    // « Recette » in the project rail opens the requirements.
    await page.goto(`${suite.jalon.url}/projects/${projectId}/planning`);
    await page.getByTestId('nav-acceptance').click();
    await page.waitForURL(new RegExp(`/projects/${projectId}/acceptance/requirements$`));
    await page.getByRole('heading', { name: 'Exigences', exact: true }).waitFor();
    await page.getByTestId('row-EXG-001').waitFor();
    const requirements = await getJson<RequirementDto[]>(page, `/api/projects/${projectId}/acceptance/requirements`);
    expect(requirements.length).toBeGreaterThanOrEqual(40);
    expect((await shownReferences(page, 'requirements-table')).sort()).toEqual(requirements.map((requirement) => requirement.reference).sort());
    // The priority is said in words, not by colour alone.
    const first = requirements.find((requirement) => requirement.reference === 'EXG-001')!;
    const priorityWord = { indispensable: 'Indispensable', souhaitable: 'Souhaitable', facultatif: 'Facultatif' }[first.priority];
    await page.getByTestId('row-EXG-001').getByText(priorityWord, { exact: true }).waitFor();

    // Filters: priority, then a text found in a title, case and accents aside.
    await page.getByTestId('filter-priority').click();
    await page.getByRole('option', { name: 'Indispensable', exact: true }).click();
    const indispensable = requirements.filter((requirement) => requirement.priority === 'indispensable').map((requirement) => requirement.reference);
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="requirements-table"] tr[data-testid^="row-"]').length === count,
      indispensable.length,
    );
    expect((await shownReferences(page, 'requirements-table')).sort()).toEqual([...indispensable].sort());
    await expectAccessible(page, 'requirements page, project manager, French');
    await page.screenshot({ path: screenshotPath('acceptance-requirements-fr'), fullPage: true });
    await page.getByTestId('filter-priority').click();
    await page.getByRole('option', { name: 'Tous', exact: true }).click();

    // A new requirement with two acceptance criteria.
    await page.getByTestId('new-requirement').click();
    const dialog = page.getByRole('dialog');
    await dialogFocused(page);
    await dialog.getByTestId('requirement-title').fill('Rappel automatique du client après un abandon en file');
    await dialog
      .getByTestId('requirement-description')
      .fill('Le client qui raccroche en file d’attente est rappelé.\n- Le rappel part dans les 10 minutes\n- Le conseiller voit la fiche du client au décroché');
    await dialog.getByTestId('requirement-category').click();
    await page.getByRole('option', { name: 'Fonctionnelle', exact: true }).click();
    // Each choice shows in its field (the panel has closed) before the next one is made.
    await dialog.getByTestId('requirement-category').locator('.mat-mdc-select-value-text').getByText('Fonctionnelle', { exact: true }).waitFor();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await dialog.getByTestId('requirement-priority').click();
    await page.getByRole('option', { name: 'Indispensable', exact: true }).click();
    await dialog.getByTestId('requirement-priority').locator('.mat-mdc-select-value-text').getByText('Indispensable', { exact: true }).waitFor();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await expectAccessible(page, 'requirement dialog, French');
    await dialog.screenshot({ path: screenshotPath('acceptance-requirement-dialog-fr') });
    await dialog.getByTestId('requirement-save').click();
    await dialog.waitFor({ state: 'detached' });
    const after = await getJson<RequirementDto[]>(page, `/api/projects/${projectId}/acceptance/requirements`);
    expect(after.length).toBe(requirements.length + 1);
    const known = new Set(requirements.map((requirement) => requirement.id));
    const created = after.find((requirement) => !known.has(requirement.id))!;
    expect(created.title).toBe('Rappel automatique du client après un abandon en file');
    expect(created).toMatchObject({ category: 'fonctionnelle', priority: 'indispensable', status: 'brouillon', revision: 1 });
    await page.getByTestId(`row-${created.reference}`).waitFor();

    // Its draft case: one step per criterion, shown on the cases page among the drafts.
    await page.getByTestId(`select-${created.reference}`).click();
    await page.getByTestId('generate-cases').click();
    await page.waitForURL(new RegExp(`/projects/${projectId}/acceptance/cases\\?status=brouillon$`));
    const cases = await getJson<TestCaseDto[]>(page, `/api/projects/${projectId}/acceptance/cases`);
    const drafted = cases.find((testCase) => testCase.requirements.some((requirement) => requirement.id === created.id));
    expect(drafted).toBeDefined();
    expect(drafted!.status).toBe('brouillon');
    expect(drafted!.steps.map((step) => step.action)).toEqual(['Le rappel part dans les 10 minutes', 'Le conseiller voit la fiche du client au décroché'].map((text) => expect.stringContaining(text)));
    await page.getByTestId(`row-${drafted!.reference}`).waitFor();
    // The status filter shows the drafts only.
    const drafts = cases.filter((testCase) => testCase.status === 'brouillon').map((testCase) => testCase.reference);
    expect((await shownReferences(page, 'cases-table')).sort()).toEqual([...drafts].sort());

    await page.getByTestId('acceptance-tab-requirements').click();
    await page.getByTestId('row-EXG-001').waitFor();
    await switchLanguage(page, 'Requirements');
    await page.getByTestId('row-EXG-001').getByText({ indispensable: 'Essential', souhaitable: 'Desirable', facultatif: 'Optional' }[first.priority], { exact: true }).waitFor();
    await expectAccessible(page, 'requirements page, project manager, English');
    await page.screenshot({ path: screenshotPath('acceptance-requirements-en'), fullPage: true });
    await switchLanguage(page, 'Exigences');
  });

  it('should add a step to a case, move it up and save the steps in that order, with a new revision of a ready case', async () => {
    const page = await signedIn(PM);
    const projectId = await demoProjectId(page);
    const before = (await getJson<TestCaseDto[]>(page, `/api/projects/${projectId}/acceptance/cases`)).find((testCase) => testCase.reference === 'CT-002')!;
    expect(before.steps.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${suite.jalon.url}/projects/${projectId}/acceptance/cases`);
    await page.getByTestId('open-CT-002').click();
    const dialog = page.getByRole('dialog');
    await dialogFocused(page);
    await dialog.getByTestId('case-steps').waitFor();
    const count = before.steps.length;
    expect(await dialog.locator('[data-testid^="step-action-"]').count()).toBe(count);
    // The first step cannot move up, the last cannot move down.
    expect(await dialog.getByTestId('step-up-1').isDisabled()).toBe(true);
    expect(await dialog.getByTestId(`step-down-${count}`).isDisabled()).toBe(true);

    await dialog.getByTestId('add-step').click();
    const added = count + 1;
    // The new step's action takes the focus.
    await dialog.getByTestId(`step-action-${added}`).waitFor();
    expect(await dialog.getByTestId(`step-action-${added}`).evaluate((element) => element === document.activeElement)).toBe(true);
    await dialog.getByTestId(`step-action-${added}`).fill('Consulter l’historique des interactions du client');
    await dialog.getByTestId(`step-data-${added}`).fill('Client « Dupont <b>test</b> »');
    await dialog.getByTestId(`step-expected-${added}`).fill('Les 10 dernières interactions sont listées, la plus récente en tête');
    await dialog.getByTestId(`step-up-${added}`).click();
    // Moved to the place before the last one: its text moved with it (once the dialog has redrawn the steps).
    await page.waitForFunction(
      ({ testId, text }) => (document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement | null)?.value === text,
      { testId: `step-action-${count}`, text: 'Consulter l’historique des interactions du client' },
    );
    expect(await dialog.getByTestId(`step-action-${added}`).inputValue()).toBe(before.steps[count - 1]!.action);
    await expectAccessible(page, 'case dialog with steps, French');
    await dialog.screenshot({ path: screenshotPath('acceptance-case-dialog-fr') });

    // An empty step is refused before the API is called.
    await dialog.getByTestId('add-step').click();
    await dialog.getByTestId('case-save').click();
    await page.getByText(`Chaque étape a besoin d’une action et d’un résultat attendu (étape ${added + 1}).`).waitFor();
    await dialog.getByTestId(`step-remove-${added + 1}`).click();
    expect(await dialog.locator('[data-testid^="step-action-"]').count()).toBe(added);

    await dialog.getByTestId('case-save').click();
    await dialog.waitFor({ state: 'detached' });
    const after = (await getJson<TestCaseDto[]>(page, `/api/projects/${projectId}/acceptance/cases`)).find((testCase) => testCase.reference === 'CT-002')!;
    expect(after.steps.map((step) => step.action)).toEqual([
      ...before.steps.slice(0, count - 1).map((step) => step.action),
      'Consulter l’historique des interactions du client',
      before.steps[count - 1]!.action,
    ]);
    expect(after.steps[count - 1]).toMatchObject({ data: 'Client « Dupont <b>test</b> »', expected: 'Les 10 dernières interactions sont listées, la plus récente en tête' });
    if (before.status === 'pret') expect(after.revision).toBe(before.revision + 1);
    await page.getByTestId('row-CT-002').getByText(String(count + 1), { exact: true }).waitFor();

    // The same dialog in English.
    await switchLanguage(page, 'Test cases');
    await page.getByTestId('open-CT-002').click();
    await dialog.getByText('Step 1', { exact: true }).waitFor();
    await dialog.getByText(`v${after.revision} (current) — ${count + 1} step(s)`).waitFor();
    // The pointer leaves the focused field it landed on (a hovered and focused label is the theme's, 4.0:1).
    await dialog.getByRole('heading', { name: 'Test case CT-002' }).hover();
    await expectAccessible(page, 'case dialog with steps, English');
    await dialog.screenshot({ path: screenshotPath('acceptance-case-dialog-en') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await switchLanguage(page, 'Cas de test');
  });

  it('should show the traceability matrix with words for every result, filter the unproven essentials and download it as a workbook', async () => {
    const page = await signedIn(PM);
    const projectId = await demoProjectId(page);
    await page.goto(`${suite.jalon.url}/projects/${projectId}/acceptance/traceability`);
    await page.getByTestId('traceability-matrix').waitFor();
    const matrix = await getJson<TraceabilityDto>(page, `/api/projects/${projectId}/acceptance/traceability`);
    // Every requirement still in force (not obsolete) is a row of the matrix, the demo's and this suite's.
    const inForce = (await getJson<RequirementDto[]>(page, `/api/projects/${projectId}/acceptance/requirements`))
      .filter((requirement) => requirement.status !== 'obsolete')
      .map((requirement) => requirement.reference);
    expect(inForce.length).toBeGreaterThan(30);
    expect(matrix.requirements.map((requirement) => requirement.reference).sort()).toEqual([...inForce].sort());
    expect(await page.getByTestId('traceability-matrix').locator('tbody tr').count()).toBe(matrix.requirements.length);
    // The demo's half-run campaign: some requirements proven, some failed.
    const states = new Set(matrix.requirements.map((requirement) => requirement.state));
    expect(states.has('ok') && states.has('ko')).toBe(true);
    const words = { non_couverte: 'Non couverte', non_executee: 'Non exécutée', ok: 'OK', ko: 'KO' } as const;
    for (const requirement of matrix.requirements.slice(0, 10)) {
      expect((await page.getByTestId(`trace-${requirement.reference}`).getByTestId('coverage').textContent())?.trim()).toContain(words[requirement.state]);
    }
    // A failed cell says so in words, next to its colour.
    const failed = matrix.requirements.find((requirement) => requirement.cells.some((cell) => cell.result === 'echoue'))!;
    await page.getByTestId(`trace-${failed.reference}`).locator('td[data-result="echoue"]').first().getByText('Échoué').waitFor();
    await expectAccessible(page, 'traceability matrix, French');
    await page.screenshot({ path: screenshotPath('acceptance-traceability-fr'), fullPage: true });

    // « Indispensables non prouvées »: the essential requirements whose coverage is anything but OK.
    await page.getByTestId('unproven-only').click();
    const unproven = matrix.requirements.filter((requirement) => requirement.priority === 'indispensable' && requirement.state !== 'ok').map((requirement) => requirement.reference);
    expect(unproven.length).toBeGreaterThan(0);
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="traceability-matrix"] tbody tr').length === count, unproven.length);
    const shown = await page
      .getByTestId('traceability-matrix')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row.getAttribute('data-testid') ?? '').replace(/^trace-/, '')));
    expect(shown.sort()).toEqual([...unproven].sort());
    expect(await page.getByTestId('indispensable-proven').locator('.value').textContent()).toBe(
      `${matrix.requirements.filter((requirement) => requirement.priority === 'indispensable' && requirement.state === 'ok').length} / ${matrix.requirements.filter((requirement) => requirement.priority === 'indispensable').length}`,
    );

    // The workbook: the same requirements, opened with exceljs.
    const href = (await page.getByTestId('traceability-download').getAttribute('href'))!;
    expect(href).toBe(`/api/projects/${projectId}/acceptance/traceability.xlsx`);
    const answer = await page.evaluate(async (address) => {
      const response = await fetch(address);
      return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') };
    }, href);
    expect(answer).toMatchObject({ status: 200, type: expect.stringContaining('spreadsheetml') });
    // The name comes from this header (headless Chromium reports every download as « download », the risks export too).
    expect(answer.disposition).toMatch(/^attachment; filename="Matrice de tracabilite - .*\.xlsx"; filename\*=UTF-8''Matrice%20de%20tra%C3%A7abilit%C3%A9/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('traceability-download').click()]);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(1);
    const cellsText = new Set<string>();
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cellsText.add(String(cell.text ?? '').trim())));
    for (const requirement of matrix.requirements) expect(cellsText.has(requirement.reference)).toBe(true);
    for (const testCase of matrix.cases.slice(0, 5)) expect([...cellsText].some((text) => text.includes(testCase.reference))).toBe(true);

    await switchLanguage(page, 'Traceability matrix');
    await page.getByTestId(`trace-${unproven[0]}`).getByTestId('coverage').getByText(/Not covered|Not run|KO/).waitFor();
    await expectAccessible(page, 'traceability matrix, English');
    await page.screenshot({ path: screenshotPath('acceptance-traceability-en'), fullPage: true });
    await switchLanguage(page, 'Matrice de traçabilité');
  });

  it('should preview an import with a broken row, refuse to import it all and import the valid rows only', async () => {
    const page = await signedIn(PM);
    const projectId = await demoProjectId(page);
    const before = await getJson<RequirementDto[]>(page, `/api/projects/${projectId}/acceptance/requirements`);
    await page.goto(`${suite.jalon.url}/projects/${projectId}/acceptance/requirements`);
    await page.getByTestId('row-EXG-001').waitFor();
    await page.getByTestId('requirements-import').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('requirement-import-file').setInputFiles({
      name: 'grille-conformite.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFRéférence;Exigence;Priorité;Catégorie\r\n' +
          'IMP-001;Export des appels abandonnés vers l’entrepôt;Indispensable;Reporting\r\n' +
          'IMP-002;Exigence <b>mal notée</b>;Vitale;Reporting\r\n' +
          'EXG-001;Doublon d’une exigence existante;Souhaitable;Technique\r\n',
        'utf8',
      ),
    });
    await dialog.getByTestId('requirement-import-preview').waitFor();
    const rows = dialog.getByTestId('requirement-import-row');
    expect(await rows.count()).toBe(3);
    await rows.nth(0).getByText('Valide').waitFor();
    // Text from the file is shown as text, never as markup.
    await rows.nth(1).getByText('Exigence <b>mal notée</b>').waitFor();
    expect(await rows.nth(1).getByTestId('requirement-import-error').count()).toBeGreaterThanOrEqual(1);
    expect(await rows.nth(2).getByTestId('requirement-import-error').count()).toBeGreaterThanOrEqual(1);
    await dialog.getByTestId('requirement-import-counts').getByText('1 ligne(s) valide(s), 2 ligne(s) rejetée(s)').waitFor();
    expect(await dialog.getByTestId('requirement-import-all').isDisabled()).toBe(true);
    await expectAccessible(page, 'requirement import preview, French');
    await dialog.screenshot({ path: screenshotPath('acceptance-import-fr') });
    // Nothing was written by the preview.
    expect((await getJson<RequirementDto[]>(page, `/api/projects/${projectId}/acceptance/requirements`)).length).toBe(before.length);

    await dialog.getByTestId('requirement-import-valid-only').click();
    await dialog.waitFor({ state: 'detached' });
    const after = await getJson<RequirementDto[]>(page, `/api/projects/${projectId}/acceptance/requirements`);
    expect(after.length).toBe(before.length + 1);
    expect(after.find((requirement) => requirement.reference === 'IMP-001')).toMatchObject({ priority: 'indispensable', category: 'reporting' });
    expect(after.some((requirement) => requirement.reference === 'IMP-002')).toBe(false);
    await page.getByTestId('row-IMP-001').waitFor();
  });

  it('should let a viewer read the requirements, cases and matrix without any write button', async () => {
    const page = await signedIn(VIEWER);
    const projectId = await demoProjectId(page);
    await page.goto(`${suite.jalon.url}/projects/${projectId}/acceptance/requirements`);
    await page.getByTestId('row-EXG-001').waitFor();
    for (const id of ['new-requirement', 'requirements-import', 'generate-cases', 'select-all', 'select-EXG-001']) {
      expect(await page.getByTestId(id).count()).toBe(0);
    }
    // EXG-007 was revised in the demo: its history keeps the first content.
    await page.getByTestId('open-EXG-007').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('requirement-title').waitFor();
    await dialog.getByTestId('revision-2').waitFor();
    expect(await dialog.getByTestId('revision-2').locator('summary').textContent()).toContain('v2 (actuelle)');
    expect(await dialog.getByTestId('revision-1').locator('summary').textContent()).toMatch(/v1, remplacée le .* par /);
    expect(await dialog.getByTestId('requirement-save').count()).toBe(0);
    expect(await dialog.getByTestId('requirement-delete').count()).toBe(0);
    expect(await dialog.getByTestId('requirement-title').getAttribute('readonly')).not.toBeNull();
    await expectAccessible(page, 'requirement dialog, viewer');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshotPath('acceptance-requirements-viewer-fr'), fullPage: true });

    await page.getByTestId('acceptance-tab-cases').click();
    await page.getByTestId('row-CT-001').waitFor();
    expect(await page.getByTestId('new-case').count()).toBe(0);
    await page.getByTestId('open-CT-001').click();
    await dialog.getByTestId('case-steps').waitFor();
    for (const id of ['case-save', 'case-delete', 'add-step', 'step-up-2', 'step-remove-1']) expect(await dialog.getByTestId(id).count()).toBe(0);
    await expectAccessible(page, 'case dialog, viewer');
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    await page.getByTestId('acceptance-tab-traceability').click();
    await page.getByTestId('traceability-matrix').waitFor();
    expect(await page.getByTestId('traceability-download').count()).toBe(1);
    await expectAccessible(page, 'traceability matrix, viewer');
  });
});

/**
 * A dialog moves the focus into itself once it has opened: text typed before that (on a loaded
 * machine) can land in whatever field takes the focus then.
 */
async function dialogFocused(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.activeElement?.closest('mat-dialog-container') ?? null) !== null);
}
