import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { GoNoGoDecisionDto, GoNoGoEvaluationDto, GoNoGoOverviewDto } from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { DEFAULT_TIME_ZONE, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { callApiFromPage, signedInPage } from '../support/page-api';
import { DEMO_PASSWORD } from '../support/sign-in-page';

const PM = 'pm@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';
const SPONSOR = 'sponsor@demo.jalon.fr';

// The go / no-go of the demo's VABF (Europe/Paris): a « go avec réserves » proposed through the
// API, signed in the page by the key user and the sponsor with their passwords, the PV
// downloaded and rendered, the chain verified intact.
describe('Go / No-Go page', () => {
  const suite = useJalonInBrowser();

  const signedIn = (email: string): Promise<Page> => signedInPage(suite, email, { acceptDownloads: true });

  const call = callApiFromPage;

  async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  it('should have the key user and the sponsor sign a go avec réserves, download the PV and verify it intact, in French and English', async () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Paris');
    // The project manager proposes the decision through the API on the demo's VABF.
    const pm = await signedIn(PM);
    const [project] = await call<Array<{ id: string }>>(pm, 'GET', '/api/projects');
    const base = `/api/projects/${project!.id}/go-no-go`;
    const overview = await call<GoNoGoOverviewDto>(pm, 'GET', base);
    const vabf = overview.campaigns.find((campaign) => campaign.type === 'vabf')!;
    const evaluation = await call<GoNoGoEvaluationDto>(pm, 'GET', `${base}/campaigns/${vabf.id}/evaluation`);
    const openDefects = evaluation.criteria
      .filter((criterion) => criterion.key === 'no_open_blocking_defect' || criterion.key === 'no_open_major_defect_without_reserve')
      .flatMap((criterion) => criterion.evidence);
    expect(openDefects.length).toBeGreaterThan(0);
    const [keyUserAccount] = await call<Array<{ userId: string }>>(pm, 'GET', `/api/projects/${project!.id}/members`).then((members) =>
      (members as unknown as Array<{ userId: string; email?: string; role: string }>).filter((member) => member.role === 'key_user'),
    );
    const decision = await call<GoNoGoDecisionDto>(pm, 'POST', `${base}/campaigns/${vabf.id}/decisions`, {
      kind: 'go_reserves',
      comment: 'Go sous réserve de la correction des anomalies ouvertes',
      reserves: openDefects.map((defect) => ({ defectId: defect.id, ownerUserId: keyUserAccount!.userId, dueDate: '2027-12-01' })),
    });
    expect(decision.signers.map((signer) => signer.role)).toEqual(['key_user', 'sponsor']);

    // The key user opens the page from the rail: criteria red with their evidence, the decision awaiting.
    const keyUser = await signedIn(KEY_USER);
    await keyUser.goto(`${suite.jalon.url}/projects/${project!.id}/overview`);
    await keyUser.getByTestId('nav-go-no-go').click();
    await keyUser.getByRole('heading', { name: 'Go / No-Go', exact: true }).first().waitFor();
    await keyUser.getByTestId('evaluation-verdict').getByText('Pas encore un Go').waitFor();
    await keyUser.getByTestId('criterion-readiness_complete').locator('.evidence a').first().waitFor();
    await keyUser.getByTestId('decision-proposee').waitFor();
    // A wrong password signs nothing and keeps the session.
    await keyUser.getByTestId('sign').click();
    await keyUser.getByTestId('sign-meaning').getByText('approuvé en tant qu’utilisateur clé').waitFor();
    await keyUser.getByTestId('sign-password').fill('pas-le-bon');
    await keyUser.getByTestId('sign-submit').click();
    await keyUser.getByTestId('sign-wrong-password').waitFor();
    expect((await call<GoNoGoDecisionDto>(keyUser, 'GET', `${base}/decisions/${decision.id}`)).signatures).toHaveLength(0);
    await keyUser.getByTestId('sign-password').fill(DEMO_PASSWORD);
    await keyUser.getByTestId('sign-submit').click();
    await keyUser.getByTestId('signatures').getByText('approuvé en tant qu’utilisateur clé').waitFor();
    expect(await keyUser.getByTestId('sign').count()).toBe(0);
    await expectAccessible(keyUser, 'go / no-go page, key user, French');
    await shoot(keyUser, 'go-no-go-key-user-fr');

    // The sponsor signs in English.
    const sponsor = await signedIn(SPONSOR);
    await sponsor.goto(`${suite.jalon.url}/projects/${project!.id}/go-no-go`);
    await sponsor.getByTestId('decision-proposee').waitFor();
    await sponsor.getByTestId('language-switch').click();
    await sponsor.getByRole('heading', { name: 'Go / No-Go', exact: true }).first().waitFor();
    await sponsor.getByText('Not a go yet: some criteria are red.').waitFor();
    await sponsor.getByTestId('sign').click();
    await sponsor.getByTestId('sign-meaning').getByText('decided as sponsor').waitFor();
    await sponsor.getByTestId('sign-password').fill(DEMO_PASSWORD);
    await sponsor.getByTestId('sign-submit').click();
    await sponsor.getByTestId('decision-signee').waitFor();
    await sponsor.getByTestId('signatures').getByText('decided as sponsor').waitFor();
    await sponsor.getByTestId('verify').click();
    await sponsor.getByTestId('verification').getByText('Intact: the decision and its 2 signature(s)').waitFor();
    await expectAccessible(sponsor, 'go / no-go page, sponsor, English');
    await shoot(sponsor, 'go-no-go-signed-en');

    // Back in French: « intègre », and the PV downloads and renders.
    await keyUser.reload();
    await keyUser.getByTestId('decision-signee').waitFor();
    await keyUser.getByTestId('verify').click();
    await keyUser.getByTestId('verification').getByText('Intègre').waitFor();
    const [download] = await Promise.all([keyUser.waitForEvent('download'), keyUser.getByTestId('pv-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^PV de recette.*\.pdf$/);
    const folder = mkdtempSync(join(tmpdir(), 'jalon-pv-'));
    const file = join(folder, 'pv.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(folder, 'page')]);
    expect(statSync(join(folder, 'page-1.png')).size).toBeGreaterThan(5000);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('décidé en tant que sponsor');
    expect(text).toContain('approuvé en tant qu');
    await shoot(keyUser, 'go-no-go-signed-fr');
  });
});
