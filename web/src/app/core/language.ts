import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslateService, type TranslateLoader } from '@ngx-translate/core';
import { of, type Observable } from 'rxjs';
import { EN } from '../../i18n/en';
import { FR, type Translations } from '../../i18n/fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'jalon.language';

const TRANSLATIONS: Record<Language, Translations> = { fr: FR, en: EN };

/** Translations ship inside the bundle: no extra request, and a missing key fails the build. */
export class BundledTranslateLoader implements TranslateLoader {
  getTranslation(language: string): Observable<Translations> {
    return of(TRANSLATIONS[language as Language] ?? FR);
  }
}

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The interface language: French unless the user chose English (remembered in this browser). */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  readonly current = signal<Language>('fr');

  init(): void {
    const stored = this.readStored();
    this.use(stored ?? 'fr');
  }

  use(language: Language): void {
    this.current.set(language);
    this.translate.use(language);
    this.document.documentElement.lang = language;
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Storage can be disabled (private mode): the choice then lasts for this page only.
    }
  }

  toggle(): void {
    this.use(this.current() === 'fr' ? 'en' : 'fr');
  }

  private readStored(): Language | null {
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      return isLanguage(stored) ? stored : null;
    } catch {
      return null;
    }
  }
}
