import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle, read once from node_modules and injected into the page under test. */
let axeSource: string | null = null;
const axeScript = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** WCAG 2.1 levels A and AA: what the French RGAA builds on. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

interface AxeResultsInPage {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    nodes: Array<{ target: unknown[]; failureSummary?: string }>;
  }>;
}

/** Runs axe-core on the page as it stands (optionally within `include`, a CSS selector) and returns the WCAG 2.1 AA violations. */
export async function findAccessibilityViolations(page: Page, include?: string): Promise<AccessibilityViolation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (script-src 'self') does not apply.
  if (!injected) await page.evaluate(axeScript());
  // A dialog or a snack bar fading in has its colours at partial opacity: axe must not measure a contrast
  // nobody sees. Animations are let end first, and a run during which one started is repeated.
  let results: AxeResultsInPage | null = null;
  for (let attempt = 1; attempt <= 3 && results === null; attempt++) {
    const run = await page.evaluate(
      async ({ tags, include }) => {
        // Let finite animations end, repeatedly: the end of one can start another (a snack bar
        // replacing another one enters only once the first has left). Endless ones, such as spinners,
        // are not awaited.
        const frames = () => new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
        for (let round = 0; round < 10; round++) {
          // Two frames, so that an animation started by the last change is running.
          await frames();
          const running = document
            .getAnimations()
            .filter((animation) => animation.playState === 'running' || animation.pending)
            .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity));
          if (running.length === 0) break;
          await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
        }
        let started = 0;
        const count = () => started++;
        document.addEventListener('animationstart', count, true);
        document.addEventListener('transitionrun', count, true);
        try {
          const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
          const results = await axe.run(include ? { include: [include] } : document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
          });
          return { results, animated: started > 0 };
        } finally {
          document.removeEventListener('animationstart', count, true);
          document.removeEventListener('transitionrun', count, true);
        }
      },
      { tags: [...WCAG_21_AA], include: include ?? null },
    );
    const violations = (run.results as AxeResultsInPage).violations;
    if (!run.animated || violations.length === 0 || attempt === 3) results = run.results as AxeResultsInPage;
  }
  return (results as AxeResultsInPage).violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.map(String).join(' > '),
      summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  }));
}

/** A readable list: one line per rule, then each element and why it fails. */
export function formatViolations(violations: AccessibilityViolation[]): string {
  return violations
    .map(
      (violation) =>
        `- ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
        violation.nodes.map((node) => `    ${node.target}\n      ${node.summary}`).join('\n'),
    )
    .join('\n');
}

/**
 * Fails when axe-core finds any WCAG 2.1 AA violation on the page in its current state.
 * `context` names the page and state in the failure message (e.g. 'sign-in page, French').
 */
export async function expectAccessible(page: Page, context: string, options: { include?: string } = {}): Promise<void> {
  const violations = await findAccessibilityViolations(page, options.include);
  if (violations.length > 0) {
    const elements = violations.reduce((count, violation) => count + violation.nodes.length, 0);
    throw new Error(
      `${context}: ${violations.length} accessibility rule(s) broken on ${elements} element(s) (axe-core, WCAG 2.1 AA):\n` +
        formatViolations(violations),
    );
  }
}
