import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderPlaceV1, orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { OrderRepository } from '../infrastructure/order.repository';
import { OrderPlacer } from './order-placer';

type PlaceOrder = PayloadOf<typeof orderPlaceV1>;

/** order.place: turn a valid quote into an order (order.placed), or say why not (order.rejected). */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly placer: OrderPlacer,
    private readonly orders: OrderRepository,
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
}
