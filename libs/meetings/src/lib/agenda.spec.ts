import {
  AGENDA_DEFAULT_MINUTES,
  AGENDA_QUIET_MINUTES,
  agendaMinutes,
  type AgendaProjectState,
  type AgendaRiskFact,
  pendingDecisions,
  proposeAgenda,
  risksToReview,
} from './agenda';

const quietState = (overrides: Partial<AgendaProjectState> = {}): AgendaProjectState => ({
  meetingType: 'copil',
  today: '2027-01-04',
  meetingDate: '2027-01-05',
  previousCopilAt: '2026-12-01T09:00:00.000Z',
  weather: { weather: 'ensoleille', comment: 'Tout va bien', setAt: '2026-12-01T10:00:00.000Z' },
  milestones: [],
  criticalPath: { current: [], previousIds: [] },
  risks: [],
  actions: [],
  tasks: [],
  acceptance: null,
  kpis: [],
  ...overrides,
});

const risk = (overrides: Partial<AgendaRiskFact>): AgendaRiskFact => ({
  id: 'r',
  reference: 'R-001',
  title: 'Risque',
  status: 'identified',
  band: 'medium',
  score: 6,
  strategy: 'reduce',
  accepted: false,
  trend: 'same',
  materialising: false,
  createdAt: '2026-10-01T08:00:00.000Z',
  nextReviewOn: '2027-02-01',
  ...overrides,
});

const byKind = (state: AgendaProjectState) => new Map(proposeAgenda(state).map((entry) => [entry.kind, entry]));

