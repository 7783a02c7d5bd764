import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderScheduledV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { OrderScheduledInput } from '../../domain/templates/order-scheduled';
import { causeOf, MailRequests } from '../common/mail-requests';

type OrderScheduled = PayloadOf<typeof orderScheduledV1>;

/** A rental was paid before its start: tell the customer when its servers will be ready. */
@Injectable()
export class OrderScheduledHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(orderScheduledV1)
  async onOrderScheduled(event: EventEnvelope<OrderScheduled>, ctx: EventContext): Promise<void> {
    const scheduled = event.payload;
    const input: OrderScheduledInput = {
      orderId: scheduled.orderId,
      provisioningStartsAt: new Date(scheduled.provisioningStartsAt),
      readyBy: new Date(scheduled.readyBy),
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), scheduled.orderId, 'order-scheduled', input, scheduled.customerId);
  }
}
