// Benchmark of the import of a grille de conformité (issue 15) on real PostgreSQL, against the
// built API (dist/).
//
//   npx nx run api:build && node bench/acceptance-import.bench.mjs
//
// Through bench/support/bench-api.mjs it starts the built API in demo mode on a database of its
// own (dropped at the end), signs in as the demo administrator, writes a 2,000-row .xlsx
// grille (reference, title, a description with acceptance criteria, category, priority, lot,
// conformity, status: what a CDC's spreadsheet holds), then, in RUNS new projects, times
// POST …/requirements/import/preview and POST …/requirements/import (every row written and
// audited in one transaction), as the client sees them, and prints each time and the median.
// Target (issue 15): importing a 2,000-row requirements file < 5 s. It only prints: timings
// depend on the machine. The database is dropped at the end.
import ExcelJS from 'exceljs';
import { machineLine, runBench, withBenchApi } from './support/bench-api.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const seconds = (value) => `${(value / 1000).toFixed(2)} s`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** A grille de conformité of `rows` requirements, as a CDC's spreadsheet lays it out. */
async function grille(rows) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Grille de conformité');
  sheet.addRow(['Grille de conformité – relation client (bench)']);
  sheet.addRow([]);
  sheet.addRow(['N° exigence', 'Intitulé', 'Description', 'Domaine', 'Priorité', 'Lot', 'Réponse éditeur', 'Statut']);
  const domains = ['Fonctionnelle', 'Technique', 'Reporting', 'RGPD', 'Formation', 'Sécurité'];
  const priorities = ['Indispensable', 'Souhaitable', 'Facultatif'];
  const answers = ['Standard', 'Spécifique', 'Non disponible', ''];
  for (let index = 1; index <= rows; index++) {
    sheet.addRow([
      `IMP-${String(index).padStart(4, '0')}`,
      `Exigence de charge n° ${index} : routage et fiche contact`,
      `Le conseiller traite la demande ${index} :\n- la fiche s’ouvre au décroché\n- l’historique est affiché\n- la qualification est obligatoire`,
      domains[index % domains.length],
      priorities[index % priorities.length],
      index % 2 === 0 ? 'Lot 1' : '',
      answers[index % answers.length],
      index % 5 === 0 ? 'Brouillon' : 'Validée',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

runBench(() =>
  withBenchApi('acceptance_import', async ({ base, headers }) => {
    const post = async (path, body, expected) => {
      const begin = performance.now();
      const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const answer = await response.json();
      const elapsed = performance.now() - begin;
      if (response.status !== expected) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(answer).slice(0, 500)}`);
      return { answer, elapsed };
    };

    const file = await grille(ROWS);
    const content = file.toString('base64');
    console.log(`Grille: ${ROWS} rows, ${(file.length / 1024).toFixed(0)} KiB .xlsx (${(content.length / 1024).toFixed(0)} KiB in base64); ${machineLine()}`);
    const previews = [];
    const imports = [];
    for (let run = 1; run <= RUNS; run++) {
      const { answer: project } = await post('/api/projects', { name: `Bench import ${run}`, targetGoLive: '2027-06-01' }, 201);
      await post(`/api/projects/${project.id}/plan/lots`, { name: 'Lot 1' }, 201);
      const path = `/api/projects/${project.id}/acceptance/requirements/import`;
      const preview = await post(`${path}/preview`, { fileName: 'grille.xlsx', content }, 201);
      if (preview.answer.valid !== ROWS) throw new Error(`preview: ${preview.answer.valid} valid rows of ${ROWS}`);
      const imported = await post(path, { fileName: 'grille.xlsx', content }, 201);
      if (imported.answer.created.length !== ROWS) throw new Error(`import: ${imported.answer.created.length} created of ${ROWS}`);
      previews.push(preview.elapsed);
      imports.push(imported.elapsed);
      console.log(`Run ${run}: preview ${seconds(preview.elapsed)}, import ${seconds(imported.elapsed)} (${ROWS} requirements written and audited)`);
    }
    const verdict = median(imports) < 5000 ? 'within' : 'OVER';
    console.log(`Import of ${ROWS} rows: median ${seconds(median(imports))} (${verdict} the 5 s target); preview median ${seconds(median(previews))}`);
  }),
);

