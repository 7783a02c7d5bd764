import { Money } from '@rental/money';
import { type VatBreakdown, vatOnInvoiceTotal, type VatOutcome } from '@rental/vat';

const MS_PER_DAY = 86_400_000;

/** What an invoice charges for: from `start` (inclusive) to `end` (exclusive). */
export interface RentalPeriod {
  readonly start: Date;
  readonly end: Date;
}

export interface DaysUsed {
  /** Whole days the period is charged for: a started day counts as a whole one, as in pricing. */
  readonly billableDays: number;
  /** Days begun by the moment in question, the day in progress included; never more than billed. */
  readonly usedDays: number;
  readonly unusedDays: number;
}

export class InvalidPeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPeriodError';
  }
}

export function checkPeriod(period: RentalPeriod): RentalPeriod {
  const start = period.start.getTime();
  const end = period.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw new InvalidPeriodError('a rental period needs valid dates');
  if (end <= start) throw new InvalidPeriodError(`a rental period must end after it starts (${period.start.toISOString()} to ${period.end.toISOString()})`);
  return { start: new Date(start), end: new Date(end) };
}

/**
 * How many of a period's days are used by `at`. Days are counted in whole 24-hour steps from the
 * period's start (UTC has no daylight-saving days), and the day in progress at `at` counts as used:
 * a customer who cancels an hour into a day has had that day.
 */
export function daysUsed(period: RentalPeriod, at: Date): DaysUsed {
  const { start, end } = checkPeriod(period);
  if (Number.isNaN(at.getTime())) throw new InvalidPeriodError('the moment of use is not a valid date');
  const billableDays = Math.ceil((end.getTime() - start.getTime()) / MS_PER_DAY);
  const begun = Math.ceil((at.getTime() - start.getTime()) / MS_PER_DAY);
  const usedDays = Math.min(Math.max(begun, 0), billableDays);
  return { billableDays, usedDays, unusedDays: billableDays - usedDays };
}

/**
 * `part`/`whole` of `amount`, rounded down to the cent: a pro-rata share never gives back more than
 * its exact value. Exact for any amount (BigInt), so no cent is lost to floating point.
 */
export function proRataShare(amount: Money, part: number, whole: number): Money {
  if (!Number.isSafeInteger(whole) || whole <= 0) throw new RangeError(`the whole must be a positive integer (got ${whole})`);
  if (!Number.isSafeInteger(part) || part < 0 || part > whole) throw new RangeError(`the part must be an integer from 0 to ${whole} (got ${part})`);
  if (amount.isNegative()) throw new RangeError(`a pro-rata share is taken of an amount >= 0 (got ${amount})`);
  const share = (BigInt(amount.cents) * BigInt(part)) / BigInt(whole);
  return Money.of(Number(share), amount.currency);
}

export interface UnusedDaysCredit {
  readonly days: DaysUsed;
  /** What to credit (and, on a paid invoice, refund); undefined when it comes to nothing. */
  readonly credit?: VatBreakdown;
}

/**
 * The credit for the days of `period` not used by `at`: the net amount pro rata, rounded down to the
 * cent, and VAT on that net at the invoice's rate, rounded half up like the invoice's own VAT. With
 * every day unused it is the invoice's own totals to the cent, because it is the same arithmetic.
 */
export function unusedDaysCredit(net: Money, vat: VatOutcome, period: RentalPeriod, at: Date): UnusedDaysCredit {
  const days = daysUsed(period, at);
  const creditedNet = proRataShare(net, days.unusedDays, days.billableDays);
  if (creditedNet.isZero()) return { days };
  return { days, credit: vatOnInvoiceTotal(creditedNet, vat) };
}
