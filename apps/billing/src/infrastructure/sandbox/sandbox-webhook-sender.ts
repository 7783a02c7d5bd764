import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@rental/clock';
import { backoffDelay } from '@rental/messaging';
import { DataSource, IsNull, Not } from 'typeorm';
import type { SandboxProviderConfig } from '../../billing-config';
import { SANDBOX_DATA_SOURCE } from './sandbox-data-source';
import { SandboxPaymentEntity } from './sandbox-payment.entity';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { signWebhook } from '@rental/webhooks';

/** Longer than this, and the gateway is treated as not answering; the call is retried. */
const DELIVERY_TIMEOUT_MS = 5_000;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Calls the gateway's webhook when a sandbox payment completes, signed like a real provider's call,
 * and retries with growing delays until the gateway answers 2xx or the attempts run out. Each attempt
 * is signed afresh, so a late retry is not refused as stale. What was not delivered when the attempts
 * ran out, or when billing stopped, is delivered again at the next start; the gateway deduplicates on
 * the event id, so a second delivery is harmless.
 */
@Injectable()
export class SandboxWebhookSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SandboxPaymentProvider');
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    @InjectDataSource(SANDBOX_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxProviderConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const undelivered = await this.payments().find({
      select: { paymentId: true },
      where: { eventId: Not(IsNull()), webhookDeliveredAt: IsNull() },
      order: { completedAt: 'ASC' },
    });
    if (undelivered.length > 0) this.logger.log(`redelivering ${undelivered.length} sandbox webhook(s) not delivered before`);
    for (const { paymentId } of undelivered) this.deliverInBackground(paymentId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts delivering the completion webhook of `paymentId` without waiting for the gateway. */
  deliverInBackground(paymentId: string): void {
    const delivery: Promise<void> = this.deliver(paymentId)
      .catch((error: unknown) => this.logger.error(`webhook of sandbox payment ${paymentId} failed: ${(error as Error).message}`))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  private async deliver(paymentId: string): Promise<void> {
    const payment = await this.payments().findOneBy({ paymentId });
    if (payment === null || payment.webhookBody === null || payment.webhookDeliveredAt !== null) return;
    const body = payment.webhookBody;
    for (let attempt = 1; attempt <= this.config.webhookAttempts; attempt++) {
      if (this.stopping.signal.aborted) return;
      const answer = await this.post(body);
      await this.payments().update(
        { paymentId },
        { webhookAttempts: () => 'webhook_attempts + 1', ...(answer.delivered ? { webhookDeliveredAt: this.clock.now() } : {}) },
      );
      if (answer.delivered) return;
      if (attempt === this.config.webhookAttempts) break;
      const delay = backoffDelay(attempt, { initialMs: this.config.webhookRetryMs, maxMs: MAX_RETRY_DELAY_MS, jitter: 0.2 });
      this.logger.warn(`webhook of sandbox payment ${paymentId}: ${answer.detail}; attempt ${attempt + 1} in ${delay} ms`);
      await this.pause(delay);
    }
    this.logger.error(
      `webhook of sandbox payment ${paymentId} not delivered after ${this.config.webhookAttempts} attempts; it is retried at the next start`,
    );
  }

  private async post(body: string): Promise<{ delivered: boolean; detail: string }> {
    try {
      const response = await fetch(this.config.webhookUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...signWebhook(this.config.webhookSecret, body, this.clock.now()) },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(DELIVERY_TIMEOUT_MS), this.stopping.signal]),
      });
      // Drain the answer so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      return { delivered: response.ok, detail: `the gateway answered ${response.status}` };
    } catch (error) {
      return { delivered: false, detail: `the gateway did not answer (${(error as Error).message})` };
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.stopping.signal.addEventListener('abort', done, { once: true });
    });
  }

  private payments() {
    return this.dataSource.getRepository(SandboxPaymentEntity);
  }
}
