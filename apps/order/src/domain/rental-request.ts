import { err, type Result } from '@rental/result';
import type { Catalogue } from './catalogue';
import { type PricedQuote, priceQuote, type QuoteRefusal, type QuoteRequest, type QuoteRules } from './quoting';

/** A rental an account manager arranged: a quote request with the discount they negotiated (0 for none). */
export interface RentalRequestQuote extends QuoteRequest {
  readonly discountPercent: number;
}

export type RentalRequestRefusal = QuoteRefusal | { readonly reason: 'discount_not_allowed'; readonly detail: string };

/**
 * Prices an arranged rental like any quote, once its discount is within what the catalogue allows
 * for the plan: account managers negotiate, but not below the floor the catalogue sets.
 */
export function priceRentalRequest(request: RentalRequestQuote, catalogue: Catalogue, rules: QuoteRules): Result<PricedQuote, RentalRequestRefusal> {
  const plan = catalogue.plans.find((p) => p.code === request.planCode);
  if (plan !== undefined && request.discountPercent > plan.maxDiscountPercent) {
    return err({
      reason: 'discount_not_allowed',
      detail: `${plan.code} allows a discount of at most ${plan.maxDiscountPercent}%; ${request.discountPercent}% was asked`,
    });
  }
  return priceQuote(request, catalogue, rules);
}
