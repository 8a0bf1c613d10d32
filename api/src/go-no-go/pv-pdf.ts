import type { GoNoGoDecisionDto, GoNoGoCriterionKey } from '@jalon/domain';
import { frenchDate } from '../exports/calendar-date';
import { renderPdf } from '../exports/pdf-document';

const CRITERION_LABELS: Record<GoNoGoCriterionKey, string> = {
  no_open_blocking_defect: 'Aucune anomalie bloquante ouverte',
  no_open_major_defect_without_reserve: 'Aucune anomalie majeure ouverte sans réserve acceptée',
  indispensable_requirements_ok: '100 % des exigences indispensables couvertes et OK',
  pass_rate: 'Taux de réussite',
  readiness_complete: 'Préparation au démarrage complète',
  no_undecided_critical_risk: 'Aucun risque critique ouvert sans décision',
};

const RESULT_LABELS: Record<string, string> = { non_execute: 'non exécuté', en_cours: 'en cours', reussi: 'réussi', echoue: 'échoué', bloque: 'bloqué' };
const resultLabel = (result: string): string => `« ${RESULT_LABELS[result] ?? result} »`;

const KIND_LABELS = { go: 'GO', go_reserves: 'GO AVEC RÉSERVES', no_go: 'NO-GO' } as const;
const STATUS_LABELS = { proposee: 'proposée, en attente de signatures', signee: 'signée', refusee: 'refusée' } as const;
const ROLE_LABELS = { sponsor: 'Sponsor', key_user: 'Utilisateur clé' } as const;
const SEVERITY_LABELS = { bloquante: 'Bloquante', majeure: 'Majeure', mineure: 'Mineure' } as const;

/** An instant as a French reader reads it, in Paris time (« 1 décembre 2026 à 09:15:02 »). */
export function parisDateTime(instant: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'medium' }).format(new Date(instant));
}

const percent = (value: number | null): string => (value === null ? '—' : `${value.toLocaleString('fr-FR')} %`);

/**
 * The PV de recette: the campaign and its results, the criteria as frozen, the réserves, and each
 * signature with its name, role, date-time and meaning; the decision's SHA-256 on every page.
 * User text is only ever text (pdfmake reaches no file and no URL).
 */
