import type { Money } from '@rental/money';
import type { VatBreakdown } from '@rental/vat';
import type { CreditNote, CreditNoteIssued, InvoiceIssued, InvoicePaid, InvoiceState, PlainTotals, Refund, RefundIssued } from './invoice-types';

/** The invoice an event is about, as every event names it. */
type About = Pick<InvoiceState, 'number' | 'orderId' | 'extensionId'>;

export function issuedEvent(invoice: Omit<InvoiceState, 'ledger'>): InvoiceIssued {
  return {
    type: 'invoice.issued',
    invoiceNumber: invoice.number,
    orderId: invoice.orderId,
    ...extensionOf(invoice),
    customer: invoice.customer,
    vat: invoice.vat,
    totals: plainTotals(invoice.totals),
    issuedAt: invoice.issuedAt.toISOString(),
    dueAt: invoice.dueAt.toISOString(),
  };
}

/** `paymentId`: the provider's payment, or the bank transfer that settled the invoice. */
export function paidEvent(invoice: About, paymentId: string, amount: Money, paidAt: Date): InvoicePaid {
  return {
    type: 'invoice.paid',
    invoiceNumber: invoice.number,
    orderId: invoice.orderId,
    ...extensionOf(invoice),
    paymentId,
    amount: amount.toPlain(),
    paidAt: paidAt.toISOString(),
  };
}

export function creditNoteIssuedEvent(invoice: About, note: CreditNote, invoiceCancelled: boolean): CreditNoteIssued {
  return {
    type: 'credit-note.issued',
    invoiceNumber: invoice.number,
    orderId: invoice.orderId,
    ...extensionOf(invoice),
    creditNoteNumber: note.number,
    reason: note.reason,
    credited: plainTotals(note.totals),
    invoiceCancelled,
    issuedAt: note.issuedAt.toISOString(),
  };
}

export function refundIssuedEvent(invoice: About, refund: Refund): RefundIssued {
  return {
    type: 'refund.issued',
    invoiceNumber: invoice.number,
    orderId: invoice.orderId,
    refundNumber: refund.number,
    ...(refund.transferId === undefined ? { paymentId: refund.paymentId } : { transferId: refund.transferId }),
    reason: refund.reason,
    amount: refund.amount.toPlain(),
    issuedAt: refund.issuedAt.toISOString(),
  };
}

function extensionOf(invoice: About): { extensionId?: string } {
  return invoice.extensionId === undefined ? {} : { extensionId: invoice.extensionId };
}

function plainTotals(totals: VatBreakdown): PlainTotals {
  return { net: totals.net.toPlain(), vat: totals.vat.toPlain(), gross: totals.gross.toPlain() };
}
