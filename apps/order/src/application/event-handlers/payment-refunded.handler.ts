import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, paymentRefundedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { Money } from '@rental/money';
import { OrderTimeline } from '../common/order-timeline';

/** payment.refunded: the customer sees the refund on the order's timeline, whatever the order's status. */
@Injectable()
export class PaymentRefundedHandler {
  constructor(private readonly timeline: OrderTimeline) {}

  @HandleEvent(paymentRefundedV1)
  async onPaymentRefunded(event: EventEnvelope<PayloadOf<typeof paymentRefundedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    const amount = Money.of(p.amountCents, p.currency).toString();
    await this.timeline.noteOn(
      ctx,
      p.orderId,
      'refund_paid',
      `refund ${p.refundNumber} of ${amount} paid back for invoice ${p.invoiceNumber} (${p.reason.replaceAll('_', ' ')})`,
    );
  }
}
