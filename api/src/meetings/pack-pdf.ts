import * as echarts from 'echarts';
import type { CopilPackSnapshot, Weather } from '@jalon/domain';
import { ganttSummaryChartOptions, milestoneTrendChartOptions, slippageLabel, type ChartOptions } from '@jalon/meetings';
import { frenchDate } from '../exports/calendar-date';
import { renderPdf, SVG_CHART_FONT } from '../exports/pdf-document';

/** A4 portrait: 595 × 842 pt; margins of 36 pt leave 523 pt of width. */
const WIDTH = 523;

const WEATHER: Record<Weather, { label: string; color: string }> = {
  ensoleille: { label: 'Ensoleillé', color: '#2e7d32' },
  nuageux: { label: 'Nuageux', color: '#ef6c00' },
  orageux: { label: 'Orageux', color: '#b3261e' },
};

const BANDS: Record<string, { label: string; color: string; text: string }> = {
  low: { label: 'faible', color: '#c8e6c9', text: '#1b5e20' },
  medium: { label: 'moyen', color: '#fff59d', text: '#5d4037' },
  high: { label: 'élevé', color: '#ffcc80', text: '#7a2e00' },
  critical: { label: 'critique', color: '#ef9a9a', text: '#7f0000' },
};

const ACTION_STATUS: Record<string, string> = { a_faire: 'À faire', en_cours: 'En cours', faite: 'Faite', abandonnee: 'Abandonnée' };
// Words rather than arrows: Roboto has no arrow glyphs.
const TREND: Record<string, string> = { up: 'en hausse', down: 'en baisse', same: 'stable', new: 'nouveau', closed: 'clos' };
const IMPACTS: Record<string, string> = { scope: 'périmètre', time: 'délai', budget: 'budget' };
const KPI_STATUS: Record<string, { label: string; color: string }> = {
  green: { label: 'vert', color: '#2e7d32' },
  amber: { label: 'orange', color: '#ef6c00' },
  red: { label: 'rouge', color: '#b3261e' },
  none: { label: 'sans valeur', color: '#5f6b7a' },
};

/** ECharts' server-side SVG rendering of one chart (no DOM, no canvas). */
export function chartSvg(options: ChartOptions, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // The PDF's own copy of Roboto (see SVG_CHART_FONT); the page names Roboto itself.
    chart.setOption({ ...options, textStyle: { ...(options['textStyle'] as object | undefined), fontFamily: SVG_CHART_FONT } });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it (a pack formats a hundred decision dates). */
const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as « 05/01/2027 10:00 » in a time zone. */
function frenchInstant(instant: string, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    instantFormats.set(timeZone, format);
  }
  return format.format(new Date(instant)).replace(',', '');
}

const cell = (text: string | number, extra: Record<string, unknown> = {}) => ({ text: String(text), ...extra });
const header = (...labels: string[]) => labels.map((label) => cell(label, { style: 'th' }));
const section = (title: string) => ({ text: title, style: 'h2' });
const empty = (text: string) => ({ text, italics: true, color: '#5f6b7a', margin: [0, 0, 0, 8] });

function table(widths: Array<number | string>, head: unknown[], body: unknown[][]) {
  return {
    table: { headerRows: 1, widths, body: [head, ...body], dontBreakRows: true },
    layout: { hLineColor: '#d0d5dd', vLineColor: '#d0d5dd', hLineWidth: () => 0.5, vLineWidth: () => 0.5, fillColor: (row: number) => (row === 0 ? '#eef1f6' : null) },
    margin: [0, 0, 0, 10],
  };
}

/**
 * The COPIL pack as a PDF, from its frozen snapshot only (never from live data). Every page's
 * footer carries `contentSha256`, the SHA-256 of the snapshot's canonical JSON.
 */
