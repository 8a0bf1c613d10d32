// Benchmarks run plain Node on the engine's TypeScript sources: esbuild (already installed with
// the Angular build tools) bundles libs/planning into a temporary ES module, imported once.
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The public API of @jalon/planning (`schedulePlan`, `WorkingCalendar`, …). */
export async function loadPlanningEngine() {
  const outDir = mkdtempSync(join(tmpdir(), 'jalon-planning-bench-'));
  try {
    const outFile = join(outDir, 'planning.mjs');
    buildSync({
      entryPoints: [join(repositoryRoot, 'libs/planning/src/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile: outFile,
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outFile).href);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
