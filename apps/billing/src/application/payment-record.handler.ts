import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { invoicePaidV1, paymentRecordV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { Money } from '@rental/money';
import { InvoiceRepository } from '../infrastructure/persistence/invoice.repository';
import type { PaymentReportOutcome } from '../infrastructure/persistence/payment-report.entity';
import type { PaymentEntity } from '../infrastructure/persistence/payment.entity';
import { PaymentRepository } from '../infrastructure/persistence/payment.repository';

type PaymentReport = PayloadOf<typeof paymentRecordV1>;

/** A report about a payment billing never requested: a bug or a forged call upstream, for a person to look at. */
export class UnknownPaymentError extends Error {
  constructor(report: PaymentReport) {
    super(`payment ${report.paymentId} is unknown to billing; provider event ${report.providerEventId} (${report.status}) cannot be recorded`);
    this.name = 'UnknownPaymentError';
  }
}

/**
 * payment.record: what the payment provider reported, forwarded by the gateway after it verified the
 * webhook. Applied once per provider event id (the provider retries its webhooks). A payment in full
 * settles the invoice and publishes invoice.paid; a failed attempt is recorded and the invoice stays
 * open, so the customer can still pay within the payment window.
 */
@Injectable()
export class PaymentRecordHandler {
  private readonly logger = new Logger(PaymentRecordHandler.name);

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
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
    const outcome = report.status === 'paid' ? await this.settle(ctx, payment, report) : await this.recordFailure(ctx, payment);
    await this.payments.insertReport(ctx.manager, {
      providerEventId: report.providerEventId,
      paymentId: report.paymentId,
      status: report.status,
      amountCents: report.amountCents,
      currency: report.currency,
      reportedAt: new Date(report.reportedAt),
      failureReason: report.failureReason ?? null,
      outcome,
      recordedAt: this.clock.now(),
    });
  }

  private async settle(ctx: EventContext, payment: PaymentEntity, report: PaymentReport): Promise<PaymentReportOutcome> {
    // The provider holds the money whatever billing decides below, so the payment is paid either way.
    await this.payments.setStatus(ctx.manager, payment.paymentId, 'paid', this.clock.now());
    const invoice = await this.invoices.findForUpdate(ctx.manager, payment.invoiceNumber);
    if (invoice === undefined) {
      throw new Error(`payment ${payment.paymentId} belongs to invoice ${payment.invoiceNumber}, which is not stored`);
    }
    const result = invoice.recordPayment(Money.of(report.amountCents, report.currency), new Date(report.reportedAt), payment.paymentId);
    if (!result.accepted) {
      // Not a bug: a payment can arrive after the invoice was settled or cancelled, or for another
      // amount. The money has to go back; refunds come with the payment window's unhappy paths.
      this.logger.warn(`payment ${payment.paymentId} not applied to invoice ${invoice.number}: ${JSON.stringify(result.rejection)}`);
      return `rejected_${result.rejection.reason}`;
    }
    if (result.events.length === 0) return 'already_applied';
    await this.invoices.saveChanges(ctx.manager, invoice);
    for (const paid of result.events) {
      if (paid.type !== 'invoice.paid') continue;
      await ctx.publish(invoicePaidV1, paid.orderId, {
        orderId: paid.orderId,
        invoiceNumber: paid.invoiceNumber,
        paymentId: paid.paymentId,
        amountCents: paid.amount.cents,
        currency: paid.amount.currency,
        paidAt: paid.paidAt,
      });
    }
    return 'applied';
  }

  private async recordFailure(ctx: EventContext, payment: PaymentEntity): Promise<PaymentReportOutcome> {
    // A failure reported after the payment succeeded (webhooks can arrive out of order) changes nothing.
    if (payment.status === 'open') await this.payments.setStatus(ctx.manager, payment.paymentId, 'failed', this.clock.now());
    return 'failure_recorded';
  }
}
