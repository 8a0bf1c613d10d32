// Benchmark of the import of a grille de conformité (issue 15) on real PostgreSQL, against the
// built API (dist/).
//
//   npx nx run api:build && node bench/acceptance-import.bench.mjs
//
// It creates a database of its own on the server of DATABASE_URL (default: the local
// postgres@127.0.0.1:5432), starts the built API on it in demo mode, writes a 2,000-row .xlsx
// grille (reference, title, a description with acceptance criteria, category, priority, lot,
// conformity, status: what a CDC's spreadsheet holds), then, in RUNS new projects, times
// POST …/requirements/import/preview and POST …/requirements/import (every row written and
// audited in one transaction), as the client sees them, and prints each time and the median.
// Target (issue 15): importing a 2,000-row requirements file < 5 s. It only prints: timings
// depend on the machine. The database is dropped at the end.
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtApi = join(root, 'dist/api/api/src/main.js');
if (!existsSync(builtApi)) {
  console.error(`${builtApi} is missing: run "npx nx run api:build" first`);
  process.exit(1);
}
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `jalon_bench_acceptance_import_${Date.now().toString(36)}`;
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

async function admin(work) {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

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

async function main() {
  await admin((client) => client.query(`CREATE DATABASE "${databaseName}"`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const api = spawn(process.execPath, [builtApi], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JALON_DEMO: 'true',
      JALON_WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  api.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the API exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the API did not start:\n${output}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((wait) => setTimeout(wait, 200));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.jalon.fr', password: 'jalon-demo' }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
    const xsrf = decodeURIComponent(cookies.findLast((cookie) => cookie.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '');
    const headers = {
      cookie: [...new Map(cookies.map((cookie) => [cookie.split('=')[0], cookie])).values()].join('; '),
      'x-xsrf-token': xsrf,
      'content-type': 'application/json',
    };
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
    console.log(
      `Grille: ${ROWS} rows, ${(file.length / 1024).toFixed(0)} KiB .xlsx (${(content.length / 1024).toFixed(0)} KiB in base64); ` +
        `${availableParallelism()} CPU(s), load ${loadavg()[0].toFixed(2)}`,
    );
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
  } finally {
    api.kill('SIGTERM');
    await new Promise((done) => (api.exitCode !== null ? done() : api.once('exit', done)));
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
