import type { Page } from 'playwright-core';
import type { GoNoGoDecisionDto, GoNoGoEvaluationDto, GoNoGoOverviewDto } from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { DEFAULT_TIME_ZONE, screenshotPath } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { callApiFromPage, signedInPage } from '../support/page-api';
import { DEMO_PASSWORD } from '../support/sign-in-page';

/** Three sessions, two decisions proposed and signed, four pages checked by axe: minutes on a loaded 2-core machine. */
const LONG = 600_000;

const PM = 'pm@demo.jalon.fr';
const KEY_USER = 'key.user@demo.jalon.fr';
const SPONSOR = 'sponsor@demo.jalon.fr';

/** Today in Paris ('YYYY-MM-DD') and a calendar day before it, by the digits. */
const parisToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const daysBefore = (date: string, days: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
};
const french = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

// The go / no-go tied to the rest of the demo project (issue 16): a « go avec réserves » signed on
// the VABF with a réserve already past its due date, then a no-go signed on it (all through the
// API); the sponsor sees the overdue réserve on the overview and the no-go on the planning, in
// French and English, and follows the banner's link to the Go / No-Go page.
describe('Go / no-go on the overview and the planning', () => {
  const suite = useJalonInBrowser();

  const signedIn = (email: string): Promise<Page> => signedInPage(suite, email);

  const call = callApiFromPage;

  async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  it('should show the overdue réserve on the overview and the signed no-go on the planning, in French and English', async () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Paris');
    const pm = await signedIn(PM);
    const keyUser = await signedIn(KEY_USER);
    const sponsor = await signedIn(SPONSOR);
    const [project] = await call<Array<{ id: string }>>(pm, 'GET', '/api/projects');
    const projectId = project!.id;
    const base = `/api/projects/${projectId}/go-no-go`;
    const vabf = (await call<GoNoGoOverviewDto>(pm, 'GET', base)).campaigns.find((campaign) => campaign.type === 'vabf')!;
    const evaluation = await call<GoNoGoEvaluationDto>(pm, 'GET', `${base}/campaigns/${vabf.id}/evaluation`);
    const defect = evaluation.criteria
      .filter((criterion) => criterion.key === 'no_open_blocking_defect' || criterion.key === 'no_open_major_defect_without_reserve')
      .flatMap((criterion) => criterion.evidence)[0]!;
    const members = await call<Array<{ userId: string; role: string; displayName?: string }>>(pm, 'GET', `/api/projects/${projectId}/members`);
    const owner = members.find((member) => member.role === 'key_user')!;

    // A « go avec réserves » whose réserve was due six days ago, signed by the key user and the sponsor…
    const today = parisToday();
    const due = daysBefore(today, 6);
    const sign = async (decision: GoNoGoDecisionDto) => {
      for (const page of [keyUser, sponsor]) await call(page, 'POST', `${base}/decisions/${decision.id}/signatures`, { password: DEMO_PASSWORD });
      return call<GoNoGoDecisionDto>(pm, 'GET', `${base}/decisions/${decision.id}`);
    };
    const goReserves = await sign(
      await call<GoNoGoDecisionDto>(pm, 'POST', `${base}/campaigns/${vabf.id}/decisions`, {
        kind: 'go_reserves',
        reserves: [{ defectId: defect.id, ownerUserId: owner.userId, dueDate: due }],
      }),
    );
    expect(goReserves.status).toBe('signee');
    // …then, the anomalies piling up, a no-go signed on the same campaign.
    const noGo = await sign(await call<GoNoGoDecisionDto>(pm, 'POST', `${base}/campaigns/${vabf.id}/decisions`, { kind: 'no_go', comment: 'Trop d’anomalies ouvertes' }));
    expect(noGo).toMatchObject({ status: 'signee', kind: 'no_go' });

    // The sponsor's overview lists the overdue réserve.
    await sponsor.goto(`${suite.jalon.url}/projects/${projectId}/overview`);
    const reserves = sponsor.getByTestId('overview-overdue-reserves');
    await reserves.getByRole('heading', { name: 'Réserves de recette en retard (1)' }).waitFor();
    const row = reserves.getByTestId('overdue-reserve');
    expect(await row.count()).toBe(1);
    const cells = (await row.locator('td').allInnerTexts()).map((text) => text.trim());
    expect(cells).toEqual([`${goReserves.reserves[0]!.defectReference} ${goReserves.reserves[0]!.defectTitle}`, vabf.name, goReserves.reserves[0]!.ownerName, french(due), '6 j']);
    expect(await reserves.getByTestId('overview-to-go-no-go').getAttribute('href')).toBe(`/projects/${projectId}/go-no-go`);
    await expectAccessible(sponsor, 'overview with an overdue réserve, French');
    await shoot(sponsor, 'go-no-go-links-overview-fr');

    // The planning shows the no-go with its campaign and date.
    await sponsor.goto(`${suite.jalon.url}/projects/${projectId}/planning`);
    const banner = sponsor.getByTestId('no-go-banner');
    await banner.getByRole('heading', { name: `No-go sur la recette « ${vabf.name} »` }).waitFor();
    expect(await banner.innerText()).toContain(`Décision de no-go signée le ${french(today)}`);
    await sponsor.getByTestId('task-row').first().waitFor();
    await expectAccessible(sponsor, 'planning with a no-go, French');
    await shoot(sponsor, 'go-no-go-links-planning-fr');

    // In English.
    await sponsor.getByTestId('language-switch').click();
    await banner.getByRole('heading', { name: `No-go on the acceptance campaign “${vabf.name}”` }).waitFor();
    expect(await banner.innerText()).toContain(`No-go decision signed on ${french(today)}`);
    await expectAccessible(sponsor, 'planning with a no-go, English');
    await shoot(sponsor, 'go-no-go-links-planning-en');
    await sponsor.goto(`${suite.jalon.url}/projects/${projectId}/overview`);
    await reserves.getByRole('heading', { name: 'Overdue acceptance réserves (1)' }).waitFor();
    expect((await row.locator('td').allInnerTexts()).map((text) => text.trim()).at(-1)).toBe('6 d');
    await expectAccessible(sponsor, 'overview with an overdue réserve, English');
    await shoot(sponsor, 'go-no-go-links-overview-en');

    // The banner's link opens the Go / No-Go page.
    await sponsor.goto(`${suite.jalon.url}/projects/${projectId}/planning`);
    await sponsor.getByTestId('no-go-link').click();
    await sponsor.waitForURL(`**/projects/${projectId}/go-no-go`);
    await sponsor.getByRole('heading', { name: 'Go / No-Go', exact: true }).first().waitFor();
  }, LONG);
});
