import { creditNoteIssuedV1, type invoiceBalanceChangedV1, invoicePaidV1, type PayloadOf } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { Invoice } from '../../domain/invoice';
import type { InvoiceEvent } from '../../domain/invoice-types';
import type { CustomerContact } from '../ports/invoice-store';

/**
 * Publishes what other services learn from an invoice's domain events, in the handler's
 * transaction. invoice.issued is the issuer's (it carries the checkout URL); a refund is announced
 * later, once the provider has carried it out (RefundWorker).
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

/**
 * invoice.balance-changed: the invoice's books as its ledger adds them up. `paymentId` is the
 * provider's payment the invoice was collected through (one per invoice), which every online payment
 * on its ledger came through; undefined when none did.
 */
export function balanceChanged(invoice: Invoice, paymentId: string | undefined, changedAt: Date): PayloadOf<typeof invoiceBalanceChangedV1> {
  const { invoiced, paid, credited, refunded, balance } = invoice.ledgerTotals;
  const payments = invoice.onlinePayments.map((entry) => {
    if (paymentId === undefined) throw new Error(`invoice ${invoice.number} was paid online, but billing holds no payment for it`);
    return { paymentId, amountCents: entry.amount.cents, paidAt: entry.at.toISOString() };
  });
  return {
    orderId: invoice.orderId,
    invoiceNumber: invoice.number,
    ...(invoice.extensionId === undefined ? {} : { extensionId: invoice.extensionId }),
    currency: invoiced.currency,
    invoicedCents: invoiced.cents,
    paidCents: paid.cents,
    creditedCents: credited.cents,
    refundedCents: refunded.cents,
    balanceCents: balance.cents,
    payments,
    revision: invoice.ledger.length,
    changedAt: changedAt.toISOString(),
  };
}
