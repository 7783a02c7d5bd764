import { CURRENCIES, type Currency, isCents, isNonNegativeCents, multiplyCents } from '@rental/money';
import { err, ok, type Result } from '@rental/result';

/** A plan's list prices for one machine, in integer cents. */
export interface PlanPrices {
  readonly currency: Currency;
  readonly perDayCents: number;
  readonly perWeekCents: number;
  readonly perMonthCents: number;
}

export type PriceUnit = 'month' | 'week' | 'day';

/**
 * Days one unit covers when it covers loose days. A month asked for as a month is a calendar month
 * (see RentalTerm); a month that covers loose days, e.g. 26 days that cost less as one month, is a
 * flat 30 days, so that such days cost the same in February and in March.
 */
export const DAYS_PER_UNIT: Readonly<Record<PriceUnit, number>> = { month: 30, week: 7, day: 1 };

/**
 * What a rental is priced as. Months named in the duration (`P1M`, `P3M`, `P1M2W`) are calendar
 * months, and each costs the month price whether it has 28 or 31 days: a customer who rents one
 * month pays for one month. The days after them (the weeks and days of the duration, or every day of
 * a period given by its end) are priced by the cheapest mix of units that covers them.
 */
export interface RentalTerm {
  readonly months: number;
  readonly days: number;
  /** Days of the whole period, a started day counted in full: what the day-price total is measured over. */
  readonly billableDays: number;
}

/** A period priced by its days only, as one given by its end is. */
export const daysTerm = (days: number): RentalTerm => ({ months: 0, days, billableDays: days });

/** Largest unit first: on the bill, and when two combinations cost the same and have as many units. */
const UNITS: readonly PriceUnit[] = ['month', 'week', 'day'];

/** The pricing table grows with the period; this bounds it far above any rental (a century). */
export const MAX_PRICED_DAYS = 36_600;

export interface PriceLine {
  readonly unit: PriceUnit;
  readonly units: number;
  readonly unitPriceCents: number;
  readonly lineTotalCents: number;
}

export interface PriceBreakdown {
  readonly currency: Currency;
  readonly term: RentalTerm;
  readonly quantity: number;
  /** Units for one machine, largest unit first; units that are not used are left out. */
  readonly lines: readonly PriceLine[];
  readonly perMachineCents: number;
  /** perMachineCents × quantity. */
  readonly subtotalCents: number;
  /**
   * What the customer saves against paying every day at the day price (longer units, and a
   * negotiated discount if any); informational, already in the subtotal.
   */
  readonly discount: { readonly dayRateTotalCents: number; readonly discountCents: number } | null;
}

export type PricingErrorCode = 'currency_invalid' | 'price_invalid' | 'days_invalid' | 'term_invalid' | 'quantity_invalid' | 'amount_too_large';

export interface PricingError {
  readonly code: PricingErrorCode;
  readonly message: string;
}

/**
 * Prices `term` for `quantity` machines: its months at the month price, its days with the cheapest mix
 * of months, weeks and days that covers at least those days. Covering more than asked is allowed: when
 * one month costs less than the weeks and days that would cover 26 days, the customer gets, and pays
 * for, the month.
 */
export function priceRental(prices: PlanPrices, term: RentalTerm, quantity: number): Result<PriceBreakdown, PricingError[]> {
  const errors = validate(prices, term, quantity);
  if (errors.length > 0) return err(errors);

  const unitPrice: Record<PriceUnit, number> = {
    month: prices.perMonthCents,
    week: prices.perWeekCents,
    day: prices.perDayCents,
  };
  const counts = cheapestCover(term.days, unitPrice);
  counts.month += term.months;
  const lines = UNITS.filter((unit) => counts[unit] > 0).map((unit) => ({
    unit,
    units: counts[unit],
    unitPriceCents: unitPrice[unit],
    lineTotalCents: counts[unit] * unitPrice[unit],
  }));
  const perMachineCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const subtotalCents = multiplyCents(perMachineCents, quantity);
  const dayRatePerMachine = multiplyCents(prices.perDayCents, term.billableDays);
  const dayRateTotalCents = dayRatePerMachine === null ? null : multiplyCents(dayRatePerMachine, quantity);
  if (!isCents(perMachineCents) || subtotalCents === null || dayRateTotalCents === null) {
    return err([{ code: 'amount_too_large', message: 'the total does not fit in exact integer cents' }]);
  }

  const discountCents = dayRateTotalCents - subtotalCents;
  return ok({
    currency: prices.currency,
    term,
    quantity,
    lines,
    perMachineCents,
    subtotalCents,
    discount: discountCents > 0 ? { dayRateTotalCents, discountCents } : null,
  });
}

