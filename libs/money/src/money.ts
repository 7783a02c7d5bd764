/** ISO 4217 code. The platform invoices in EUR; other codes exist so that a foreign amount is caught, not summed. */
export type CurrencyCode = string;

export const EUR: CurrencyCode = 'EUR';

/** Money as it crosses a boundary (events, storage): integer cents and a currency code. */
export interface PlainMoney {
  readonly cents: number;
  readonly currency: CurrencyCode;
}

export class CurrencyMismatchError extends Error {
  constructor(left: CurrencyCode, right: CurrencyCode) {
    super(`cannot combine ${left} with ${right}`);
    this.name = 'CurrencyMismatchError';
  }
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
const BASIS_POINTS_PER_WHOLE = 10_000n;

/**
 * An amount in integer minor units (cents) of one currency. Immutable; every operation checks that
 * the result is still a safe integer, so an overflow fails loudly instead of losing cents.
 */
export class Money {
  private constructor(
    readonly cents: number,
    readonly currency: CurrencyCode,
  ) {}

  static of(cents: number, currency: CurrencyCode = EUR): Money {
    if (!CURRENCY_CODE.test(currency)) {
      throw new RangeError(`currency must be an ISO 4217 code such as EUR (got "${currency}")`);
    }
    return new Money(requireSafeInteger(cents, 'cents'), currency);
  }

  static zero(currency: CurrencyCode = EUR): Money {
    return Money.of(0, currency);
  }

  static fromPlain(plain: PlainMoney): Money {
    return Money.of(plain.cents, plain.currency);
  }

  add(other: Money): Money {
    this.requireSameCurrency(other);
    return Money.of(requireSafeInteger(this.cents + other.cents, 'sum'), this.currency);
  }

  subtract(other: Money): Money {
    this.requireSameCurrency(other);
    return Money.of(requireSafeInteger(this.cents - other.cents, 'difference'), this.currency);
  }

  multiply(factor: number): Money {
    requireSafeInteger(factor, 'factor');
    return Money.of(requireSafeInteger(this.cents * factor, 'product'), this.currency);
  }

  /**
   * `percent`% of this amount, rounded once to whole cents, half up (a half cent goes to the larger
   * magnitude). Half up is the commercial rounding the Dutch tax administration accepts and the one a
   * customer's spreadsheet (ROUND) uses, so anyone recomputing an invoice gets our figure; banker's
   * rounding would disagree on exact half cents. Negative amounts round away from zero so that the VAT
   * of a negated amount is exactly the negated VAT (a credit note mirrors its invoice to the cent).
   * `percent` may have at most two decimals (5.5 is fine, 5.555 is not): rates are published that way,
   * and it keeps the arithmetic exact in basis points.
   */
  percentage(percent: number): Money {
    const basisPoints = toBasisPoints(percent);
    const product = BigInt(this.cents) * BigInt(basisPoints);
    const magnitude = product < 0n ? -product : product;
    const rounded = (magnitude + BASIS_POINTS_PER_WHOLE / 2n) / BASIS_POINTS_PER_WHOLE;
    const signed = product < 0n ? -rounded : rounded;
    return Money.of(requireSafeInteger(Number(signed), 'percentage'), this.currency);
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.cents === other.cents;
  }

  /** Negative, zero or positive as this is less than, equal to or greater than `other`. */
  compare(other: Money): number {
    this.requireSameCurrency(other);
    return Math.sign(this.cents - other.cents);
  }

  isZero(): boolean {
    return this.cents === 0;
  }

  isNegative(): boolean {
    return this.cents < 0;
  }

  isPositive(): boolean {
    return this.cents > 0;
  }

  toPlain(): PlainMoney {
    return { cents: this.cents, currency: this.currency };
  }

  toJSON(): PlainMoney {
    return this.toPlain();
  }

  /** For logs and error messages, e.g. "EUR 12.34"; never parsed back. */
  toString(): string {
    const sign = this.cents < 0 ? '-' : '';
    const magnitude = Math.abs(this.cents);
    const whole = Math.floor(magnitude / 100);
    const fraction = String(magnitude % 100).padStart(2, '0');
    return `${this.currency} ${sign}${whole}.${fraction}`;
  }

  private requireSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new CurrencyMismatchError(this.currency, other.currency);
    }
  }
}

function requireSafeInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of cents (got ${value})`);
  }
  return value;
}

function toBasisPoints(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0) {
    throw new RangeError(`percent must be a finite number >= 0 (got ${percent})`);
  }
  const basisPoints = Math.round(percent * 100);
  // Tolerates binary noise (5.55 * 100 = 555.0000000000001) while rejecting a third decimal.
  if (Math.abs(percent * 100 - basisPoints) > 1e-6 || !Number.isSafeInteger(basisPoints)) {
    throw new RangeError(`percent may have at most two decimals (got ${percent})`);
  }
  return basisPoints;
}
