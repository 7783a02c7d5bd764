import { Inject, Injectable } from '@nestjs/common';
import {
  type EventEnvelope,
  orderCancelledV1,
  orderEndedV1,
  orderExtendedV1,
  orderExtensionAcceptedV1,
  orderExtensionRejectedV1,
  type PayloadOf,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { READ_MODEL_CHANGES, type ReadModelChanges } from '../ports/read-model-changes';

/**
 * Extensions of rentals, from the order service's answers to order.extend and what became of them.
 * All of these are the order's events, on one partition, so an extension's row exists before it is
 * applied or lapses; its invoice comes from billing and is joined at read time.
 */
@Injectable()
export class ExtensionProjection {
  constructor(@Inject(READ_MODEL_CHANGES) private readonly changes: ReadModelChanges) {}

  @HandleEvent(orderExtensionAcceptedV1)
  async onExtensionAccepted(event: EventEnvelope<PayloadOf<typeof orderExtensionAcceptedV1>>, ctx: EventContext): Promise<void> {
    const e = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_extensions (extension_id, order_id, customer_id, description, period_start, period_end, price, payment_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (extension_id) DO NOTHING`,
      [e.extensionId, e.orderId, e.customer.customerId, e.description, e.period.start, e.period.end, JSON.stringify(e.price), e.paymentDueAt],
    );
    await this.changes.announce(ctx.manager, e.orderId);
  }

  @HandleEvent(orderExtensionRejectedV1)
  async onExtensionRejected(event: EventEnvelope<PayloadOf<typeof orderExtensionRejectedV1>>, ctx: EventContext): Promise<void> {
    const e = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_extensions (extension_id, order_id, customer_id, rejection_reason, rejection_detail)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (extension_id) DO NOTHING`,
      [e.extensionId, e.orderId, e.customerId, e.reason, e.detail],
    );
    await this.changes.announce(ctx.manager, e.orderId);
  }

  @HandleEvent(orderExtendedV1)
  async onOrderExtended(event: EventEnvelope<PayloadOf<typeof orderExtendedV1>>, ctx: EventContext): Promise<void> {
    const e = event.payload;
    await ctx.manager.query(`UPDATE gateway_extensions SET applied_at = $2 WHERE extension_id = $1 AND applied_at IS NULL`, [e.extensionId, e.extendedAt]);
    await this.changes.announce(ctx.manager, e.orderId);
  }

  /** The rental ran to its end: an extension the end did not take (unpaid, or paid too late) lapses. */
  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<PayloadOf<typeof orderEndedV1>>, ctx: EventContext): Promise<void> {
    const e = event.payload;
    await this.lapsePending(ctx, e.orderId, e.endedAt, e.appliedExtensionIds);
  }

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<PayloadOf<typeof orderCancelledV1>>, ctx: EventContext): Promise<void> {
    const c = event.payload;
    await this.lapsePending(ctx, c.orderId, c.cancelledAt, []);
  }

  private async lapsePending(ctx: EventContext, orderId: string, at: string, applied: string[]): Promise<void> {
    await ctx.manager.query(
      `UPDATE gateway_extensions SET lapsed_at = $2
        WHERE order_id = $1 AND rejection_reason IS NULL AND applied_at IS NULL AND lapsed_at IS NULL
          AND NOT (extension_id = ANY($3::uuid[]))`,
      [orderId, at, applied],
    );
    await this.changes.announce(ctx.manager, orderId);
  }
}
