import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type PayloadOf, paymentFailedV1 } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { toOneLine } from '../../domain/free-text';
import type { PaymentFailedInput } from '../../domain/templates/payment-failed';
import { causeOf, MailRequests } from '../common/mail-requests';

type PaymentFailed = PayloadOf<typeof paymentFailedV1>;

/** An attempt to pay failed: tell the customer why, and how and until when to try again. */
@Injectable()
export class PaymentFailedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(paymentFailedV1)
  async onPaymentFailed(event: EventEnvelope<PaymentFailed>, ctx: EventContext): Promise<void> {
    const failed = event.payload;
    const input: PaymentFailedInput = {
      invoiceNumber: failed.invoiceNumber,
      attempt: failed.attempt,
      reason: toOneLine(failed.reason),
      checkoutUrl: failed.checkoutUrl,
      retryUntil: new Date(failed.retryUntil),
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), failed.orderId, 'payment-failed', input);
  }
}
