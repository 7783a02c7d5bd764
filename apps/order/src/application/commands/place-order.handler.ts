import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderPlaceV1, orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { z } from 'zod';
import { OrderPlacer } from '../common/order-placer';
import { OrderStore } from '../ports/order-store';

type PlaceOrder = PayloadOf<typeof orderPlaceV1>;

/** What an order.place must hold readably to be answered even when it breaks its contract. */
const answerable = z.object({ orderId: z.uuid(), quoteId: z.uuid(), customer: z.object({ customerId: z.uuid() }) });

/** order.place: turn a valid quote into an order (order.placed), or say why not (order.rejected). */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly placer: OrderPlacer,
    private readonly orders: OrderStore,
  ) {}

  @HandleEvent(orderPlaceV1)
  async onPlaceOrder(command: EventEnvelope<PlaceOrder>, ctx: EventContext): Promise<void> {
    const request = command.payload;
    // The sender chose the order id: a resent request must not place a second order.
    if (await this.orders.exists(ctx.manager, request.orderId)) return;
    const placed = await this.placer.place(ctx, request);
    if (!placed.ok) {
      await ctx.publish(orderRejectedV1, request.orderId, {
        orderId: request.orderId,
        quoteId: request.quoteId,
        customerId: request.customer.customerId,
        ...placed.error,
      });
    }
  }

  /** An order.place that broke its contract is refused as invalid_request; no order is placed. */
  @RejectInvalid(orderPlaceV1)
  async onInvalidPlaceOrder(command: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const ids = answerable.safeParse(command.payload);
    if (!ids.success || (await this.orders.exists(ctx.manager, ids.data.orderId))) return;
    await ctx.publish(orderRejectedV1, ids.data.orderId, {
      orderId: ids.data.orderId,
      quoteId: ids.data.quoteId,
      customerId: ids.data.customer.customerId,
      reason: 'invalid_request',
      detail: problem,
    });
  }
}
