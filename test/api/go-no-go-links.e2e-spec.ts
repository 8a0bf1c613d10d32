import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  AgendaProposalDto,
  CampaignCriteriaDto,
  CampaignDto,
  DefectDto,
  ExecutionDto,
  GoNoGoDecisionDto,
  GoNoGoSignalsDto,
  ProjectOverviewDto,
  ProjectRole,
} from '@jalon/domain';
import { memberOf, newProject, type ApiAgent } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { Clock } from '../../api/src/clock/clock';
import { OverviewService } from '../../api/src/meetings/overview.service';

/** A test that prepares campaigns through the API on a loaded machine. */
const LONG = 600_000;

/**
 * The go / no-go tied to the rest of the project (issue 16, « Réserves » and « Link to the plan »):
 * overdue réserves on the overview and in the next COPIL's agenda, a signed no-go on the planning
 * (GET …/go-no-go/signals) and proposed to the COPIL for arbitrage.
 */
describe('Go / no-go links: overdue réserves and the no-go on the overview, the COPIL agenda and the planning (HTTP, PostgreSQL)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    testApp.app.get(Clock).set('2027-03-10T09:00:00Z');
  });
  afterAll(async () => {
    testApp.app.get(Clock).set(null);
    await testApp.close();
  });

  const named = (projectId: string, role: ProjectRole, displayName: string): Promise<ApiAgent> => memberOf(testApp.app, projectId, role, displayName);

  /** A project with a campaign « VABF lot 1 » whose second case failed with a majeure defect, and a draft COPIL. */
  async function prepared() {
    const project = await newProject(testApp.app);
    const pm = await named(project.id, 'project_manager', 'Claire Martin');
    const sponsor = await named(project.id, 'sponsor', 'Éric Lefèvre');
    const keyUser = await named(project.id, 'key_user', 'Julien Moreau');
    const vendor = await named(project.id, 'contributor', 'Sophie Girard');
    const viewer = await memberOf(testApp.app, project.id, 'viewer');
    const cases: string[] = [];
    for (const index of [1, 2]) {
      const [row] = (await dataSource.query(
        `INSERT INTO acceptance_test_case (project_id, reference, title, preconditions, steps, status) VALUES ($1, $2, $3, '', $4, 'pret') RETURNING id`,
        [project.id, `CT-00${index}`, `Cas ${index}`, JSON.stringify([{ action: 'Appeler', data: '', expected: 'Routé' }])],
      )) as Array<{ id: string }>;
      cases.push(row!.id);
    }
    const acceptance = `/api/projects/${project.id}/acceptance`;
    const base = `/api/projects/${project.id}/go-no-go`;
    const campaign = (await pm.post(`${acceptance}/campaigns`).send({ name: 'VABF lot 1', type: 'vabf', startDate: '2027-03-01', endDate: '2027-03-12' }).expect(201))
      .body as CampaignDto;
    const withCases = (await pm.post(`${acceptance}/campaigns/${campaign.id}/cases`).send({ testCaseIds: cases, assigneeUserId: keyUser.user.id }).expect(201))
      .body as CampaignDto;
    const run = async (position: number, status: 'reussi' | 'echoue') => {
      const execution = (await keyUser.post(`${acceptance}/campaigns/${campaign.id}/cases/${withCases.cases[position]!.id}/executions`).expect(201)).body as ExecutionDto;
      return (await keyUser.put(`${acceptance}/executions/${execution.id}/steps/0`).send({ version: execution.version, status, actual: status === 'echoue' ? 'KO' : '' }).expect(200))
        .body as ExecutionDto;
    };
    await run(0, 'reussi');
    const failed = await run(1, 'echoue');
    const defect = (await keyUser.post(`${acceptance}/defects`).send({ executionId: failed.id, stepIndex: 0, severity: 'majeure', assigneeUserId: vendor.user.id }).expect(201))
      .body as DefectDto;
    const [copil] = (await dataSource.query(
      `INSERT INTO meeting (project_id, type, title, starts_at, duration_minutes, status, organiser_user_id)
       VALUES ($1, 'copil', 'COPIL de mars', '2027-03-16T09:00:00Z', 120, 'brouillon', $2) RETURNING id`,
      [project.id, pm.user.id],
    )) as Array<{ id: string }>;
    return { projectId: project.id, pm, sponsor, keyUser, vendor, viewer, campaign: withCases, defect, base, acceptance, copilId: copil!.id };
  }

  type Prepared = Awaited<ReturnType<typeof prepared>>;

  async function lock(r: Prepared, campaignId: string) {
    const criteria = (await r.pm.get(`${r.base}/campaigns/${campaignId}/criteria`).expect(200)).body as CampaignCriteriaDto;
    const set = (await r.pm.put(`${r.base}/campaigns/${campaignId}/criteria`).send({ version: criteria.version, criteria: criteria.criteria }).expect(200))
      .body as CampaignCriteriaDto;
    await r.pm.post(`${r.base}/campaigns/${campaignId}/criteria/lock`).send({ version: set.version }).expect(200);
  }

  async function signAll(r: Prepared, decision: GoNoGoDecisionDto, agents: ApiAgent[]): Promise<GoNoGoDecisionDto> {
    let signed = decision;
    for (const agent of agents) {
      signed = (await agent.post(`${r.base}/decisions/${decision.id}/signatures`).send({ password: agent.user.password }).expect(201)).body as GoNoGoDecisionDto;
    }
    return signed;
  }

  const proposal = async (r: Prepared) => (await r.viewer.get(`/api/projects/${r.projectId}/meetings/${r.copilId}/agenda/proposal`).expect(200)).body as AgendaProposalDto;

  it('should list a signed decision’s overdue réserve on the overview and in the COPIL agenda, not before it is signed, not once lifted, not for another project', async () => {
    const r = await prepared();
    await lock(r, r.campaign.id);
    const proposed = (await r.pm
      .post(`${r.base}/campaigns/${r.campaign.id}/decisions`)
      .send({ kind: 'go_reserves', reserves: [{ defectId: r.defect.id, ownerUserId: r.vendor.user.id, dueDate: '2027-03-05' }] })
      .expect(201)).body as GoNoGoDecisionDto;

    // Proposed, not signed yet: the réserve is not accepted, so nothing is overdue.
    expect(((await r.viewer.get(`${r.base}/signals`).expect(200)).body as GoNoGoSignalsDto)).toEqual({ latestDecision: null, overdueReserves: [] });
    expect(((await r.viewer.get(`/api/projects/${r.projectId}/overview`).expect(200)).body as ProjectOverviewDto).overdueReserves).toEqual([]);
    expect((await proposal(r)).items.map((item) => item.title)).not.toContainEqual(expect.stringMatching(/^Réserves/));

    const signed = await signAll(r, proposed, [r.keyUser, r.sponsor]);
    expect(signed.status).toBe('signee');
    const expected = {
      id: signed.reserves[0]!.id,
      decisionId: proposed.id,
      campaignId: r.campaign.id,
      campaignName: 'VABF lot 1',
      defectId: r.defect.id,
      defectReference: r.defect.reference,
      defectTitle: r.defect.title,
      ownerUserId: r.vendor.user.id,
      ownerName: 'Sophie Girard',
      dueDate: '2027-03-05',
      daysLate: 5,
    };
    const overview = (await r.viewer.get(`/api/projects/${r.projectId}/overview`).expect(200)).body as ProjectOverviewDto;
    expect(overview.overdueReserves).toEqual([expected]);
    const signals = (await r.vendor.get(`${r.base}/signals`).expect(200)).body as GoNoGoSignalsDto;
    expect(signals.overdueReserves).toEqual([expected]);
    expect(signals.latestDecision).toMatchObject({ decisionId: proposed.id, campaignId: r.campaign.id, campaignName: 'VABF lot 1', kind: 'go_reserves' });
    expect(Date.parse(signals.latestDecision!.decidedAt)).not.toBeNaN();

    // The COPIL agenda: an item listing it, with its details; no no-go arbitrage after a go.
    const items = (await proposal(r)).items;
    const reserves = items.find((item) => item.title.startsWith('Réserves'));
    expect(reserves).toMatchObject({ kind: 'acceptance', title: 'Réserves de recette en retard (1)', counts: { overdueReserves: 1 } });
    expect(reserves!.details).toEqual([`${r.defect.reference} ${r.defect.title} (recette VABF lot 1) — Sophie Girard, échéance 05/03/2027, 5 jours de retard`]);
    expect(items.find((item) => item.kind === 'decisions_pending')!.details.join('\n')).not.toContain('no-go');
    // Applied to the draft COPIL, the item is on its agenda.
    const applied = (await r.pm.post(`/api/projects/${r.projectId}/meetings/${r.copilId}/agenda/apply`).send({}).expect(200)).body as { items: Array<{ title: string }> };
    expect(applied.items.map((item) => item.title)).toContain('Réserves de recette en retard (1)');

    // Another project sees nothing of it.
    const other = await prepared();
    expect(((await other.viewer.get(`/api/projects/${other.projectId}/overview`).expect(200)).body as ProjectOverviewDto).overdueReserves).toEqual([]);
    expect(((await other.viewer.get(`${other.base}/signals`).expect(200)).body as GoNoGoSignalsDto).latestDecision).toBeNull();
    await other.viewer.get(`${r.base}/signals`).expect(404);

    // Not overdue on its due date; gone once lifted.
    testApp.app.get(Clock).set('2027-03-05T09:00:00Z');
    try {
      expect(((await r.viewer.get(`${r.base}/signals`).expect(200)).body as GoNoGoSignalsDto).overdueReserves).toEqual([]);
    } finally {
      testApp.app.get(Clock).set('2027-03-10T09:00:00Z');
    }
    await dataSource.query(`UPDATE gonogo_reserve SET levee_date = '2027-03-09' WHERE id = $1`, [expected.id]);
    expect(((await r.viewer.get(`/api/projects/${r.projectId}/overview`).expect(200)).body as ProjectOverviewDto).overdueReserves).toEqual([]);
    expect((await proposal(r)).items.map((item) => item.title)).not.toContainEqual(expect.stringMatching(/^Réserves/));
  }, LONG);

  it('should give null overdue réserves to a caller without gonogo.read (the service, every role holding it today)', async () => {
    const r = await prepared();
    const overviews = testApp.app.get(OverviewService);
    expect((await overviews.overview(r.projectId, r.viewer.user.id, false)).overdueReserves).toBeNull();
    expect((await overviews.overview(r.projectId, r.viewer.user.id, true)).overdueReserves).toEqual([]);
  }, LONG);

  it('should show the latest signed no-go (not a proposed one) to the planning and propose its arbitrage to the next COPIL, until a later go', async () => {
    const r = await prepared();
    await lock(r, r.campaign.id);
    const noGo = (await r.pm.post(`${r.base}/campaigns/${r.campaign.id}/decisions`).send({ kind: 'no_go', comment: 'Trop d’anomalies' }).expect(201))
      .body as GoNoGoDecisionDto;
    // Proposed only: not a decision yet.
    expect(((await r.viewer.get(`${r.base}/signals`).expect(200)).body as GoNoGoSignalsDto).latestDecision).toBeNull();
    const before = (await proposal(r)).items.find((item) => item.kind === 'decisions_pending')!;
    expect(before.details.join('\n')).not.toContain('no-go');

    const signed = await signAll(r, noGo, [r.keyUser, r.sponsor]);
    expect(signed).toMatchObject({ status: 'signee', kind: 'no_go' });
    const signals = (await r.viewer.get(`${r.base}/signals`).expect(200)).body as GoNoGoSignalsDto;
    expect(signals.latestDecision).toMatchObject({ decisionId: noGo.id, campaignId: r.campaign.id, campaignName: 'VABF lot 1', kind: 'no_go' });
    // Decided when its last signature was given.
    expect(signals.latestDecision!.decidedAt).toBe(signed.signatures.at(-1)!.signedAt);

    const decisions = (await proposal(r)).items.find((item) => item.kind === 'decisions_pending')!;
    expect(decisions.details[0]).toBe('Décision no-go de la recette VABF lot 1 : arbitrage');
    expect(decisions.title).toMatch(/^Décisions à prendre \(\d+\)$/);
    expect(decisions.counts['pending']).toBeGreaterThanOrEqual(1);

    // A campaign signed go the next day: the latest decision is no longer a no-go.
    testApp.app.get(Clock).set('2027-03-11T09:00:00Z');
    const second = (await r.pm.post(`${r.acceptance}/campaigns`).send({ name: 'VABF lot 1 bis', type: 'vabf', startDate: '2027-03-08', endDate: '2027-03-09' }).expect(201))
      .body as CampaignDto;
    await lock(r, second.id);
    const go = (await r.pm.post(`${r.base}/campaigns/${second.id}/decisions`).send({ kind: 'go' }).expect(201)).body as GoNoGoDecisionDto;
    await signAll(
      r,
      go,
      go.signers.map((signer) => [r.sponsor, r.keyUser, r.pm].find((agent) => agent.user.id === signer.userId)!),
    );
    const after = (await r.viewer.get(`${r.base}/signals`).expect(200)).body as GoNoGoSignalsDto;
    expect(after.latestDecision).toMatchObject({ decisionId: go.id, kind: 'go', campaignName: 'VABF lot 1 bis' });
    expect((await proposal(r)).items.find((item) => item.kind === 'decisions_pending')!.details.join('\n')).not.toContain('no-go');
    testApp.app.get(Clock).set('2027-03-10T09:00:00Z');
  }, LONG);
});