describe('proposeAgenda — COPIL', () => {
  it('proposes the full agenda in order, every quiet item kept at 5 minutes', () => {
    const items = proposeAgenda(quietState());
    expect(items.map((entry) => entry.kind)).toEqual(['weather', 'milestones', 'critical_path', 'risks', 'decisions_pending', 'actions_overdue']);
    expect(items[0]?.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.weather);
    expect(items.slice(1).every((entry) => entry.durationMinutes === AGENDA_QUIET_MINUTES)).toBe(true);
    expect(items[0]?.details).toEqual(['Météo actuelle : ensoleillé — Tout va bien']);
    expect(agendaMinutes(items)).toBe(5 + 5 * AGENDA_QUIET_MINUTES);
  });

  it('asks for the weather when none is set', () => {
    expect(byKind(quietState({ weather: null })).get('weather')?.details).toEqual(['Météo non renseignée : à fixer en séance']);
  });

  it('lists slipped key milestones first, the largest slip first, and proposes a new baseline', () => {
    const state = quietState({
      milestones: [
        { taskId: 'a', name: 'Recette', finish: '2027-02-01', referenceFinish: '2027-01-28', slippage: 2, critical: false, done: false },
        { taskId: 'b', name: 'Go-live', finish: '2027-03-15', referenceFinish: '2027-03-08', slippage: 5, critical: true, done: false },
        { taskId: 'c', name: 'Kick-off', finish: '2026-11-01', referenceFinish: '2026-11-01', slippage: 0, critical: false, done: true },
        { taskId: 'd', name: 'Formation', finish: '2027-01-20', referenceFinish: null, slippage: null, critical: false, done: false },
      ],
    });
    const milestones = byKind(state).get('milestones');
    expect(milestones?.title).toBe('Jalons clés : 2 glissements');
    expect(milestones?.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.milestones);
    expect(milestones?.details).toEqual([
      'Go-live : 15/03/2027 (+5 j), critique',
      'Recette : 01/02/2027 (+2 j)',
      'Formation : 20/01/2027 (nouveau depuis la référence)',
    ]);
    expect(milestones?.counts).toEqual({ milestones: 3, slipped: 2, ahead: 0 });
    expect(pendingDecisions(state)).toEqual(['Geler une nouvelle référence du plan (2 jalons clés ont glissé)']);
    expect(byKind(state).get('decisions_pending')?.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.decisions_pending);
  });

  it('reports the tasks entering and leaving the critical path since the previous COPIL', () => {
    const state = quietState({
      criticalPath: { current: [{ id: 't1', name: 'Paramétrage SVI' }, { id: 't2', name: 'Tests de charge' }], previousIds: ['t1', 't9', 't8'] },
    });
    const critical = byKind(state).get('critical_path');
    expect(critical?.title).toBe('Chemin critique : changements');
    expect(critical?.details).toEqual(['Entre sur le chemin critique : Tests de charge', '2 tâches sorties du chemin critique']);
    expect(critical?.counts).toEqual({ critical: 2, entered: 1, left: 2 });
    expect(critical?.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.critical_path);
  });

  it('says the critical path cannot be compared without a previous COPIL pack', () => {
    const critical = byKind(quietState({ criticalPath: { current: [{ id: 't1', name: 'A' }], previousIds: null } })).get('critical_path');
    expect(critical?.details).toEqual(['1 tâche critique (pas de COPIL précédent pour comparer)']);
    expect(critical?.durationMinutes).toBe(AGENDA_QUIET_MINUTES);
  });

  it('flags risks new since the previous COPIL, rising, materialising and overdue for review, ignoring closed ones', () => {
    const state = quietState({
      risks: [
        risk({ id: '1', reference: 'R-001', title: 'Nouveau', createdAt: '2026-12-10T08:00:00.000Z', trend: null, score: 4 }),
        risk({ id: '2', reference: 'R-002', title: 'Hausse', trend: 'up', score: 12, band: 'high' }),
        risk({ id: '3', reference: 'R-003', title: 'Matérialise', materialising: true, score: 9 }),
        risk({ id: '4', reference: 'R-004', title: 'À revoir', nextReviewOn: '2027-01-03' }),
        risk({ id: '5', reference: 'R-005', title: 'Revue aujourd’hui', nextReviewOn: '2027-01-04' }),
        risk({ id: '6', reference: 'R-006', title: 'Clos', status: 'closed', trend: 'up', materialising: true }),
      ],
    });
    const review = risksToReview(state);
    expect(review.fresh.map((r) => r.reference)).toEqual(['R-001']);
    expect(review.rising.map((r) => r.reference)).toEqual(['R-002']);
    expect(review.materialising.map((r) => r.reference)).toEqual(['R-003']);
    expect(review.reviewOverdue.map((r) => r.reference)).toEqual(['R-004']);
    const risks = byKind(state).get('risks');
    expect(risks?.title).toBe('Risques : 1 nouveau, 1 en hausse, 1 en train de se matérialiser, 1 à revoir');
    expect(risks?.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.risks);
    expect(risks?.details[0]).toBe('R-003 Matérialise (en train de se matérialiser, score 9)');
    expect(risks?.counts['flagged']).toBe(4);
  });

  it('a risk recorded after the previous COPIL is not new when reviews already compared it (a register imported with its history)', () => {
    const state = quietState({
      risks: [
        risk({ id: '1', createdAt: '2026-12-10T08:00:00.000Z', trend: 'same' }),
        risk({ id: '2', reference: 'R-002', createdAt: '2026-12-10T08:00:00.000Z', trend: null }),
        risk({ id: '3', reference: 'R-003', createdAt: '2026-12-10T08:00:00.000Z', trend: 'new' }),
      ],
    });
    expect(risksToReview(state).fresh.map((r) => r.id)).toEqual(['2', '3']);
  });

  it('without a previous COPIL, "new" means new since the latest risk review', () => {
    const state = quietState({ previousCopilAt: null, risks: [risk({ id: '1', trend: 'new' }), risk({ id: '2', reference: 'R-002', trend: 'same' })] });
    expect(risksToReview(state).fresh.map((r) => r.id)).toEqual(['1']);
  });

  it('puts severe risks waiting for acceptance among the decisions to take', () => {
    const state = quietState({
      risks: [
        risk({ id: '1', reference: 'R-010', title: 'Accepter', strategy: 'accept', band: 'critical', score: 20 }),
        risk({ id: '2', reference: 'R-011', title: 'Déjà accepté', strategy: 'accept', band: 'critical', score: 20, accepted: true }),
        risk({ id: '3', reference: 'R-012', title: 'Faible', strategy: 'accept', band: 'low', score: 2 }),
      ],
    });
    expect(byKind(state).get('decisions_pending')?.details).toEqual(['Accepter le risque R-010 Accepter (score 20)']);
  });

  it('lists overdue open actions by due date, not those done or due today', () => {
    const state = quietState({
      actions: [
        { id: '1', title: 'Relancer l’opérateur', ownerName: 'Alice', dueDate: '2026-12-20', status: 'en_cours' },
        { id: '2', title: 'Former les superviseurs', ownerName: null, dueDate: '2026-12-15', status: 'a_faire' },
        { id: '3', title: 'Du jour', ownerName: 'Bob', dueDate: '2027-01-04', status: 'a_faire' },
        { id: '4', title: 'Faite', ownerName: 'Bob', dueDate: '2026-12-01', status: 'faite' },
      ],
    });
    const actions = byKind(state).get('actions_overdue');
    expect(actions?.title).toBe('Actions en retard (2)');
    expect(actions?.details).toEqual([
      'Former les superviseurs — sans responsable, échéance 15/12/2026',
      'Relancer l’opérateur — Alice, échéance 20/12/2026',
    ]);
  });

  it('adds acceptance progress only when acceptance exists, and the KPIs only when defined', () => {
    const state = quietState({
      acceptance: { cases: 40, passed: 20, failed: 3, blocked: 1, notRun: 16, openDefects: 5 },
      kpis: [
        { name: 'Taux de décroché', status: 'red' },
        { name: 'DMT', status: 'green' },
        { name: 'FCR', status: 'none' },
      ],
    });
    const items = proposeAgenda(state);
    expect(items.map((entry) => entry.kind).slice(-2)).toEqual(['acceptance', 'kpis']);
    expect(items.at(-2)?.details[0]).toBe('Cas exécutés : 24/40 (20 réussis, 3 en échec, 1 bloqué)');
    expect(items.at(-1)?.details).toEqual(["1 au vert, 0 à l'orange, 1 au rouge, 1 sans valeur", 'Taux de décroché : rouge']);
    expect(items.at(-1)?.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.kpis);
  });

  it('KPIs without any value yet keep a short item', () => {
    const kpis = byKind(quietState({ kpis: [{ name: 'DMT', status: 'none' }] })).get('kpis');
    expect(kpis?.durationMinutes).toBe(AGENDA_QUIET_MINUTES);
  });

  it('caps long lists and says how many more there are', () => {
    const actions = Array.from({ length: 12 }, (_, index) => ({
      id: String(index),
      title: `Action ${String(index).padStart(2, '0')}`,
      ownerName: 'Alice',
      dueDate: '2026-12-01',
      status: 'a_faire' as const,
    }));
    const details = byKind(quietState({ actions })).get('actions_overdue')?.details ?? [];
    expect(details).toHaveLength(9);
    expect(details.at(-1)).toBe('… et 4 autres');
  });
});

