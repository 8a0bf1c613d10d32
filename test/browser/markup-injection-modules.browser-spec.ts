import type { APIRequestContext, Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { AgendaDto, CampaignDto, DefectDto, ExecutionDto, KpiBoardDto, MeetingDto, ReadinessItemDto, RequirementDto, TestCaseDto } from '@jalon/domain';
import type { RiskDto } from '@jalon/risks';
import { launchChromium, newContext, screenshotPath } from '../support/browser';
import { startBuiltJalon, type RunningJalon } from '../support/jalon-server';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

/**
 * Stored markup injection (issue 10 #1) in the modules added after the planning: risks, meetings
 * (COPIL / COPROJ), the mail outbox, the recette, go / no-go, the overview and « Mon travail ».
 * A project manager names everything with HTML and a template expression; every reader must see
 * the text as it was typed, and nothing may be built from it, run or navigate.
 */
const IMG = '<img src=x onerror=window.__pwned=1>';
const META = '<meta http-equiv="refresh" content="0;url=about:blank#pwned">';
const BOLD = '<b>gras</b>';
const TEMPLATE = '{{7*7}}';
const named = (what: string) => `${what} ${IMG} ${META} ${BOLD} ${TEMPLATE}`;

const NAMES = {
  project: named('Projet'),
  manager: named('Cheffe'),
  viewer: named('Lecteur'),
  external: named('Invitée'),
  risk: named('Risque'),
  riskTreatment: named('Traitement'),
  viewerTreatment: named('Traitement lecteur'),
  meeting: named('COPIL'),
  place: named('Salle'),
  agendaItem: named('Point'),
  decision: named('Décision'),
  kpi: named('Indicateur'),
  /** A KPI's unit holds 40 characters at most: the chart draws it as its y axis' name. */
  kpiUnit: IMG,
  action: named('Action'),
  viewerAction: named('Action lecteur'),
  requirement: named('Exigence'),
  testCase: named('Cas'),
  step: named('Étape'),
  campaign: named('Campagne'),
  defect: named('Anomalie'),
  readiness: named('Préparation'),
  evidence: named('Preuve'),
};
const PASSWORD = 'markup-is-text-2';
const ADMIN = { email: 'admin@demo.jalon.fr', password: 'jalon-demo' };
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type Call = <T = unknown>(path: string, data?: object, method?: 'post' | 'put' | 'patch') => Promise<T>;

async function signIn(request: APIRequestContext, url: string, email: string, password: string): Promise<Call> {
  const response = await request.post(`${url}/api/auth/login`, { data: { email, password } });
  if (!response.ok()) throw new Error(`sign-in of ${email}: ${response.status()} ${await response.text()}`);
  const state = await request.storageState();
  const xsrf = state.cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
  return async <T,>(path: string, data: object = {}, method: 'post' | 'put' | 'patch' = 'post') => {
    const answer = await request[method](`${url}${path}`, { data, headers: { 'X-XSRF-TOKEN': decodeURIComponent(xsrf) } });
    if (!answer.ok()) throw new Error(`${method.toUpperCase()} ${path}: ${answer.status()} ${await answer.text()}`);
    return (answer.status() === 204 ? null : await answer.json()) as T;
  };
}

/** What user markup would have built in a document (the page or the mail's frame). */
function interpretedIn(): { pwned: unknown; images: number; metas: number; bold: number } {
  return {
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    metas: document.querySelectorAll('meta[http-equiv]').length,
    bold: [...document.querySelectorAll('b')].filter((element) => element.textContent === 'gras').length,
  };
}

/** Fails when the page built an element from user text or was sent elsewhere. */
async function expectNothingInterpreted(page: Page, expectedPath: string): Promise<void> {
  const state = await page.evaluate(() => ({ path: location.pathname, hash: location.hash }));
  expect(state).toEqual({ path: expectedPath, hash: '' });
  expect(await page.evaluate(interpretedIn)).toEqual({ pwned: null, images: 0, metas: 0, bold: 0 });
}

/** The page (or frame) shows `text` literally somewhere (an HTML text node or an SVG text). */
async function expectLiteral(target: Page | Frame, text: string): Promise<void> {
  try {
    await target.waitForFunction(
      (wanted) => document.body.innerText.includes(wanted) || [...document.querySelectorAll('svg text')].some((node) => node.textContent?.includes(wanted)),
      text,
    );
  } catch (error) {
    // Say what the page built instead, when it still answers.
    const built = await target.evaluate(interpretedIn).catch(() => 'unknown');
    throw new Error(`${JSON.stringify(text)} is not shown literally on ${target.url()}; built from user markup: ${JSON.stringify(built)}\n${String(error)}`);
  }
}

describe('Markup in the names of risks, meetings, mails, recette and go / no-go is shown as text', () => {
  let database: TestDatabase;
  let jalon: RunningJalon;
  let browser: Browser;
  let projectId: string;
  let meetingId: string;
  let campaignId: string;
  let executionId: string;
  let riskReference: string;
  const accounts = { manager: 'markup.modules.manager@example.test', viewer: 'markup.modules.viewer@example.test' };

  beforeAll(async () => {
    database = await createDemoDatabase();
    jalon = await startBuiltJalon({ DATABASE_URL: database.url, JALON_DEMO: 'true', JALON_LOGIN_MAX_ATTEMPTS: '100' });
    browser = await launchChromium();

    // The administrator creates the two accounts and the project.
    const adminContext = await newContext(browser);
    const admin = await signIn(adminContext.request, jalon.url, ADMIN.email, ADMIN.password);
    const manager = await admin<{ id: string }>('/api/users', { email: accounts.manager, displayName: NAMES.manager, password: PASSWORD });
    const viewer = await admin<{ id: string }>('/api/users', { email: accounts.viewer, displayName: NAMES.viewer, password: PASSWORD });
    const project = await admin<{ id: string }>('/api/projects', { name: NAMES.project, targetGoLive: inDays(200), template: 'contact-centre' });
    projectId = project.id;
    await admin(`/api/projects/${projectId}/members/${manager.id}`, { role: 'project_manager' }, 'put');
    await admin(`/api/projects/${projectId}/members/${viewer.id}`, { role: 'viewer' }, 'put');
    await adminContext.close();

    const managerContext = await newContext(browser);
    const pm = await signIn(managerContext.request, jalon.url, accounts.manager, PASSWORD);
    const base = `/api/projects/${projectId}`;

    // A critical risk with a treatment for each reader.
    const risk = await pm<RiskDto>(`${base}/risks`, {
      title: NAMES.risk,
      category: 'technical',
      inherent: { probability: 5, impact: 5 },
      residual: { probability: 4, impact: 4 },
      target: { probability: 2, impact: 2 },
      ownerUserId: manager.id,
      description: NAMES.risk,
    });
    riskReference = risk.reference;
    await pm(`${base}/risks/${risk.id}/treatments`, { title: NAMES.riskTreatment, dueDate: inDays(20), ownerUserId: manager.id });
    await pm(`${base}/risks/${risk.id}/treatments`, { title: NAMES.viewerTreatment, dueDate: inDays(21), ownerUserId: viewer.id });

    // A COPIL in three days: both readers and an outsider take part, an agenda item, a decision,
    // an action each; convening it writes the invitations to the outbox.
    let meeting = await pm<MeetingDto>(`${base}/meetings`, { type: 'copil', title: NAMES.meeting, localStart: `${inDays(3)}T10:00`, durationMinutes: 60, place: NAMES.place });
    meetingId = meeting.id;
    for (const userId of [manager.id, viewer.id]) {
      if (!meeting.participants.some((participant) => participant.userId === userId)) await pm(`${base}/meetings/${meetingId}/participants`, { userId });
    }
    await pm(`${base}/meetings/${meetingId}/participants`, { email: 'invitee@example.test', name: NAMES.external });
    const agenda = await pm<AgendaDto>(`${base}/meetings/${meetingId}/agenda/items`, { title: NAMES.agendaItem, durationMinutes: 15 });
    await pm(`${base}/meetings/${meetingId}/decisions`, { text: NAMES.decision, decidedBy: 'COPIL', agendaItemId: agenda.items[0]!.id });
    await pm(`${base}/meetings/${meetingId}/actions`, { title: NAMES.action, ownerUserId: manager.id, dueDate: inDays(10) });
    await pm(`${base}/meetings/${meetingId}/actions`, { title: NAMES.viewerAction, ownerUserId: viewer.id, dueDate: inDays(11) });
    // A KPI whose name and unit are markup, with two weekly values: its chart draws the unit.
    const board = await pm<KpiBoardDto>(`${base}/kpis`, { name: NAMES.kpi, unit: NAMES.kpiUnit, target: 90, direction: 'higher', tolerance: 5 });
    const kpi = board.kpis.find((candidate) => candidate.name === NAMES.kpi)!;
    const monday = new Date(Date.now() - ((new Date().getUTCDay() + 6) % 7) * DAY);
    for (const [weeksAgo, value] of [[2, 80], [1, 92]] as const) {
      await pm(`${base}/kpis/${kpi.id}/values/${new Date(monday.getTime() - weeksAgo * 7 * DAY).toISOString().slice(0, 10)}`, { value }, 'put');
    }
    meeting = await (await managerContext.request.get(`${jalon.url}${base}/meetings/${meetingId}`)).json();
    await pm(`${base}/meetings/${meetingId}/status`, { status: 'convoquee', version: meeting.version });

    // The recette: a requirement, a case covering it (its step named too), a campaign where the
    // case failed and raised a defect, and a second case still to run (« Mon travail »).
    const recette = `${base}/acceptance`;
    const requirement = await pm<RequirementDto>(`${recette}/requirements`, { title: NAMES.requirement, description: NAMES.requirement, category: 'fonctionnelle', priority: 'indispensable' });
    const steps = [{ action: NAMES.step, data: NAMES.step, expected: NAMES.step }];
    const failing = await pm<TestCaseDto>(`${recette}/cases`, { title: NAMES.testCase, steps, status: 'pret', requirementIds: [requirement.id] });
    const toRun = await pm<TestCaseDto>(`${recette}/cases`, { title: NAMES.testCase, steps, status: 'pret', requirementIds: [requirement.id] });
    const campaign = await pm<CampaignDto>(`${recette}/campaigns`, { name: NAMES.campaign, type: 'vabf', startDate: inDays(-2), endDate: inDays(12) });
    campaignId = campaign.id;
    const withCases = await pm<CampaignDto>(`${recette}/campaigns/${campaignId}/cases`, { testCaseIds: [failing.id, toRun.id], assigneeUserId: manager.id });
    const failingCase = withCases.cases.find((candidate) => candidate.testCaseId === failing.id)!;
    const execution = await pm<ExecutionDto>(`${recette}/campaigns/${campaignId}/cases/${failingCase.id}/executions`);
    executionId = execution.id;
    await pm(`${recette}/executions/${executionId}/steps/0`, { version: execution.version, status: 'echoue', actual: NAMES.step }, 'put');
    await pm<DefectDto>(`${recette}/defects`, { executionId, stepIndex: 0, severity: 'majeure', title: NAMES.defect, description: NAMES.defect, assigneeUserId: manager.id });

    // Go / no-go: a readiness item with its evidence note.
    await pm<ReadinessItemDto>(`${base}/go-no-go/readiness`, { category: 'technique', label: NAMES.readiness, ownerUserId: manager.id, dueDate: inDays(15), evidenceNote: NAMES.evidence });
    await managerContext.close();
  });

  afterAll(async () => {
    await browser?.close();
    await jalon?.stop();
    await database?.drop();
  });

  async function openAs(role: 'manager' | 'viewer'): Promise<{ context: BrowserContext; page: Page; navigations: string[] }> {
    const context = await newContext(browser, { viewport: { width: 1600, height: 940 } });
    const response = await context.request.post(`${jalon.url}/api/auth/login`, { data: { email: accounts[role], password: PASSWORD } });
    expect(response.ok()).toBe(true);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.dismiss());
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    return { context, page, navigations };
  }

  /** Opens `path`, waits for every text to show literally, then checks nothing was interpreted. */
  async function visit(page: Page, path: string, texts: string[]): Promise<void> {
    await page.goto(`${jalon.url}${path}`);
    for (const text of texts) await expectLiteral(page, text);
    await expectNothingInterpreted(page, path);
  }

  /** Every navigation was one the test asked for. */
  function expectNoForeignNavigation(navigations: string[]): void {
    expect(navigations.length).toBeGreaterThan(0);
    expect(navigations.filter((url) => !url.startsWith(jalon.url) || url.includes('pwned'))).toEqual([]);
  }

  for (const role of ['manager', 'viewer'] as const) {
    const own = role === 'manager' ? { treatment: NAMES.riskTreatment, action: NAMES.action } : { treatment: NAMES.viewerTreatment, action: NAMES.viewerAction };

    it(`should show risks as text on the matrix, the register and the risk's dialog, for a ${role}`, async () => {
      const { context, page, navigations } = await openAs(role);
      const risks = `/projects/${projectId}/risks`;
      await visit(page, risks, [NAMES.risk, NAMES.manager]);
      // The matrix chip names the risk in its title (a native tooltip, text only).
      const chip = page.getByTestId(`chip-${riskReference}`).first();
      await chip.hover();
      expect(await chip.getAttribute('title')).toBe(NAMES.risk);
      // The risk's dialog, with its treatments and their owners.
      await page.getByTestId(`row-${riskReference}`).getByRole('button', { name: NAMES.risk }).click();
      await expectLiteral(page, NAMES.riskTreatment);
      await expectLiteral(page, NAMES.viewerTreatment);
      await expectLiteral(page, NAMES.viewer);
      await page.screenshot({ path: screenshotPath(`markup-risks-${role}`) });
      await expectNothingInterpreted(page, risks);
      expectNoForeignNavigation(navigations);
      await context.close();
    });

    it(`should show the meeting, its agenda, decisions and actions as text, for a ${role}`, async () => {
      const { context, page, navigations } = await openAs(role);
      await visit(page, `/projects/${projectId}/meetings`, [NAMES.meeting]);
      await visit(page, `/projects/${projectId}/meetings/${meetingId}`, [NAMES.meeting, NAMES.agendaItem, NAMES.decision, NAMES.action, NAMES.viewerAction, NAMES.external]);
      await page.screenshot({ path: screenshotPath(`markup-meeting-${role}`), fullPage: true });
      await visit(page, `/projects/${projectId}/decisions`, [NAMES.decision]);
      await visit(page, `/projects/${projectId}/actions`, [NAMES.action, NAMES.viewerAction]);
      // The KPI chart (ECharts, SVG) draws the unit as text; its tooltip shows on hover.
      const kpis = `/projects/${projectId}/kpis`;
      await visit(page, kpis, [NAMES.kpi, NAMES.kpiUnit]);
      await page.getByRole('button', { name: NAMES.kpi, exact: true }).click();
      await page.getByTestId('kpi-detail').getByRole('heading', { name: NAMES.kpi, exact: true }).waitFor();
      const chart = page.getByTestId('kpi-chart').first();
      await page.waitForFunction((unit) => [...document.querySelectorAll('[data-testid="kpi-chart"] svg text')].some((node) => node.textContent === unit), NAMES.kpiUnit);
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="kpi-chart"] div')].some((node) => node.textContent?.trim() && getComputedStyle(node).display !== 'none' && getComputedStyle(node).position === 'absolute'));
      await page.screenshot({ path: screenshotPath(`markup-kpis-${role}`), fullPage: true });
      await expectNothingInterpreted(page, kpis);
      expectNoForeignNavigation(navigations);
      await context.close();
    });

    it(`should show requirements, cases, campaigns, runs and defects as text on the recette pages, for a ${role}`, async () => {
      const { context, page, navigations } = await openAs(role);
      const recette = `/projects/${projectId}/acceptance`;
      await visit(page, `${recette}/requirements`, [NAMES.requirement]);
      await visit(page, `${recette}/cases`, [NAMES.testCase]);
      await visit(page, `${recette}/traceability`, [NAMES.requirement]);
      await visit(page, `${recette}/campaigns`, [NAMES.campaign]);
      await visit(page, `${recette}/campaigns/${campaignId}`, [NAMES.campaign, NAMES.testCase]);
      await page.screenshot({ path: screenshotPath(`markup-campaign-${role}`), fullPage: true });
      await visit(page, `${recette}/run/${executionId}`, [NAMES.testCase, NAMES.step]);
      await visit(page, `${recette}/defects`, [NAMES.defect]);
      // « Mes tests »: the manager's case still to run, across projects.
      if (role === 'manager') await visit(page, '/my-tests', [NAMES.testCase, NAMES.campaign, NAMES.project]);
      await page.screenshot({ path: screenshotPath(`markup-defects-${role}`), fullPage: true });
      expectNoForeignNavigation(navigations);
      await context.close();
    });

    it(`should show go / no-go, the overview and « Mon travail » as text, for a ${role}`, async () => {
      const { context, page, navigations } = await openAs(role);
      await visit(page, `/projects/${projectId}/go-no-go`, [NAMES.readiness, NAMES.evidence, NAMES.campaign]);
      await page.screenshot({ path: screenshotPath(`markup-go-no-go-${role}`), fullPage: true });
      await visit(page, `/projects/${projectId}/overview`, [NAMES.project, NAMES.risk, NAMES.meeting, own.action]);
      await page.screenshot({ path: screenshotPath(`markup-overview-${role}`), fullPage: true });
      const myWork = [NAMES.project, NAMES.meeting, own.action, own.treatment, NAMES.risk];
      await visit(page, '/my-work', role === 'manager' ? [...myWork, NAMES.testCase] : myWork);
      await page.screenshot({ path: screenshotPath(`markup-my-work-${role}`), fullPage: true });
      expectNoForeignNavigation(navigations);
      await context.close();
    });

    it(`should show the meeting's invitation as text in the mail outbox, in its sandboxed frame, for a ${role}`, async () => {
      const { context, page, navigations } = await openAs(role);
      await page.goto(`${jalon.url}/mail`);
      const row = page.locator('[data-testid="mail-row"][data-kind="invitation"]', { hasText: NAMES.meeting });
      await row.first().waitFor();
      // The subject and the recipient's name are shown on the page as text.
      await expectLiteral(page, NAMES.meeting);
      await row.first().getByTestId('mail-open').click();
      await page.getByTestId('mail-viewer').waitFor();
      await expectLiteral(page, NAMES[role]);
      expect(await page.getByTestId('mail-frame').getAttribute('sandbox')).toBe('');
      const frame = await (await page.getByTestId('mail-frame').elementHandle())!.contentFrame();
      expect(frame).not.toBeNull();
      // The mail's HTML shows every piece of user text as the recipient typed it: title, project,
      // place, participants.
      for (const text of [NAMES.meeting, NAMES.project, NAMES.place, NAMES.manager, NAMES.viewer, NAMES.external]) await expectLiteral(frame!, text);
      expect(await frame!.evaluate(interpretedIn)).toEqual({ pwned: null, images: 0, metas: 0, bold: 0 });
      expect(await frame!.evaluate(() => location.href)).toBe('about:srcdoc');
      await page.screenshot({ path: screenshotPath(`markup-mail-${role}`), fullPage: true });
      await expectNothingInterpreted(page, '/mail');
      expectNoForeignNavigation(navigations);
      await context.close();
    });
  }
});
