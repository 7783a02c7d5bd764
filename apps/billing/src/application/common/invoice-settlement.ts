import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import type { EventContext } from '@rental/messaging';
import { Money } from '@rental/money';
import type { VatBreakdown } from '@rental/vat';
import type { Invoice } from '../../domain/invoice';
import type { CreditNoteNumber, RefundNumber } from '../../domain/invoice-number';
import type { CreditNoteReason, ReceivedPayment, RefundIssued, RefundReason } from '../../domain/invoice-types';
import { BankTransferStore } from '../ports/bank-transfer-store';
import { DocumentNumbers } from '../ports/document-numbers';
import type { CustomerContact, LoadedInvoice } from '../ports/invoice-store';
import { OrderSettlementStore, type SettlementCause } from '../ports/order-settlement-store';
import { PaymentStore } from '../ports/payment-store';
import { InvoiceBooks } from './invoice-books';
import { PayerRefunds } from './payer-refunds';

/**
 * Credits invoices and gives money back, in the caller's event transaction: numbers are taken (credit
 * note first, then refunds, always in that order so two settlements never wait on each other's
 * counters), the invoice changes, the credit note and its refunds are stored, and
 * credit-note.issued is published, all or nothing. A refund through the provider is carried out
 * after the commit (RefundWorker); one of money that came by bank transfer is owed to its payer and
 * flagged for finance (bank-transfer.flagged) in the same transaction. The caller has row-locked the invoice.
 */
@Injectable()
export class InvoiceSettlement {
  private readonly logger = new Logger(InvoiceSettlement.name);

  constructor(
    private readonly books: InvoiceBooks,
    private readonly payments: PaymentStore,
    private readonly transfers: BankTransferStore,
    private readonly settlements: OrderSettlementStore,
    private readonly payerRefunds: PayerRefunds,
    private readonly numbers: DocumentNumbers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Whether the order is to be settled for `cause` now: once per order and cause, however often the fact arrives. */
  async claimOrder(ctx: EventContext, orderId: string, cause: SettlementCause): Promise<boolean> {
    const { event } = ctx;
    const first = await this.settlements.claim(ctx.manager, orderId, cause, event.id, this.clock.now());
    if (!first) this.logger.log(`order ${orderId} was settled as ${cause} before; ${event.type} ${event.id} changes nothing`);
    return first;
  }

  /** Credits what is left of the invoice, refunding what was paid for it (in full or in part); nothing if it is cancelled already. */
  async creditInFull(ctx: EventContext, loaded: LoadedInvoice, reason: CreditNoteReason, refundReason: RefundReason): Promise<void> {
    if (loaded.invoice.status === 'cancelled') return;
    await this.credit(ctx, loaded, loaded.invoice.remainingCredit(), reason, refundReason);
  }

  /**
   * Credits and refunds the days of a paid invoice's period not used by `at` (see unusedDaysCredit);
   * nothing when no whole day is left.
   */
  async creditUnusedDays(ctx: EventContext, loaded: LoadedInvoice, at: Date): Promise<void> {
    const credit = loaded.invoice.unusedDaysCredit(at);
    if (credit === undefined) return;
    await this.credit(ctx, loaded, credit, 'unused_days', 'unused_days');
  }

  /** Enters money the invoice does not take and refunds it in full; returns the refund's number. */
  async returnPayment(ctx: EventContext, loaded: LoadedInvoice, payment: ReceivedPayment, reason: RefundReason): Promise<RefundNumber> {
    const { invoice } = loaded;
    const at = this.clock.now();
    const number = await this.numbers.nextRefundNumber(ctx.manager, at);
    const outcome = invoice.returnPayment(payment, { number, reason, at });
    if (outcome.events.length === 0) {
      // The receipt was entered before, so the number just taken would be a gap; the caller
      // deduplicates reports by the same receipt id before it gets here, so this cannot happen.
      throw new Error(`receipt ${payment.receiptId} is on invoice ${invoice.number} already; refund ${number} is not issued`);
    }
    await this.books.save(ctx, loaded, outcome.events);
    return number;
  }

  private async credit(ctx: EventContext, loaded: LoadedInvoice, totals: VatBreakdown, reason: CreditNoteReason, refundReason: RefundReason): Promise<void> {
    const { invoice, contact } = loaded;
    // Who gets money back is known before any number is taken, so none is taken in vain.
    const shares = invoice.refundSharesFor(totals.gross);
    const paymentId = shares.some((share) => share.transferId === undefined) ? await this.paymentIdOf(ctx, invoice) : undefined;
    const at = this.clock.now();
    const number = await this.numbers.nextCreditNoteNumber(ctx.manager, at);
    const refundNumbers: RefundNumber[] = [];
    for (let share = 0; share < shares.length; share += 1) refundNumbers.push(await this.numbers.nextRefundNumber(ctx.manager, at));
    const refund = shares.length === 0 ? {} : { refund: { reason: refundReason, numbers: refundNumbers, ...(paymentId === undefined ? {} : { paymentId }) } };
    const outcome = invoice.credit({ number, at, reason, totals, ...refund });
    if (!outcome.accepted) {
      // The status was checked above under the invoice's row lock; this cannot happen.
      throw new Error(`invoice ${invoice.number} refused credit note ${number}: ${JSON.stringify(outcome.rejection)}`);
    }
    await this.books.save(ctx, loaded, outcome.events);
    for (const event of outcome.events) {
      if (event.type === 'refund.issued' && event.transferId !== undefined) await this.flagRefundToPayer(ctx, event, event.transferId, number, contact);
    }
  }

  /** A bank transfer's money booked on the invoice goes back to its payer: by finance, so it is flagged. */
  private async flagRefundToPayer(
    ctx: EventContext,
    refund: RefundIssued,
    transferId: string,
    creditNote: CreditNoteNumber,
    contact: CustomerContact,
  ): Promise<void> {
    const transfer = await this.transfers.find(ctx.manager, transferId);
    if (transfer === null) throw new Error(`refund ${refund.refundNumber} goes to bank transfer ${transferId}, which billing does not hold`);
    const amount = Money.fromPlain(refund.amount);
    await this.payerRefunds.flag(ctx, {
      transferId,
      reference: transfer.reference,
      // The contract knows no reason for a credit after payment; the rental it paid for was cancelled or ended early.
      reason: 'invoice_cancelled',
      amount,
      invoice: { number: refund.invoiceNumber, orderId: refund.orderId, customerId: contact.customerId },
      refundNumber: refund.refundNumber,
      detail: `${amount} of this transfer goes back as refund ${refund.refundNumber} (${refund.reason.replaceAll('_', ' ')}): credit note ${creditNote} credited invoice ${refund.invoiceNumber}`,
    });
  }

  /** The payment billing asked the provider to collect for the invoice: what a refund through the provider is made against. */
  private async paymentIdOf(ctx: EventContext, invoice: Invoice): Promise<string> {
    const payment = await this.payments.findOfInvoice(ctx.manager, invoice.number);
    if (payment === null) throw new Error(`invoice ${invoice.number} was paid through the provider, but billing holds no payment for it`);
    return payment.paymentId;
  }
}
