import { formatDate, formatDateTime, formatMoney, formatPeriod } from './formatting';

const NBSP = '\u00a0';
const eur = (cents: number) => ({ cents, currency: 'EUR' });

describe('formatMoney', () => {
  it.each([
    [123_450, 'en', '€1,234.50'],
    [123_450, 'nl', `€${NBSP}1.234,50`],
    [0, 'en', '€0.00'],
    [0, 'nl', `€${NBSP}0,00`],
    [5, 'en', '€0.05'],
    [5, 'nl', `€${NBSP}0,05`],
    [100_000_000, 'en', '€1,000,000.00'],
    [100_000_000, 'nl', `€${NBSP}1.000.000,00`],
  ] as const)('%i cents in %s is %p', (cents, language, expected) => {
    expect(formatMoney(eur(cents), language)).toBe(expected);
  });

  it('puts the minus sign where each language does', () => {
    expect(formatMoney(eur(-1_250), 'en')).toBe('-€12.50');
    expect(formatMoney(eur(-1_250), 'nl')).toBe(`€${NBSP}-12,50`);
  });

  it('keeps the last cent of the largest safe amount, which a float division would lose', () => {
    expect(formatMoney(eur(Number.MAX_SAFE_INTEGER), 'en')).toBe('€90,071,992,547,409.91');
    expect(formatMoney(eur(Number.MAX_SAFE_INTEGER), 'nl')).toBe(`€${NBSP}90.071.992.547.409,91`);
  });

  it("reads cents as the currency's minor units", () => {
    expect(formatMoney({ cents: 1_235, currency: 'JPY' }, 'en')).toBe('JP¥1,235');
    expect(formatMoney({ cents: 123_450, currency: 'USD' }, 'en')).toBe('US$1,234.50');
  });

  it.each([12.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses %p cents, a bug upstream', (cents) => {
    expect(() => formatMoney(eur(cents), 'en')).toThrow(RangeError);
  });
});

describe('dates and times', () => {
  // 23:30 UTC on the 25th is already the 26th in Amsterdam: the text must still say the 25th.
  const lateEvening = new Date('2026-11-25T23:30:00.000Z');

  it('writes the UTC calendar day per language', () => {
    expect(formatDate(lateEvening, 'en')).toBe('25 November 2026');
    expect(formatDate(lateEvening, 'nl')).toBe('25 november 2026');
  });

  it('writes a moment on a 24-hour clock and names the zone', () => {
    expect(formatDateTime(lateEvening, 'en')).toBe('25 November 2026 at 23:30 UTC');
    expect(formatDateTime(lateEvening, 'nl')).toBe('25 november 2026 om 23:30 UTC');
    expect(formatDateTime(new Date('2026-03-01T09:05:00.000Z'), 'nl')).toBe('1 maart 2026 om 09:05 UTC');
  });

  it('writes a period from start to end', () => {
    const period = { start: new Date('2026-03-01T00:00:00.000Z'), end: new Date('2026-03-31T12:00:00.000Z') };
    expect(formatPeriod(period, 'en')).toBe('1 March 2026 at 00:00 UTC until 31 March 2026 at 12:00 UTC');
    expect(formatPeriod(period, 'nl')).toBe('1 maart 2026 om 00:00 UTC tot 31 maart 2026 om 12:00 UTC');
  });

  it('throws on an invalid date, a bug upstream', () => {
    expect(() => formatDate(new Date('nonsense'), 'en')).toThrow(RangeError);
    expect(() => formatDateTime(new Date('nonsense'), 'nl')).toThrow(RangeError);
  });
});
