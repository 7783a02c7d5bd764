import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, paymentRefundedV1 } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { PaymentRefundedInput } from '../../domain/templates/payment-refunded';
import { causeOf, MailRequests } from '../common/mail-requests';

type PaymentRefunded = PayloadOf<typeof paymentRefundedV1>;

/** The provider confirmed a refund: tell the customer how much came back, for which invoice and why. */
@Injectable()
export class PaymentRefundedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(paymentRefundedV1)
  async onPaymentRefunded(event: EventEnvelope<PaymentRefunded>, ctx: EventContext): Promise<void> {
    const refund = event.payload;
    const input: PaymentRefundedInput = {
      refundNumber: refund.refundNumber,
      invoiceNumber: refund.invoiceNumber,
      amount: { cents: refund.amountCents, currency: refund.currency },
      reason: refund.reason,
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), refund.orderId, 'payment-refunded', input);
  }
}
