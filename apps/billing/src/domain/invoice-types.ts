import type { Money, PlainMoney } from '@rental/money';
import type { VatBreakdown, VatCustomer, VatOutcome } from '@rental/vat';
import type { LedgerEntry } from './invoice-ledger';
import type { InvoiceLine, InvoiceLineInput } from './invoice-line';
import type { CreditNoteNumber, InvoiceNumber, RefundNumber } from './invoice-number';
import type { RentalPeriod } from './pro-rata';
import type { SellerDetails } from './seller';

/* What an invoice is made of, what it is asked to do and what it answers: the shapes the aggregate and its callers share. */

/**
 * open: something is owed. paid: nothing is owed and money is kept for it (possibly after a partial
 * credit note and its refund). cancelled: credited in full, and whatever was paid refunded.
 */
export type InvoiceStatus = 'open' | 'paid' | 'cancelled';

/** Why part or all of an invoice was credited. */
export type CreditNoteReason = 'payment_window_closed' | 'customer_cancelled' | 'provisioning_failed' | 'unused_days' | 'extension_unpaid' | 'extension_lapsed';

/** Why money paid for an invoice went back to the customer. */
export type RefundReason = 'customer_cancelled' | 'provisioning_failed' | 'unused_days' | 'late_payment' | 'duplicate_payment' | 'extension_lapsed';

