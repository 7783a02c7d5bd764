import { Money } from '@rental/money';
import { determineVat, type VatBreakdown, vatOnInvoiceTotal, type VatOutcome } from '@rental/vat';
import { InvalidInvoiceError, requireText, validDate, validPeriod } from './invoice-checks';
import { normalizeCustomer } from './invoice-customer';
import { dueDateOf } from './invoice-due-date';
import { creditNoteIssuedEvent, issuedEvent, paidEvent, refundIssuedEvent } from './invoice-events';
import { InvoiceLedger, type LedgerEntry, type LedgerTotals } from './invoice-ledger';
import { type InvoiceLine, invoiceLine, netTotalOf } from './invoice-line';
import { type InvoiceNumber, parseCreditNoteNumber, parseInvoiceNumber, seriesYearOf } from './invoice-number';
import { cancelledRejection, onlinePaymentsThatPaid, settledRejection, settlingReceipt, statusOf } from './invoice-payments';
import { refundDocument, refundsFor, refundShares } from './invoice-refunds';
import { checkedInvoiceState } from './invoice-restore';
import { transferShare, transfersHolding } from './invoice-transfers';
import type {
  Applied,
  BookedTransfer,
  CreditCommand,
  CreditNote,
  CreditRejection,
  InvoiceCustomer,
  InvoiceEvent,
  InvoiceState,
  InvoiceStatus,
  IssueInvoice,
  Outcome,
  PaymentRejection,
  ReceivedPayment,
  ReceivedTransfer,
  Refund,
  RefundDocument,
  RefundShare,
  TransferOutcome,
} from './invoice-types';
import { type RentalPeriod, unusedDaysCredit } from './pro-rata';
import { PLATFORM_SELLER, type SellerDetails } from './seller';

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
    return { invoice, events: [issuedEvent(invoice.state)] };
  }

  /** Rebuilds an invoice from storage, re-checking it so corrupt rows fail on load, not later. */
  /** Rebuilds an invoice from storage, re-checking it so corrupt rows fail on load, not later. */
  static restore(stored: InvoiceState): Invoice {
    const { state, ledger } = checkedInvoiceState(stored);
    return new Invoice(state, ledger);
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

  /** The ledger's payments through the payment provider that paid the invoice (see onlinePaymentsThatPaid). */
  get onlinePayments(): readonly LedgerEntry[] {
    return onlinePaymentsThatPaid(this.movements.entries, new Set(this.state.bankTransfers.map((transfer) => transfer.transferId)));
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
    const settled = settledRejection(this.state.number, this.state.status, this.state.creditNotes, this.movements.entries);
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
    const event = paidEvent(this.state, paymentId, amount, paidAt);
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
    if (this.state.status === 'paid')
      return { booked: false, refusal: { reason: 'invoice_paid', paidBy: settlingReceipt(this.state.number, this.movements.entries) } };
    if (this.state.status === 'cancelled') return { booked: false, refusal: cancelledRejection(this.state.number, this.state.creditNotes) };
    const currency = this.state.totals.gross.currency;
    if (transfer.amount.currency !== currency) return { booked: false, refusal: { reason: 'currency_mismatch', expected: currency } };
    const owed = this.balance;
    const { applied, excess } = transferShare(transfer.amount, owed);
    this.enter([{ kind: 'payment', amount: applied, at, reference: transferId }]);
    this.state = { ...this.state, bankTransfers: [...this.state.bankTransfers, { transferId, amount: applied }] };
    const events: InvoiceEvent[] = [];
    if (this.state.status === 'paid') events.push(paidEvent(this.state, transferId, applied, at));
    return { booked: true, applied, balance: this.balance, excess, events };
  }

  /**
   * Who gets money back when `credit` is credited: whatever of it is more than the balance was
   * paid, and goes back where it came from: first to the payers of bank transfers still holding
   * money, the newest first, then the rest through the payment provider. Empty when the credit is
   * covered by what is still owed.
   */
  refundSharesFor(credit: Money): RefundShare[] {
    return refundShares(credit, this.balance, this.transfersHolding());
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
    const document: Refund = { ...refundDocument(refund, refund.at), amount: payment.amount, paymentId: payment.paymentId };
    this.enter([
      { kind: 'payment', amount: payment.amount, at: paidAt, reference: payment.receiptId },
      { kind: 'refund', amount: document.amount, at: document.issuedAt, reference: document.number },
    ]);
    this.state = { ...this.state, refunds: [...this.state.refunds, document] };
    return { accepted: true, events: [refundIssuedEvent(this.state, document)] };
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
      return { accepted: false, rejection: cancelledRejection(this.state.number, this.state.creditNotes) };
    }
    const totals = this.creditableTotals(command);
    const note: CreditNote = { number: command.number, issuedAt: creditedAt, reason: command.reason, totals };
    const refunds = refundsFor(this.state.number, command, this.refundSharesFor(totals.gross), creditedAt);
    const entries: LedgerEntry[] = refunds.map((refund) => ({ kind: 'refund', amount: refund.amount, at: refund.issuedAt, reference: refund.number }));
    entries.push({ kind: 'credit_note', amount: totals.gross, at: creditedAt, reference: note.number });
    this.enter(entries);
    this.state = {
      ...this.state,
      creditNotes: [...this.state.creditNotes, note],
      refunds: [...this.state.refunds, ...refunds],
    };
    const issued = creditNoteIssuedEvent(this.state, note, this.state.status === 'cancelled');
    return { accepted: true, events: [issued, ...refunds.map((refund) => refundIssuedEvent(this.state, refund))] };
  }

  private transfersHolding(): BookedTransfer[] {
    return transfersHolding(this.state.bankTransfers, this.state.refunds, this.movements.entries);
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
      throw new InvalidInvoiceError(
        `credit note ${command.number} (${net} + ${vat}) exceeds what invoice ${this.state.number} has left to credit (${left.net} + ${left.vat})`,
      );
    }
    return { net, vat, gross };
  }
}
