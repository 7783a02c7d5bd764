import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import type { EventContext } from '@rental/messaging';
import type { VatBreakdown } from '@rental/vat';
import type { CreditNoteReason, Invoice, ReceivedPayment, RefundReason } from '../domain/invoice';
import type { RefundNumber } from '../domain/invoice-number';
import { DocumentNumberAllocator } from '../infrastructure/persistence/document-number-allocator';
import { InvoiceRepository, type LoadedInvoice } from '../infrastructure/persistence/invoice.repository';
import { PaymentRepository } from '../infrastructure/persistence/payment.repository';
import { announce } from './invoice-announcements';

/**
 * Credits invoices and gives money back, in the caller's event transaction: numbers are taken (credit
 * note first, then refund, always in that order so two settlements never wait on each other's
 * counters), the invoice changes, the credit note and a pending refund are stored, and
 * credit-note.issued is published, all or nothing. The refund itself is carried out by the payment
 * provider after the commit (RefundRunner). The caller has row-locked the invoice.
 */
@Injectable()
export class InvoiceSettlement {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly numbers: DocumentNumberAllocator,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Credits what is left of the invoice, refunding what was paid for it; nothing if it is cancelled already. */
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
  async returnPayment(ctx: EventContext, { invoice, contact }: LoadedInvoice, payment: ReceivedPayment, reason: RefundReason): Promise<RefundNumber> {
    const at = this.clock.now();
    const number = await this.numbers.nextRefundNumber(ctx.manager, at);
    const outcome = invoice.returnPayment(payment, { number, reason, at });
    if (outcome.events.length === 0) {
      // The receipt was entered before, so the number just taken would be a gap; the caller
      // deduplicates reports by the same receipt id before it gets here, so this cannot happen.
      throw new Error(`receipt ${payment.receiptId} is on invoice ${invoice.number} already; refund ${number} is not issued`);
    }
    await this.invoices.saveChanges(ctx.manager, invoice, origin(ctx));
    await announce(ctx, outcome.events, contact);
    return number;
  }

  private async credit(ctx: EventContext, { invoice, contact }: LoadedInvoice, totals: VatBreakdown, reason: CreditNoteReason, refundReason: RefundReason): Promise<void> {
    const paymentId = invoice.status === 'paid' ? await this.paymentIdOf(ctx, invoice) : undefined;
    const at = this.clock.now();
    const number = await this.numbers.nextCreditNoteNumber(ctx.manager, at);
    const refund = paymentId === undefined ? undefined : { number: await this.numbers.nextRefundNumber(ctx.manager, at), reason: refundReason, paymentId };
    const outcome = invoice.credit({ number, at, reason, totals, ...(refund === undefined ? {} : { refund }) });
    if (!outcome.accepted) {
      // The status was checked above under the invoice's row lock; this cannot happen.
      throw new Error(`invoice ${invoice.number} refused credit note ${number}: ${JSON.stringify(outcome.rejection)}`);
    }
    await this.invoices.saveChanges(ctx.manager, invoice, origin(ctx));
    await announce(ctx, outcome.events, contact);
  }

  private async paymentIdOf(ctx: EventContext, invoice: Invoice): Promise<string> {
    const payment = await this.payments.findOfInvoice(ctx.manager, invoice.number);
    if (payment === null) throw new Error(`invoice ${invoice.number} is paid, but billing holds no payment for it`);
    return payment.paymentId;
  }
}

function origin(ctx: EventContext) {
  return { correlationId: ctx.event.correlationId, causationId: ctx.event.id };
}
