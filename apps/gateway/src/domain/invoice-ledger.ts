/** A payment that settled the invoice (invoice.paid). */
export interface LedgerPayment {
  readonly paymentId: string;
  readonly amountCents: number;
}

/** Money given back for a payment (payment.refunded). */
export interface LedgerRefund {
  readonly paymentId: string;
  readonly amountCents: number;
}

export interface InvoiceLedger {
  invoicedCents: number;
  paidCents: number;
  creditedCents: number;
  refundedCents: number;
  /** What the customer still owes: invoiced - paid - credited + refunded; 0 once settled. */
  balanceCents: number;
}

/**
 * An invoice's books as billing keeps them, rebuilt from its events. A payment that did not settle
 * the invoice (one that came after it was cancelled, or a second one) is never announced by
 * invoice.paid: billing refunds it in full, so its refund is the only trace of it, and it counts as
 * paid as well as refunded, as it does in billing's ledger.
 */
export function invoiceLedger(invoicedCents: number, payments: readonly LedgerPayment[], creditedGrossCents: readonly number[], refunds: readonly LedgerRefund[]): InvoiceLedger {
  const settling = new Set(payments.map((p) => p.paymentId));
  const sum = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + amount, 0);
  const returnedUnsettling = sum(refunds.filter((r) => !settling.has(r.paymentId)).map((r) => r.amountCents));
  const paidCents = sum(payments.map((p) => p.amountCents)) + returnedUnsettling;
  const creditedCents = sum(creditedGrossCents);
  const refundedCents = sum(refunds.map((r) => r.amountCents));
  return { invoicedCents, paidCents, creditedCents, refundedCents, balanceCents: invoicedCents - paidCents - creditedCents + refundedCents };
}
