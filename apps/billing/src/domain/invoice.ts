import { InvoiceLedger, type LedgerEntry, type LedgerTotals } from './invoice-ledger';
import { invoiceLine, netTotalOf, type InvoiceLine, type InvoiceLineInput } from './invoice-line';
import {
  parseCreditNoteNumber,
  parseInvoiceNumber,
  seriesYearOf,
  type CreditNoteNumber,
  type InvoiceNumber,
} from './invoice-number';
import { normalizeCountryCode } from '@rental/vat';
import type { Money, PlainMoney } from '@rental/money';
import { PLATFORM_SELLER, type SellerDetails } from './seller';
import { determineVat, vatOnInvoiceTotal, type VatBreakdown, type VatCustomer, type VatOutcome } from '@rental/vat';
import { normalizeVatNumber } from '@rental/vat';

const MS_PER_DAY = 86_400_000;

export type InvoiceStatus = 'open' | 'paid' | 'cancelled';

export interface InvoiceCustomer extends VatCustomer {
  readonly name: string;
}

export interface CreditNote {
  readonly number: CreditNoteNumber;
  readonly issuedAt: Date;
  readonly reason: string;
  /** Mirrors the invoice's totals: the whole invoice is credited. */
  readonly totals: VatBreakdown;
}

/**
 * When the invoice must be paid: a number of days after issue (0 means due on issue), or a moment
 * fixed elsewhere, e.g. when the order's payment window closes.
 */
export type DueDate =
  | { readonly paymentTermsDays: number; readonly dueAt?: undefined }
  | { readonly dueAt: Date; readonly paymentTermsDays?: undefined };

export type IssueInvoice = {
  /** Allocated by the database from this year's series, in the transaction that stores the invoice. */
  readonly number: InvoiceNumber;
  readonly orderId: string;
  readonly customer: InvoiceCustomer;
  readonly lines: readonly InvoiceLineInput[];
  readonly issuedAt: Date;
} & DueDate;

/** Everything an invoice is, for a repository to store and restore. */
export interface InvoiceState {
  readonly number: InvoiceNumber;
  readonly orderId: string;
  readonly customer: InvoiceCustomer;
  readonly seller: SellerDetails;
  readonly lines: readonly InvoiceLine[];
  readonly vat: VatOutcome;
  readonly totals: VatBreakdown;
  readonly issuedAt: Date;
  readonly dueAt: Date;
  readonly status: InvoiceStatus;
  readonly ledger: readonly LedgerEntry[];
  readonly creditNote?: CreditNote;
}

interface PlainTotals {
  readonly net: PlainMoney;
  readonly vat: PlainMoney;
  readonly gross: PlainMoney;
}

/** Domain events: plain, JSON-ready facts. Mapping them to versioned contracts is the application's job. */
export interface InvoiceIssued {
  readonly type: 'invoice.issued';
  readonly invoiceNumber: InvoiceNumber;
  readonly orderId: string;
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
  readonly paymentId: string;
  readonly amount: PlainMoney;
  readonly paidAt: string;
}

export interface InvoiceCancelled {
  readonly type: 'invoice.cancelled';
  readonly invoiceNumber: InvoiceNumber;
  readonly orderId: string;
  readonly creditNoteNumber: CreditNoteNumber;
  readonly credited: PlainTotals;
  readonly reason: string;
  readonly cancelledAt: string;
}

export type InvoiceEvent = InvoiceIssued | InvoicePaid | InvoiceCancelled;

/**
 * Why a payment was not recorded. These are not bugs: a payment can race the payment window's
 * closing or be made twice, and the caller decides what follows (usually a refund).
 */
export type PaymentRejection =
  | { readonly reason: 'invoice_paid'; readonly paidBy: string }
  | { readonly reason: 'invoice_cancelled'; readonly creditNoteNumber: CreditNoteNumber }
  | { readonly reason: 'amount_mismatch'; readonly expected: PlainMoney; readonly received: PlainMoney };

export type CancellationRejection =
  | { readonly reason: 'invoice_paid'; readonly paidBy: string }
  | { readonly reason: 'invoice_cancelled'; readonly creditNoteNumber: CreditNoteNumber };

/** `events` is empty when the call repeats one already applied (same payment id or credit note number). */
export type Outcome<Rejection> =
  | { readonly accepted: true; readonly events: readonly InvoiceEvent[] }
  | { readonly accepted: false; readonly rejection: Rejection };

/** A call the application should never make: malformed input or a broken invariant. */
export class InvalidInvoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInvoiceError';
  }
}

/**
 * An invoice for one order, from issue to paid or cancelled. Each method changes the invoice and
 * returns the events that change causes, so a caller cannot change one without the other. How much
 * the customer still owes is derived from the ledger of money movements, never stored.
 */
export class Invoice {
  private constructor(
    private state: Omit<InvoiceState, 'ledger'>,
    private movements: InvoiceLedger,
  ) {}