/** A postal address as it is printed on an invoice. */
export interface BillingAddress {
  readonly line1: string;
  readonly line2?: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

export interface InvoiceCustomer extends VatCustomer {
  readonly name: string;
  /** Absent when billing knows no address for the customer (one the CRM never registered). */
  readonly billingAddress?: BillingAddress;
}

/** A document of its own gapless series that credits part or all of an invoice. */
export interface CreditNote {
  readonly number: CreditNoteNumber;
  readonly issuedAt: Date;
  readonly reason: CreditNoteReason;
  /** What it credits, at the invoice's VAT rate. */
  readonly totals: VatBreakdown;
}

/**
 * Where money paid for the invoice came from, and so where a refund of it goes: back through the
 * payment provider's payment, or to the payer of a bank transfer (by finance, by bank).
 */
export type RefundRoute = { readonly paymentId: string; readonly transferId?: undefined } | { readonly transferId: string; readonly paymentId?: undefined };

/** Money paid for the invoice that goes back to the customer, numbered in a gapless series of its own. */
export type Refund = {
  readonly number: RefundNumber;
  readonly issuedAt: Date;
  readonly reason: RefundReason;
  readonly amount: Money;
} & RefundRoute;

/** The part of a bank transfer the invoice took, entered on its ledger as a payment referenced by the transfer id. */
export interface BookedTransfer {
  readonly transferId: string;
  readonly amount: Money;
}

/** Money that arrived by bank transfer quoting the invoice's payment reference. */
export interface ReceivedTransfer {
  readonly transferId: string;
  readonly amount: Money;
  readonly at: Date;
}

/** Why a bank transfer was not booked on the invoice: the whole of it is owed back to the payer. */
export type TransferRefusal =
  | { readonly reason: 'invoice_paid'; readonly paidBy: string }
  | { readonly reason: 'invoice_cancelled'; readonly creditNoteNumber: CreditNoteNumber }
  | { readonly reason: 'currency_mismatch'; readonly expected: string };

export type TransferOutcome =
  | {
      readonly booked: true;
      /** What the invoice took: the whole transfer, or the balance when more came. */
      readonly applied: Money;
      /** Still owed after it; zero when the transfer settled the invoice. */
      readonly balance: Money;
      /** What came on top of the balance, owed back to the payer; zero unless it was overpaid. */
      readonly excess: Money;
      /** invoice.paid when the transfer settled the invoice. */
      readonly events: readonly InvoiceEvent[];
    }
  | { readonly booked: false; readonly refusal: TransferRefusal };

/** A part of a refund and where it goes; no transferId: through the payment provider. */
export interface RefundShare {
  readonly amount: Money;
  readonly transferId?: string;
}

/**
 * When the invoice must be paid: a number of days after issue (0 means due on issue), or a moment
 * fixed elsewhere, e.g. when the order's payment window closes.
 */
export type DueDate = { readonly paymentTermsDays: number; readonly dueAt?: undefined } | { readonly dueAt: Date; readonly paymentTermsDays?: undefined };

export type IssueInvoice = {
  /** Allocated by the database from this year's series, in the transaction that stores the invoice. */
  readonly number: InvoiceNumber;
  readonly orderId: string;
  /** Set when the invoice is for an extension of the rental rather than the order itself. */
  readonly extensionId?: string;
  /** What the invoice charges for; the base of a pro-rata credit. */
  readonly period: RentalPeriod;
  readonly customer: InvoiceCustomer;
  readonly lines: readonly InvoiceLineInput[];
  readonly issuedAt: Date;
} & DueDate;

/** Everything an invoice is, for a repository to store and restore. */
export interface InvoiceState {
  readonly number: InvoiceNumber;
  readonly orderId: string;
  readonly extensionId?: string;
  /** Absent only on invoices issued before billing stored periods; those are never credited pro rata. */
  readonly period?: RentalPeriod;
  readonly customer: InvoiceCustomer;
  readonly seller: SellerDetails;
  readonly lines: readonly InvoiceLine[];
  readonly vat: VatOutcome;
  readonly totals: VatBreakdown;
  readonly issuedAt: Date;
  readonly dueAt: Date;
  readonly status: InvoiceStatus;
  readonly ledger: readonly LedgerEntry[];
  /** In the order they were issued. */
  readonly creditNotes: readonly CreditNote[];
  readonly refunds: readonly Refund[];
  /** The bank transfers booked on it, in any order (their ledger entries give the order). */
  readonly bankTransfers: readonly BookedTransfer[];
}

export interface PlainTotals {
  readonly net: PlainMoney;
  readonly vat: PlainMoney;
  readonly gross: PlainMoney;
}

/** Domain events: plain, JSON-ready facts. Mapping them to versioned contracts is the application's job. */
export interface InvoiceIssued {
  readonly type: 'invoice.issued';
  readonly invoiceNumber: InvoiceNumber;
  readonly orderId: string;
  readonly extensionId?: string;
  readonly customer: InvoiceCustomer;
  readonly vat: VatOutcome;
  readonly totals: PlainTotals;
  readonly issuedAt: string;
  readonly dueAt: string;
}

export interface InvoicePaid {
  readonly type: 'invoice.paid';
  readonly invoiceNumber: InvoiceNumber;
  readonly orderId: string;
  readonly extensionId?: string;
  readonly paymentId: string;
  readonly amount: PlainMoney;
  readonly paidAt: string;
}

export interface CreditNoteIssued {
  readonly type: 'credit-note.issued';
  readonly invoiceNumber: InvoiceNumber;
  readonly orderId: string;
  readonly extensionId?: string;
  readonly creditNoteNumber: CreditNoteNumber;
  readonly reason: CreditNoteReason;
  readonly credited: PlainTotals;
  /** The invoice is now credited in full. */
  readonly invoiceCancelled: boolean;
  readonly issuedAt: string;
}

/**
 * A refund was decided and entered; the money moves once the payment provider carries it out, or,
 * for a bank transfer's money, once finance pays the payer back.
 */
export type RefundIssued = {
  readonly type: 'refund.issued';
  readonly invoiceNumber: InvoiceNumber;
  readonly orderId: string;
  readonly refundNumber: RefundNumber;
  readonly reason: RefundReason;
  readonly amount: PlainMoney;
  readonly issuedAt: string;
} & RefundRoute;

export type InvoiceEvent = InvoiceIssued | InvoicePaid | CreditNoteIssued | RefundIssued;

/** Money the payment provider collected for this invoice. */
export interface ReceivedPayment {
  readonly amount: Money;
  readonly at: Date;
  /** The provider's payment it was collected through (what a refund is made against). */
  readonly paymentId: string;
  /** This receipt of money, e.g. the provider's event id: each one is entered once. */
  readonly receiptId: string;
}

export interface RefundDocument {
  readonly number: RefundNumber;
  readonly reason: RefundReason;
}

export interface CreditCommand {
  readonly number: CreditNoteNumber;
  readonly at: Date;
  readonly reason: CreditNoteReason;
  /** What to credit: e.g. remainingCredit() to cancel the invoice, or a pro-rata share. */
  readonly totals: VatBreakdown;
  /**
   * Required exactly when the credited gross is more than the balance (the invoice is paid, or
   * partly paid by bank transfer): the money above the balance is owed back, and the balance may
   * not go below zero, so its refund is entered in the same step, one refund per share of
   * refundSharesFor(totals.gross), numbered in that order.
   */
  readonly refund?: {
    readonly reason: RefundReason;
    readonly numbers: readonly RefundNumber[];
    /** The provider's payment, needed when a share goes back through the payment provider. */
    readonly paymentId?: string;
  };
}

/**
 * Why a payment was not recorded. These are not bugs: a payment can race the payment window's
 * closing or be made twice, and the caller decides what follows (usually returnPayment).
 */
export type PaymentRejection =
  | { readonly reason: 'invoice_paid'; readonly paidBy: string }
  | { readonly reason: 'invoice_cancelled'; readonly creditNoteNumber: CreditNoteNumber }
  | { readonly reason: 'amount_mismatch'; readonly expected: PlainMoney; readonly received: PlainMoney };

export type CreditRejection = { readonly reason: 'invoice_cancelled'; readonly creditNoteNumber: CreditNoteNumber };

/** `events` is empty when the call repeats one already applied (same receipt or credit note number). */
export interface Applied {
  readonly accepted: true;
  readonly events: readonly InvoiceEvent[];
}

export type Outcome<Rejection> = Applied | { readonly accepted: false; readonly rejection: Rejection };
