import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, paymentFailedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { OrderTimeline } from '../common/order-timeline';

/** payment.failed: the customer sees the failed attempt on the order's timeline; the order keeps waiting for payment. */
@Injectable()
export class PaymentFailedHandler {
  constructor(private readonly timeline: OrderTimeline) {}

  @HandleEvent(paymentFailedV1)
  async onPaymentFailed(event: EventEnvelope<PayloadOf<typeof paymentFailedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    await this.timeline.noteOn(
      ctx,
      p.orderId,
      'payment_failed',
      `payment attempt ${p.attempt} for invoice ${p.invoiceNumber} failed: ${p.reason}; it can be retried until ${p.retryUntil}`,
    );
  }
}
