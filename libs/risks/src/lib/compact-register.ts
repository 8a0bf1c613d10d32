import type { AcceptanceDto, AssessmentDto, MatrixCell, RiskDto, RiskRegisterDto, TreatmentDto } from './contract';
import type { MaterialisingCause } from './materialising';
import { ASSESSMENT_KINDS, RISK_CATEGORIES, RISK_STATUSES, RISK_STRATEGIES, TREATMENT_EFFECTS, TREATMENT_STATUSES } from './register';
import type { RiskTrend } from './review';
import { assess, type BandConfig, type RiskLevel } from './scoring';

// `GET /risks` with `Accept: application/vnd.jalon.risk-register-compact+json` answers the same
// register in about a third of the bytes: one array per risk and per treatment instead of objects
// repeating every key, each assessment as its probability and impact only (score and band follow
// from the project's bands, with the same rule as the API), a move between two reviews as four
// levels, the categories, strategies and statuses as indexes, and each owner written once.
// Dates stay 'YYYY-MM-DD' strings. `expandRegister(compactRegister(register))` gives back
// `register` exactly; the web calls `expandRegister` on the answer.

export const COMPACT_REGISTER_MEDIA_TYPE = 'application/vnd.jalon.risk-register-compact+json';

/** The order of the values in a compact risk row (documentation; `CompactRiskRow` follows it). */
export const COMPACT_RISK_COLUMNS = [
  'id',
  'reference',
  'title',
  'description',
  'category',
  'cause',
  'consequence',
  'owner',
  'proximity',
  'trigger',
  'strategy',
  'contingencyPlan',
  'status',
  'occurredOn',
  'occurrenceNote',
  'inherent',
  'residual',
  'target',
  'linkedTaskIds',
  'treatments',
  'acceptance',
  'createdAt',
  'lastReviewedOn',
  'nextReviewOn',
  'reviewOverdue',
  'overdueTreatments',
  'materialising',
  'trend',
  'movement',
  'version',
] as const;

/** Probability then impact. */
type CompactAssessment = [number, number];
/** From probability, from impact, to probability, to impact; null when the risk did not move. */
type CompactMove = [number, number, number, number] | null;

/** id, title, owner (index into `owners`), due date, status, effect (indexes), overdue (0/1), version. */
export type CompactTreatmentRow = [string, string, number, string | null, number, number, 0 | 1, number];

export type CompactRiskRow = [
  string,
  string,
  string,
  string,
  number,
  string,
  string,
  number,
  string | null,
  string,
  number,
  string,
  number,
  string | null,
  string,
  CompactAssessment,
  CompactAssessment,
  CompactAssessment,
  string[],
  CompactTreatmentRow[],
  AcceptanceDto | null,
  string,
  string | null,
  string,
  0 | 1,
  number,
  MaterialisingCause[],
  RiskTrend | null,
  [CompactMove, CompactMove, CompactMove],
  number,
];

export interface CompactRiskRegisterDto extends Omit<RiskRegisterDto, 'risks'> {
  encoding: 'risk-rows-1';
  /** Every owner of a risk or a treatment, once: [user id, name] ([null, null] for none). */
  owners: Array<[string | null, string | null]>;
  risks: CompactRiskRow[];
}

