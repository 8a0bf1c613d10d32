/** The prefix of the references Jalon gives: EXG-001 for requirements, CT-001 for test cases. */
export const REQUIREMENT_REFERENCE_PREFIX = 'EXG';
export const TEST_CASE_REFERENCE_PREFIX = 'CT';

/** « EXG-007 » for 7: three digits at least, more when needed (« EXG-1204 »). */
export function formatReference(prefix: string, number: number): string {
  return `${prefix}-${String(number).padStart(3, '0')}`;
}

/**
 * The next reference of a prefix: one more than the highest « PREFIX-n » in use (references of
 * another form, such as the CDC's own « F-ROUT-12 », are ignored).
 */
export function nextReference(prefix: string, existing: Iterable<string>): string {
  const pattern = new RegExp(`^${prefix}-(\\d+)$`, 'i');
  let highest = 0;
  for (const reference of existing) {
    const match = pattern.exec(reference);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return formatReference(prefix, highest + 1);
}

/** References compared as people read them: case, accents and surrounding spaces aside. */
export function referenceKey(reference: string): string {
  return reference
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toUpperCase();
}
