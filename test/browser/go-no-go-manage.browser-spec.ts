import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type {
  CampaignCriteriaDto,
  CampaignDto,
  DefectDto,
  ExecutionDto,
  GoNoGoDecisionDto,
  GoNoGoEvaluationDto,
  GoNoGoOverviewDto,
} from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { DEFAULT_TIME_ZONE, chooseOption, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { callApiFromPage, signedInPage } from '../support/page-api';
import { DEMO_PASSWORD } from '../support/sign-in-page';

const PM = 'pm@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';
const SPONSOR = 'sponsor@demo.jalon.fr';

// Managing the go / no-go on the demo (Europe/Paris): the project manager edits a new campaign's
// criteria and locks them after a confirmation, keeps a file as a readiness item's evidence, and
// lifts a réserve of a signed « go avec réserves » — refused (in French, by its code) while the
// re-test is not verified, accepted once it is; the re-test shows as an addendum of the decision.
/** Three signed-in users, a campaign prepared and a réserve lifted through the page: long on a loaded machine. */
describe('Go / No-Go page: criteria, evidence files, levée of a réserve, addenda', () => {
  const suite = useJalonInBrowser();

  const signedIn = (email: string): Promise<Page> => signedInPage(suite, email, { acceptDownloads: true });

  const call = callApiFromPage;

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  it('should edit and lock a campaign’s criteria, keep an evidence file, and lift a réserve only with a verified re-test, in French and English', async () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Paris');
    const pm = await signedIn(PM);
    const [project] = await call<Array<{ id: string }>>(pm, 'GET', '/api/projects');
    const base = `/api/projects/${project!.id}/go-no-go`;
    const acceptance = `/api/projects/${project!.id}/acceptance`;
    const campaign = await call<CampaignDto>(pm, 'POST', `${acceptance}/campaigns`, {
      name: 'VSR pilote',
      type: 'vsr',
      startDate: '2027-06-01',
      endDate: '2027-06-30',
    });

    // ---- Criteria of the new campaign: edited, saved, then locked after a confirmation.
    await pm.goto(`${suite.jalon.url}/projects/${project!.id}/go-no-go`);
    await chooseOption(pm, pm.getByTestId('campaign-select'), 'VSR pilote');
    await pm.getByTestId('criteria-edit').waitFor();
    await pm.getByTestId('criterion-enabled-no_undecided_critical_risk').locator('input[type=checkbox]').uncheck();
    await pm.getByTestId('criterion-threshold').fill('90');
    // Unsaved edits: the lock waits for them.
    expect(await pm.getByTestId('criteria-lock').isDisabled()).toBe(true);
    await pm.getByTestId('criteria-save').click();
    await pm.getByTestId('criterion-pass_rate').getByText('Taux de réussite ≥ 90 %').waitFor();
    const saved = await call<CampaignCriteriaDto>(pm, 'GET', `${base}/campaigns/${campaign.id}/criteria`);
    expect(saved).toMatchObject({ version: 1, lockedAt: null });
    expect(saved.criteria.find((row) => row.key === 'pass_rate')).toMatchObject({ enabled: true, threshold: 90 });
    expect(saved.criteria.find((row) => row.key === 'no_undecided_critical_risk')).toMatchObject({ enabled: false });
    await pm.getByTestId('criteria-lock').waitFor({ state: 'visible' });
    await expectAccessible(pm, 'go / no-go page, criteria being edited, French');
    await shoot(pm, 'go-no-go-manage-criteria-fr');
    // Cancelling the confirmation locks nothing; confirming locks.
    await pm.getByTestId('criteria-lock').click();
    await pm.getByRole('alertdialog').getByText('Verrouiller les critères ?').waitFor();
    await pm.getByTestId('confirm-cancel').click();
    await pm.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect((await call<CampaignCriteriaDto>(pm, 'GET', `${base}/campaigns/${campaign.id}/criteria`)).lockedAt).toBeNull();
    await pm.getByTestId('criteria-lock').click();
    await pm.getByTestId('confirm-ok').click();
    await pm.getByTestId('criteria-locked').waitFor();
    expect(await pm.getByTestId('criteria-edit').count()).toBe(0);
    expect((await call<CampaignCriteriaDto>(pm, 'GET', `${base}/campaigns/${campaign.id}/criteria`)).lockedAt).not.toBeNull();

    // ---- An evidence file on the first readiness item: attached, listed, downloaded under its name.
    const pdf = Buffer.from('%PDF-1.4\n% Émargement de la formation des utilisateurs clés\n%%EOF\n', 'utf8');
    await pm.locator('[data-testid^="evidence-upload-"]').first().setInputFiles({ name: 'Émargement formation.pdf', mimeType: 'application/pdf', buffer: pdf });
    const fileLink = pm.getByTestId('readiness').getByRole('link', { name: 'Télécharger Émargement formation.pdf' });
    await fileLink.waitFor();
    const [download] = await Promise.all([pm.waitForEvent('download'), fileLink.click()]);
    expect(await download.failure()).toBeNull();
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);
    // The name it is sent under (Chromium's suggested name for this <a download> read « download » in this harness).
    const href = (await fileLink.getAttribute('href'))!;
    const disposition = await pm.evaluate(async (url) => (await fetch(url)).headers.get('content-disposition'), href);
    expect(disposition).toBe(`attachment; filename="Emargement formation.pdf"; filename*=UTF-8''%C3%89margement%20formation.pdf`);
    // A file whose content is not of an accepted type: refused, in French.
    await pm
      .locator('[data-testid^="evidence-upload-"]')
      .first()
      .setInputFiles({ name: 'outil.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xff]) });
    await pm.getByText('Seules les images PNG, JPEG, GIF, WebP, les PDF et les journaux texte sont acceptés').waitFor();

    // ---- A « go avec réserves » on the VABF, signed by the key user and the sponsor.
    const overview = await call<GoNoGoOverviewDto>(pm, 'GET', base);
    const vabf = overview.campaigns.find((row) => row.type === 'vabf')!;
    const evaluation = await call<GoNoGoEvaluationDto>(pm, 'GET', `${base}/campaigns/${vabf.id}/evaluation`);
    const corrected = (await call<DefectDto[]>(pm, 'GET', `${acceptance}/defects?status=corrigee`)).find((defect) => defect.campaignId === vabf.id)!;
    expect(corrected).toBeDefined();
    const blocking = evaluation.criteria
      .filter((criterion) => criterion.key === 'no_open_blocking_defect' || criterion.key === 'no_open_major_defect_without_reserve')
      .flatMap((criterion) => criterion.evidence.map((evidence) => evidence.id));
    const members = await call<Array<{ userId: string; role: string }>>(pm, 'GET', `/api/projects/${project!.id}/members`);
    const owner = members.find((member) => member.role === 'key_user')!.userId;
    const decision = await call<GoNoGoDecisionDto>(pm, 'POST', `${base}/campaigns/${vabf.id}/decisions`, {
      kind: 'go_reserves',
      comment: 'Go sous réserves',
      reserves: [...new Set([...blocking, corrected.id])].map((defectId) => ({ defectId, ownerUserId: owner, dueDate: '2027-12-01' })),
    });
    const keyUser = await signedIn(KEY_USER);
    const sponsor = await signedIn(SPONSOR);
    await call(keyUser, 'POST', `${base}/decisions/${decision.id}/signatures`, { password: DEMO_PASSWORD });
    expect((await call<GoNoGoDecisionDto>(sponsor, 'POST', `${base}/decisions/${decision.id}/signatures`, { password: DEMO_PASSWORD })).status).toBe('signee');

    // The key user re-tests the corrected defect's case: it fails again and the defect goes back to correction;
    // the project manager marks it corrected again (a re-test on record, none verified).
    const original = await call<ExecutionDto>(keyUser, 'GET', `${acceptance}/executions/${corrected.executionId}`);
    const runCase = async (status: 'reussi' | 'echoue'): Promise<ExecutionDto> => {
      let execution = await call<ExecutionDto>(keyUser, 'POST', `${acceptance}/campaigns/${vabf.id}/cases/${original.campaignCaseId}/executions`);
      for (const index of status === 'echoue' ? [0] : [...execution.steps.keys()]) {
        execution = await call<ExecutionDto>(keyUser, 'PUT', `${acceptance}/executions/${execution.id}/steps/${index}`, {
          version: execution.version,
          status,
          actual: status === 'echoue' ? 'Toujours tronqué' : '',
        });
      }
      return execution;
    };
    const failedRetest = await runCase('echoue');
    expect(failedRetest.result).toBe('echoue');
    let current = await call<DefectDto>(keyUser, 'GET', `${acceptance}/defects/${corrected.id}`);
    current = await call<DefectDto>(keyUser, 'POST', `${acceptance}/defects/${corrected.id}/transitions`, { version: current.version, to: 'en_correction', executionId: failedRetest.id });
    current = await call<DefectDto>(pm, 'POST', `${acceptance}/defects/${corrected.id}/transitions`, { version: current.version, to: 'corrigee' });

    // The project manager tries to lift the réserve: refused, the API's reason shown in French.
    await chooseOption(pm, pm.getByTestId('campaign-select'), vabf.name);
    await pm.getByTestId('decision-signee').waitFor();
    await pm.getByTestId(`lift-${corrected.reference}`).click();
    const dialog = pm.getByRole('dialog');
    await dialog.getByTestId('levee-retests').waitFor();
    await dialog.getByTestId('levee-submit').click();
    await dialog.getByTestId('levee-refusal').getByText('Une réserve n’est levée qu’avec un re-test vérifié.').waitFor();
    await expectAccessible(pm, 'go / no-go page, levée refused, French');
    await shoot(pm, 'go-no-go-manage-levee-refused-fr');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The key user re-tests it again, passed, and verifies the defect; the project manager lifts the réserve, in English.
    const retest = await runCase('reussi');
    expect(retest.result).toBe('reussi');
    current = await call<DefectDto>(keyUser, 'GET', `${acceptance}/defects/${corrected.id}`);
    await call(keyUser, 'POST', `${acceptance}/defects/${corrected.id}/transitions`, { version: current.version, to: 'verifiee', executionId: retest.id });
    await pm.reload();
    await pm.getByTestId('decision-signee').waitFor();
    await pm.getByTestId('language-switch').click();
    await pm.getByRole('heading', { name: 'Decision', exact: true }).waitFor();
    await pm.getByTestId(`lift-${corrected.reference}`).click();
    await pm.getByRole('dialog').getByTestId('levee-retests').getByText(/passed/).waitFor();
    await pm.getByRole('dialog').getByTestId('levee-submit').click();
    await pm.getByRole('dialog').waitFor({ state: 'detached' });
    await pm.getByTestId('decisions').getByText(/lifted on/).waitFor();
    expect(await pm.getByTestId(`lift-${corrected.reference}`).count()).toBe(0);
    const lifted = await call<GoNoGoDecisionDto>(pm, 'GET', `${base}/decisions/${decision.id}`);
    expect(lifted.reserves.find((reserve) => reserve.defectId === corrected.id)).toMatchObject({ retestExecutionId: retest.id });
    expect(lifted.reserves.find((reserve) => reserve.defectId === corrected.id)!.leveeDate).not.toBeNull();

    // The re-test, run after the decision, is an addendum of it; the decision's hash did not change.
    const addenda = pm.getByTestId('addenda');
    await addenda.waitFor();
    await addenda.getByText(original.reference).first().waitFor();
    await addenda.getByText('New run (not run)').first().waitFor();
    await addenda.getByText(/→ passed/).first().waitFor();
    expect(lifted.contentHash).toBe(decision.contentHash);
    expect(lifted.addenda.map((row) => row.executionId)).toContain(retest.id);
    await expectAccessible(pm, 'go / no-go page, réserve lifted and addenda, English');
    await shoot(pm, 'go-no-go-manage-levee-en');
    await pm.getByTestId('verify').first().click();
    await pm.getByTestId('verification').getByText('Intact').waitFor();
  }, 600_000);
});
