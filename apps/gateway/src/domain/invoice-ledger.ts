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

/**
 * A bank transfer billing matched to the invoice: the part booked on it (bank-transfer.applied; 0 when
 * it was only flagged), and whether that settled the invoice or left a balance.
 */
export interface LedgerBankTransfer {
  readonly transferId: string;
  readonly appliedCents: number;
  readonly outcome: 'settled' | 'partially_paid' | null;
}

export interface LedgerEntries {
  readonly payments: readonly LedgerPayment[];
  readonly bankTransfers: readonly LedgerBankTransfer[];
  readonly creditedGrossCents: readonly number[];
  readonly refunds: readonly LedgerRefund[];
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
 * The invoice.paid payments that are money of their own. A transfer that settles an invoice comes with
 * invoice.paid too (the rental proceeds as after an online payment), and an invoice is settled once:
 * so when a transfer settled it, the invoice.paid announces that transfer, whatever amount and id it
 * carries, and counting both would count the money twice.
 */
export function paymentsBesideBankTransfers<P extends LedgerPayment>(payments: readonly P[], bankTransfers: readonly LedgerBankTransfer[]): readonly P[] {
  return bankTransfers.some((t) => t.outcome === 'settled') ? [] : payments;
}

/**
 * An invoice's books as billing keeps them, rebuilt from its events. A payment that did not settle
 * the invoice (one that came after it was cancelled, or a second one) is never announced by
 * invoice.paid: billing refunds it in full, so its refund is the only trace of it, and it counts as
 * paid as well as refunded, as it does in billing's ledger. Bank transfers count with what was booked
 * on the invoice; money flagged to be paid back was never the invoice's and counts nowhere.
 */
export function invoiceLedger(invoicedCents: number, entries: LedgerEntries): InvoiceLedger {
  const sum = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + amount, 0);
  const known = new Set([...entries.payments.map((p) => p.paymentId), ...entries.bankTransfers.map((t) => t.transferId)]);
  const returnedUnsettling = sum(entries.refunds.filter((r) => !known.has(r.paymentId)).map((r) => r.amountCents));
  const paidOnline = sum(paymentsBesideBankTransfers(entries.payments, entries.bankTransfers).map((p) => p.amountCents));
  const paidByTransfer = sum(entries.bankTransfers.map((t) => t.appliedCents));
  const paidCents = paidOnline + paidByTransfer + returnedUnsettling;
  const creditedCents = sum(entries.creditedGrossCents);
  const refundedCents = sum(entries.refunds.map((r) => r.amountCents));
  return { invoicedCents, paidCents, creditedCents, refundedCents, balanceCents: invoicedCents - paidCents - creditedCents + refundedCents };
}
