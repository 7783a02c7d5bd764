import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type PayloadOf, quoteCreatedV1 } from '@rental/contracts';
import { err, ok, type Result } from '@rental/result';
import type { Catalogue } from '../../domain/catalogue';
import type { PricedQuote, QuoteRequest, QuoteRules } from '../../domain/quoting';
import { ORDER_SETTINGS, type OrderSettings } from '../../order-settings';
import { CatalogueStore } from '../ports/catalogue-store';
import { QuoteStore } from '../ports/quote-store';
import type { OrderTransaction } from './order-transaction';

export type QuoteCreated = PayloadOf<typeof quoteCreatedV1>;

/** The domain's rule for pricing one kind of request (a customer's quote, a rental the CRM arranged). */
export type QuotePricing<R extends QuoteRequest, E> = (request: R, catalogue: Catalogue, rules: QuoteRules) => Result<PricedQuote, E>;

/** A request to price for a known customer; the customer's id goes on the quote. */
export type QuoteFor = QuoteRequest & { readonly customer: { readonly customerId: string } };

/**
 * Quotes, however they are asked for: priced against the current catalogue with the service's
 * rules, stored with the price frozen in them, and announced (quote.created). A refusal is the
 * caller's to answer in its own terms.
 */
@Injectable()
export class QuoteIssuer {
  constructor(
    private readonly catalogue: CatalogueStore,
    private readonly quotes: QuoteStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  async issue<R extends QuoteFor, E>(tx: OrderTransaction, quoteId: string, request: R, price: QuotePricing<R, E>): Promise<Result<QuoteCreated, E>> {
    const now = this.clock.now();
    const priced = price(request, await this.catalogue.load(tx.manager), {
      now,
      validityMinutes: this.settings.quoteValidityMinutes,
      maxRentalDays: this.settings.maxRentalDays,
      maxStartAheadDays: this.settings.maxStartAheadDays,
    });
    if (!priced.ok) return err(priced.error);
    const quote = priced.value;
    const created: QuoteCreated = {
      quoteId,
      customerId: request.customer.customerId,
      planCode: quote.plan.code,
      resources: quote.plan.resources,
      locationCode: request.locationCode,
      imageCode: request.imageCode,
      period: { start: quote.period.start.toISOString(), end: quote.period.end.toISOString() },
      billableDays: quote.billableDays,
      price: { ...quote.price, lines: [...quote.price.lines] },
      validUntil: quote.validUntil.toISOString(),
    };
    await this.quotes.insert(tx.manager, created, now);
    await tx.publish(quoteCreatedV1, quoteId, created);
    return ok(created);
  }
}
