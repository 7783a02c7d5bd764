import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, type PayloadOf, quoteCreatedV1, quoteCreateV1, quoteRejectedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { priceQuote } from '../domain/quoting';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { QuoteRepository } from '../infrastructure/quote.repository';
import { ORDER_SETTINGS, type OrderSettings } from '../order-settings';

/** quote.create: price the request against the catalogue and answer quote.created or quote.rejected. */
@Injectable()
export class CreateQuoteHandler {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly quotes: QuoteRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  @HandleEvent(quoteCreateV1)
  async onCreateQuote(command: EventEnvelope<PayloadOf<typeof quoteCreateV1>>, ctx: EventContext): Promise<void> {
    const request = command.payload;
    // The sender chose the quote id: a resent request (a new message id) must not price twice.
    if (await this.quotes.exists(ctx.manager, request.quoteId)) return;
    const now = this.clock.now();
    const priced = priceQuote(
      {
        planCode: request.planCode,
        locationCode: request.locationCode,
        imageCode: request.imageCode,
        quantity: request.quantity,
        start: new Date(request.start),
        ...(request.end !== undefined ? { end: new Date(request.end) } : { duration: request.duration }),
        customer: request.customer,
      },
      await this.catalogue.load(ctx.manager),
      { now, validityMinutes: this.settings.quoteValidityMinutes, maxRentalDays: this.settings.maxRentalDays },
    );
    if (!priced.ok) {
      await ctx.publish(quoteRejectedV1, request.quoteId, {
        quoteId: request.quoteId,
        customerId: request.customer.customerId,
        ...priced.error,
      });
      return;
    }
    const quote = priced.value;
    const created: PayloadOf<typeof quoteCreatedV1> = {
      quoteId: request.quoteId,
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
    await this.quotes.insert(ctx.manager, created, now);
    await ctx.publish(quoteCreatedV1, request.quoteId, created);
  }
}
