import { Money } from '@rental/money';
import { err, ok, type Result } from '@rental/result';
import { determineVat, type VatCustomer, vatOnInvoiceTotal, type VatOutcome } from '@rental/vat';
import type { Catalogue, CataloguePlan } from './catalogue';
import { applyNegotiatedDiscount, daysTerm, type PriceLine, priceRental, type RentalTerm } from './pricing';
import { describeRentalDuration, parseRentalDuration } from './rental-duration';
import { billableDays, type RentalPeriod, rentalPeriod } from './rental-period';

export interface QuoteRequest {
  readonly planCode: string;
  readonly locationCode: string;
  readonly imageCode: string;
  readonly quantity: number;
  readonly start: Date;
  readonly end?: Date;
  readonly duration?: string;
  readonly customer: VatCustomer;
  /** A negotiated discount off the list prices, in percent, that the caller checked the plan allows. */
  readonly discountPercent?: number;
}

export interface QuoteRules {
  readonly now: Date;
  readonly validityMinutes: number;
  readonly maxRentalDays: number;
  /** How many days ahead a rental may start; no bound when absent (an extension starts at the current end). */
  readonly maxStartAheadDays?: number;
}

export interface PricedQuote {
  readonly plan: CataloguePlan;
  readonly period: RentalPeriod;
  readonly billableDays: number;
  readonly price: {
    readonly currency: string;
    /** What was priced, in the customer's words: "1 month + 2 weeks", or "31 days" for a period given by its end. */
    readonly pricedAs: string;
    readonly lines: readonly PriceLine[];
    readonly quantity: number;
    readonly discountCents: number;
    readonly subtotalCents: number;
    readonly vat: VatOutcome;
    readonly vatCents: number;
    readonly totalCents: number;
  };
  readonly validUntil: Date;
}

export type QuoteRefusalReason = 'unknown_plan' | 'unknown_location' | 'unknown_image' | 'image_not_offered_in_location' | 'invalid_period';

export interface QuoteRefusal {
  readonly reason: QuoteRefusalReason;
  readonly detail: string;
}

/**
 * Prices a rental request against the catalogue: the cheapest mix of units for its billable days,
 * times the quantity, less a negotiated discount if any, with the VAT the customer owes. A request
 * the catalogue cannot serve is a refusal with a reason the customer can act on.
 */
export function priceQuote(request: QuoteRequest, catalogue: Catalogue, rules: QuoteRules): Result<PricedQuote, QuoteRefusal> {
  const plan = catalogue.plans.find((p) => p.code === request.planCode);
  if (!plan) return err({ reason: 'unknown_plan', detail: `there is no plan "${request.planCode}"; see the catalogue` });
  const location = catalogue.locations.find((l) => l.code === request.locationCode);
  if (!location) return err({ reason: 'unknown_location', detail: `there is no location "${request.locationCode}"` });
  if (!catalogue.images.some((i) => i.code === request.imageCode)) {
    return err({ reason: 'unknown_image', detail: `there is no image "${request.imageCode}"` });
  }
  if (!location.images.includes(request.imageCode)) {
    return err({
      reason: 'image_not_offered_in_location',
      detail: `${location.code} offers ${location.images.join(', ') || 'no images'}, not ${request.imageCode}`,
    });
  }

  const period = rentalPeriod(
    request.end !== undefined ? { start: request.start, end: request.end } : { start: request.start, duration: request.duration ?? '' },
    { now: rules.now, maxDays: rules.maxRentalDays, maxStartAheadDays: rules.maxStartAheadDays },
  );
  if (!period.ok) return err({ reason: 'invalid_period', detail: period.error.map((e) => e.message).join('; ') });

  const days = billableDays(period.value);
  const { term, pricedAs } = termOf(request, days);
  const priced = priceRental(plan.prices, term, request.quantity);
  if (!priced.ok) {
    // The catalogue's prices and the validated request cannot fail here unless the numbers overflow.
    return err({ reason: 'invalid_period', detail: priced.error.map((e) => e.message).join('; ') });
  }
  const breakdown = applyNegotiatedDiscount(priced.value, request.discountPercent ?? 0);
  const vat = determineVat(request.customer);
  const amounts = vatOnInvoiceTotal(Money.of(breakdown.subtotalCents, plan.prices.currency), vat);
  return ok({
    plan,
    period: period.value,
    billableDays: days,
    price: {
      currency: plan.prices.currency,
      pricedAs,
      lines: breakdown.lines,
      quantity: request.quantity,
      discountCents: breakdown.discount?.discountCents ?? 0,
      subtotalCents: amounts.net.cents,
      vat,
      vatCents: amounts.vat.cents,
      totalCents: amounts.gross.cents,
    },
    validUntil: new Date(rules.now.getTime() + rules.validityMinutes * 60_000),
  });
}

/**
 * A duration's months are priced as months and its weeks and days as days; a period given by its end
 * is priced by its days. Called once the period is valid, so a duration here always parses.
 */
function termOf(request: QuoteRequest, days: number): { term: RentalTerm; pricedAs: string } {
  if (request.end !== undefined) return { term: daysTerm(days), pricedAs: describeRentalDuration({ months: 0, weeks: 0, days }) };
  const duration = parseRentalDuration(request.duration ?? '');
  if (!duration.ok) throw new Error(`a valid period has a malformed duration "${request.duration}"`);
  const { months, weeks } = duration.value;
  return {
    term: { months, days: weeks * 7 + duration.value.days, billableDays: days },
    pricedAs: describeRentalDuration(duration.value),
  };
}
