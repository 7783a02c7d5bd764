import { InvoiceLedger, type LedgerEntry, type LedgerTotals } from './invoice-ledger';
import { invoiceLine, netTotalOf, type InvoiceLine, type InvoiceLineInput } from './invoice-line';
import {
  parseCreditNoteNumber,
  parseInvoiceNumber,
  parseRefundNumber,
  seriesYearOf,
  type CreditNoteNumber,
  type InvoiceNumber,
  type RefundNumber,
} from './invoice-number';
import { normalizeCountryCode } from '@rental/vat';
import { Money, type PlainMoney } from '@rental/money';
import { checkPeriod, unusedDaysCredit, type RentalPeriod } from './pro-rata';
import { PLATFORM_SELLER, type SellerDetails } from './seller';
import { determineVat, vatOnInvoiceTotal, type VatBreakdown, type VatCustomer, type VatOutcome } from '@rental/vat';
import { normalizeVatNumber } from '@rental/vat';

const MS_PER_DAY = 86_400_000;

/**
 * open: something is owed. paid: nothing is owed and money is kept for it (possibly after a partial
 * credit note and its refund). cancelled: credited in full, and whatever was paid refunded.
 */
export type InvoiceStatus = 'open' | 'paid' | 'cancelled';

/** Why part or all of an invoice was credited. */
export type CreditNoteReason =
  | 'payment_window_closed'
  | 'customer_cancelled'
  | 'provisioning_failed'
  | 'unused_days'
  | 'extension_unpaid'
  | 'extension_lapsed';

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
export type DueDate =
  | { readonly paymentTermsDays: number; readonly dueAt?: undefined }
  | { readonly dueAt: Date; readonly paymentTermsDays?: undefined };

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

/** A call the application should never make: malformed input or a broken invariant. */
export class InvalidInvoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInvoiceError';
  }
}

