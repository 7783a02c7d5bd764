import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, type PayloadOf, paymentFailedV1, paymentRecordRejectedV1, paymentRecordV1 } from '@rental/contracts';
import { EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { Money } from '@rental/money';
import { z } from 'zod';
import type { ReceivedPayment } from '../../domain/invoice-types';
import { decideOnlinePayment } from '../../domain/online-payment-policy';
import { InvoiceBooks } from '../common/invoice-books';
import { InvoiceSettlement } from '../common/invoice-settlement';
import { InvoiceStore, type LoadedInvoice } from '../ports/invoice-store';
import { type PaymentRecord, type PaymentReportOutcome, PaymentStore } from '../ports/payment-store';

type PaymentReport = PayloadOf<typeof paymentRecordV1>;

/** A report about a payment billing never requested: a bug or a forged call upstream, for a person to look at. */
export class UnknownPaymentError extends Error {
  constructor(report: PaymentReport) {
    super(`payment ${report.paymentId} is unknown to billing; provider event ${report.providerEventId} (${report.status}) cannot be recorded`);
    this.name = 'UnknownPaymentError';
  }
}

/** What a payment.record must hold readably to be answered even when it breaks its contract. */
const answerable = z.object({ paymentId: z.uuid(), providerEventId: paymentRecordV1.schema.shape.providerEventId.optional().catch(undefined) });

/** Why a failed attempt failed, when the provider did not say. */
const UNKNOWN_FAILURE = 'the payment provider gave no reason';

interface Recorded {
  readonly outcome: PaymentReportOutcome;
  readonly refundNumber?: string;
}

/**
 * payment.record: what the payment provider reported, forwarded by the gateway after it verified the
 * webhook. Each provider event is applied once (the provider retries its webhooks) and is an attempt
 * at paying the invoice, numbered per invoice. A payment of the open balance settles the invoice and
 * publishes invoice.paid; money for an invoice that was paid already, or cancelled, or paid in part
 * by bank transfer (see BankTransferReceivedHandler), is entered and refunded (decideOnlinePayment); a failed attempt is
 * recorded and, while the invoice is open, published as payment.failed so the customer can try
 * again on the same checkout.
 */
@Injectable()
export class PaymentRecordHandler {
  private readonly logger = new Logger(PaymentRecordHandler.name);

  constructor(
    private readonly invoices: InvoiceStore,
    private readonly payments: PaymentStore,
    private readonly books: InvoiceBooks,
    private readonly settlement: InvoiceSettlement,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(paymentRecordV1)
  async onPaymentRecord(event: EventEnvelope<PaymentReport>, ctx: EventContext): Promise<void> {
    const report = event.payload;
    const payment = await this.payments.findForUpdate(ctx.manager, report.paymentId);
    if (payment === null) throw new UnknownPaymentError(report);
    if (await this.payments.hasReport(ctx.manager, report.providerEventId)) {
      this.logger.log(`provider event ${report.providerEventId} about payment ${report.paymentId} is recorded already`);
      return;
    }
    const loaded = await this.invoices.findForUpdate(ctx.manager, payment.invoiceNumber);
    if (loaded === undefined) {
      throw new Error(`payment ${payment.paymentId} belongs to invoice ${payment.invoiceNumber}, which is not stored`);
    }
    const attempt = await this.payments.nextAttempt(ctx.manager, payment.invoiceNumber);
    const recorded =
      report.status === 'paid' ? await this.settle(ctx, payment, loaded, report) : await this.recordFailure(ctx, payment, loaded, report, attempt);
    await this.payments.insertReport(ctx.manager, {
      providerEventId: report.providerEventId,
      paymentId: report.paymentId,
      invoiceNumber: payment.invoiceNumber,
      attempt,
      status: report.status,
      amountCents: report.amountCents,
      currency: report.currency,
      reportedAt: new Date(report.reportedAt),
      failureReason: report.failureReason ?? null,
      outcome: recorded.outcome,
      refundNumber: recorded.refundNumber ?? null,
      recordedAt: this.clock.now(),
    });
  }

  /** A payment.record that broke its contract is answered with payment.record-rejected; nothing is recorded. */
  @RejectInvalid(paymentRecordV1)
  async onInvalidPaymentRecord(event: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const ids = answerable.safeParse(event.payload);
    if (!ids.success) return;
    const { paymentId, providerEventId } = ids.data;
    // A broken copy of a report already recorded changes nothing, and is the dead-letter topic's to show.
    if (providerEventId !== undefined && (await this.payments.hasReport(ctx.manager, providerEventId))) return;
    await ctx.publish(paymentRecordRejectedV1, paymentId, {
      paymentId,
      ...(providerEventId === undefined ? {} : { providerEventId }),
      reason: 'invalid_request',
      detail: problem,
      rejectedAt: this.clock.now().toISOString(),
    });
  }

  private async settle(ctx: EventContext, payment: PaymentRecord, loaded: LoadedInvoice, report: PaymentReport): Promise<Recorded> {
    // The provider holds the money whatever billing decides below, so the payment is paid either way.
    await this.payments.setStatus(ctx.manager, payment.paymentId, 'paid', this.clock.now());
    const { invoice } = loaded;
    const received: ReceivedPayment = {
      amount: Money.of(report.amountCents, report.currency),
      at: new Date(report.reportedAt),
      paymentId: payment.paymentId,
      receiptId: report.providerEventId,
    };
    const decision = decideOnlinePayment(invoice, received);
    switch (decision.action) {
      case 'book':
        await this.books.save(ctx, loaded, decision.events);
        return { outcome: 'applied' };
      case 'reject':
        this.logger.warn(`payment ${payment.paymentId} of ${received.amount} not applied to invoice ${invoice.number}, which is owed ${invoice.balance}`);
        return { outcome: 'rejected_amount_mismatch' };
      case 'refund': {
        const refundNumber = await this.settlement.returnPayment(ctx, loaded, received, decision.reason);
        this.logger.log(
          `payment ${payment.paymentId} (${report.providerEventId}) of ${received.amount} for invoice ${invoice.number} (${decision.because.replaceAll('_', ' ')}) is refunded as ${refundNumber}`,
        );
        return { outcome: decision.reason === 'duplicate_payment' ? 'refunded_duplicate_payment' : 'refunded_late_payment', refundNumber };
      }
    }
  }

  private async recordFailure(
    ctx: EventContext,
    payment: PaymentRecord,
    { invoice, contact }: LoadedInvoice,
    report: PaymentReport,
    attempt: number,
  ): Promise<Recorded> {
    // A failure reported after the payment succeeded (webhooks can arrive out of order) changes nothing.
    if (payment.status !== 'paid') await this.payments.setStatus(ctx.manager, payment.paymentId, 'failed', this.clock.now());
    if (invoice.status !== 'open') return { outcome: 'failure_after_settlement' };
    await ctx.publish(paymentFailedV1, invoice.orderId, {
      orderId: invoice.orderId,
      customerId: contact.customerId,
      invoiceNumber: invoice.number,
      paymentId: payment.paymentId,
      attempt,
      reason: report.failureReason ?? UNKNOWN_FAILURE,
      checkoutUrl: payment.checkoutUrl,
      retryUntil: invoice.dueAt.toISOString(),
      failedAt: new Date(report.reportedAt).toISOString(),
    });
    return { outcome: 'failure_recorded' };
  }
}
