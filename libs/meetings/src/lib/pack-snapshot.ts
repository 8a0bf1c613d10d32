/**
 * The canonical JSON of a COPIL pack's snapshot: object keys sorted at every level, no spaces,
 * arrays in their order. Its SHA-256 is what every page of the pack's PDF carries: a PDF cannot
 * contain the hash of its own bytes, so the footer names the hash of the content it shows, and
 * anyone holding the snapshot (the printable page's JSON) can recompute it. The database's jsonb
 * reorders keys, which the sorting makes harmless.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry === undefined ? null : entry)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}
