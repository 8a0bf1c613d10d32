/** How values and counts read in the messages of errors and warnings. */

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // BigInts and circular objects cannot be stringified; a message must never throw.
    return typeof value;
  }
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || count === -1 ? '' : 's'}`;
}
