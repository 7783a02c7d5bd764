import type { Invoice } from './invoice';
import type { InvoiceEvent, ReceivedPayment } from './invoice-types';

/**
 * What billing does with money the payment provider collected for an invoice:
 * - book it: it is exactly what is owed, and settles the invoice (the invoice changed; `events` say how);
 * - refund it in full: the invoice takes no money (paid already: a duplicate; cancelled: late), or it
 *   was paid in part by bank transfer, so the checkout's full amount would pay that part twice;
 * - reject it: another amount than was asked for, an error upstream for a person to look at. The
 *   provider still holds the money; billing neither keeps nor returns what it cannot account for.
 */
export type OnlinePaymentDecision =
  | { readonly action: 'book'; readonly events: readonly InvoiceEvent[] }
  | {
      readonly action: 'refund';
      readonly reason: 'duplicate_payment' | 'late_payment';
      readonly because: 'invoice_paid' | 'invoice_cancelled' | 'paid_in_part_by_transfer';
    }
  | { readonly action: 'reject'; readonly because: 'amount_mismatch' };

/**
 * Decides on a payment collected for `invoice`, and books it when it is taken. A refund is left to
 * the caller, who numbers it (Invoice.returnPayment) in the same transaction.
 */
export function decideOnlinePayment(invoice: Invoice, payment: ReceivedPayment): OnlinePaymentDecision {
  if (!payment.amount.isPositive()) return { action: 'reject', because: 'amount_mismatch' };
  const result = invoice.recordPayment(payment);
  if (result.accepted) return { action: 'book', events: result.events };
  switch (result.rejection.reason) {
    case 'invoice_paid':
      return { action: 'refund', reason: 'duplicate_payment', because: 'invoice_paid' };
    case 'invoice_cancelled':
      return { action: 'refund', reason: 'late_payment', because: 'invoice_cancelled' };
    case 'amount_mismatch':
      return paidInPartByTransfer(invoice, payment)
        ? { action: 'refund', reason: 'duplicate_payment', because: 'paid_in_part_by_transfer' }
        : { action: 'reject', because: 'amount_mismatch' };
  }
}

function paidInPartByTransfer(invoice: Invoice, payment: ReceivedPayment): boolean {
  return payment.amount.currency === invoice.totals.gross.currency && invoice.heldFromTransfers.isPositive();
}
