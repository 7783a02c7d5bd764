import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { paymentFailedV1, paymentRecordRejectedV1, paymentRecordV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { Money } from '@rental/money';
import { z } from 'zod';
import type { ReceivedPayment } from '../domain/invoice-types';
import { InvoiceRepository, type LoadedInvoice } from '../infrastructure/persistence/invoice.repository';
import type { PaymentReportOutcome } from '../infrastructure/persistence/payment-report.entity';
import type { PaymentEntity } from '../infrastructure/persistence/payment.entity';
import { PaymentRepository } from '../infrastructure/persistence/payment.repository';
import { announce } from './invoice-announcements';
import { InvoiceSettlement } from './invoice-settlement';

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
 * by bank transfer (see BankTransferHandler), is entered and refunded; a failed attempt is
 * recorded and, while the invoice is open, published as payment.failed so the customer can try
 * again on the same checkout.
 */
@Injectable()
export class PaymentRecordHandler {
  private readonly logger = new Logger(PaymentRecordHandler.name);

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
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
    const recorded = report.status === 'paid' ? await this.settle(ctx, payment, loaded, report) : await this.recordFailure(ctx, payment, loaded, report, attempt);
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

  private async settle(ctx: EventContext, payment: PaymentEntity, loaded: LoadedInvoice, report: PaymentReport): Promise<Recorded> {
    // The provider holds the money whatever billing decides below, so the payment is paid either way.
    await this.payments.setStatus(ctx.manager, payment.paymentId, 'paid', this.clock.now());
    const { invoice, contact } = loaded;
    const received: ReceivedPayment = {
      amount: Money.of(report.amountCents, report.currency),
      at: new Date(report.reportedAt),
      paymentId: payment.paymentId,
      receiptId: report.providerEventId,
    };
    const result = received.amount.isPositive() ? invoice.recordPayment(received) : undefined;
    if (result !== undefined && !result.accepted && result.rejection.reason === 'amount_mismatch' && this.paidInPartByTransfer(loaded, received)) {
      // The checkout collects the invoice's full amount, so after a partial bank transfer it would
      // pay that part twice: the online payment goes back, and the balance is left for a transfer.
      const refundNumber = await this.settlement.returnPayment(ctx, loaded, received, 'duplicate_payment');
      this.logger.log(`payment ${payment.paymentId} of ${received.amount} for invoice ${invoice.number}, paid in part by bank transfer, is refunded as ${refundNumber}`);
      return { outcome: 'refunded_duplicate_payment', refundNumber };
    }
    if (result === undefined || (!result.accepted && result.rejection.reason === 'amount_mismatch')) {
      // Not the amount billing asked the provider to collect: an error upstream, for a person to look at.
      this.logger.warn(`payment ${payment.paymentId} of ${received.amount} not applied to invoice ${invoice.number}, which is owed ${invoice.balance}`);
      return { outcome: 'rejected_amount_mismatch' };
    }
    if (!result.accepted) {
      // Money for an invoice that no longer takes any (paid already, or cancelled): it goes back.
      const duplicate = result.rejection.reason === 'invoice_paid';
      const reason = duplicate ? 'duplicate_payment' : 'late_payment';
      const refundNumber = await this.settlement.returnPayment(ctx, loaded, received, reason);
      this.logger.log(`payment ${payment.paymentId} (${report.providerEventId}) for ${invoice.status} invoice ${invoice.number} is refunded as ${refundNumber}`);
      return { outcome: duplicate ? 'refunded_duplicate_payment' : 'refunded_late_payment', refundNumber };
    }
    await this.invoices.saveChanges(ctx.manager, invoice, { correlationId: ctx.event.correlationId, causationId: ctx.event.id });
    await announce(ctx, result.events, contact);
    return { outcome: 'applied' };
  }

  private paidInPartByTransfer({ invoice }: LoadedInvoice, received: ReceivedPayment): boolean {
    return received.amount.currency === invoice.totals.gross.currency && invoice.heldFromTransfers.isPositive();
  }

  private async recordFailure(ctx: EventContext, payment: PaymentEntity, { invoice, contact }: LoadedInvoice, report: PaymentReport, attempt: number): Promise<Recorded> {
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