export function compactRegister(register: RiskRegisterDto): CompactRiskRegisterDto {
  const { risks, ...rest } = register;
  const owners: Array<[string | null, string | null]> = [];
  const ownerIndex = new Map<string, number>();
  const owner = (userId: string | null, name: string | null): number => {
    const key = JSON.stringify([userId, name]);
    let found = ownerIndex.get(key);
    if (found === undefined) {
      found = owners.length;
      owners.push([userId, name]);
      ownerIndex.set(key, found);
    }
    return found;
  };
  const assessment = (value: AssessmentDto): CompactAssessment => [value.probability, value.impact];
  const move = (value: { from: MatrixCell; to: MatrixCell } | null): CompactMove =>
    value === null ? null : [value.from.probability, value.from.impact, value.to.probability, value.to.impact];
  return {
    ...rest,
    encoding: 'risk-rows-1',
    risks: risks.map((risk): CompactRiskRow => [
      risk.id,
      risk.reference,
      risk.title,
      risk.description,
      RISK_CATEGORIES.indexOf(risk.category),
      risk.cause,
      risk.consequence,
      owner(risk.ownerUserId, risk.ownerName),
      risk.proximity,
      risk.trigger,
      RISK_STRATEGIES.indexOf(risk.strategy),
      risk.contingencyPlan,
      RISK_STATUSES.indexOf(risk.status),
      risk.occurredOn,
      risk.occurrenceNote,
      assessment(risk.inherent),
      assessment(risk.residual),
      assessment(risk.target),
      risk.linkedTaskIds,
      risk.treatments.map((treatment): CompactTreatmentRow => [
        treatment.id,
        treatment.title,
        owner(treatment.ownerUserId, treatment.ownerName),
        treatment.dueDate,
        TREATMENT_STATUSES.indexOf(treatment.status),
        TREATMENT_EFFECTS.indexOf(treatment.effect),
        treatment.overdue ? 1 : 0,
        treatment.version,
      ]),
      risk.acceptance,
      risk.createdAt,
      risk.lastReviewedOn,
      risk.nextReviewOn,
      risk.reviewOverdue ? 1 : 0,
      risk.overdueTreatments,
      risk.materialising,
      risk.trend,
      [move(risk.movement.inherent), move(risk.movement.residual), move(risk.movement.target)],
      risk.version,
    ]),
    owners,
  };
}

export function expandRegister(compact: CompactRiskRegisterDto): RiskRegisterDto {
  const { risks: rows, owners, encoding: _encoding, ...rest } = compact;
  const bands: BandConfig = compact.settings.bands;
  const assessment = ([probability, impact]: CompactAssessment): AssessmentDto => assess(probability, impact, bands);
  const cell = (probability: number, impact: number): MatrixCell => ({ probability: probability as RiskLevel, impact: impact as RiskLevel });
  const move = (value: CompactMove): { from: MatrixCell; to: MatrixCell } | null =>
    value === null ? null : { from: cell(value[0], value[1]), to: cell(value[2], value[3]) };
  const ownerOf = (index: number): [string | null, string | null] => owners[index] ?? [null, null];
  const risks = rows.map((row): RiskDto => {
    const [ownerUserId, ownerName] = ownerOf(row[7]);
    const treatments = row[19].map((treatment): TreatmentDto => {
      const [treatmentOwnerId, treatmentOwnerName] = ownerOf(treatment[2]);
      return {
        id: treatment[0],
        riskId: row[0],
        title: treatment[1],
        ownerUserId: treatmentOwnerId,
        ownerName: treatmentOwnerName,
        dueDate: treatment[3],
        status: TREATMENT_STATUSES[treatment[4]] ?? 'planned',
        effect: TREATMENT_EFFECTS[treatment[5]] ?? 'both',
        overdue: treatment[6] === 1,
        version: treatment[7],
      };
    });
    const movement = Object.fromEntries(ASSESSMENT_KINDS.map((kind, index) => [kind, move(row[28][index] ?? null)])) as RiskDto['movement'];
    return {
      id: row[0],
      reference: row[1],
      title: row[2],
      description: row[3],
      category: RISK_CATEGORIES[row[4]] ?? 'planning',
      cause: row[5],
      consequence: row[6],
      ownerUserId,
      ownerName,
      proximity: row[8],
      trigger: row[9],
      strategy: RISK_STRATEGIES[row[10]] ?? 'reduce',
      contingencyPlan: row[11],
      status: RISK_STATUSES[row[12]] ?? 'identified',
      occurredOn: row[13],
      occurrenceNote: row[14],
      inherent: assessment(row[15]),
      residual: assessment(row[16]),
      target: assessment(row[17]),
      linkedTaskIds: row[18],
      treatments,
      acceptance: row[20],
      createdAt: row[21],
      lastReviewedOn: row[22],
      nextReviewOn: row[23],
      reviewOverdue: row[24] === 1,
      overdueTreatments: row[25],
      materialising: row[26],
      trend: row[27],
      movement,
      version: row[29],
    };
  });
  return { ...rest, risks };
}

/** Whether an answer of `GET /risks` is the compact encoding (a proxy may have dropped the Accept header). */
export const isCompactRegister = (register: CompactRiskRegisterDto | RiskRegisterDto): register is CompactRiskRegisterDto =>
  (register as Partial<CompactRiskRegisterDto>).encoding === 'risk-rows-1';
