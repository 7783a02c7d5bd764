import { Injectable } from '@nestjs/common';
import { type EventEnvelope, invoicePaidV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { PaymentReceivedInput } from '../../domain/templates/payment-received';
import { causeOf, MailRequests } from '../common/mail-requests';

type InvoicePaid = PayloadOf<typeof invoicePaidV1>;

/** An invoice was paid: confirm to the customer that the money arrived. */
@Injectable()
export class InvoicePaidHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(invoicePaidV1)
  async onInvoicePaid(event: EventEnvelope<InvoicePaid>, ctx: EventContext): Promise<void> {
    const paid = event.payload;
    const input: PaymentReceivedInput = {
      amount: { cents: paid.amountCents, currency: paid.currency },
      invoiceNumber: paid.invoiceNumber,
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), paid.orderId, 'payment-received', input);
  }
}
