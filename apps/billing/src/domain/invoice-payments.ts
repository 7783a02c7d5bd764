import { InvalidInvoiceError } from './invoice-checks';
import type { LedgerEntry, LedgerTotals } from './invoice-ledger';
import type { CreditNote, CreditRejection, InvoiceStatus, PaymentRejection } from './invoice-types';

/**
 * The status a ledger implies: credited in full is cancelled; otherwise nothing owed is paid (money
 * is kept for it), and anything owed is open.
 */
export function statusOf(totals: LedgerTotals): InvoiceStatus {
  if (totals.credited.equals(totals.invoiced)) return 'cancelled';
  return totals.balance.isZero() ? 'paid' : 'open';
}

/** Why invoice `invoiceNumber` takes no payment any more, or undefined while something is owed. */
export function settledRejection(
  invoiceNumber: string,
  status: InvoiceStatus,
  creditNotes: readonly CreditNote[],
  ledger: readonly LedgerEntry[],
): PaymentRejection | undefined {
  switch (status) {
    case 'open':
      return undefined;
    case 'cancelled':
      return cancelledRejection(invoiceNumber, creditNotes);
    case 'paid':
      return { reason: 'invoice_paid', paidBy: settlingReceipt(invoiceNumber, ledger) };
  }
}

/** A cancelled invoice refuses money by naming the credit note that cancelled it. */
export function cancelledRejection(invoiceNumber: string, creditNotes: readonly CreditNote[]): CreditRejection {
  const last = creditNotes.at(-1);
  if (last === undefined) {
    // restore() and the methods keep status, ledger and credit notes in step; this cannot happen.
    throw new InvalidInvoiceError(`invoice ${invoiceNumber} is cancelled without a credit note`);
  }
  return { reason: 'invoice_cancelled', creditNoteNumber: last.number };
}

/**
 * The payment that brought the balance to zero: returned payments leave it where it was. A credit
 * of part of an invoice partly paid by bank transfer can settle it too: then it is the credit note.
 */
export function settlingReceipt(invoiceNumber: string, ledger: readonly LedgerEntry[]): string {
  let balance = 0;
  let settledBy: string | undefined;
  for (const entry of ledger) {
    const before = balance;
    balance += entry.kind === 'invoiced' || entry.kind === 'refund' ? entry.amount.cents : -entry.amount.cents;
    const settles = before > 0 && balance === 0;
    if (settles && (entry.kind === 'payment' || (entry.kind === 'credit_note' && settledBy === undefined))) settledBy = entry.reference;
  }
  if (settledBy === undefined) throw new InvalidInvoiceError(`invoice ${invoiceNumber} is paid without a payment or credit that settled it`);
  return settledBy;
}

/**
 * The payments through the payment provider that paid the invoice, as the customer should see them:
 * each brought what was owed to zero (the provider collects exactly the balance). Bank transfers are
 * not among them, nor money the invoice did not take: entered together with its refund, it never
 * settles the balance, since a payment of exactly the balance would have been taken.
 */
export function onlinePaymentsThatPaid(ledger: readonly LedgerEntry[], transferIds: ReadonlySet<string>): LedgerEntry[] {
  let balance = 0;
  const paid: LedgerEntry[] = [];
  for (const entry of ledger) {
    const before = balance;
    balance += entry.kind === 'invoiced' || entry.kind === 'refund' ? entry.amount.cents : -entry.amount.cents;
    if (entry.kind === 'payment' && !transferIds.has(entry.reference) && before > 0 && balance === 0) paid.push(entry);
  }
  return paid;
}