/**
 * A negotiated discount of `percent` off the list prices, priced into each unit price: every line
 * still reads units × unit price and the lines still add up to the subtotal, which is how billing
 * invoices an order (an invoice line is never negative). Each unit price loses `percent` of itself
 * rounded half up to a whole cent, so a half cent goes to the customer; the subtotal is the
 * discounted lines times the quantity, VAT comes after. The units chosen on list prices stay.
 *
 * `percent` is from 0 to 100 in hundredths at most, and allowed for the plan: the caller checked
 * both, so anything else is a bug and throws.
 */
export function applyNegotiatedDiscount(breakdown: PriceBreakdown, percent: number): PriceBreakdown {
  const basisPoints = Math.round(percent * 100);
  if (!(percent >= 0 && percent <= 100) || Math.abs(percent * 100 - basisPoints) > 1e-9) {
    throw new RangeError(`a discount must be 0 to 100 percent in hundredths at most (got ${percent})`);
  }
  const lines = breakdown.lines.map((line) => {
    const unitPriceCents = line.unitPriceCents - discountOnCents(line.unitPriceCents, basisPoints);
    return { ...line, unitPriceCents, lineTotalCents: line.units * unitPriceCents };
  });
  const perMachineCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  // Never more than the list subtotal, which fitted in exact cents.
  const subtotalCents = perMachineCents * breakdown.quantity;
  // Without a saving on the list price the day rate was the subtotal: the cheapest cover never costs more.
  const dayRateTotalCents = breakdown.discount?.dayRateTotalCents ?? breakdown.subtotalCents;
  const savedCents = dayRateTotalCents - subtotalCents;
  return {
    ...breakdown,
    lines,
    perMachineCents,
    subtotalCents,
    discount: savedCents > 0 ? { dayRateTotalCents, discountCents: savedCents } : null,
  };
}

/** `basisPoints` hundredths of a percent of `cents`, rounded half up, in integers so no half cent is lost to binary fractions. */
function discountOnCents(cents: number, basisPoints: number): number {
  const scaled = cents * basisPoints;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`${cents} cents is too large to discount exactly`);
  return Math.floor((scaled + 5_000) / 10_000);
}

function validate(prices: PlanPrices, term: RentalTerm, quantity: number): PricingError[] {
  const errors: PricingError[] = [];
  if (!(CURRENCIES as readonly string[]).includes(prices.currency)) {
    errors.push({ code: 'currency_invalid', message: `unsupported currency ${String(prices.currency)}` });
  }
  for (const field of ['perDayCents', 'perWeekCents', 'perMonthCents'] as const) {
    if (!isNonNegativeCents(prices[field])) {
      errors.push({ code: 'price_invalid', message: `${field} must be whole, non-negative cents (got ${prices[field]})` });
    }
  }
  if (!Number.isSafeInteger(term.billableDays) || term.billableDays < 1 || term.billableDays > MAX_PRICED_DAYS) {
    errors.push({ code: 'days_invalid', message: `billable days must be a whole number from 1 to ${MAX_PRICED_DAYS}` });
  } else if (!wholeTerm(term)) {
    errors.push({ code: 'term_invalid', message: `a term is whole months and days, at least one of them (got ${term.months} and ${term.days})` });
  }
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    errors.push({ code: 'quantity_invalid', message: `quantity must be a whole number of at least 1 (got ${quantity})` });
  }
  return errors;
}

function wholeTerm(term: RentalTerm): boolean {
  const parts = [term.months, term.days];
  return parts.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_PRICED_DAYS) && term.months + term.days >= 1;
}

/**
 * Dynamic programming over days: cost[d] is the cheapest way to cover at least d days, and the last
 * unit of such a cover leaves at least d - unitDays (never below 0) days to cover with the rest.
 * Among equally cheap covers the one with fewer units wins, so the bill stays short.
 */
function cheapestCover(days: number, unitPrice: Readonly<Record<PriceUnit, number>>): Record<PriceUnit, number> {
  const cost = new Float64Array(days + 1);
  const unitCount = new Float64Array(days + 1);
  const lastUnit = new Array<PriceUnit>(days + 1);
  for (let d = 1; d <= days; d++) {
    cost[d] = Number.POSITIVE_INFINITY;
    for (const unit of UNITS) {
      const rest = Math.max(0, d - DAYS_PER_UNIT[unit]);
      const candidate = cost[rest] + unitPrice[unit];
      const candidateUnits = unitCount[rest] + 1;
      if (candidate < cost[d] || (candidate === cost[d] && candidateUnits < unitCount[d])) {
        cost[d] = candidate;
        unitCount[d] = candidateUnits;
        lastUnit[d] = unit;
      }
    }
  }
  const counts: Record<PriceUnit, number> = { month: 0, week: 0, day: 0 };
  for (let d = days; d > 0; d = Math.max(0, d - DAYS_PER_UNIT[lastUnit[d]])) counts[lastUnit[d]] += 1;
  return counts;
}