export async function renderPackPdf(snapshot: CopilPackSnapshot, contentSha256: string): Promise<Buffer> {
  const { meeting, project } = snapshot;
  const content: unknown[] = [
    { text: `Dossier de COPIL — ${meeting.title}`, style: 'h1' },
    {
      text: `${project.name} · séance du ${frenchInstant(meeting.startsAt, meeting.timeZone)} · go-live cible ${frenchDate(project.targetGoLive)}`,
      margin: [0, 0, 0, 2],
    },
    {
      text: `Figé le ${frenchInstant(snapshot.generatedAt, meeting.timeZone)}${snapshot.generatedByName ? ` par ${snapshot.generatedByName}` : ''}${
        snapshot.baseline ? ` · glissements par rapport à la référence « ${snapshot.baseline.name} »` : ' · aucune référence : pas de glissement'
      }${snapshot.frozenBaseline ? ` · référence « ${snapshot.frozenBaseline.name} » gelée avec ce dossier` : ''}`,
      color: '#5f6b7a',
      margin: [0, 0, 0, 10],
    },
  ];

  // Weather.
  content.push(section('Météo du projet'));
  if (snapshot.weather) {
    const weather = WEATHER[snapshot.weather.weather];
    content.push({
      text: [
        { text: `${weather.label}`, bold: true, color: weather.color },
        snapshot.weather.comment ? ` — ${snapshot.weather.comment}` : '',
        { text: ` (le ${frenchInstant(snapshot.weather.setAt, meeting.timeZone)}${snapshot.weather.setByName ? `, ${snapshot.weather.setByName}` : ''})`, color: '#5f6b7a' },
      ],
      margin: [0, 0, 0, 4],
    });
    if (snapshot.weatherHistory.length > 1) {
      content.push({
        text: `Historique : ${[...snapshot.weatherHistory].reverse().map((entry) => `${WEATHER[entry.weather].label} (${frenchDate(entry.setAt.slice(0, 10))})`).join(' · ')}`,
        color: '#5f6b7a',
        margin: [0, 0, 0, 8],
      });
    }
  } else content.push(empty('Météo non renseignée'));

  // Key milestones.
  content.push(section('Jalons clés'));
  if (snapshot.milestones.length > 0) {
    content.push(
      table(
        ['*', 70, 70, 60, 50],
        header('Jalon', 'Référence', 'Prévu', 'Glissement', 'Critique'),
        snapshot.milestones.map((row) => [
          cell(row.name + (row.done ? ' (atteint)' : '')),
          cell(frenchDate(row.referenceFinish) || '—'),
          cell(frenchDate(row.currentFinish)),
          cell(row.slippage === null ? '—' : slippageLabel(row.slippage), { color: (row.slippage ?? 0) > 0 ? '#b3261e' : '#1b5e20', bold: (row.slippage ?? 0) > 0 }),
          cell(row.critical ? 'oui' : ''),
        ]),
      ),
    );
  } else content.push(empty('Aucun jalon clé'));

  if (snapshot.milestoneTrend.milestones.length > 0) {
    // A chart stays on one page with its title.
    content.push({
      unbreakable: true,
      stack: [section('Tendance des jalons'), { svg: chartSvg(milestoneTrendChartOptions(snapshot.milestoneTrend), 640, 300), width: WIDTH, margin: [0, 0, 0, 10] }],
    });
  }
  if (snapshot.gantt.rows.length > 0) {
    const height = Math.min(70 + snapshot.gantt.rows.length * 20, 800);
    content.push({
      unbreakable: true,
      stack: [section('Planning synthétique'), { svg: chartSvg(ganttSummaryChartOptions(snapshot.gantt), 640, height), width: WIDTH, margin: [0, 0, 0, 10] }],
    });
  }

  // Risks.
  content.push({ ...section(`Risques (${snapshot.risks.open} ouverts)`), pageBreak: 'before' });
  const matrixBody: unknown[][] = [];
  for (let probability = 5; probability >= 1; probability--) {
    const row: unknown[] = [cell(`P${probability}`, { style: 'th' })];
    for (let impact = 1; impact <= 5; impact++) {
      const entry = snapshot.risks.matrix.find((candidate) => candidate.probability === probability && candidate.impact === impact);
      const band = BANDS[entry?.band ?? 'low'] ?? BANDS['low'];
      row.push(cell(entry && entry.count > 0 ? entry.count : '', { fillColor: band?.color, color: band?.text, alignment: 'center', bold: true }));
    }
    matrixBody.push(row);
  }
  content.push({
    columns: [
      {
        width: 200,
        stack: [
          { text: 'Matrice résiduelle (probabilité × impact)', bold: true, margin: [0, 0, 0, 4] },
          table([24, 30, 30, 30, 30, 30], [cell(''), ...[1, 2, 3, 4, 5].map((impact) => cell(`I${impact}`, { style: 'th', alignment: 'center' }))], matrixBody),
        ],
      },
      { width: '*', text: '' },
    ],
  });
  if (snapshot.risks.top.length > 0) {
    content.push({ text: 'Principaux risques', bold: true, margin: [0, 4, 0, 4] });
    content.push(
      table(
        [40, '*', 80, 40, 50, 50],
        header('Réf.', 'Risque', 'Responsable', 'Score', 'Niveau', 'Tendance'),
        snapshot.risks.top.map((risk) => [
          cell(risk.reference),
          cell(`${risk.title}${risk.materialising ? ' — en train de se matérialiser' : ''}${risk.reviewOverdue ? ' — revue en retard' : ''}`),
          cell(risk.ownerName ?? '—'),
          cell(risk.score, { alignment: 'center' }),
          cell(BANDS[risk.band]?.label ?? risk.band, { fillColor: BANDS[risk.band]?.color }),
          cell(risk.trend ? (TREND[risk.trend] ?? risk.trend) : '—', { alignment: 'center' }),
        ]),
      ),
    );
  }

  // Decisions.
  content.push(section(snapshot.previousCopil ? `Décisions depuis le COPIL du ${frenchInstant(snapshot.previousCopil.startsAt, meeting.timeZone)}` : 'Décisions'));
  if (snapshot.decisions.length > 0) {
    content.push(
      table(
        [62, '*', 80, 70],
        header('Date', 'Décision', 'Décidé par', 'Impact'),
        snapshot.decisions.map((decision) => [
          cell(frenchInstant(decision.decidedAt, meeting.timeZone).slice(0, 10)),
          cell(decision.text),
          cell(decision.decidedBy || '—'),
          cell(decision.impacts.map((impact) => IMPACTS[impact] ?? impact).join(', ') || '—'),
        ]),
      ),
    );
    if (snapshot.decisionsTotal > snapshot.decisions.length) content.push(empty(`… et ${snapshot.decisionsTotal - snapshot.decisions.length} décisions plus anciennes`));
  } else content.push(empty('Aucune décision'));

  // Actions.
  content.push(section(`Actions ouvertes (${snapshot.actions.total}, dont ${snapshot.actions.overdue} en retard)`));
  if (snapshot.actions.open.length > 0) {
    content.push(
      table(
        ['*', 100, 62, 60],
        header('Action', 'Responsable', 'Échéance', 'Statut'),
        snapshot.actions.open.map((action) => [
          cell(action.title),
          cell(action.ownerName ?? '—'),
          cell(frenchDate(action.dueDate) || '—', action.overdue ? { color: '#b3261e', bold: true } : {}),
          cell(action.overdue ? 'En retard' : (ACTION_STATUS[action.status] ?? action.status), action.overdue ? { color: '#b3261e', bold: true } : {}),
        ]),
      ),
    );
    if (snapshot.actions.total > snapshot.actions.open.length) content.push(empty(`… et ${snapshot.actions.total - snapshot.actions.open.length} autres actions ouvertes`));
  } else content.push(empty('Aucune action ouverte'));

  // Acceptance.
  if (snapshot.acceptance) {
    const acceptance = snapshot.acceptance;
    content.push(section('Recette'));
    content.push(
      table(
        ['*', '*', '*', '*', '*', '*'],
        header('Cas', 'Réussis', 'En échec', 'Bloqués', 'Non exécutés', 'Anomalies ouvertes'),
        [[acceptance.cases, acceptance.passed, acceptance.failed, acceptance.blocked, acceptance.notRun, acceptance.openDefects].map((value) => cell(value, { alignment: 'center' }))],
      ),
    );
  }

  // KPIs.
  if (snapshot.kpis.length > 0) {
    content.push(section("Indicateurs d'incubation"));
    content.push(
      table(
        ['*', 70, 70, 70, 60],
        header('Indicateur', 'Cible', 'Dernière valeur', 'Semaine', 'État'),
        snapshot.kpis.map((kpi) => [
          cell(kpi.name),
          cell(`${kpi.direction === 'higher' ? '≥' : '≤'} ${kpi.target}${kpi.unit ? ` ${kpi.unit}` : ''}`),
          cell(kpi.latestValue === null ? '—' : `${kpi.latestValue}${kpi.unit ? ` ${kpi.unit}` : ''}`),
          cell(frenchDate(kpi.latestWeek) || '—'),
          cell(KPI_STATUS[kpi.status]?.label ?? kpi.status, { color: KPI_STATUS[kpi.status]?.color, bold: true }),
        ]),
      ),
    );
  }

  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 36, 36, 48],
    language: 'fr-FR',
    info: { title: `Dossier de COPIL — ${meeting.title}`, subject: project.name, creator: 'Jalon', producer: 'Jalon' },
    content,
    footer: (currentPage: number, pageCount: number) => ({
      margin: [36, 12, 36, 0],
      columns: [
        { text: `Empreinte SHA-256 du contenu : ${contentSha256}`, fontSize: 6.5, color: '#5f6b7a' },
        { text: `${currentPage} / ${pageCount}`, alignment: 'right', width: 40, fontSize: 7, color: '#5f6b7a' },
      ],
    }),
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 11, bold: true, color: '#1f3a93', margin: [0, 8, 0, 5] },
      th: { bold: true, fontSize: 8.5 },
    },
    defaultStyle: { fontSize: 8.5 },
  });
}
