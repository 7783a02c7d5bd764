import type {
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  creditNoteIssuedV1,
  invoiceBalanceChangedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  PayloadOf,
  paymentFailedV1,
  paymentRefundedV1,
} from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import type { InvoiceStatus } from '../../domain/invoice-status';
import type { Page } from './read-snapshot';

/** As in invoice.issued: where the invoice is addressed. */
export type BillingAddress = NonNullable<PayloadOf<typeof invoiceIssuedV1>['billingAddress']>;

/** An invoice of an order (for the rental itself or for an extension) as billing issued it, and whether it is paid or cancelled. */
export interface InvoiceRecord {
  invoiceNumber: string;
  orderId: string;
  customerId: string;
  /** Set for an extension's invoice. */
  extensionId: string | null;
  currency: string;
  netCents: number;
  vat: PayloadOf<typeof invoiceIssuedV1>['vat'];
  vatCents: number;
  grossCents: number;
  issuedAt: Date;
  dueAt: Date;
  checkoutUrl: string;
  /** What to quote when paying by bank transfer; null for an invoice issued before billing printed one. */
  paymentReference: string | null;
  billingAddress: BillingAddress | null;
  status: InvoiceStatus;
  paidAt: Date | null;
  /** When a credit note covered it in full. */
  cancelledAt: Date | null;
  /** Billing's figures for its books (invoice.balance-changed), as of balanceRevision; 0 before the first. */
  paidCents: number;
  creditedCents: number;
  refundedCents: number;
  /** Still owed: the gross amount until billing says otherwise. */
  balanceCents: number;
  balanceRevision: number;
  /** The online payments that paid it, as billing lists them for the customer. */
  payments: InvoicePayment[];
}

/** An online payment that paid an invoice, as invoice.balance-changed lists it. */
export type InvoicePayment = PayloadOf<typeof invoiceBalanceChangedV1>['payments'][number];

/** A failed attempt to pay an invoice (payment.failed), numbered per invoice. */
export interface PaymentAttempt {
  invoiceNumber: string;
  attempt: number;
  paymentId: string;
  reason: string;
  failedAt: Date;
  retryUntil: Date;
}

/** A credit note against an invoice (credit-note.issued). */
export interface CreditNote {
  creditNoteNumber: string;
  invoiceNumber: string;
  reason: PayloadOf<typeof creditNoteIssuedV1>['reason'];
  currency: string;
  netCents: number;
  vatCents: number;
  grossCents: number;
  invoiceCancelled: boolean;
  issuedAt: Date;
}

/** Money paid for an invoice that went back to the customer (payment.refunded). */
export interface Refund {
  refundNumber: string;
  invoiceNumber: string;
  paymentId: string;
  reason: PayloadOf<typeof paymentRefundedV1>['reason'];
  amountCents: number;
  currency: string;
  refundedAt: Date;
}

/**
 * A bank transfer billing matched to an invoice: booked on it (bank-transfer.applied), flagged to be
 * paid back (bank-transfer.flagged), or both (an overpayment: the invoice's balance booked, the excess flagged).
 */
export interface BankTransfer {
  transferId: string;
  invoiceNumber: string;
  /** The transfer's currency, which for currency_mismatch is not the invoice's. */
  currency: string;
  appliedCents: number | null;
  outcome: PayloadOf<typeof bankTransferAppliedV1>['outcome'] | null;
  /** What the invoice still owed once this transfer was booked. */
  balanceCents: number | null;
  appliedAt: Date | null;
  refundableCents: number | null;
  flagReason: PayloadOf<typeof bankTransferFlaggedV1>['reason'] | null;
  flagDetail: string | null;
  flaggedAt: Date | null;
}

/** What happened to a set of invoices, each list in the order it happened. */
export interface InvoiceHistory {
  attempts: PaymentAttempt[];
  creditNotes: CreditNote[];
  refunds: Refund[];
  bankTransfers: BankTransfer[];
}

/** The customer's invoices; another customer's invoice is as absent as an unknown one. */
export abstract class InvoiceReadModel {
  abstract find(tx: Transaction, customerId: string, invoiceNumber: string): Promise<InvoiceRecord | null>;
  /** The customer's invoices, the newest first, after the invoice `after`. */
  abstract page(tx: Transaction, customerId: string, limit: number, after?: string): Promise<Page<InvoiceRecord>>;
  /** Every invoice of an order, oldest first: the rental's own, then its extensions'. */
  abstract forOrder(tx: Transaction, customerId: string, orderId: string): Promise<InvoiceRecord[]>;
  abstract forExtensions(tx: Transaction, extensionIds: string[]): Promise<InvoiceRecord[]>;
  abstract existsForExtension(extensionId: string): Promise<boolean>;
  abstract recordsOf(tx: Transaction, invoiceNumbers: string[]): Promise<InvoiceHistory>;

  /** Open, owing its gross amount, until billing's first invoice.balance-changed says more. */
  abstract recordIssued(tx: Transaction, invoice: PayloadOf<typeof invoiceIssuedV1>): Promise<void>;
  /** Paid (a cancelled invoice stays cancelled), and when. */
  abstract recordPaid(tx: Transaction, paid: PayloadOf<typeof invoicePaidV1>): Promise<void>;
  /** Billing's figures and payments, unless figures of a later revision are there already. */
  abstract recordBalance(tx: Transaction, balance: PayloadOf<typeof invoiceBalanceChangedV1>): Promise<void>;
  abstract recordPaymentFailed(tx: Transaction, failed: PayloadOf<typeof paymentFailedV1>): Promise<void>;
  /** The credit note, and the invoice cancelled when it covers it in full. */
  abstract recordCreditNote(tx: Transaction, creditNote: PayloadOf<typeof creditNoteIssuedV1>): Promise<void>;
  abstract recordRefund(tx: Transaction, refund: PayloadOf<typeof paymentRefundedV1>): Promise<void>;
  abstract recordTransferApplied(tx: Transaction, applied: PayloadOf<typeof bankTransferAppliedV1>): Promise<void>;
  abstract recordTransferFlagged(tx: Transaction, flagged: PayloadOf<typeof bankTransferFlaggedV1>): Promise<void>;
}
