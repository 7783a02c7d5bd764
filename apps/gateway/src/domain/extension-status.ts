import type { InvoiceStatus } from './invoice-status';

export type ExtensionStatus = 'awaiting_invoice' | 'awaiting_payment' | 'paid' | 'applied' | 'lapsed' | 'rejected';

/** What the read model knows about an extension; the order's and billing's events may arrive in either order. */
export interface ExtensionFacts {
  readonly rejected: boolean;
  /** order.extended: the end moved. */
  readonly applied: boolean;
  /** The rental ended or was cancelled without it. */
  readonly lapsed: boolean;
  /** Its invoice, once billing issued it. */
  readonly invoiceStatus?: InvoiceStatus;
}

/**
 * Accepted, it waits for its invoice, then for the payment; paid, the end moves (applied). If the
 * rental ends first, or its invoice is credited, it lapses; a payment that came too late is refunded.
 */
export function extensionStatus(facts: ExtensionFacts): ExtensionStatus {
  if (facts.rejected) return 'rejected';
  if (facts.applied) return 'applied';
  if (facts.lapsed || facts.invoiceStatus === 'cancelled') return 'lapsed';
  if (facts.invoiceStatus === 'paid') return 'paid';
  if (facts.invoiceStatus === 'open') return 'awaiting_payment';
  return 'awaiting_invoice';
}
