import { API_ERROR_CODES, AUDITED_ENTITIES } from '@jalon/domain';
import { EN } from './en';
import { FR } from './fr';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a translation tree as `a.b.c` → text. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [child, text] of leaves(value, path)) found.set(child, text);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('translations', () => {
  const french = leaves(FR as unknown as Tree);
  const english = leaves(EN as unknown as Tree);

  it('should have exactly the same keys in French and English', () => {
    const missingInEnglish = [...french.keys()].filter((key) => !english.has(key));
    const extraInEnglish = [...english.keys()].filter((key) => !french.has(key));
    expect({ missingInEnglish, extraInEnglish }).toEqual({ missingInEnglish: [], extraInEnglish: [] });
    expect(french.size).toBeGreaterThan(100);
  });

  it('should use the same placeholders in both languages and leave no text empty', () => {
    const mismatched = [...french.entries()]
      .filter(([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
    const empty = [...french.entries(), ...english.entries()].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('should say every refusal code of the API and name every audited entity, in both languages', () => {
    const missing = [
      ...API_ERROR_CODES.map((code) => `errors.codes.${code}`),
      ...AUDITED_ENTITIES.map((entity) => `audit.entities.${entity}`),
    ].filter((key) => !french.has(key) || !english.has(key));
    expect(missing).toEqual([]);
  });

  it('should not merge two features into the same top-level key', () => {
    // Feature files are spread into one object: a second `errors` or `shared` would silently replace the first.
    expect(Object.keys(FR).sort()).toEqual(Object.keys(EN).sort());
    expect(Object.keys((FR as unknown as { errors: Tree }).errors)).toContain('codes');
  });
});
