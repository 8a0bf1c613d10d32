import type { BaselineComparisonDto } from '@jalon/domain';

export type SlippageTone = 'late' | 'early' | 'on-time' | 'new';

export interface SlippageCell {
  /** '+3 j', '−2 j', '0', or '—' for a task absent from the baseline. */
  text: string;
  tone: SlippageTone;
  days: number | null;
  referenceStart: string | null;
  referenceFinish: string | null;
}

/** Slippage as the table shows it: finish date against the baseline, in working days. */
export function slippageCell(days: number | null, unit: string): Omit<SlippageCell, 'referenceStart' | 'referenceFinish'> {
  if (days === null) return { text: '—', tone: 'new', days };
  if (days === 0) return { text: '0', tone: 'on-time', days };
  // A real minus sign: a hyphen reads as a dash in a dense column.
  const sign = days > 0 ? '+' : '\u2212';
  return { text: `${sign}${Math.abs(days)} ${unit}`, tone: days > 0 ? 'late' : 'early', days };
}

export function slippageByTask(comparison: BaselineComparisonDto | null, unit: string): Map<string, SlippageCell> {
  const cells = new Map<string, SlippageCell>();
  if (!comparison) return cells;
  for (const row of comparison.rows) {
    const days = row.referenceFinish === null ? null : row.finishSlippage;
    cells.set(row.taskId, { ...slippageCell(days, unit), referenceStart: row.referenceStart, referenceFinish: row.referenceFinish });
  }
  return cells;
}