  static issue(command: IssueInvoice): { invoice: Invoice; events: readonly InvoiceEvent[] } {
    const issuedAt = validDate(command.issuedAt, 'issue date');
    const { year } = parseInvoiceNumber(command.number);
    if (year !== seriesYearOf(issuedAt)) {
      throw new InvalidInvoiceError(`invoice ${command.number} is numbered in ${year}'s series but issued in ${seriesYearOf(issuedAt)}`);
    }
    if (command.orderId.trim() === '') {
      throw new InvalidInvoiceError('an invoice needs an order id');
    }
    const dueAt = dueDateOf(command, issuedAt);
    const customer = normalizeCustomer(command.customer);
    const lines = command.lines.map(invoiceLine);
    const vat = determineVat(customer);
    const totals = vatOnInvoiceTotal(netTotalOf(lines), vat);
    if (!totals.gross.isPositive()) {
      throw new InvalidInvoiceError('an invoice must charge something; a free order needs no invoice');
    }
    const invoice = new Invoice(
      {
        number: command.number,
        orderId: command.orderId,
        customer,
        seller: { ...PLATFORM_SELLER },
        lines,
        vat,
        totals,
        issuedAt,
        dueAt,
        status: 'open',
      },
      InvoiceLedger.opened(totals.gross, issuedAt, command.number),
    );
    return { invoice, events: [invoice.issuedEvent()] };
  }

  /** Rebuilds an invoice from storage, re-checking the ledger so corrupt rows fail on load, not later. */
  static restore({ ledger: entries, ...state }: InvoiceState): Invoice {
    const ledger = InvoiceLedger.fromEntries(entries);
    if (!ledger.totals.invoiced.equals(state.totals.gross)) {
      throw new InvalidInvoiceError(`invoice ${state.number}: ledger invoiced ${ledger.totals.invoiced}, totals say ${state.totals.gross}`);
    }
    const implied = state.creditNote !== undefined ? 'cancelled' : ledger.totals.paid.isPositive() ? 'paid' : 'open';
    if (state.status !== implied) {
      throw new InvalidInvoiceError(`invoice ${state.number}: status ${state.status} contradicts its ledger, which says ${implied}`);
    }
    const dates = { issuedAt: validDate(state.issuedAt, 'issue date'), dueAt: validDate(state.dueAt, 'due date') };
    return new Invoice({ ...state, ...dates }, ledger);
  }

  get number(): InvoiceNumber {
    return this.state.number;
  }

  get orderId(): string {
    return this.state.orderId;
  }

  get status(): InvoiceStatus {
    return this.state.status;
  }

  get customer(): InvoiceCustomer {
    return this.state.customer;
  }

  get seller(): SellerDetails {
    return this.state.seller;
  }

  get lines(): readonly InvoiceLine[] {
    return this.state.lines;
  }

  get vat(): VatOutcome {
    return this.state.vat;
  }

  get totals(): VatBreakdown {
    return this.state.totals;
  }

  get issuedAt(): Date {
    return new Date(this.state.issuedAt.getTime());
  }

  get dueAt(): Date {
    return new Date(this.state.dueAt.getTime());
  }

  get creditNote(): CreditNote | undefined {
    return this.state.creditNote;
  }

  get ledger(): readonly LedgerEntry[] {
    return this.movements.entries;
  }

  get ledgerTotals(): LedgerTotals {
    return this.movements.totals;
  }

  /** What the customer still owes: invoiced - paid - credited + refunded. */
  get balance(): Money {
    return this.movements.balance;
  }

  toState(): InvoiceState {
    return { ...this.state, ledger: this.movements.entries };
  }

  /**
   * Records a payment. Only a payment of exactly the open balance is accepted, and it settles the
   * invoice: payments are collected for the invoice's amount, so any other amount is an error
   * upstream, and keeping it off the ledger leaves the invoice open instead of half-paid.
   */
  recordPayment(amount: Money, at: Date, paymentId: string): Outcome<PaymentRejection> {
    const paidAt = validDate(at, 'payment date');
    requireText(paymentId, 'payment id');
    if (this.movements.has('payment', paymentId)) {
      return { accepted: true, events: [] };
    }
    const notOpen = this.notOpenRejection();
    if (notOpen !== undefined) {
      return { accepted: false, rejection: notOpen };
    }
    if (!amount.equals(this.balance)) {
      return {
        accepted: false,
        rejection: { reason: 'amount_mismatch', expected: this.balance.toPlain(), received: amount.toPlain() },
      };
    }
    this.movements = this.movements.append({ kind: 'payment', amount, at: paidAt, reference: paymentId });
    this.state = { ...this.state, status: 'paid' };
    const event: InvoicePaid = {
      type: 'invoice.paid',
      invoiceNumber: this.state.number,
      orderId: this.state.orderId,
      paymentId,
      amount: amount.toPlain(),
      paidAt: paidAt.toISOString(),
    };
    return { accepted: true, events: [event] };
  }

