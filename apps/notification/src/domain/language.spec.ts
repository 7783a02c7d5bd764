import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, parseLanguage } from './language';

describe('language', () => {
  it('supports English and Dutch, English by default', () => {
    expect(LANGUAGES).toEqual(['en', 'nl']);
    expect(DEFAULT_LANGUAGE).toBe('en');
  });

  it.each([
    ['en', 'en'],
    ['nl', 'nl'],
    ['NL', 'nl'],
    [' nl ', 'nl'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['nl_NL', 'nl'],
    ['en-GB', 'en'],
  ])('parses %p as %p', (value, expected) => {
    expect(parseLanguage(value)).toBe(expected);
  });

  it.each(['de', 'fr-BE', 'nld', 'dutch', '', '-nl', null, undefined, 42, { language: 'nl' }])('falls back to en for %p', (value) => {
    expect(parseLanguage(value)).toBe('en');
  });

  it('recognises only the exact codes as languages', () => {
    expect(isLanguage('nl')).toBe(true);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('nl-NL')).toBe(false);
    expect(isLanguage('EN')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