describe('proposeAgenda — COPROJ and atelier', () => {
  const coproj = (overrides: Partial<AgendaProjectState>) => quietState({ meetingType: 'coproj', ...overrides });

  it('proposes the lighter agenda: tasks in progress and late, actions due within a week of the meeting', () => {
    const state = coproj({
      tasks: [
        { id: '1', name: 'Câblage', start: '2026-12-01', finish: '2026-12-20', progress: 60, actualStart: '2026-12-01', actualFinish: null, isMilestone: false, critical: true },
        { id: '2', name: 'Paramétrage', start: '2026-12-28', finish: '2027-01-15', progress: 10, actualStart: '2026-12-28', actualFinish: null, isMilestone: false, critical: false },
        { id: '3', name: 'Pas commencée', start: '2027-01-02', finish: '2027-02-01', progress: 0, actualStart: null, actualFinish: null, isMilestone: false, critical: false },
        { id: '4', name: 'Plus tard', start: '2027-03-01', finish: '2027-03-10', progress: 0, actualStart: null, actualFinish: null, isMilestone: false, critical: false },
        { id: '5', name: 'Finie', start: '2026-11-01', finish: '2026-11-10', progress: 100, actualStart: '2026-11-01', actualFinish: '2026-11-10', isMilestone: false, critical: false },
        { id: '6', name: 'Jalon', start: '2026-12-01', finish: '2026-12-01', progress: 0, actualStart: null, actualFinish: null, isMilestone: true, critical: false },
      ],
      actions: [
        { id: 'a', title: 'Due dans 5 jours', ownerName: 'Alice', dueDate: '2027-01-10', status: 'a_faire' },
        { id: 'b', title: 'Due dans un mois', ownerName: 'Alice', dueDate: '2027-02-05', status: 'a_faire' },
        { id: 'c', title: 'En retard', ownerName: 'Bob', dueDate: '2026-12-30', status: 'en_cours' },
        { id: 'd', title: 'Sans échéance', ownerName: 'Bob', dueDate: null, status: 'a_faire' },
      ],
    });
    const items = proposeAgenda(state);
    expect(items.map((entry) => entry.kind)).toEqual(['tasks_in_progress', 'actions_due']);
    expect(items[0]?.title).toBe('Tâches en cours et en retard (2 en retard)');
    expect(items[0]?.details).toEqual([
      'En retard : Câblage (fin 20/12/2026, 60 %)',
      'En retard : Pas commencée (fin 01/02/2027, 0 %)',
      'En cours : Paramétrage (fin 15/01/2027, 10 %)',
    ]);
    expect(items[0]?.counts).toEqual({ inProgress: 1, late: 2 });
    expect(items[1]?.details).toEqual(['En retard : En retard — Bob, échéance 30/12/2026', 'Due dans 5 jours — Alice, échéance 10/01/2027']);
    expect(items[1]?.counts).toEqual({ due: 2, overdue: 1 });
    expect(agendaMinutes(items)).toBe(AGENDA_DEFAULT_MINUTES.tasks_in_progress + AGENDA_DEFAULT_MINUTES.actions_due);
  });

  it('adds the materialising risks to a COPROJ only when there are some, and never the COPIL-only items', () => {
    const quiet = proposeAgenda(coproj({ risks: [risk({ trend: 'up' })] }));
    expect(quiet.map((entry) => entry.kind)).toEqual(['tasks_in_progress', 'actions_due']);
    expect(quiet.every((entry) => entry.durationMinutes === AGENDA_QUIET_MINUTES)).toBe(true);
    const busy = proposeAgenda(coproj({ risks: [risk({ materialising: true, trend: 'up' })] }));
    expect(busy.map((entry) => entry.kind)).toEqual(['tasks_in_progress', 'actions_due', 'risks']);
    expect(busy[2]?.title).toBe('Risques en train de se matérialiser');
    expect(busy[2]?.details).toHaveLength(1);
  });

  it('an atelier gets one free item', () => {
    expect(proposeAgenda(quietState({ meetingType: 'atelier' })).map((entry) => entry.kind)).toEqual(['free']);
  });
});

