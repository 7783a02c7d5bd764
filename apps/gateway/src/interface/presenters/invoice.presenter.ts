import type { BankTransfer } from '../../application/ports/invoice-read-model';
import type { InvoiceDetails } from '../../application/queries/invoice.queries';
import type { BankTransferView, InvoiceView } from '../dto/invoice.view';
import { iso, isoOrUndefined } from './iso';

/** The invoice with billing's figures and billing's list of its payments: billing keeps the books, the gateway shows them. */
export function presentInvoice({ invoice, attempts, creditNotes, refunds, bankTransfers }: InvoiceDetails): InvoiceView {
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
    paymentReference: invoice.paymentReference ?? undefined,
    billingAddress: invoice.billingAddress ?? undefined,
    paidAt: isoOrUndefined(invoice.paidAt),
    cancelledAt: isoOrUndefined(invoice.cancelledAt),
    payments: invoice.payments.map((p) => ({
      paymentId: p.paymentId,
      amountCents: p.amountCents,
      currency: invoice.currency,
      paidAt: iso(new Date(p.paidAt)),
    })),
    paymentAttempts: attempts.map((a) => ({
      attempt: a.attempt,
      paymentId: a.paymentId,
      reason: a.reason,
      failedAt: iso(a.failedAt),
      retryUntil: iso(a.retryUntil),
    })),
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
    bankTransfers: bankTransfers.map(presentBankTransfer),
    paidCents: invoice.paidCents,
    creditedCents: invoice.creditedCents,
    refundedCents: invoice.refundedCents,
    balanceCents: invoice.balanceCents,
  };
}

function presentBankTransfer(t: BankTransfer): BankTransferView {
  const appliedCents = t.appliedCents ?? 0;
  return {
    transferId: t.transferId,
    currency: t.currency,
    receivedCents: appliedCents + (t.refundableCents ?? 0),
    appliedCents,
    outcome: t.outcome ?? undefined,
    balanceAfterCents: t.balanceCents ?? undefined,
    appliedAt: isoOrUndefined(t.appliedAt),
    flagged:
      t.flagReason && t.flaggedAt
        ? { reason: t.flagReason, refundableCents: t.refundableCents ?? 0, detail: t.flagDetail ?? '', flaggedAt: iso(t.flaggedAt) }
        : undefined,
  };
}