/**
 * An invoice for one order or one extension of it, from issue to paid or cancelled. Each method
 * changes the invoice and returns the events that change causes, so a caller cannot change one
 * without the other. How much the customer still owes is derived from the ledger of money
 * movements, never stored, and so is the status.
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
    if (command.extensionId !== undefined && command.extensionId.trim() === '') {
      throw new InvalidInvoiceError('an extension id must not be empty');
    }
    const period = validPeriod(command.period);
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
        ...(command.extensionId === undefined ? {} : { extensionId: command.extensionId }),
        period,
        customer,
        seller: { ...PLATFORM_SELLER },
        lines,
        vat,
        totals,
        issuedAt,
        dueAt,
        status: 'open',
        creditNotes: [],
        refunds: [],
        bankTransfers: [],
      },
      InvoiceLedger.opened(totals.gross, issuedAt, command.number),
    );
    return { invoice, events: [invoice.issuedEvent()] };
  }

  /** Rebuilds an invoice from storage, re-checking it so corrupt rows fail on load, not later. */
  static restore({ ledger: entries, ...state }: InvoiceState): Invoice {
    const ledger = InvoiceLedger.fromEntries(entries);
    const fail = (problem: string) => new InvalidInvoiceError(`invoice ${state.number}: ${problem}`);
    if (!ledger.totals.invoiced.equals(state.totals.gross)) {
      throw fail(`ledger invoiced ${ledger.totals.invoiced}, totals say ${state.totals.gross}`);
    }
    // Each credit note and refund is a ledger entry of its number and amount, and the other way round.
    const documented = (kind: 'credit_note' | 'refund', documents: readonly { number: string; amount: Money }[]) => {
      const entered = ledger.entries.filter((entry) => entry.kind === kind);
      const matches =
        entered.length === documents.length &&
        documents.every((document) => entered.some((entry) => entry.reference === document.number && entry.amount.equals(document.amount)));
      if (!matches) throw fail(`its ${kind.replace('_', ' ')}s do not match its ledger`);
    };
    documented('credit_note', state.creditNotes.map((note) => ({ number: note.number, amount: note.totals.gross })));
    documented('refund', state.refunds);
    // Each booked transfer is a payment of its amount, and gets back at most what it paid.
    for (const transfer of state.bankTransfers) {
      const payment = ledger.entries.find((entry) => entry.kind === 'payment' && entry.reference === transfer.transferId);
      if (payment === undefined || !payment.amount.equals(transfer.amount)) throw fail(`bank transfer ${transfer.transferId} does not match its ledger`);
    }
    for (const refund of state.refunds) {
      if (refund.transferId === undefined) continue;
      if (!state.bankTransfers.some((transfer) => transfer.transferId === refund.transferId)) {
        throw fail(`refund ${refund.number} goes to bank transfer ${refund.transferId}, which is not booked on it`);
      }
    }
    const implied = statusOf(ledger.totals);
    if (state.status !== implied) {
      throw fail(`status ${state.status} contradicts its ledger, which says ${implied}`);
    }
    const dates = { issuedAt: validDate(state.issuedAt, 'issue date'), dueAt: validDate(state.dueAt, 'due date') };
    const period = state.period === undefined ? {} : { period: validPeriod(state.period) };
    const invoice = new Invoice({ ...state, ...dates, ...period }, ledger);
    const overdrawn = invoice.heldPerTransfer().find((share) => share.amount.isNegative());
    if (overdrawn !== undefined) throw fail(`bank transfer ${overdrawn.transferId} got back more than it paid`);
    return invoice;
  }

  get number(): InvoiceNumber {
    return this.state.number;
  }

  get orderId(): string {
    return this.state.orderId;
  }

  get extensionId(): string | undefined {
    return this.state.extensionId;
  }

  get period(): RentalPeriod | undefined {
    const { period } = this.state;
    return period === undefined ? undefined : { start: new Date(period.start.getTime()), end: new Date(period.end.getTime()) };
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

  get creditNotes(): readonly CreditNote[] {
    return this.state.creditNotes;
  }

  get refunds(): readonly Refund[] {
    return this.state.refunds;
  }

  get bankTransfers(): readonly BookedTransfer[] {
    return this.state.bankTransfers;
  }

  /** Money from bank transfers the invoice still holds: booked, less what went back to their payers. */
  get heldFromTransfers(): Money {
    return this.transfersHolding().reduce((total, share) => total.add(share.amount), Money.zero(this.state.totals.gross.currency));
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

  /** What credit notes have not credited yet, net and VAT apart: crediting it cancels the invoice. */
  remainingCredit(): VatBreakdown {
    return this.state.creditNotes.reduce<VatBreakdown>(
      (left, note) => ({ net: left.net.subtract(note.totals.net), vat: left.vat.subtract(note.totals.vat), gross: left.gross.subtract(note.totals.gross) }),
      this.state.totals,
    );
  }

  /**
   * The credit for the days of the invoice's period not used by `at` (see unusedDaysCredit), or
   * undefined when that comes to nothing or the invoice has no stored period.
   */
  unusedDaysCredit(at: Date): VatBreakdown | undefined {
    if (this.state.period === undefined) return undefined;
    return unusedDaysCredit(this.state.totals.net, this.state.vat, this.state.period, at).credit;
  }

  toState(): InvoiceState {
    return { ...this.state, ledger: this.movements.entries };
  }

  /**
   * Records a payment. Only a payment of exactly the open balance is accepted, and it settles the
   * invoice: payments are collected for the invoice's amount, so any other amount is an error
   * upstream, and keeping it off the ledger leaves the invoice open instead of half-paid.
   */
  recordPayment(payment: ReceivedPayment): Outcome<PaymentRejection> {
    const { amount, paymentId, receiptId } = payment;
    const paidAt = validDate(payment.at, 'payment date');
    requireText(paymentId, 'payment id');
    requireText(receiptId, 'receipt id');
    if (this.movements.has('payment', receiptId)) {
      return { accepted: true, events: [] };
    }
    const settled = this.settledRejection();
    if (settled !== undefined) {
      return { accepted: false, rejection: settled };
    }
    if (!amount.equals(this.balance)) {
      return {
        accepted: false,
        rejection: { reason: 'amount_mismatch', expected: this.balance.toPlain(), received: amount.toPlain() },
      };
    }
    this.enter([{ kind: 'payment', amount, at: paidAt, reference: receiptId }]);
    const event: InvoicePaid = {
      type: 'invoice.paid',
      invoiceNumber: this.state.number,
      orderId: this.state.orderId,
      ...this.extension(),
      paymentId,
      amount: amount.toPlain(),
      paidAt: paidAt.toISOString(),
    };
    return { accepted: true, events: [event] };
  }

  /**
   * Books a bank transfer that quoted the invoice's payment reference. Unlike a payment through the
   * provider, which is collected for the balance and must match it, a transfer is whatever the
   * payer sent: less than the balance is booked as a partial payment and the invoice stays open; the
   * balance settles it; more settles it, and the excess is not booked (it is owed back to the payer).
   * Nothing is booked for an invoice that takes no money (paid or cancelled) or in another currency.
   */
  bookTransfer(transfer: ReceivedTransfer): TransferOutcome {
    const at = validDate(transfer.at, 'transfer date');
    const transferId = requireText(transfer.transferId, 'transfer id');
    if (!transfer.amount.isPositive()) throw new InvalidInvoiceError(`a bank transfer must be positive (got ${transfer.amount})`);
    if (this.state.bankTransfers.some((booked) => booked.transferId === transferId)) {
      // The caller keeps every transfer it saw, so this is a second call for the same one: a bug.
      throw new InvalidInvoiceError(`bank transfer ${transferId} is booked on invoice ${this.state.number} already`);
    }
    if (this.state.status === 'paid') return { booked: false, refusal: { reason: 'invoice_paid', paidBy: this.settlingReceipt() } };
    if (this.state.status === 'cancelled') return { booked: false, refusal: this.cancelledRejection() };
    const currency = this.state.totals.gross.currency;
    if (transfer.amount.currency !== currency) return { booked: false, refusal: { reason: 'currency_mismatch', expected: currency } };
    const owed = this.balance;
    const applied = transfer.amount.compare(owed) > 0 ? owed : transfer.amount;
    this.enter([{ kind: 'payment', amount: applied, at, reference: transferId }]);
    this.state = { ...this.state, bankTransfers: [...this.state.bankTransfers, { transferId, amount: applied }] };
    const events: InvoiceEvent[] = [];
    if (this.state.status === 'paid') {
      events.push({
        type: 'invoice.paid',
        invoiceNumber: this.state.number,
        orderId: this.state.orderId,
        ...this.extension(),
        paymentId: transferId,
        amount: applied.toPlain(),
        paidAt: at.toISOString(),
      });
    }
    return { booked: true, applied, balance: this.balance, excess: transfer.amount.subtract(applied), events };
  }

  /**
   * Who gets money back when `credit` is credited: whatever of it is more than the balance was
   * paid, and goes back where it came from: first to the payers of bank transfers still holding
   * money, the newest first, then the rest through the payment provider. Empty when the credit is
   * covered by what is still owed.
   */
  refundSharesFor(credit: Money): RefundShare[] {
    let left = credit.subtract(this.balance);
    const shares: RefundShare[] = [];
    for (const held of this.transfersHolding()) {
      if (!left.isPositive()) break;
      const amount = held.amount.compare(left) < 0 ? held.amount : left;
      shares.push({ amount, transferId: held.transferId });
      left = left.subtract(amount);
    }
    if (left.isPositive()) shares.push({ amount: left });
    return shares;
  }

  /**
   * Enters money the invoice does not take (it arrived after the invoice was paid or cancelled)
   * together with its refund, as one step: the money is accounted for, and what the customer owes
   * is unchanged. The refund number must be allocated in the same transaction as this call.
   */
  returnPayment(payment: ReceivedPayment, refund: RefundDocument & { readonly at: Date }): Applied {
    const paidAt = validDate(payment.at, 'payment date');
    requireText(payment.paymentId, 'payment id');
    requireText(payment.receiptId, 'receipt id');
    if (this.movements.has('payment', payment.receiptId)) {
      return { accepted: true, events: [] };
    }
    if (!payment.amount.isPositive()) {
      throw new InvalidInvoiceError(`a returned payment must be positive (got ${payment.amount})`);
    }
    const document: Refund = { ...this.refundDocument(refund, refund.at), amount: payment.amount, paymentId: payment.paymentId };
    this.enter([
      { kind: 'payment', amount: payment.amount, at: paidAt, reference: payment.receiptId },
      { kind: 'refund', amount: document.amount, at: document.issuedAt, reference: document.number },
    ]);
    this.state = { ...this.state, refunds: [...this.state.refunds, document] };
    return { accepted: true, events: [this.refundIssuedEvent(document)] };
  }

  /**
   * Issues a credit note for part or all of the invoice; crediting all that remains cancels it.
   * An issued invoice is never deleted or edited: its number is taken in a gapless series, so it is
   * corrected by credit notes of their own series. A paid invoice's credit comes with the refund of
   * the credited gross. The numbers must be allocated in the same transaction as this call, so a
   * rejection (rolled back) leaves no gap in either series.
   */
  credit(command: CreditCommand): Outcome<CreditRejection> {
    const creditedAt = validDate(command.at, 'credit note date');
    const { year } = parseCreditNoteNumber(command.number);
    if (year !== seriesYearOf(creditedAt)) {
      throw new InvalidInvoiceError(`credit note ${command.number} is numbered in ${year}'s series but issued in ${seriesYearOf(creditedAt)}`);
    }
    if (creditedAt.getTime() < this.state.issuedAt.getTime()) {
      throw new InvalidInvoiceError(`credit note ${command.number} cannot predate invoice ${this.state.number}`);
    }
    if (this.state.creditNotes.some((note) => note.number === command.number)) {
      return { accepted: true, events: [] };
    }
    if (this.state.status === 'cancelled') {
      return { accepted: false, rejection: this.cancelledRejection() };
    }
    const totals = this.creditableTotals(command);
    const note: CreditNote = { number: command.number, issuedAt: creditedAt, reason: command.reason, totals };
    const refunds = this.refundsFor(command, totals.gross, creditedAt);
    const entries: LedgerEntry[] = refunds.map((refund) => ({ kind: 'refund', amount: refund.amount, at: refund.issuedAt, reference: refund.number }));
    entries.push({ kind: 'credit_note', amount: totals.gross, at: creditedAt, reference: note.number });
    this.enter(entries);
    this.state = {
      ...this.state,
      creditNotes: [...this.state.creditNotes, note],
      refunds: [...this.state.refunds, ...refunds],
    };
    const issued: CreditNoteIssued = {
      type: 'credit-note.issued',
      invoiceNumber: this.state.number,
      orderId: this.state.orderId,
      ...this.extension(),
      creditNoteNumber: note.number,
      reason: note.reason,
      credited: plainTotals(totals),
      invoiceCancelled: this.state.status === 'cancelled',
      issuedAt: creditedAt.toISOString(),
    };
    return { accepted: true, events: [issued, ...refunds.map((refund) => this.refundIssuedEvent(refund))] };
  }

  /** The refunds a credit of `gross` needs (see refundSharesFor), with the command's numbers. */
  private refundsFor(command: CreditCommand, gross: Money, at: Date): Refund[] {
    const shares = this.refundSharesFor(gross);
    const { refund } = command;
    if (shares.length === 0) {
      if (refund !== undefined) throw new InvalidInvoiceError(`invoice ${this.state.number} holds no money it owes back: there is nothing to refund with credit note ${command.number}`);
      return [];
    }
    if (refund === undefined) {
      throw new InvalidInvoiceError(`invoice ${this.state.number} is paid (in part): credit note ${command.number} needs the refund of what it credits beyond the balance`);
    }
    if (refund.numbers.length !== shares.length) {
      throw new InvalidInvoiceError(`credit note ${command.number} needs ${shares.length} refund number(s), one per payer to pay back (got ${refund.numbers.length})`);
    }
    return shares.map((share, index): Refund => {
      const document = { ...this.refundDocument({ number: refund.numbers[index]!, reason: refund.reason }, at), amount: share.amount };
      return share.transferId === undefined
        ? { ...document, paymentId: requireText(refund.paymentId ?? '', 'payment id of the refund through the payment provider') }
        : { ...document, transferId: share.transferId };
    });
  }

  /** Every booked transfer with what it still holds (booked less refunded to it), the newest first. */
  private heldPerTransfer(): BookedTransfer[] {
    const booked = new Map(this.state.bankTransfers.map((transfer) => [transfer.transferId, transfer.amount]));
    const held: BookedTransfer[] = [];
    for (const entry of [...this.movements.entries].reverse()) {
      const amount = entry.kind === 'payment' ? booked.get(entry.reference) : undefined;
      if (amount === undefined) continue;
      const refunded = this.state.refunds.filter((refund) => refund.transferId === entry.reference).reduce((total, refund) => total.add(refund.amount), Money.zero(amount.currency));
      held.push({ transferId: entry.reference, amount: amount.subtract(refunded) });
    }
    return held;
  }

  private transfersHolding(): BookedTransfer[] {
    return this.heldPerTransfer().filter((share) => share.amount.isPositive());
  }

  /** Adds a step to the ledger; the status follows from what the ledger then says. */
  private enter(entries: readonly LedgerEntry[]): void {
    this.movements = this.movements.appendAll(entries);
    this.state = { ...this.state, status: statusOf(this.movements.totals) };
  }

  private creditableTotals(command: CreditCommand): VatBreakdown {
    const { net, vat, gross } = command.totals;
    const currency = this.state.totals.gross.currency;
    if ([net, vat, gross].some((amount) => amount.currency !== currency)) {
      throw new InvalidInvoiceError(`credit note ${command.number} must be in ${currency}, the invoice's currency`);
    }
    if (net.isNegative() || vat.isNegative() || !gross.isPositive() || !net.add(vat).equals(gross)) {
      throw new InvalidInvoiceError(`credit note ${command.number} needs net >= 0 and VAT >= 0 adding up to a positive gross (got ${net} + ${vat} = ${gross})`);
    }
    const left = this.remainingCredit();
    if (net.compare(left.net) > 0 || vat.compare(left.vat) > 0) {
      throw new InvalidInvoiceError(`credit note ${command.number} (${net} + ${vat}) exceeds what invoice ${this.state.number} has left to credit (${left.net} + ${left.vat})`);
    }
    return { net, vat, gross };
  }

  private refundDocument(refund: RefundDocument, at: Date): RefundDocument & { readonly issuedAt: Date } {
    const issuedAt = validDate(at, 'refund date');
    const { year } = parseRefundNumber(refund.number);
    if (year !== seriesYearOf(issuedAt)) {
      throw new InvalidInvoiceError(`refund ${refund.number} is numbered in ${year}'s series but issued in ${seriesYearOf(issuedAt)}`);
    }
    return { number: refund.number, issuedAt, reason: refund.reason };
  }

  /** Why a payment cannot be taken any more, or undefined while something is owed. */
  private settledRejection(): PaymentRejection | undefined {
    switch (this.state.status) {
      case 'open':
        return undefined;
      case 'cancelled':
        return this.cancelledRejection();
      case 'paid':
        return { reason: 'invoice_paid', paidBy: this.settlingReceipt() };
    }
  }

  private cancelledRejection(): CreditRejection {
    const last = this.state.creditNotes.at(-1);
    if (last === undefined) {
      // restore() and the methods keep status, ledger and credit notes in step; this cannot happen.
      throw new InvalidInvoiceError(`invoice ${this.state.number} is cancelled without a credit note`);
    }
    return { reason: 'invoice_cancelled', creditNoteNumber: last.number };
  }

  /**
   * The payment that brought the balance to zero: returned payments leave it where it was. A credit
   * of part of an invoice partly paid by bank transfer can settle it too: then it is the credit note.
   */
  private settlingReceipt(): string {
    let balance = 0;
    let settledBy: string | undefined;
    for (const entry of this.movements.entries) {
      const before = balance;
      balance += entry.kind === 'invoiced' || entry.kind === 'refund' ? entry.amount.cents : -entry.amount.cents;
      const settles = before > 0 && balance === 0;
      if (settles && (entry.kind === 'payment' || (entry.kind === 'credit_note' && settledBy === undefined))) settledBy = entry.reference;
    }
    if (settledBy === undefined) throw new InvalidInvoiceError(`invoice ${this.state.number} is paid without a payment or credit that settled it`);
    return settledBy;
  }

  private extension(): { extensionId?: string } {
    return this.state.extensionId === undefined ? {} : { extensionId: this.state.extensionId };
  }

  private refundIssuedEvent(refund: Refund): RefundIssued {
    return {
      type: 'refund.issued',
      invoiceNumber: this.state.number,
      orderId: this.state.orderId,
      refundNumber: refund.number,
      ...(refund.transferId === undefined ? { paymentId: refund.paymentId } : { transferId: refund.transferId }),
      reason: refund.reason,
      amount: refund.amount.toPlain(),
      issuedAt: refund.issuedAt.toISOString(),
    };
  }

  private issuedEvent(): InvoiceIssued {
    return {
      type: 'invoice.issued',
      invoiceNumber: this.state.number,
      orderId: this.state.orderId,
      ...this.extension(),
      customer: this.state.customer,
      vat: this.state.vat,
      totals: plainTotals(this.state.totals),
      issuedAt: this.state.issuedAt.toISOString(),
      dueAt: this.state.dueAt.toISOString(),
    };
  }
}

/**
 * The status a ledger implies: credited in full is cancelled; otherwise nothing owed is paid (money
 * is kept for it), and anything owed is open.
 */
function statusOf(totals: LedgerTotals): InvoiceStatus {
  if (totals.credited.equals(totals.invoiced)) return 'cancelled';
  return totals.balance.isZero() ? 'paid' : 'open';
}

function validPeriod(period: RentalPeriod): RentalPeriod {
  try {
    return checkPeriod(period);
  } catch (error) {
    throw new InvalidInvoiceError((error as Error).message);
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
  return {
    name,
    country,
    kind: customer.kind,
    ...(vatNumber === undefined || vatNumber === '' ? {} : { vatNumber }),
    ...(customer.billingAddress === undefined ? {} : { billingAddress: normalizeAddress(customer.billingAddress) }),
  };
}

/** A copy, so the invoice keeps the address it was issued with whatever the caller does to its object. */
function normalizeAddress(address: BillingAddress): BillingAddress {
  const line2 = address.line2?.trim() ?? '';
  return {
    line1: requireText(address.line1, 'billing address line 1'),
    ...(line2 === '' ? {} : { line2 }),
    postalCode: requireText(address.postalCode, 'billing address postal code'),
    city: requireText(address.city, 'billing address city'),
    country: normalizeCountryCode(address.country),
  };
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