describe('proposeAgenda — the go / no-go (issue 16)', () => {
  const reserve = (overrides: Partial<NonNullable<AgendaProjectState['overdueReserves']>[number]> = {}) => ({
    defectReference: 'ANO-003',
    defectTitle: 'Export PDF tronqué',
    campaignName: 'VABF lot 1',
    ownerName: 'Claire Martin',
    dueDate: '2027-01-01',
    daysLate: 3,
    ...overrides,
  });

  it('proposes no réserve item and no no-go arbitrage when there is nothing to say', () => {
    const items = proposeAgenda(quietState({ overdueReserves: [], noGo: null }));
    expect(items.map((entry) => entry.kind)).toEqual(['weather', 'milestones', 'critical_path', 'risks', 'decisions_pending', 'actions_overdue']);
    expect(items.find((entry) => entry.kind === 'decisions_pending')?.details).toEqual(['Aucune décision en attente']);
  });

  it('lists the overdue réserves, the most late first, with defect, campaign, owner, due date and delay', () => {
    const items = proposeAgenda(
      quietState({
        acceptance: { cases: 10, passed: 8, failed: 2, blocked: 0, notRun: 0, openDefects: 2 },
        kpis: [{ name: 'Appels traités', status: 'green' }],
        overdueReserves: [
          reserve(),
          reserve({ defectReference: 'ANO-001', defectTitle: 'Tri des dossiers', ownerName: 'Paul Durand', dueDate: '2026-12-20', daysLate: 15 }),
        ],
      }),
    );
    expect(items.map((entry) => entry.kind)).toEqual([
      'weather',
      'milestones',
      'critical_path',
      'risks',
      'decisions_pending',
      'actions_overdue',
      'acceptance',
      'acceptance',
      'kpis',
    ]);
    const reserves = items[7]!;
    expect(reserves.title).toBe('Réserves de recette en retard (2)');
    expect(reserves.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.acceptance);
    expect(reserves.details).toEqual([
      'ANO-001 Tri des dossiers (recette VABF lot 1) — Paul Durand, échéance 20/12/2026, 15 jours de retard',
      'ANO-003 Export PDF tronqué (recette VABF lot 1) — Claire Martin, échéance 01/01/2027, 3 jours de retard',
    ]);
    expect(reserves.counts).toEqual({ overdueReserves: 2 });
  });

  it('says « 1 jour » for a réserve one day late', () => {
    const items = proposeAgenda(quietState({ overdueReserves: [reserve({ dueDate: '2027-01-03', daysLate: 1 })] }));
    expect(items.at(-1)?.details).toEqual(['ANO-003 Export PDF tronqué (recette VABF lot 1) — Claire Martin, échéance 03/01/2027, 1 jour de retard']);
  });

  it('puts the arbitrage of a no-go first among the decisions to take', () => {
    const state = quietState({
      noGo: { campaignName: 'VABF lot 1', decidedAt: '2027-01-03T16:00:00.000Z' },
      milestones: [{ taskId: 'a', name: 'Recette', finish: '2027-02-01', referenceFinish: '2027-01-28', slippage: 2, critical: false, done: false }],
    });
    expect(pendingDecisions(state)).toEqual([
      'Décision no-go de la recette VABF lot 1 : arbitrage',
      'Geler une nouvelle référence du plan (1 jalon clé a glissé)',
    ]);
    const decisions = byKind(state).get('decisions_pending');
    expect(decisions?.title).toBe('Décisions à prendre (2)');
    expect(decisions?.durationMinutes).toBe(AGENDA_DEFAULT_MINUTES.decisions_pending);
  });

  it('proposes neither to a COPROJ', () => {
    const items = proposeAgenda(
      quietState({ meetingType: 'coproj', overdueReserves: [reserve()], noGo: { campaignName: 'VABF', decidedAt: '2027-01-03T16:00:00.000Z' } }),
    );
    expect(items.map((entry) => entry.kind)).toEqual(['tasks_in_progress', 'actions_due']);
    expect(items.flatMap((entry) => entry.details).join('\n')).not.toMatch(/no-go|ANO-003/);
  });
});
