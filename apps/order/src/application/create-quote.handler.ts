import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, quoteCreateV1, quoteRejectedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { priceQuote } from '../domain/quoting';
import { QuoteRepository } from '../infrastructure/quote.repository';
import { QuoteIssuer } from './quote-issuer';

/** quote.create: price the request against the catalogue and answer quote.created or quote.rejected. */
@Injectable()
export class CreateQuoteHandler {
  constructor(
    private readonly issuer: QuoteIssuer,
    private readonly quotes: QuoteRepository,
  ) {}

  @HandleEvent(quoteCreateV1)
  async onCreateQuote(command: EventEnvelope<PayloadOf<typeof quoteCreateV1>>, ctx: EventContext): Promise<void> {
    const request = command.payload;
    // The sender chose the quote id: a resent request (a new message id) must not price twice.
    if (await this.quotes.exists(ctx.manager, request.quoteId)) return;
    const issued = await this.issuer.issue(
      ctx,
      request.quoteId,
      {
        planCode: request.planCode,
        locationCode: request.locationCode,
        imageCode: request.imageCode,
        quantity: request.quantity,
        start: new Date(request.start),
        ...(request.end !== undefined ? { end: new Date(request.end) } : { duration: request.duration }),
        customer: request.customer,
      },
      priceQuote,
    );
    if (!issued.ok) {
      await ctx.publish(quoteRejectedV1, request.quoteId, {
        quoteId: request.quoteId,
        customerId: request.customer.customerId,
        ...issued.error,
      });
    }
  }
}
