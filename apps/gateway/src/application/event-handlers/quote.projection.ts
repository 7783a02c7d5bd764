import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, quoteCreatedV1, quoteRejectedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { QuoteReadModel } from '../ports/quote-read-model';
import { ReadModelChanges } from '../ports/read-model-changes';

/** Quotes as the order service answered quote.create; a quote never changes once answered. */
@Injectable()
export class QuoteProjection {
  constructor(
    private readonly quotes: QuoteReadModel,
    private readonly changes: ReadModelChanges,
  ) {}

  @HandleEvent(quoteCreatedV1)
  async onQuoteCreated(event: EventEnvelope<PayloadOf<typeof quoteCreatedV1>>, ctx: EventContext): Promise<void> {
    await this.quotes.recordCreated(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.quoteId);
  }

  @HandleEvent(quoteRejectedV1)
  async onQuoteRejected(event: EventEnvelope<PayloadOf<typeof quoteRejectedV1>>, ctx: EventContext): Promise<void> {
    await this.quotes.recordRejected(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.quoteId);
  }
}
