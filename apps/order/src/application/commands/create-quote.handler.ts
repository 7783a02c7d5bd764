import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, quoteCreateV1, quoteRejectedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { z } from 'zod';
import { priceQuote } from '../../domain/quoting';
import { QuoteIssuer } from '../common/quote-issuer';
import { QuoteStore } from '../ports/quote-store';

/** What a quote.create must hold readably to be answered even when it breaks its contract. */
const answerable = z.object({ quoteId: z.uuid(), customer: z.object({ customerId: z.uuid() }) });

/** quote.create: price the request against the catalogue and answer quote.created or quote.rejected. */
@Injectable()
export class CreateQuoteHandler {
  constructor(
    private readonly issuer: QuoteIssuer,
    private readonly quotes: QuoteStore,
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

  /** A quote.create that broke its contract is refused as invalid_request, so its sender is not left waiting. */
  @RejectInvalid(quoteCreateV1)
  async onInvalidCreateQuote(command: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const ids = answerable.safeParse(command.payload);
    if (!ids.success || (await this.quotes.exists(ctx.manager, ids.data.quoteId))) return;
    await ctx.publish(quoteRejectedV1, ids.data.quoteId, {
      quoteId: ids.data.quoteId,
      customerId: ids.data.customer.customerId,
      reason: 'invalid_request',
      detail: problem,
    });
  }
}
