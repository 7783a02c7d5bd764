import { Inject, Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, quoteCreatedV1, quoteRejectedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { READ_MODEL_CHANGES, type ReadModelChanges } from '../ports/read-model-changes';

/** Quotes as the order service answered quote.create; a quote never changes once answered. */
@Injectable()
export class QuoteProjection {
  constructor(@Inject(READ_MODEL_CHANGES) private readonly changes: ReadModelChanges) {}

  @HandleEvent(quoteCreatedV1)
  async onQuoteCreated(event: EventEnvelope<PayloadOf<typeof quoteCreatedV1>>, ctx: EventContext): Promise<void> {
    const q = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_quotes (quote_id, customer_id, status, plan_code, resources, location_code, image_code,
                                   period_start, period_end, billable_days, price, valid_until)
       VALUES ($1, $2, 'created', $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (quote_id) DO NOTHING`,
      [
        q.quoteId,
        q.customerId,
        q.planCode,
        JSON.stringify(q.resources),
        q.locationCode,
        q.imageCode,
        q.period.start,
        q.period.end,
        q.billableDays,
        JSON.stringify(q.price),
        q.validUntil,
      ],
    );
    await this.changes.announce(ctx.manager, q.quoteId);
  }

  @HandleEvent(quoteRejectedV1)
  async onQuoteRejected(event: EventEnvelope<PayloadOf<typeof quoteRejectedV1>>, ctx: EventContext): Promise<void> {
    const q = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_quotes (quote_id, customer_id, status, rejection_reason, rejection_detail)
       VALUES ($1, $2, 'rejected', $3, $4) ON CONFLICT (quote_id) DO NOTHING`,
      [q.quoteId, q.customerId, q.reason, q.detail],
    );
    await this.changes.announce(ctx.manager, q.quoteId);
  }
}
