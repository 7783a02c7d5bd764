import { Inject, Injectable } from '@nestjs/common';
import {
  type EventEnvelope,
  orderCancellationRejectedV1,
  orderCancelledV1,
  orderEndedV1,
  orderExtendedV1,
  orderPlacedV1,
  orderRejectedV1,
  orderStatusChangedV1,
  type PayloadOf,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { READ_MODEL_CHANGES, type ReadModelChanges } from '../ports/read-model-changes';

/**
 * Orders and their timelines, from the order service's events. One order's events share a key,
 * hence a partition, so they arrive in order; the upserts still tolerate any order, so a replay
 * or a redelivery cannot corrupt the view.
 */
@Injectable()
export class OrderProjection {
  constructor(@Inject(READ_MODEL_CHANGES) private readonly changes: ReadModelChanges) {}

  @HandleEvent(orderPlacedV1)
  async onOrderPlaced(event: EventEnvelope<PayloadOf<typeof orderPlacedV1>>, ctx: EventContext): Promise<void> {
    const o = event.payload;
    // A redelivered order.placed must not undo an extension: an end only ever moves later.
    await ctx.manager.query(
      `INSERT INTO gateway_orders (order_id, customer_id, quote_id, status, plan_code, resources, location_code, image_code,
                                   quantity, period_start, period_end, price, access_method, placed_at)
       VALUES ($1, $2, $3,
               COALESCE((SELECT to_status FROM gateway_order_timeline WHERE order_id = $1 ORDER BY seq DESC LIMIT 1), 'placed'),
               $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (order_id) DO UPDATE SET
         plan_code = EXCLUDED.plan_code, resources = EXCLUDED.resources, location_code = EXCLUDED.location_code,
         image_code = EXCLUDED.image_code, quantity = EXCLUDED.quantity, period_start = EXCLUDED.period_start,
         period_end = GREATEST(gateway_orders.period_end, EXCLUDED.period_end), price = EXCLUDED.price, access_method = EXCLUDED.access_method,
         placed_at = EXCLUDED.placed_at`,
      [
        o.orderId,
        o.customer.customerId,
        o.quoteId,
        o.planCode,
        JSON.stringify(o.resources),
        o.locationCode,
        o.imageCode,
        o.quantity,
        o.period.start,
        o.period.end,
        JSON.stringify(o.price),
        o.sshPublicKey ? 'ssh-key' : 'password',
        o.placedAt,
      ],
    );
    // Machines reported before the order reached us get their owner now.
    await ctx.manager.query(`UPDATE gateway_machines SET customer_id = $2 WHERE order_id = $1 AND customer_id IS NULL`, [
      o.orderId,
      o.customer.customerId,
    ]);
    await this.changes.announce(ctx.manager, o.orderId);
  }

  @HandleEvent(orderRejectedV1)
  async onOrderRejected(event: EventEnvelope<PayloadOf<typeof orderRejectedV1>>, ctx: EventContext): Promise<void> {
    const o = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_orders (order_id, customer_id, quote_id, status, rejection_reason, rejection_detail)
       VALUES ($1, $2, $3, 'rejected', $4, $5)
       ON CONFLICT (order_id) DO UPDATE SET status = 'rejected', rejection_reason = EXCLUDED.rejection_reason,
                                            rejection_detail = EXCLUDED.rejection_detail`,
      [o.orderId, o.customerId, o.quoteId, o.reason, o.detail],
    );
    await this.changes.announce(ctx.manager, o.orderId);
  }

  @HandleEvent(orderStatusChangedV1)
  async onOrderStatusChanged(event: EventEnvelope<PayloadOf<typeof orderStatusChangedV1>>, ctx: EventContext): Promise<void> {
    const s = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_order_timeline (event_id, order_id, customer_id, from_status, to_status, trigger, at, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, s.orderId, s.customerId, s.from, s.to, s.trigger, s.at, s.detail ?? null],
    );
    await ctx.manager.query(`UPDATE gateway_orders SET status = $2 WHERE order_id = $1`, [s.orderId, s.to]);
    await this.changes.announce(ctx.manager, s.orderId);
  }

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<PayloadOf<typeof orderCancelledV1>>, ctx: EventContext): Promise<void> {
    const c = event.payload;
    await ctx.manager.query(
      `UPDATE gateway_orders SET cancellation_reason = $2, cancellation_detail = $3, cancellation_settlement = $4,
                                 cancelled_while_running = $5, cancellation_request_id = $6, cancelled_at = $7
        WHERE order_id = $1`,
      [c.orderId, c.reason, c.detail, c.settlement, c.wasRunning, c.requestId ?? null, c.cancelledAt],
    );
    await this.changes.announce(ctx.manager, c.orderId);
  }

  @HandleEvent(orderCancellationRejectedV1)
  async onCancellationRejected(event: EventEnvelope<PayloadOf<typeof orderCancellationRejectedV1>>, ctx: EventContext): Promise<void> {
    const r = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_cancellation_rejections (request_id, order_id, customer_id, reason, order_status, detail)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO NOTHING`,
      [r.requestId, r.orderId, r.customerId, r.reason, r.status ?? null, r.detail],
    );
    await this.changes.announce(ctx.manager, r.orderId);
  }

  @HandleEvent(orderExtendedV1)
  async onOrderExtended(event: EventEnvelope<PayloadOf<typeof orderExtendedV1>>, ctx: EventContext): Promise<void> {
    const e = event.payload;
    await ctx.manager.query(`UPDATE gateway_orders SET period_end = GREATEST(period_end, $2) WHERE order_id = $1`, [e.orderId, e.newEnd]);
    await this.changes.announce(ctx.manager, e.orderId);
  }

  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<PayloadOf<typeof orderEndedV1>>, ctx: EventContext): Promise<void> {
    const e = event.payload;
    await ctx.manager.query(`UPDATE gateway_orders SET ended_at = $2 WHERE order_id = $1`, [e.orderId, e.endedAt]);
    await this.changes.announce(ctx.manager, e.orderId);
  }
}
