import { creditNoteIssuedV1, invoicePaidV1 } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { InvoiceEvent } from '../domain/invoice-types';
import type { CustomerContact } from '../infrastructure/persistence/invoice.repository';

/**
 * Publishes what other services learn from an invoice's domain events, in the handler's
 * transaction. A refund is announced later, once the provider has carried it out (RefundRunner).
 */
export async function announce(ctx: EventContext, events: readonly InvoiceEvent[], contact: CustomerContact): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'invoice.paid':
        await ctx.publish(invoicePaidV1, event.orderId, {
          orderId: event.orderId,
          invoiceNumber: event.invoiceNumber,
          ...(event.extensionId === undefined ? {} : { extensionId: event.extensionId }),
          paymentId: event.paymentId,
          amountCents: event.amount.cents,
          currency: event.amount.currency,
          paidAt: event.paidAt,
        });
        break;
      case 'credit-note.issued':
        await ctx.publish(creditNoteIssuedV1, event.orderId, {
          orderId: event.orderId,
          customerId: contact.customerId,
          invoiceNumber: event.invoiceNumber,
          creditNoteNumber: event.creditNoteNumber,
          reason: event.reason,
          currency: event.credited.gross.currency,
          netCents: event.credited.net.cents,
          vatCents: event.credited.vat.cents,
          grossCents: event.credited.gross.cents,
          invoiceCancelled: event.invoiceCancelled,
          issuedAt: event.issuedAt,
        });
        break;
      case 'invoice.issued':
      case 'refund.issued':
        break;
    }
  }
}
