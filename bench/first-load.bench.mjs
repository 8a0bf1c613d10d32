// What the built Jalon sends over the network on a first visit of its main pages.
//
//   npx nx run-many -t build -p api web && node bench/first-load.bench.mjs
//   JALON_TEST_DIST=test-output/dist-copy node bench/first-load.bench.mjs   (a copy of dist/)
//
// It starts the built API with the built web app on a database of its own in demo mode (the demo
// project, see bench/support/bench-api.mjs), then opens each page in a fresh headless Chromium
// context (nothing cached, signed in as the demo administrator), waits for the page to be drawn
// and the network to be idle, and adds up the Resource Timing entries of the page: bytes on the
// wire (transferSize: headers and the body as the server compressed it) and decoded bytes, by
// kind (scripts, styles, fonts, the API's JSON). Target (issue 9): the planning page's first load
// under 1 MB; then the same page visited again in the same browser (what its cache saves: the
// scripts, styles and fonts are named after their content and kept a year). Chromium asks for brotli and gzip as every browser does, and the API compresses
// what it serves (compression middleware); fonts are woff2, compressed already.
// It only prints: sizes change with the code, not with the machine.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { machineLine, runBench, withBenchApi } from './support/bench-api.mjs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** The pages measured: where, and what says the page is drawn. */
const PAGES = [
  { name: 'planning', path: 'planning', drawn: '.gantt .bar-wrapper', target: 1024 * 1024 },
  { name: 'overview', path: 'overview', drawn: 'jalon-page-header' },
  { name: 'risks', path: 'risks', drawn: '[data-testid="risk-matrix"]' },
  { name: 'meetings', path: 'meetings', drawn: 'jalon-page-header' },
  { name: 'KPIs', path: 'kpis', drawn: 'jalon-page-header' },
  { name: 'recette (requirements)', path: 'acceptance/requirements', drawn: 'jalon-page-header' },
];

function kindOf(entry) {
  const path = new URL(entry.name).pathname;
  if (entry.initiatorType === 'navigation') return 'html';
  if (path.startsWith('/api/')) return 'api';
  if (/\.js$/.test(path)) return 'js';
  if (/\.css$/.test(path)) return 'css';
  if (/\.(woff2?|ttf)$/.test(path)) return 'font';
  return 'other';
}

runBench(async () => {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  await withBenchApi(
    'first_load',
    async ({ base, headers, project }) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
      try {
        console.log(`First visit of each page (fresh browser context, nothing cached); ${machineLine()}`);
        for (const { name, path, drawn, target } of PAGES) {
          const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1600, height: 1000 } });
          await context.addCookies(
            headers.cookie.split('; ').map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: base })),
          );
          const page = await context.newPage();
          const encodings = new Map();
          page.on('response', async (response) => {
            const encoding = (await response.allHeaders().catch(() => ({})))['content-encoding'];
            if (encoding) encodings.set(encoding, (encodings.get(encoding) ?? 0) + 1);
          });
          const visit = async () => {
            await page.goto(`${base}/projects/${project.id}/${path}`);
            await page.waitForSelector(drawn, { timeout: 180_000 });
            await page.waitForLoadState('networkidle');
            return page.evaluate(() =>
              [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((entry) => ({
                name: entry.name,
                initiatorType: entry.initiatorType,
                transfer: entry.transferSize,
                decoded: entry.decodedBodySize,
              })),
            );
          };
          const entries = await visit();
          const firstEncodings = new Map(encodings);
          // The same browser back on the page later (a project manager's next day): what still travels.
          const again = await visit();
          await context.close();
          const byKind = new Map();
          let transfer = 0;
          let decoded = 0;
          for (const entry of entries) {
            transfer += entry.transfer;
            decoded += entry.decoded;
            byKind.set(kindOf(entry), (byKind.get(kindOf(entry)) ?? 0) + entry.transfer);
          }
          const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([kind, bytes]) => `${kind} ${kib(bytes)}`).join(', ');
          const compressed = [...firstEncodings].map(([encoding, count]) => `${count} × ${encoding}`).join(', ') || 'none';
          console.log(
            `  ${name}: ${entries.length} files, ${kib(transfer)} on the wire (${kib(decoded)} decoded) [${kinds}]; compressed answers: ${compressed}` +
              (target ? `   (target < ${kib(target)}: ${transfer < target ? 'yes' : 'NO'})` : ''),
          );
          const againTransfer = again.reduce((sum, entry) => sum + entry.transfer, 0);
          const againScripts = again.filter((entry) => kindOf(entry) === 'js');
          console.log(
            `    visited again in the same browser: ${kib(againTransfer)} on the wire; ` +
              `${againScripts.filter((entry) => entry.transfer > 0).length} of ${againScripts.length} scripts fetched from the server`,
          );
        }
      } finally {
        await browser.close();
      }
    },
    { web: true },
  );
});
