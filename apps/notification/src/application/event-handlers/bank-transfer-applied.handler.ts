import { Injectable } from '@nestjs/common';
import { bankTransferAppliedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { paymentReferenceOf } from '../../domain/payment-reference';
import type { PartialPaymentReceivedInput } from '../../domain/templates/partial-payment-received';
import { causeOf, MailRequests } from '../common/mail-requests';

type BankTransferApplied = PayloadOf<typeof bankTransferAppliedV1>;

/**
 * A bank transfer paid part of an invoice: tell the customer what arrived, what is still due, and the
 * reference to pay the rest with. A transfer that settles the invoice comes with invoice.paid, whose
 * payment-received mail says it all.
 */
@Injectable()
export class BankTransferAppliedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(bankTransferAppliedV1)
  async onApplied(event: EventEnvelope<BankTransferApplied>, ctx: EventContext): Promise<void> {
    const applied = event.payload;
    if (applied.outcome !== 'partially_paid') return;
    const input: PartialPaymentReceivedInput = {
      invoiceNumber: applied.invoiceNumber,
      received: { cents: applied.appliedCents, currency: applied.currency },
      balanceDue: { cents: applied.balanceCents, currency: applied.currency },
      paymentReference: paymentReferenceOf(applied.invoiceNumber),
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), applied.orderId, 'partial-payment-received', input, applied.customerId);
  }
}
