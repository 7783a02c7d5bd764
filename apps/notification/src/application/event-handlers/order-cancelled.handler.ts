import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderCancelledV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { toOneLine } from '../../domain/free-text';
import type { OrderCancelledInput } from '../../domain/templates/order-cancelled';
import { causeOf, MailRequests } from '../common/mail-requests';

type OrderCancelled = PayloadOf<typeof orderCancelledV1>;

/** An order stopped before its end: tell the customer why, and what happens to the servers and the money. */
@Injectable()
export class OrderCancelledHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<OrderCancelled>, ctx: EventContext): Promise<void> {
    const cancelled = event.payload;
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), cancelled.orderId, 'order-cancelled', cancellationInput(cancelled));
  }
}

function cancellationInput(cancelled: OrderCancelled): OrderCancelledInput {
  const common = {
    orderId: cancelled.orderId,
    cancelledAt: new Date(cancelled.cancelledAt),
    wasRunning: cancelled.wasRunning,
    settlement: cancelled.settlement,
  };
  switch (cancelled.reason) {
    case 'customer_cancelled':
    case 'payment_window_closed':
      return { ...common, reason: cancelled.reason };
    case 'provisioning_failed':
      // The apology quotes what went wrong; the other reasons' detail is the order's own note, not news to the customer.
      return { ...common, reason: cancelled.reason, detail: toOneLine(cancelled.detail) };
  }
}