  /**
   * Cancels an unpaid invoice by crediting it in full. An issued invoice is never deleted or edited:
   * its number is taken in a gapless series, so it is cancelled by a credit note of its own series.
   * The credit note number must be allocated in the same transaction as this call, so a rejection
   * (rolled back) leaves no gap in the credit note series.
   */
  cancelWithCreditNote(creditNoteNumber: CreditNoteNumber, at: Date, reason: string): Outcome<CancellationRejection> {
    const creditedAt = validDate(at, 'credit note date');
    const trimmedReason = requireText(reason, 'cancellation reason');
    const { year } = parseCreditNoteNumber(creditNoteNumber);
    if (year !== seriesYearOf(creditedAt)) {
      throw new InvalidInvoiceError(`credit note ${creditNoteNumber} is numbered in ${year}'s series but issued in ${seriesYearOf(creditedAt)}`);
    }
    if (creditedAt.getTime() < this.state.issuedAt.getTime()) {
      throw new InvalidInvoiceError(`credit note ${creditNoteNumber} cannot predate invoice ${this.state.number}`);
    }
    if (this.state.creditNote?.number === creditNoteNumber) {
      return { accepted: true, events: [] };
    }
    const notOpen = this.notOpenRejection();
    if (notOpen !== undefined) {
      return { accepted: false, rejection: notOpen };
    }
    const creditNote: CreditNote = { number: creditNoteNumber, issuedAt: creditedAt, reason: trimmedReason, totals: this.state.totals };
    const credited = this.state.totals.gross;
    this.movements = this.movements.append({ kind: 'credit_note', amount: credited, at: creditedAt, reference: creditNoteNumber });
    this.state = { ...this.state, status: 'cancelled', creditNote };
    const event: InvoiceCancelled = {
      type: 'invoice.cancelled',
      invoiceNumber: this.state.number,
      orderId: this.state.orderId,
      creditNoteNumber,
      credited: plainTotals(creditNote.totals),
      reason: trimmedReason,
      cancelledAt: creditedAt.toISOString(),
    };
    return { accepted: true, events: [event] };
  }

  /** Why nothing more can happen to this invoice, or undefined while it is open. */
  private notOpenRejection(): CancellationRejection | undefined {
    const { status, creditNote } = this.state;
    if (status === 'cancelled' && creditNote !== undefined) {
      return { reason: 'invoice_cancelled', creditNoteNumber: creditNote.number };
    }
    const payment = this.movements.entries.find((entry) => entry.kind === 'payment');
    if (status === 'paid' && payment !== undefined) {
      return { reason: 'invoice_paid', paidBy: payment.reference };
    }
    if (status !== 'open') {
      // restore() and the methods keep status, ledger and credit note in step; this cannot happen.
      throw new InvalidInvoiceError(`invoice ${this.state.number} is ${status} without the movement that made it so`);
    }
    return undefined;
  }

  private issuedEvent(): InvoiceIssued {
    return {
      type: 'invoice.issued',
      invoiceNumber: this.state.number,
      orderId: this.state.orderId,
      customer: this.state.customer,
      vat: this.state.vat,
      totals: plainTotals(this.state.totals),
      issuedAt: this.state.issuedAt.toISOString(),
      dueAt: this.state.dueAt.toISOString(),
    };
  }
}

function dueDateOf(due: DueDate, issuedAt: Date): Date {
  if (due.dueAt !== undefined) {
    const dueAt = validDate(due.dueAt, 'due date');
    if (dueAt.getTime() < issuedAt.getTime()) {
      throw new InvalidInvoiceError(`an invoice cannot be due (${dueAt.toISOString()}) before it is issued (${issuedAt.toISOString()})`);
    }
    return dueAt;
  }
  if (!Number.isSafeInteger(due.paymentTermsDays) || due.paymentTermsDays < 0) {
    throw new InvalidInvoiceError(`payment terms must be a whole number of days >= 0 (got ${due.paymentTermsDays})`);
  }
  // UTC days have no daylight-saving jumps, so whole days of milliseconds are exact.
  return new Date(issuedAt.getTime() + due.paymentTermsDays * MS_PER_DAY);
}

function normalizeCustomer(customer: InvoiceCustomer): InvoiceCustomer {
  const name = requireText(customer.name, 'customer name');
  const country = normalizeCountryCode(customer.country);
  const vatNumber = customer.vatNumber === undefined ? undefined : normalizeVatNumber(customer.vatNumber);
  return vatNumber === undefined || vatNumber === ''
    ? { name, country, kind: customer.kind }
    : { name, country, kind: customer.kind, vatNumber };
}

function plainTotals(totals: VatBreakdown): PlainTotals {
  return { net: totals.net.toPlain(), vat: totals.vat.toPlain(), gross: totals.gross.toPlain() };
}

function validDate(date: Date, what: string): Date {
  if (Number.isNaN(date.getTime())) {
    throw new InvalidInvoiceError(`${what} is not a valid date`);
  }
  return new Date(date.getTime());
}

function requireText(text: string, what: string): string {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new InvalidInvoiceError(`${what} must not be empty`);
  }
  return trimmed;
}
