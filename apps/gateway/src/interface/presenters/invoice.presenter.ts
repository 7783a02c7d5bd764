import type { InvoiceDetails } from '../../application/invoice-queries';
import { invoiceLedger } from '../../domain/invoice-ledger';
import type { InvoiceView } from '../dto/invoice.view';
import { iso, isoOrUndefined } from './iso';

export function presentInvoice({ invoice, payments, attempts, creditNotes, refunds }: InvoiceDetails): InvoiceView {
  const ledger = invoiceLedger(invoice.grossCents, payments, creditNotes.map((c) => c.grossCents), refunds);
  return {
    number: invoice.invoiceNumber,
    orderId: invoice.orderId,
    extensionId: invoice.extensionId ?? undefined,
    status: invoice.status,
    currency: invoice.currency,
    netCents: invoice.netCents,
    vat: invoice.vat,
    vatCents: invoice.vatCents,
    grossCents: invoice.grossCents,
    issuedAt: iso(invoice.issuedAt),
    dueAt: iso(invoice.dueAt),
    checkoutUrl: invoice.checkoutUrl,
    paidAt: isoOrUndefined(invoice.paidAt),
    cancelledAt: isoOrUndefined(invoice.cancelledAt),
    payments: payments.map((p) => ({ paymentId: p.paymentId, amountCents: p.amountCents, currency: p.currency, paidAt: iso(p.paidAt) })),
    paymentAttempts: attempts.map((a) => ({ attempt: a.attempt, paymentId: a.paymentId, reason: a.reason, failedAt: iso(a.failedAt), retryUntil: iso(a.retryUntil) })),
    creditNotes: creditNotes.map((c) => ({
      number: c.creditNoteNumber,
      reason: c.reason,
      currency: c.currency,
      netCents: c.netCents,
      vatCents: c.vatCents,
      grossCents: c.grossCents,
      cancelsInvoice: c.invoiceCancelled,
      issuedAt: iso(c.issuedAt),
    })),
    refunds: refunds.map((r) => ({
      number: r.refundNumber,
      paymentId: r.paymentId,
      reason: r.reason,
      amountCents: r.amountCents,
      currency: r.currency,
      refundedAt: iso(r.refundedAt),
    })),
    paidCents: ledger.paidCents,
    creditedCents: ledger.creditedCents,
    refundedCents: ledger.refundedCents,
    balanceCents: ledger.balanceCents,
  };
}
