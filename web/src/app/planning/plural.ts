import { Pipe, type PipeTransform } from '@angular/core';

/** The CLDR plural categories a translation of a count may distinguish. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

const rules = new Map<string, Intl.PluralRules>();

/**
 * The key of the right form of a counted text, ICU-style: a translation such as
 * `tasks: { one: '{{count}} tâche', other: '{{count}} tâches' }` is read at `tasks.one` or
 * `tasks.other` by the language's own rule (French says « 0 tâche », « 1 tâche », « 2 tâches »;
 * English "0 tasks", "1 task"). Forms other than `one` fall back to `other`.
 */
export function pluralKey(key: string, count: number, language: string, zero = false): string {
  // A text may say « aucune tâche » in its own words: `zero` asks for that form.
  if (zero && count === 0) return `${key}.zero`;
  let rule = rules.get(language);
  if (!rule) {
    rule = new Intl.PluralRules(language);
    rules.set(language, rule);
  }
  return `${key}.${rule.select(count) === 'one' ? 'one' : 'other'}`;
}

/** `{{ ('planning.structure.tasks' | pluralKey: count : language) | translate: { count } }}` */
@Pipe({ name: 'pluralKey' })
export class PluralKeyPipe implements PipeTransform {
  transform(key: string, count: number, language: string, zero = false): string {
    return pluralKey(key, count, language, zero);
  }
}
