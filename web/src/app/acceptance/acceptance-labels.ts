import type { CoverageState, ExecutionResult, RequirementPriority } from '@jalon/domain';

/** The CSS class of a priority tag (the text says the priority; the colour only repeats it). */
export const PRIORITY_CLASSES: Record<RequirementPriority, string> = {
  indispensable: 'indispensable',
  souhaitable: 'souhaitable',
  facultatif: 'facultatif',
};

/** Lower case without accents, for searches where « referencement » finds « Référencement ». */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase();
}

/** Whether one of `texts` holds `search` (case and accents aside); an empty search matches all. */
export function matchesText(search: string, ...texts: ReadonlyArray<string | null | undefined>): boolean {
  const wanted = folded(search.trim());
  if (!wanted) return true;
  return texts.some((text) => !!text && folded(text).includes(wanted));
}

/**
 * How a case result or a coverage state is drawn: a symbol and a class for the colour, always next
 * to its words (never colour alone). Keys are the API's result and coverage codes.
 */
export interface ResultMark {
  symbol: string;
  tone: 'ok' | 'ko' | 'blocked' | 'running' | 'none' | 'uncovered';
}

export const RESULT_MARKS: Record<ExecutionResult | CoverageState, ResultMark> = {
  reussi: { symbol: '✓', tone: 'ok' },
  ok: { symbol: '✓', tone: 'ok' },
  echoue: { symbol: '✗', tone: 'ko' },
  ko: { symbol: '✗', tone: 'ko' },
  bloque: { symbol: '⊘', tone: 'blocked' },
  en_cours: { symbol: '◐', tone: 'running' },
  non_execute: { symbol: '○', tone: 'none' },
  non_executee: { symbol: '○', tone: 'none' },
  non_couverte: { symbol: '—', tone: 'uncovered' },
};

/**
 * The tones' colours (text on background, each at least 4.5:1), shared by the matrix and the lists.
 * Use inside a component's styles: `.mark.ok { … }`.
 */
export const RESULT_TONE_STYLES = `
  .mark { display: inline-flex; align-items: center; gap: 4px; border-radius: 10px; padding: 0 8px; font-size: 13px; white-space: nowrap; }
  .mark .symbol { font-weight: 700; }
  .mark.ok { background: #dff3e3; color: #14532d; }
  .mark.ko { background: #fde2dd; color: #7a1307; }
  .mark.blocked { background: #fff0c2; color: #4d3800; }
  .mark.running { background: #e3ecfb; color: #1d3c78; }
  .mark.none { background: #eef0f3; color: #3d4753; }
  .mark.uncovered { background: #f3e8fd; color: #4a1d6e; }
`;
