const FORMATS = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }),
};

/** An instant (ISO) as a date and time in Paris, where the projects run. */
export function formatInstant(iso: string | null, language: 'fr' | 'en'): string {
  return iso ? FORMATS[language].format(new Date(iso)) : '';
}
