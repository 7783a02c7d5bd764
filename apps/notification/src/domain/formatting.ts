import type { PlainMoney } from '@rental/money';
import type { Language } from './language';

/**
 * The Intl locale behind each language. British rather than American English: customers read
 * "25 November 2026" and a 24-hour clock the way the Dutch version says it, so both mails agree.
 */
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', nl: 'nl-NL' };

/** Every time a customer reads is UTC, and the text says so, so nobody has to guess a zone. */
const TIME_ZONE = 'UTC';

const PERIOD_JOINER: Readonly<Record<Language, string>> = { en: 'until', nl: 'tot' };

/**
 * An amount as the customer's language writes it: "€1,234.50" in English, "€ 1.234,50" in Dutch.
 * The cents are the currency's minor units (Intl knows how many decimals a currency has). The amount
 * goes to Intl as an exact decimal string: a float would lose the last cent above about 2^47 cents.
 */
export function formatMoney(money: PlainMoney, language: Language): string {
  if (!Number.isSafeInteger(money.cents)) {
    throw new RangeError(`cents must be a safe integer (got ${money.cents})`);
  }
  const formatter = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: money.currency });
  const decimals = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  const magnitude = BigInt(Math.abs(money.cents));
  const unit = 10n ** BigInt(decimals);
  const fraction = decimals > 0 ? `.${(magnitude % unit).toString().padStart(decimals, '0')}` : '';
  const decimal = `${money.cents < 0 ? '-' : ''}${magnitude / unit}${fraction}`;
  // Our tsconfig's lib (ES2022) types format() as number-only; Node 20 also takes a decimal string (ES2023 Intl).
  return (formatter.format as unknown as (value: string) => string)(decimal);
}

/** The UTC calendar day: "25 November 2026", "25 november 2026". */
export function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** A moment with its zone named: "25 November 2026 at 14:05 UTC", "25 november 2026 om 14:05 UTC". */
export function formatDateTime(date: Date, language: Language): string {
  const text = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  // Appended rather than Intl's timeZoneName, whose wording ("UTC", "GMT", "UTC+0") varies by ICU version.
  return `${text} ${TIME_ZONE}`;
}

/** A rental period, both ends as moments: "1 March 2026 at 00:00 UTC until 31 March 2026 at 00:00 UTC". */
export function formatPeriod(period: { readonly start: Date; readonly end: Date }, language: Language): string {
  return `${formatDateTime(period.start, language)} ${PERIOD_JOINER[language]} ${formatDateTime(period.end, language)}`;
}
