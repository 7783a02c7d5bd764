import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { toOneLine } from '../../domain/free-text';
import type { OrderRejectedInput } from '../../domain/templates/order-rejected';
import { causeOf, MailRequests } from '../common/mail-requests';

type OrderRejected = PayloadOf<typeof orderRejectedV1>;

/**
 * An order was refused for lack of capacity: tell the customer why, and that nothing is charged.
 * The other reasons (quote missing, expired or ordered already) refuse the order.place command
 * before any order.placed: the gateway answers them to the caller, and there is no customer address
 * to mail to, so a mail for them would wait for its customer forever.
 */
@Injectable()
export class OrderRejectedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(orderRejectedV1)
  async onOrderRejected(event: EventEnvelope<OrderRejected>, ctx: EventContext): Promise<void> {
    const rejected = event.payload;
    if (rejected.reason !== 'no_capacity') return;
    const input: OrderRejectedInput = { orderId: rejected.orderId, detail: toOneLine(rejected.detail) };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), rejected.orderId, 'order-rejected', input);
  }
}
