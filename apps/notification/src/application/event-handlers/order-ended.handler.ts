import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderEndedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { RentalEndedInput } from '../../domain/templates/rental-ended';
import { causeOf, MailRequests } from '../common/mail-requests';

type OrderEnded = PayloadOf<typeof orderEndedV1>;

/** A rental reached its end: tell the customer it is over and its servers are stopped and wiped. */
@Injectable()
export class OrderEndedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<OrderEnded>, ctx: EventContext): Promise<void> {
    const ended = event.payload;
    const input: RentalEndedInput = { orderId: ended.orderId, endedAt: new Date(ended.endedAt) };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), ended.orderId, 'rental-ended', input);
  }
}
