import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { MeetingDto, MeetingSummaryDto, SentMailListDto } from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { launchChromium, newContext, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { signInThroughPage } from '../support/sign-in-page';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

const getJson = async <T>(page: Page, path: string): Promise<T> => page.evaluate(async (url) => (await fetch(url)).json(), path) as Promise<T>;

// « Courriels envoyés » on the demo, in folder mode (no SMTP_URL): convening the next COPIL writes
// its invitations as .eml files and the page shows them as their recipients see them.
describe('Sent e-mails page', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    // A copy of the run's demo, whose seeding start claimed the mail catch-up as this start would
    // have on an empty database (browser-global-setup.ts): the outbox holds only what the test sends.
    database = await createDemoDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'jalon-mail-'));
    // NODE_ENV development: the outbox worker polls as in production (tests otherwise drain it themselves).
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true', NODE_ENV: 'development', JALON_DATA_DIR: dataDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should show the invitation of the demo’s next COPIL once convened, with its calendar request, in French and English', async () => {
    const context = await newContext(browser, { viewport: { width: 1500, height: 1000 } });
    const page = await context.newPage();
    await signInThroughPage(page, jalon.url, 'admin@demo.jalon.fr');
    const [project] = await getJson<Array<{ id: string }>>(page, '/api/projects');
    const meetings = await getJson<MeetingSummaryDto[]>(page, `/api/projects/${project!.id}/meetings`);
    const next = meetings.filter((meeting) => meeting.type === 'copil' && meeting.status === 'brouillon').sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]!;
    const detail = await getJson<MeetingDto>(page, `/api/projects/${project!.id}/meetings/${next.id}`);
    expect(detail.participants.length).toBeGreaterThanOrEqual(2);

    await page.goto(`${jalon.url}/projects/${project!.id}/meetings/${next.id}`);
    await page.getByTestId('lifecycle-convoquee').click();
    await page.getByTestId('meeting-status').getByText('Convoquée').waitFor();

    // The worker sends (here: files) the invitations within its polling interval (15 s). The page
    // asks /api/mail again whenever no request is in flight; the predicate itself is synchronous (an
    // async one would hand waitForFunction a Promise, always truthy) and reads the last answer.
    await page.waitForFunction(
      (expected) => {
        const state = window as unknown as { sentInvitations?: number; mailRequest?: Promise<void> };
        if ((state.sentInvitations ?? 0) >= expected) return true;
        state.mailRequest ??= fetch('/api/mail')
          .then((response) => response.json() as Promise<SentMailListDto>)
          .then((list) => {
            state.sentInvitations = list.mails.filter((mail) => mail.kind === 'invitation' && mail.status === 'sent').length;
          })
          .finally(() => {
            state.mailRequest = undefined;
          });
        return false;
      },
      detail.participants.length,
      { polling: 250, timeout: 90_000 },
    );
    await page.getByTestId('nav-mail').click();
    await page.getByTestId('mail-folder-mode').waitFor();
    const rows = page.locator('[data-testid="mail-row"][data-kind="invitation"]');
    expect(await rows.count()).toBe(detail.participants.length);
    expect(await rows.first().getByTestId('mail-status').textContent()).toContain('Envoyé');
    await rows.first().getByTestId('mail-open').click();
    const viewer = page.getByTestId('mail-viewer');
    await viewer.waitFor();
    expect(await viewer.getByTestId('mail-calendar').getAttribute('data-method')).toBe('REQUEST');
    expect(await page.getByTestId('mail-frame').getAttribute('sandbox')).toBe('');
    const body = page.frameLocator('[data-testid="mail-frame"]').locator('body');
    await body.getByText(`Convocation`, { exact: false }).first().waitFor().catch(() => undefined);
    expect(await body.textContent()).toContain(next.title);
    await expectAccessible(page, 'sent e-mails, administrator, French');
    await page.screenshot({ path: screenshotPath('mail-sent-fr'), fullPage: true });

    // The .eml files written in folder mode carry the meeting request.
    const files = readdirSync(join(dataDir, 'mail')).filter((name) => name.endsWith('.eml'));
    expect(files.length).toBe(detail.participants.length);
    const eml = readFileSync(join(dataDir, 'mail', files[0]!), 'utf8');
    expect(eml).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Sent e-mails' }).waitFor();
    await expectAccessible(page, 'sent e-mails, English');
    await page.screenshot({ path: screenshotPath('mail-sent-en'), fullPage: true });
    await page.getByTestId('language-switch').click();

    // Each user sees their own mail only: the sponsor, invited, sees their invitation and nothing else.
    const sponsorContext = await newContext(browser, { viewport: { width: 1500, height: 1000 } });
    const sponsorPage = await sponsorContext.newPage();
    await signInThroughPage(sponsorPage, jalon.url, 'sponsor@demo.jalon.fr');
    await sponsorPage.goto(`${jalon.url}/account`);
    await sponsorPage.getByTestId('mail-preferences').waitFor();
    await sponsorPage.screenshot({ path: screenshotPath('mail-preferences-fr'), fullPage: true });
    await sponsorPage.goto(`${jalon.url}/mail`);
    await sponsorPage.getByTestId('mail-table').waitFor();
    const sponsorList = await getJson<SentMailListDto>(sponsorPage, '/api/mail');
    expect(sponsorList.all).toBe(false);
    expect(sponsorList.mails.every((mail) => mail.recipientEmail === 'sponsor@demo.jalon.fr')).toBe(true);
    expect(await sponsorPage.locator('[data-testid="mail-row"]').count()).toBe(sponsorList.mails.length);
    await sponsorContext.close();
    await context.close();
    // Two users, a language switch, two accessibility checks and up to one outbox polling interval
    // (15 s): it took 160 to 170 s at a load of 40 on 2 cores, near the 180 s default.
  }, 360_000);
});
