/**
 * The books per invoice, straight from billing's tables, for tests and operators to check billing
 * against itself: plain SQL, so a test holding only a connection to billing's database (another
 * process) can run it too, e.g. `(await db.query(INVOICE_BALANCE_VIOLATIONS_SQL)).rows.map(toInvoiceBooksRow)`.
 */

export interface InvoiceBooksRow {
  readonly invoiceNumber: string;
  readonly orderId: string;
  readonly extensionId: string | null;
  readonly status: 'open' | 'paid' | 'cancelled';
  /** The invoice's gross total as issued. */
  readonly gross: number;
  /** The ledger's totals, in cents. */
  readonly invoiced: number;
  readonly paid: number;
  readonly credited: number;
  readonly refunded: number;
  /** invoiced - paid - credited + refunded. */
  readonly balance: number;
  /** The gross of the invoice's credit notes, which must be what the ledger credited. */
  readonly creditNotes: number;
  /** The amounts of the invoice's refunds, which must be what the ledger refunded. */
  readonly refundDocuments: number;
  /** Refunds the payment provider has not confirmed yet (payment.refunded not published yet). */
  readonly refundsPending: number;
}

export const INVOICE_BOOKS_SQL = `
  SELECT i.number AS invoice_number, i.order_id, i.extension_id, i.status, i.gross_cents AS gross,
         l.invoiced, l.paid, l.credited, l.refunded,
         l.invoiced - l.paid - l.credited + l.refunded AS balance,
         COALESCE(c.gross, 0) AS credit_notes,
         COALESCE(r.amount, 0) AS refund_documents,
         COALESCE(r.pending, 0) AS refunds_pending
  FROM invoices i
  JOIN (SELECT invoice_number,
               COALESCE(sum(amount_cents) FILTER (WHERE kind = 'invoiced'), 0) AS invoiced,
               COALESCE(sum(amount_cents) FILTER (WHERE kind = 'payment'), 0) AS paid,
               COALESCE(sum(amount_cents) FILTER (WHERE kind = 'credit_note'), 0) AS credited,
               COALESCE(sum(amount_cents) FILTER (WHERE kind = 'refund'), 0) AS refunded
        FROM invoice_ledger_entries GROUP BY invoice_number) l ON l.invoice_number = i.number
  LEFT JOIN (SELECT invoice_number, sum(gross_cents) AS gross FROM credit_notes GROUP BY invoice_number) c ON c.invoice_number = i.number
  LEFT JOIN (SELECT invoice_number, sum(amount_cents) AS amount, count(*) FILTER (WHERE status = 'pending') AS pending
             FROM refunds GROUP BY invoice_number) r ON r.invoice_number = i.number
  ORDER BY i.number`;

/**
 * Every invoice that breaks the balance invariant: the balance (invoiced - paid - credited +
 * refunded) is never negative; an invoice that is settled (paid, or cancelled) has
 * paid - refunded = invoiced - credited, so its balance is zero, and an open one still owes
 * something (it may be partly paid by bank transfer: paid > 0 and balance > 0); cancelled means
 * credited in full; the ledger invoiced the invoice's gross; and the credit notes and refunds (to
 * the provider's payments and to bank transfers' payers alike) add up to what the ledger says.
 * Empty when billing is right.
 */
export const INVOICE_BALANCE_VIOLATIONS_SQL = `
  SELECT * FROM (${INVOICE_BOOKS_SQL}) books
  WHERE balance < 0
     OR invoiced <> gross
     OR (status IN ('paid', 'cancelled') AND paid - refunded <> invoiced - credited)
     OR (status = 'open' AND balance <= 0)
     OR ((status = 'cancelled') <> (credited = invoiced))
     OR credit_notes <> credited
     OR refund_documents <> refunded
  ORDER BY invoice_number`;

/**
 * Every bank transfer whose money is not all accounted for: what arrived is what its invoice took
 * plus what was flagged for the payer when it arrived; what the invoice took is on its ledger as a
 * payment referenced by the transfer id; no more went back to the payer later than the invoice
 * took; and each such refund is in payer_refunds for finance, for its amount. Empty when billing is right.
 */
export const BANK_TRANSFER_VIOLATIONS_SQL = `
  SELECT t.transfer_id, t.invoice_number, t.outcome, t.amount_cents, t.applied_cents,
         COALESCE(f.flagged, 0) AS flagged_at_receipt, COALESCE(l.booked, 0) AS booked,
         COALESCE(r.refunded, 0) AS refunded_later, COALESCE(r.owed, 0) AS owed_later
  FROM bank_transfers t
  LEFT JOIN (SELECT transfer_id, sum(amount_cents) AS flagged FROM payer_refunds WHERE refund_number IS NULL GROUP BY transfer_id) f
         ON f.transfer_id = t.transfer_id
  LEFT JOIN (SELECT invoice_number, reference, sum(amount_cents) AS booked FROM invoice_ledger_entries WHERE kind = 'payment' GROUP BY invoice_number, reference) l
         ON l.invoice_number = t.invoice_number AND l.reference = t.transfer_id::text
  LEFT JOIN (SELECT r.transfer_id, sum(r.amount_cents) AS refunded, COALESCE(sum(p.amount_cents), 0) AS owed
             FROM refunds r LEFT JOIN payer_refunds p ON p.refund_number = r.number
             WHERE r.transfer_id IS NOT NULL GROUP BY r.transfer_id) r
         ON r.transfer_id = t.transfer_id
  WHERE t.amount_cents <> t.applied_cents + COALESCE(f.flagged, 0)
     OR COALESCE(l.booked, 0) <> t.applied_cents
     OR COALESCE(r.refunded, 0) > t.applied_cents
     OR COALESCE(r.refunded, 0) <> COALESCE(r.owed, 0)
  ORDER BY t.transfer_id`;

/** Maps a row of INVOICE_BOOKS_SQL or INVOICE_BALANCE_VIOLATIONS_SQL (as pg or TypeORM returns it: bigints as strings) to numbers. */
export function toInvoiceBooksRow(row: Record<string, unknown>): InvoiceBooksRow {
  const cents = (column: string) => Number(row[column]);
  return {
    invoiceNumber: String(row.invoice_number),
    orderId: String(row.order_id),
    extensionId: row.extension_id === null ? null : String(row.extension_id),
    status: row.status as InvoiceBooksRow['status'],
    gross: cents('gross'),
    invoiced: cents('invoiced'),
    paid: cents('paid'),
    credited: cents('credited'),
    refunded: cents('refunded'),
    balance: cents('balance'),
    creditNotes: cents('credit_notes'),
    refundDocuments: cents('refund_documents'),
    refundsPending: cents('refunds_pending'),
  };
}
