import type { RiskDto, RiskRegisterDto } from './contract';
import { compactRegister, expandRegister, isCompactRegister } from './compact-register';
import { assess, type BandConfig } from './scoring';
import { DEFAULT_REVIEW_INTERVALS } from './review';

// A custom band configuration: the expansion must band with the project's thresholds, not the defaults.
const BANDS: BandConfig = [
  { band: 'low', min: 1, max: 3 },
  { band: 'medium', min: 4, max: 8 },
  { band: 'high', min: 9, max: 14 },
  { band: 'critical', min: 15, max: 25 },
];

function risk(index: number, overrides: Partial<RiskDto> = {}): RiskDto {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    id,
    reference: `R-${String(index).padStart(3, '0')}`,
    title: `Risque « ${index} » <b>gras</b>`,
    description: 'Décrit\nsur deux lignes',
    category: 'gdpr_compliance',
    cause: 'cause',
    consequence: 'conséquence',
    ownerUserId: 'u-1',
    ownerName: 'Claire Martin',
    proximity: '2027-01-15',
    trigger: '',
    strategy: 'reduce',
    contingencyPlan: '',
    status: 'in_treatment',
    occurredOn: null,
    occurrenceNote: '',
    inherent: assess(5, 4, BANDS),
    residual: assess(3, 3, BANDS),
    target: assess(1, 2, BANDS),
    linkedTaskIds: ['t-1', 't-2'],
    treatments: [
      { id: `tr-${index}`, riskId: id, title: 'Former', ownerUserId: null, ownerName: null, dueDate: '2026-12-01', status: 'in_progress', effect: 'impact', overdue: true, version: 2 },
      { id: `tr-${index}b`, riskId: id, title: 'Tester', ownerUserId: 'u-2', ownerName: 'Paul', dueDate: null, status: 'done', effect: 'both', overdue: false, version: 1 },
    ],
    acceptance: null,
    createdAt: '2026-10-01T08:30:00.000Z',
    lastReviewedOn: '2026-11-02',
    nextReviewOn: '2026-11-16',
    reviewOverdue: true,
    overdueTreatments: 1,
    materialising: [{ cause: 'low_float', taskId: 't-1', totalFloat: 2, threshold: 5 }, { cause: 'not_started', taskId: 't-2' }],
    trend: 'up',
    movement: { inherent: null, residual: { from: { probability: 2, impact: 3 }, to: { probability: 3, impact: 3 } }, target: null },
    version: 7,
    ...overrides,
  };
}

const register: RiskRegisterDto = {
  settings: { bands: BANDS, labels: null, reviewIntervals: DEFAULT_REVIEW_INTERVALS, floatThreshold: 5, version: 3 },
  risks: [
    risk(1),
    risk(2, {
      ownerUserId: null,
      ownerName: null,
      proximity: null,
      strategy: 'accept',
      status: 'identified',
      category: 'planning',
      treatments: [],
      linkedTaskIds: [],
      acceptance: {
        id: 'a-1',
        acceptedAt: '2026-11-02T16:00:00.000Z',
        acceptedBy: 'u-3',
        acceptedByName: 'Sophie',
        acceptedByRole: 'sponsor',
        justification: 'budget de fonctionnement',
        inherent: assess(4, 4, BANDS),
        residual: assess(4, 3, BANDS),
        target: assess(4, 3, BANDS),
      },
      materialising: [{ cause: 'milestone_slipped', taskId: 't-9', slippage: 4 }],
      trend: null,
      reviewOverdue: false,
      overdueTreatments: 0,
      lastReviewedOn: null,
      movement: {
        inherent: { from: { probability: 1, impact: 1 }, to: { probability: 5, impact: 5 } },
        residual: null,
        target: { from: { probability: 2, impact: 2 }, to: { probability: 1, impact: 2 } },
      },
    }),
    risk(3, { status: 'occurred', occurredOn: '2026-11-20', occurrenceNote: 'arrivé', strategy: 'transfer', category: 'vendor', trend: 'closed' }),
  ],
  latestReviews: [
    { id: 'rv-2', heldOn: '2026-11-02', title: 'COPIL novembre', heldBy: 'u-1', heldByName: 'Claire Martin', riskCount: 3, createdAt: '2026-11-02T17:00:00.000Z' },
  ],
  today: '2026-12-02',
};

describe('compact register', () => {
  it('should give back the register exactly, with scores and bands from the project’s own thresholds', () => {
    const compact = compactRegister(register);
    expect(isCompactRegister(compact)).toBe(true);
    expect(isCompactRegister(register as never)).toBe(false);
    // Through JSON, as the browser gets it.
    const expanded = expandRegister(JSON.parse(JSON.stringify(compact)));
    expect(expanded).toEqual(register);
    // 3 × 3 = 9 is "high" with these thresholds and "medium" with the defaults.
    expect(expanded.risks[0]!.residual).toEqual({ probability: 3, impact: 3, score: 9, band: 'high' });
  });

  it('should write each owner once and no key per risk, in well under half the bytes of the plain register', () => {
    const many: RiskRegisterDto = { ...register, risks: Array.from({ length: 200 }, (_, index) => risk(index + 1)) };
    const compact = compactRegister(many);
    expect(compact.owners).toEqual([
      ['u-1', 'Claire Martin'],
      [null, null],
      ['u-2', 'Paul'],
    ]);
    const compactJson = JSON.stringify(compact);
    expect(compactJson).not.toContain('"ownerName"');
    expect(compactJson.length).toBeLessThan(JSON.stringify(many).length / 2);
    expect(expandRegister(JSON.parse(compactJson))).toEqual(many);
  });
});
