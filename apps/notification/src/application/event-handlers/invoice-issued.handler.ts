import { Injectable } from '@nestjs/common';
import { type EventEnvelope, invoiceIssuedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { parseLanguage } from '../../domain/language';
import type { ExtensionInvoiceIssuedInput } from '../../domain/templates/extension-invoice-issued';
import type { InvoiceIssuedInput } from '../../domain/templates/invoice-issued';
import { causeOf, MailRequests } from '../common/mail-requests';

type InvoiceIssued = PayloadOf<typeof invoiceIssuedV1>;

/** An invoice was issued: tell the customer how much, by when, and where to pay. */
@Injectable()
export class InvoiceIssuedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(invoiceIssuedV1)
  async onInvoiceIssued(event: EventEnvelope<InvoiceIssued>, ctx: EventContext): Promise<void> {
    const invoice = event.payload;
    // Billing names the recipient itself, so this mail never waits for order.placed; the CRM's word still wins.
    const named = { email: invoice.recipient.email, language: parseLanguage(invoice.recipient.language) };
    const recipient = await this.mails.recipientOf(ctx.manager, invoice.customerId, named);
    const amountDue = { cents: invoice.grossCents, currency: invoice.currency };
    if (invoice.extensionId !== undefined) {
      // An extension's invoice: unpaid, the rental ends as planned; the order is not cancelled.
      const input: ExtensionInvoiceIssuedInput = {
        invoiceNumber: invoice.invoiceNumber,
        orderId: invoice.orderId,
        amountDue,
        dueAt: new Date(invoice.dueAt),
        checkoutUrl: invoice.checkoutUrl,
      };
      await this.mails.request(ctx.manager, causeOf(event), invoice.orderId, 'extension-invoice-issued', recipient, input);
      return;
    }
    const input: InvoiceIssuedInput = {
      invoiceNumber: invoice.invoiceNumber,
      amountDue,
      dueAt: new Date(invoice.dueAt),
      checkoutUrl: invoice.checkoutUrl,
    };
    await this.mails.request(ctx.manager, causeOf(event), invoice.orderId, 'invoice-issued', recipient, input);
  }
}
