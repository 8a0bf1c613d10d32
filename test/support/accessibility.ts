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
  // A dialog fading in has its colours at partial opacity: let finite animations and transitions end
  // first, or axe measures a contrast nobody sees (endless ones, such as spinners, are not awaited).
  await page.evaluate(async () => {
    // Two frames, so that an animation started by the last change is running.
    await new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
    await Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity))
        .map((animation) => animation.finished.catch(() => undefined)),
    );
  });
  const results = await page.evaluate(
    async ({ tags, include }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
      return (await axe.run(include ? { include: [include] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })) as unknown;
    },
    { tags: [...WCAG_21_AA], include: include ?? null },
  );
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
