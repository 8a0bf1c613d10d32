import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ActionDto, DecisionDto, KpiBoardDto, MeetingDto, MeetingSeriesDto, MeetingSummaryDto, ProjectMember, ProjectOverviewDto } from '@jalon/domain';
import { expectAccessible } from '../support/accessibility';
import { DEFAULT_TIME_ZONE, chooseOption, newContext, screenshotPath, watchForSnackBar } from '../support/browser';
import { useJalonInBrowser } from '../support/browser-suite';
import { signInThroughPage } from '../support/sign-in-page';

const PM = 'pm@demo.jalon.fr';
const SPONSOR = 'sponsor@demo.jalon.fr';
const VIEWER = 'viewer@demo.jalon.fr';

/** Where `pdftoppm` (poppler-utils) is, if installed: the pack is then rendered, not only read. */
const PDFTOPPM = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((path) => existsSync(path)) ?? null;

// « Comitologie » on the demo project (Europe/Paris): a COPIL prepared, held and closed by the
// project manager, its frozen pack downloaded, and the overview a sponsor lands on.
describe('Steering meetings', () => {
  const suite = useJalonInBrowser();

  async function signedIn(email: string): Promise<Page> {
    const context = await newContext(suite.browser, { viewport: { width: 1500, height: 1000 } });
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
    const project = projects.find((candidate) => candidate.name.startsWith('Déploiement plateforme relation client'));
    if (!project) throw new Error('No demo project');
    return project.id;
  }

  async function switchLanguage(page: Page, heading: string): Promise<void> {
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
  }

  it('should prepare, hold and close the next COPIL with attendance, a decision and an action, then produce and download its pack', async () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Paris');
    const page = await signedIn(PM);
    const projectId = await demoProjectId(page);
    const meetings = await getJson<MeetingSummaryDto[]>(page, `/api/projects/${projectId}/meetings`);
    // The demo: a closed past COPIL, two past COPROJs, and the next COPIL in draft.
    expect(meetings.some((meeting) => meeting.type === 'copil' && meeting.status === 'cloturee')).toBe(true);
    expect(meetings.filter((meeting) => meeting.type === 'coproj' && meeting.status === 'cloturee').length).toBeGreaterThanOrEqual(2);
    const next = meetings
      .filter((meeting) => meeting.type === 'copil' && meeting.status === 'brouillon' && meeting.startsAt > new Date().toISOString())
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
    if (!next) throw new Error('The demo has no draft COPIL to come');

    // The list: upcoming by series (COPIL and COPROJ), past ones below; times in Paris.
    await page.goto(`${suite.jalon.url}/projects/${projectId}/meetings`);
    await page.getByTestId('group-copil').waitFor();
    await page.getByTestId('group-coproj').waitFor();
    const row = page.getByTestId(`meeting-row-${next.id}`);
    const parisTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(next.startsAt));
    expect(await row.locator('td.when').textContent()).toContain(parisTime);
    await page.getByTestId('past-meetings').waitFor();
    await expectAccessible(page, 'meetings list, project manager, French');
    await page.screenshot({ path: screenshotPath('meetings-list-fr'), fullPage: true });

    // Prepare: the agenda proposed from the project's live data, applied, and one free item added.
    await row.getByTestId('meeting-link').click();
    await page.waitForURL(`**/projects/${projectId}/meetings/${next.id}`);
    await page.getByTestId('meeting-status').getByText('Brouillon').waitFor();
    await page.getByTestId('propose-agenda').click();
    const proposal = page.getByTestId('agenda-proposal');
    await proposal.waitFor();
    expect(await proposal.locator('ol > li').count()).toBeGreaterThanOrEqual(4);
    await page.getByTestId('apply-proposal').click();
    const confirm = page.getByRole('alertdialog');
    if (await confirm.isVisible().catch(() => false)) await confirm.getByTestId('confirm-ok').click();
    await proposal.waitFor({ state: 'detached' });
    await page.getByTestId('agenda-item-0').waitFor();
    const proposedCount = await page.locator('[data-testid^="agenda-item-"]').count();
    expect(proposedCount).toBeGreaterThanOrEqual(4);
    await page.getByTestId('new-item-title').fill('Questions diverses');
    await page.getByTestId('add-item').click();
    await page.getByTestId(`agenda-item-${proposedCount}`).getByText('Questions diverses').waitFor();
    // The total is said against the meeting's length.
    await page.getByTestId('agenda-total').getByText(new RegExp(`sur ${next.durationMinutes} min`)).waitFor();

    // Participants: the COPIL member and an external guest.
    let current = await getJson<MeetingDto>(page, `/api/projects/${projectId}/meetings/${next.id}`);
    const members = await getJson<ProjectMember[]>(page, `/api/projects/${projectId}/members`);
    const copilMember = members.find((member) => member.email === 'copil@demo.jalon.fr')!;
    const vendor = members.find((member) => member.email === 'vendor@demo.jalon.fr')!;
    if (!current.participants.some((participant) => participant.userId === copilMember.userId)) {
      await chooseOption(page, page.getByTestId('participant-member'), copilMember.displayName);
      await page.getByTestId('add-participant').click();
      await page.getByTestId(`participant-${copilMember.userId}`).waitFor();
    }
    await page.getByLabel('Nom (externe)').fill('Marc Dupont');
    await page.getByLabel('E-mail (externe)').fill('marc.dupont@editeur.example');
    await page.getByRole('button', { name: 'Inviter l’externe' }).click();
    await page.getByTestId('participant-marc.dupont@editeur.example').waitFor();

    // Hold: convene, open, record attendance, a decision and an action on the first item.
    await page.getByTestId('lifecycle-convoquee').click();
    await page.getByTestId('meeting-status').getByText('Convoquée').waitFor();
    await page.getByTestId('lifecycle-en_cours').click();
    await page.getByTestId('meeting-status').getByText('En cours').waitFor();
    await page.getByTestId(`participant-${copilMember.userId}`).getByTestId('attendance-present').click();
    await page.getByTestId('participant-marc.dupont@editeur.example').getByTestId('attendance-excuse').click();
    await page.getByTestId('participants').getByText(/^\s*1 présent\(s\) sur/).waitFor();

    await page.getByTestId('notes-0').fill('Point de situation partagé avec le COPIL.');
    const notesSaidSaved = await watchForSnackBar(page, 'Notes enregistrées.');
    const notesSaved = page.waitForResponse((response) => response.url().endsWith('/notes') && response.request().method() === 'PUT');
    await page.getByTestId('notes-0').blur();
    expect((await notesSaved).status()).toBe(200);
    await notesSaidSaved();
    await page.getByTestId('record-0').click();
    await page.getByTestId('decision-text-0').fill('Décaler la recette de cinq jours ouvrés');
    await page.getByTestId('agenda-item-0').getByRole('checkbox', { name: 'Délais' }).check();
    await page.getByTestId('add-decision-0').click();
    await page.getByTestId('agenda-item-0').getByTestId('decision').getByText('Décaler la recette de cinq jours ouvrés').waitFor();
    await page.getByTestId('action-title-0').fill('Envoyer le planning révisé aux équipes');
    await chooseOption(page, page.getByTestId('action-owner-0'), vendor.displayName);
    await page.getByTestId('action-due-0').fill('2030-01-15');
    await page.getByTestId('add-action-0').click();
    await page.getByTestId('agenda-item-0').getByTestId('action').getByText('Envoyer le planning révisé aux équipes').waitFor();
    await expectAccessible(page, 'meeting being held, project manager, French');
    await page.screenshot({ path: screenshotPath('meeting-held-fr'), fullPage: true });

    // Close: confirmed, then read-only with addenda only.
    await page.getByTestId('lifecycle-cloturee').click();
    await page.getByRole('alertdialog').getByTestId('confirm-ok').click();
    await page.getByTestId('meeting-status').getByText('Clôturée').waitFor();
    await page.getByTestId('read-only-notice').waitFor();
    expect(await page.getByTestId('record-0').count()).toBe(0);
    expect(await page.getByTestId('add-item').count()).toBe(0);
    expect(await page.getByTestId('notes-text-0').textContent()).toContain('Point de situation partagé');
    await page.getByTestId('addendum-text').fill('Correction : la recette commence le lundi suivant.');
    await page.getByTestId('add-addendum').click();
    await page.getByTestId('addenda').getByText('Correction : la recette commence le lundi suivant.').waitFor();

    current = await getJson<MeetingDto>(page, `/api/projects/${projectId}/meetings/${next.id}`);
    expect(current.status).toBe('cloturee');
    expect(current.minutesFrozenAt).not.toBeNull();
    expect(current.participants.find((participant) => participant.userId === copilMember.userId)?.attendance).toBe('present');
    expect(current.participants.find((participant) => participant.email === 'marc.dupont@editeur.example')?.attendance).toBe('excuse');
    expect(current.decisions.map((decision) => decision.text)).toContain('Décaler la recette de cinq jours ouvrés');
    expect(current.decisions.find((decision) => decision.text.startsWith('Décaler'))?.impactTime).toBe(true);
    expect(current.actions.find((action) => action.title.startsWith('Envoyer le planning'))).toMatchObject({ ownerUserId: vendor.userId, dueDate: '2030-01-15' });
    expect(current.agenda.items.length).toBe(proposedCount + 1);

    // The pack: produced, listed, downloaded; a real PDF that renders.
    await page.getByTestId('produce-pack').click();
    await page.getByRole('alertdialog').getByTestId('confirm-ok').click();
    const packRow = page.getByTestId('pack-row').first();
    await packRow.waitFor({ timeout: 60_000 });
    const href = await packRow.getByTestId('pack-download').getAttribute('href');
    expect(href).toMatch(new RegExp(`/api/projects/${projectId}/meetings/${next.id}/packs/[0-9a-f-]{36}\\.pdf$`));
    const [download] = await Promise.all([page.waitForEvent('download'), packRow.getByTestId('pack-download').click()]);
    const folder = mkdtempSync(join(tmpdir(), 'jalon-pack-'));
    try {
      const pdfPath = join(folder, 'pack.pdf');
      await download.saveAs(pdfPath);
      const bytes = readFileSync(pdfPath);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(5_000);
      if (PDFTOPPM) {
        execFileSync(PDFTOPPM, ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(folder, 'page')]);
        const rendered = readdirSync(folder).filter((name) => name.startsWith('page') && name.endsWith('.png'));
        expect(rendered.length).toBe(1);
        expect(statSync(join(folder, rendered[0]!)).size).toBeGreaterThan(2_000);
        copyFileSync(join(folder, rendered[0]!), screenshotPath('meeting-pack-page1'));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    await expectAccessible(page, 'closed COPIL with its pack, French');
    await page.screenshot({ path: screenshotPath('meeting-closed-fr'), fullPage: true });
    await switchLanguage(page, 'Agenda');
    await page.getByTestId('meeting-status').getByText('Closed').waitFor();
    await expectAccessible(page, 'closed COPIL with its pack, English');
    await page.screenshot({ path: screenshotPath('meeting-closed-en'), fullPage: true });
    await page.getByTestId('language-switch').click();

    // The decision log and the action list find them, across meetings, filtered.
    await page.goto(`${suite.jalon.url}/projects/${projectId}/decisions`);
    await page.getByTestId('decision-log').getByText('Décaler la recette de cinq jours ouvrés').waitFor();
    await page.getByTestId('filter-impact').click();
    await page.getByRole('option', { name: 'Budget' }).click();
    await page.getByTestId('decision-log').getByText('Décaler la recette de cinq jours ouvrés').waitFor({ state: 'detached' });
    const exportHref = await page.getByTestId('decisions-export').getAttribute('href');
    expect(exportHref).toContain('impact=budget');
    const decisions = await getJson<DecisionDto[]>(page, `/api/projects/${projectId}/decisions`);
    expect(decisions.some((decision) => decision.meetingId === next.id)).toBe(true);
    await expectAccessible(page, 'decision log');
    await page.screenshot({ path: screenshotPath('meetings-decisions-fr'), fullPage: true });

    await page.goto(`${suite.jalon.url}/projects/${projectId}/actions`);
    await page.getByTestId('action-list').getByRole('cell', { name: 'Envoyer le planning révisé aux équipes', exact: true }).waitFor();
    await page.getByTestId('nav-meetings').and(page.locator('[aria-current="page"]')).waitFor();
    const actions = await getJson<ActionDto[]>(page, `/api/projects/${projectId}/actions`);
    expect(actions.some((action) => action.overdue)).toBe(true);
    await page.getByTestId('filter-overdue').locator('input').check();
    await page.getByTestId('action-list').getByRole('cell', { name: 'Envoyer le planning révisé aux équipes', exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('action-row').count()).toBe(actions.filter((action) => action.overdue).length);
    await expectAccessible(page, 'action list, overdue only');
    await page.screenshot({ path: screenshotPath('meetings-actions-fr'), fullPage: true });
  });

  it('should open the project on its overview for the sponsor, in French and English', async () => {
    const page = await signedIn(SPONSOR);
    await page.getByTestId('project-card').getByRole('link').first().click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/overview$/);
    const projectId = new URL(page.url()).pathname.split('/')[2]!;
    const overview = await getJson<ProjectOverviewDto>(page, `/api/projects/${projectId}/overview`);
    await page.getByTestId('go-live').waitFor();
    await page.getByTestId('nav-overview').and(page.locator('[aria-current="page"]')).waitFor();
    // The countdown, the weather and the lists are the API's.
    if (overview.goLive.daysLeft >= 0) await page.getByTestId('go-live').getByText(`J−${overview.goLive.daysLeft}`).waitFor();
    expect(overview.weather).not.toBeNull();
    await page.getByTestId('weather-current').getByText({ ensoleille: 'Ensoleillé', nuageux: 'Nuageux', orageux: 'Orageux' }[overview.weather!.weather]).waitFor();
    expect(await page.getByTestId('weather-history').locator('li').count()).toBe(Math.min(12, overview.weatherHistory.length));
    expect(overview.nextMilestones.length).toBeGreaterThan(0);
    await page.getByTestId('overview-milestones').getByText(overview.nextMilestones[0]!.name).first().waitFor();
    expect(overview.nextMeetings.length).toBeGreaterThan(0);
    await page.getByTestId('overview-meetings').getByText(overview.nextMeetings[0]!.title).first().waitFor();
    for (const decision of overview.latestDecisions.slice(0, 2)) await page.getByTestId('overview-decisions').getByText(decision.text).first().waitFor();
    // The sponsor reads but does not set the weather.
    expect(await page.getByTestId('weather-form').count()).toBe(0);
    await expectAccessible(page, 'project overview, sponsor, French');
    await page.screenshot({ path: screenshotPath('overview-sponsor-fr'), fullPage: true });
    await switchLanguage(page, 'Next milestones');
    await page.getByTestId('overview-meetings').getByText('Next meetings').waitFor();
    await expectAccessible(page, 'project overview, sponsor, English');
    await page.screenshot({ path: screenshotPath('overview-sponsor-en'), fullPage: true });
    await page.getByTestId('language-switch').click();
  });

  it('should create a series from a preset, refuse a rule that is not RFC 5545 naming it, and move and cancel one occurrence', async () => {
    const page = await signedIn(PM);
    const projectId = await demoProjectId(page);
    await page.goto(`${suite.jalon.url}/projects/${projectId}/meetings`);
    await page.getByTestId('new-series').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('meeting-type').click();
    await page.getByRole('option', { name: 'Atelier' }).click();
    await dialog.getByTestId('meeting-title').fill('Atelier spécifications SVI');
    await dialog.getByTestId('meeting-start').fill('2030-03-07T09:30');
    await dialog.getByTestId('series-preset').click();
    await page.getByRole('option', { name: 'Règle personnalisée (RRULE)' }).click();
    await dialog.getByTestId('series-rrule').fill('TOUS LES JEUDIS');
    await expectAccessible(page, 'new series dialog');
    await page.screenshot({ path: screenshotPath('meetings-series-dialog-fr'), fullPage: true });
    await dialog.getByTestId('meeting-save').click();
    await page.getByText(/« Règle de récurrence »/).waitFor();
    let series = await getJson<MeetingSeriesDto[]>(page, `/api/projects/${projectId}/meeting-series`);
    expect(series.some((entry) => entry.title === 'Atelier spécifications SVI')).toBe(false);

    await dialog.getByTestId('series-preset').click();
    await page.getByRole('option', { name: 'Tous les jeudis' }).click();
    await dialog.getByTestId('meeting-save').click();
    await dialog.waitFor({ state: 'detached' });
    series = await getJson<MeetingSeriesDto[]>(page, `/api/projects/${projectId}/meeting-series`);
    const created = series.find((entry) => entry.title === 'Atelier spécifications SVI')!;
    expect(created).toMatchObject({ type: 'atelier', rrule: expect.stringContaining('BYDAY=TH'), timeZone: 'Europe/Paris' });
    const occurrences = (await getJson<MeetingSummaryDto[]>(page, `/api/projects/${projectId}/meetings`))
      .filter((meeting) => meeting.seriesId === created.id)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(occurrences.length).toBeGreaterThan(4);
    // 09:30 in Paris on both sides of the spring change (31 March 2030).
    for (const occurrence of occurrences) expect(occurrence.localStart.slice(11, 16)).toBe('09:30');
    const group = page.locator('section.group', { hasText: 'Atelier spécifications SVI' });
    await group.waitFor();

    // Move the first occurrence to the Friday, then cancel the second.
    const [first, second] = occurrences as [MeetingSummaryDto, MeetingSummaryDto];
    await page.getByTestId(`meeting-row-${first.id}`).getByRole('button', { name: 'Déplacer' }).click();
    await dialog.getByTestId('meeting-start').fill(`${first.localStart.slice(0, 8)}${String(Number(first.localStart.slice(8, 10)) + 1).padStart(2, '0')}T11:00`);
    await dialog.getByTestId('meeting-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId(`meeting-row-${first.id}`).getByText('déplacée').waitFor();
    await page.getByTestId(`meeting-row-${second.id}`).getByTestId('cancel-meeting').click();
    await page.getByRole('alertdialog').getByTestId('confirm-ok').click();
    await page.getByTestId(`meeting-row-${second.id}`).getByText('Annulée').waitFor();
    const after = await getJson<MeetingSummaryDto[]>(page, `/api/projects/${projectId}/meetings`);
    expect(after.find((meeting) => meeting.id === first.id)).toMatchObject({ detached: true, localStart: expect.stringMatching(/T11:00$/) });
    expect(after.find((meeting) => meeting.id === second.id)?.status).toBe('annulee');
    expect(after.find((meeting) => meeting.id === occurrences[2]!.id)?.status).toBe('brouillon');
  });

  it('should show the KPIs with their chart, and let a viewer read the meetings without any button to change them', async () => {
    const pm = await signedIn(PM);
    const projectId = await demoProjectId(pm);
    await pm.goto(`${suite.jalon.url}/projects/${projectId}/kpis`);
    await pm.getByTestId('kpi-table').waitFor();
    await pm.getByTestId('incubation').waitFor();
    // The demo's KPIs have no value yet (the go-live is to come); two weeks entered for the first one.
    const before = await getJson<KpiBoardDto>(pm, `/api/projects/${projectId}/kpis`);
    const kpi = [...before.kpis].sort((a, b) => a.position - b.position)[0]!;
    expect(before.kpis.every((candidate) => candidate.values.length === 0)).toBe(true);
    await pm.getByTestId('kpi-no-values').waitFor();
    const below = kpi.direction === 'higher' ? kpi.target - kpi.tolerance / 2 : kpi.target + kpi.tolerance / 2;
    const onTarget = kpi.direction === 'higher' ? kpi.target + 1 : kpi.target - 1;
    for (const [day, value] of [['2030-01-09', below], ['2030-01-16', onTarget]] as const) {
      await pm.getByTestId('kpi-week').fill(day);
      await pm.getByTestId('kpi-value').fill(String(value));
      await pm.getByTestId('kpi-save-value').click();
      await pm.getByTestId('kpi-row-' + kpi.position).getByText(`${value} ${kpi.unit}`).waitFor();
    }
    await pm.getByTestId('kpi-chart').locator('svg').waitFor();
    expect(await pm.getByTestId('kpi-chart').locator('svg path').count()).toBeGreaterThan(4);
    const after = (await getJson<KpiBoardDto>(pm, `/api/projects/${projectId}/kpis`)).kpis.find((candidate) => candidate.id === kpi.id)!;
    // Wednesdays are brought back to their Monday; within the tolerance is amber, on target green.
    expect(after.values.map((value) => [value.weekStart, value.status])).toEqual([
      ['2030-01-07', 'amber'],
      ['2030-01-14', 'green'],
    ]);
    await pm.getByTestId('kpi-row-' + kpi.position).getByText('Vert').waitFor();
    await expectAccessible(pm, 'KPIs page, project manager');
    await pm.screenshot({ path: screenshotPath('meetings-kpis-fr'), fullPage: true });

    const viewer = await signedIn(VIEWER);
    await viewer.goto(`${suite.jalon.url}/projects/${projectId}/meetings`);
    await viewer.getByTestId('group-copil').waitFor();
    expect(await viewer.getByTestId('new-meeting').count()).toBe(0);
    expect(await viewer.getByTestId('new-series').count()).toBe(0);
    expect(await viewer.getByTestId('cancel-meeting').count()).toBe(0);
    const closed = (await getJson<MeetingSummaryDto[]>(viewer, `/api/projects/${projectId}/meetings`)).find((meeting) => meeting.status === 'cloturee' && meeting.type === 'copil')!;
    await viewer.goto(`${suite.jalon.url}/projects/${projectId}/meetings/${closed.id}`);
    await viewer.getByTestId('read-only-notice').waitFor();
    expect(await viewer.getByTestId('produce-pack').count()).toBe(0);
    expect(await viewer.getByTestId('add-addendum').count()).toBe(0);
    await expectAccessible(viewer, 'closed COPIL, viewer');
  });
});
