import type { Transaction } from '@rental/persistence';

export type PaymentStatus = 'open' | 'paid' | 'failed';

/** A payment requested from the payment provider for an invoice; the customer pays it at the checkout URL. */
export interface PaymentRecord {
  /** The provider's id of the payment: what its webhooks, and so payment.record, refer to. */
  readonly paymentId: string;
  readonly invoiceNumber: string;
  readonly orderId: string;
  /** Which provider holds the payment (e.g. sandbox), for when more than one is in use. */
  readonly provider: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly checkoutUrl: string;
  readonly status: PaymentStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * What billing did with one report from the payment provider. Keyed by the provider's event id, so a
 * webhook the provider sends twice (and the gateway forwards twice) is applied once. Each report is
 * an attempt to pay its invoice, numbered per invoice.
 */
export type PaymentReportOutcome =
  /** The payment settled the invoice. */
  | 'applied'
  /** A failed attempt while the invoice was open: payment.failed tells the customer to try again. */
  | 'failure_recorded'
  /** A failed attempt reported after the invoice was settled: nothing to try again. */
  | 'failure_after_settlement'
  /**
   * Money for an invoice that was paid already, or cancelled, or (duplicate) the full amount of an
   * invoice paid in part by bank transfer: entered and refunded (refund_number).
   */
  | 'refunded_duplicate_payment'
  | 'refunded_late_payment'
  /** Another amount than the open balance: not applied, left for a person. */
  | 'rejected_amount_mismatch';
// Rows written before late and duplicate payments were refunded may also say already_applied,
// rejected_invoice_paid or rejected_invoice_cancelled.

export interface PaymentReportRecord {
  readonly providerEventId: string;
  readonly paymentId: string;
  readonly invoiceNumber: string;
  readonly attempt: number;
  readonly status: 'paid' | 'failed';
  readonly amountCents: number;
  readonly currency: string;
  readonly reportedAt: Date;
  readonly failureReason: string | null;
  readonly outcome: PaymentReportOutcome;
  readonly refundNumber: string | null;
  readonly recordedAt: Date;
}

/** Payments requested from the provider, and what the provider reported about them. */
export abstract class PaymentStore {
  abstract insert(tx: Transaction, payment: PaymentRecord): Promise<void>;

  /**
   * Row-locks the payment until the transaction ends: reports about one payment are then decided
   * one at a time, so a report delivered twice at once finds the first one's row.
   */
  abstract findForUpdate(tx: Transaction, paymentId: string): Promise<PaymentRecord | null>;

  /** The payment billing asked the provider to collect for an invoice (one per invoice). */
  abstract findOfInvoice(tx: Transaction, invoiceNumber: string): Promise<PaymentRecord | null>;

  abstract setStatus(tx: Transaction, paymentId: string, status: PaymentStatus, at: Date): Promise<void>;

  abstract hasReport(tx: Transaction, providerEventId: string): Promise<boolean>;

  /** The number the next report about the invoice gets: attempts are counted per invoice, from 1. */
  abstract nextAttempt(tx: Transaction, invoiceNumber: string): Promise<number>;

  abstract insertReport(tx: Transaction, report: PaymentReportRecord): Promise<void>;
}
