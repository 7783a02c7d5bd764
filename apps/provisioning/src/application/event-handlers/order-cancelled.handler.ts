import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderCancelledV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { OrderTakeBack } from '../common/order-take-back';

/** order.cancelled: whatever was held or built for the order is given back (see OrderTakeBack). */
@Injectable()
export class OrderCancelledHandler {
  constructor(private readonly endOfRental: OrderTakeBack) {}

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<PayloadOf<typeof orderCancelledV1>>, ctx: EventContext): Promise<void> {
    await this.endOfRental.takeBack(event.payload.orderId, 'order_cancelled', ctx);
  }
}