export function renderPv(input: { projectName: string; campaign: { name: string; type: string; startDate: string; endDate: string }; decision: GoNoGoDecisionDto }): Promise<Buffer> {
  const { decision, campaign, projectName } = input;
  const evaluation = decision.evaluation;
  const figures = evaluation.figures;
  const cell = (text: string, style?: string) => (style ? { text, style } : { text });
  const content: unknown[] = [
    { text: 'Procès-verbal de recette', style: 'h1' },
    { text: `${projectName} — campagne « ${campaign.name} » (${campaign.type.toUpperCase()}, du ${frenchDate(campaign.startDate)} au ${frenchDate(campaign.endDate)})` },
    { text: `Décision : ${KIND_LABELS[decision.kind]} — ${STATUS_LABELS[decision.status]}`, style: 'h2' },
    { text: `Proposée par ${decision.proposedByName} le ${parisDateTime(decision.proposedAt)}` },
    ...(decision.comment ? [{ text: decision.comment, italics: true, margin: [0, 4, 0, 0] }] : []),
    { text: 'Résultats de la campagne', style: 'h2' },
    {
      table: {
        widths: ['*', '*', '*', '*', '*'],
        body: [
          ['Cas', 'Exécutés', 'Réussis', 'Échoués / bloqués', 'Taux de réussite'].map((text) => cell(text, 'th')),
          [String(figures.cases), String(figures.run), String(figures.passed), String(figures.failed), percent(figures.passRate)],
        ],
      },
    },
    {
      margin: [0, 4, 0, 0],
      text: `Anomalies ouvertes : ${figures.openDefects.bloquante} bloquante(s), ${figures.openDefects.majeure} majeure(s), ${figures.openDefects.mineure} mineure(s)`,
    },
    { text: `Critères de Go / No-Go (évaluation figée le ${parisDateTime(evaluation.evaluatedAt)})`, style: 'h2' },
    {
      table: {
        widths: ['*', 60, '*'],
        body: [
          ['Critère', 'Résultat', 'Ce qui le rend rouge'].map((text) => cell(text, 'th')),
          ...evaluation.criteria.map((criterion) => [
            criterion.key === 'pass_rate' ? `${CRITERION_LABELS[criterion.key]} ≥ ${percent(criterion.threshold)} (mesuré : ${percent(criterion.actual)})` : CRITERION_LABELS[criterion.key],
            { text: criterion.passed ? 'Vert' : 'Rouge', color: criterion.passed ? '#1b7a3a' : '#b3261e', bold: true },
            criterion.evidence.length === 0 ? '—' : criterion.evidence.map((evidence) => evidence.label).join('\n'),
          ]),
        ],
      },
    },
    { text: 'Réserves', style: 'h2' },
    decision.reserves.length === 0
      ? { text: 'Aucune réserve.' }
      : {
          table: {
            widths: [55, '*', 55, 80, 60, 60],
            body: [
              ['Anomalie', 'Intitulé', 'Gravité', 'Responsable', 'Échéance', 'Levée'].map((text) => cell(text, 'th')),
              ...decision.reserves.map((reserve) => [
                reserve.defectReference,
                reserve.defectTitle,
                SEVERITY_LABELS[reserve.severity],
                reserve.ownerName,
                frenchDate(reserve.dueDate),
                reserve.leveeDate ? frenchDate(reserve.leveeDate) : '—',
              ]),
            ],
          },
        },
    ...(decision.reserves.length > 0 && decision.reserves.every((reserve) => reserve.leveeDate !== null)
      ? [
          {
            text: `Réédition « réserves levées » : ${decision.reserves.map((reserve) => `${reserve.defectReference} levée le ${frenchDate(reserve.leveeDate)}`).join(', ')}. La décision signée reste inchangée (même empreinte).`,
            bold: true,
            margin: [0, 4, 0, 0],
          },
        ]
      : []),
    { text: 'Signatures', style: 'h2' },
    {
      text: `Signataires nommés : ${decision.signers.map((signer) => `${signer.name} (${ROLE_LABELS[signer.role]})`).join(', ')}`,
      margin: [0, 0, 0, 4],
    },
    ...(decision.signatures.length === 0
      ? [{ text: 'Aucune signature à ce jour.' }]
      : decision.signatures.map((signature) => ({
          unbreakable: true,
          margin: [0, 0, 0, 6],
          table: {
            widths: [90, '*'],
            body: [
              [cell('Signataire', 'th'), `${signature.printedName}`],
              [cell('Rôle', 'th'), ROLE_LABELS[signature.role]],
              [cell('Date et heure', 'th'), `${parisDateTime(signature.signedAt)} (heure de Paris)`],
              [cell('Signification', 'th'), signature.meaning + (signature.refusalReason ? ` — motif : ${signature.refusalReason}` : '')],
              [cell('Empreinte', 'th'), { text: `n° ${signature.sequence} — ${signature.hash}`, fontSize: 6.5 }],
            ],
          },
        }))),
    ...(decision.addenda.length === 0
      ? []
      : [
          { text: 'Avenants : exécutions modifiées après la décision', style: 'h2' },
          {
            text: 'Ces changements sont postérieurs à la décision : ils ne modifient ni son contenu figé ni son empreinte.',
            margin: [0, 0, 0, 4],
          },
          {
            table: {
              widths: [80, 55, '*', 110, 80],
              body: [
                ['Date et heure', 'Cas', 'Intitulé', 'Résultat', 'Par'].map((text) => cell(text, 'th')),
                ...decision.addenda.map((addendum) => [
                  parisDateTime(addendum.changedAt),
                  addendum.caseReference,
                  addendum.caseTitle,
                  addendum.previousResult === null
                    ? `nouvelle exécution : ${resultLabel(addendum.newResult)}`
                    : `${resultLabel(addendum.previousResult)}, devenu ${resultLabel(addendum.newResult)}`,
                  addendum.changedByName ?? '—',
                ]),
              ],
            },
          },
        ]),
  ];
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 36, 36, 52],
    language: 'fr-FR',
    info: { title: `PV de recette — ${campaign.name}`, subject: projectName, creator: 'Jalon', producer: 'Jalon' },
    content,
    footer: (currentPage: number, pageCount: number) => ({
      margin: [36, 12, 36, 0],
      columns: [
        { text: `Empreinte SHA-256 de la décision : ${decision.contentHash}`, fontSize: 6.5, color: '#5f6b7a' },
        { text: `${currentPage} / ${pageCount}`, alignment: 'right', width: 40, fontSize: 7, color: '#5f6b7a' },
      ],
    }),
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 11, bold: true, color: '#1f3a93', margin: [0, 10, 0, 5] },
      th: { bold: true, fontSize: 8.5 },
    },
    defaultStyle: { fontSize: 8.5 },
  });
}
