import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderEndedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { OrderTakeBack } from '../common/order-take-back';

/** order.ended: the rental is over; its machines are taken back (see OrderTakeBack). */
@Injectable()
export class OrderEndedHandler {
  constructor(private readonly endOfRental: OrderTakeBack) {}

  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<PayloadOf<typeof orderEndedV1>>, ctx: EventContext): Promise<void> {
    await this.endOfRental.takeBack(event.payload.orderId, 'rental_ended', ctx);
  }
}
