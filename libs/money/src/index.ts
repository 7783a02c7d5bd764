export { CURRENCIES, isCents, isNonNegativeCents, multiplyCents } from './cents';
export type { Currency } from './cents';
export { CurrencyMismatchError, EUR, Money } from './money';
export type { CurrencyCode, PlainMoney } from './money';
