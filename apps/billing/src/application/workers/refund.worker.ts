import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { paymentRefundedV1 } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { Money } from '@rental/money';
import { NotifiedLoop, UnitOfWork, type WorkNotices } from '@rental/persistence';
import { backoffDelay, type BackoffPolicy } from '@rental/retry';
import { InvoiceStore } from '../ports/invoice-store';
import { PaymentProvider } from '../ports/payment-provider';
import { REFUND_NOTICES, RefundStore } from '../ports/refund-store';

/** A slow poll for refunds a lost notification would leave waiting; retries are woken by their own timer. */
const POLL_INTERVAL_MS = 5_000;
/** A provider that refuses or does not answer is asked again, less and less often. */
const RETRY: BackoffPolicy = { initialMs: 1_000, maxMs: 5 * 60_000, jitter: 0.2 };

/**
 * Carries out refunds at the payment provider after the transaction that decided them committed:
 * never inside an event's transaction, so a slow provider holds up no event, and a provider's
 * refund is never left behind by a transaction that rolled back. Woken by NOTIFY when refunds
 * commit, by a timer for the next retry, and by a slow poll.
 *
 * One refund per transaction: it is row-locked (other instances skip it), the provider is asked
 * (idempotent on the refund number, so asking again after a crash refunds once), and the
 * confirmation and payment.refunded commit together. A failed call is retried with backoff.
 */
@Injectable()
export class RefundWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RefundWorker.name);
  private loop?: NotifiedLoop;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly refunds: RefundStore,
    private readonly invoices: InvoiceStore,
    private readonly outbox: Outbox,
    @Inject(REFUND_NOTICES) private readonly notices: WorkNotices,
    private readonly provider: PaymentProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const loop: NotifiedLoop = new NotifiedLoop({
      name: RefundWorker.name,
      dataSource: this.notices.dataSource,
      channel: this.notices.channel,
      pollIntervalMs: POLL_INTERVAL_MS,
      clock: this.clock,
      pass: () => loop.drain(async () => (await this.runOne()) !== 'none'),
      nextDueAt: () => this.refunds.nextDueAt(this.notices.dataSource.manager),
    });
    this.loop = loop;
    await loop.start();
  }

  /** The refund in progress finishes (its outcome is committed) before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  private runOne(): Promise<'none' | 'confirmed' | 'retry'> {
    return this.unitOfWork.run(async (tx) => {
      const refund = await this.refunds.claimDue(tx, this.clock.now());
      if (refund === null) return 'none';
      let confirmed;
      try {
        confirmed = await this.provider.refund({
          refundNumber: refund.number,
          paymentId: refund.paymentId,
          amount: Money.of(refund.amountCents, refund.currency),
        });
      } catch (error) {
        const attempts = refund.attempts + 1;
        const retryAt = new Date(this.clock.now().getTime() + backoffDelay(attempts, RETRY));
        const message = (error as Error).message;
        this.logger.warn(`refund ${refund.number} not carried out (attempt ${attempts}), retried at ${retryAt.toISOString()}: ${message}`);
        await this.refunds.recordFailure(tx, refund.number, message, retryAt);
        return 'retry';
      }
      await this.refunds.confirm(tx, refund.number, confirmed.providerRefundId, confirmed.refundedAt);
      await this.outbox.record(
        tx,
        paymentRefundedV1,
        refund.orderId,
        {
          orderId: refund.orderId,
          customerId: await this.invoices.customerIdOf(tx, refund.invoiceNumber),
          invoiceNumber: refund.invoiceNumber,
          refundNumber: refund.number,
          paymentId: refund.paymentId,
          reason: refund.reason,
          amountCents: refund.amountCents,
          currency: refund.currency,
          refundedAt: confirmed.refundedAt.toISOString(),
        },
        { correlationId: refund.correlationId, causationId: refund.causationId },
      );
      return 'confirmed';
    });
  }
}
