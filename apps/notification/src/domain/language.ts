/** The languages we write to customers in. A union so that adding one makes every template a type error until it is translated. */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to write in for what a customer profile says. Only the primary subtag counts, so a
 * regional tag ("nl-BE", "en_GB") still finds its language; anything we do not write in (or no value
 * at all) falls back to English rather than failing, because a mail in English beats no mail.
 */
export function parseLanguage(value: unknown): Language {
  if (typeof value !== 'string') return DEFAULT_LANGUAGE;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : DEFAULT_LANGUAGE;
}
