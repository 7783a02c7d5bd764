import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@rental/clock';
import { backoffDelay } from '@rental/retry';
import { signWebhook } from '@rental/webhooks';
import { DataSource, IsNull } from 'typeorm';
import type { SandboxProviderSettings } from '../../billing-settings';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { SANDBOX_DATA_SOURCE } from './sandbox-data-source';
import { SandboxPaymentAttemptEntity } from './sandbox-payment.entity';

/** Longer than this, and the gateway is treated as not answering; the call is retried. */
const DELIVERY_TIMEOUT_MS = 5_000;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Calls the gateway's webhook for each attempt at the sandbox checkout (paid or failed), signed like a
 * real provider's call, and retries with growing delays until the gateway answers 2xx or the
 * deliveries run out. Each delivery is signed afresh, so a late retry is not refused as stale. What
 * was not delivered when the deliveries ran out, or when billing stopped, is delivered again at the
 * next start; the gateway deduplicates on the event id, so a second delivery is harmless.
 */
@Injectable()
export class SandboxWebhookSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SandboxPaymentProvider');
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    @InjectDataSource(SANDBOX_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxProviderSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const undelivered = await this.attempts().find({
      select: { eventId: true },
      where: { webhookDeliveredAt: IsNull() },
      order: { completedAt: 'ASC' },
    });
    if (undelivered.length > 0) this.logger.log(`redelivering ${undelivered.length} sandbox webhook(s) not delivered before`);
    for (const { eventId } of undelivered) this.deliverInBackground(eventId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts delivering the webhook of the attempt reported by `eventId` without waiting for the gateway. */
  deliverInBackground(eventId: string): void {
    const delivery: Promise<void> = this.deliver(eventId)
      .catch((error: unknown) => this.logger.error(`webhook ${eventId} failed: ${(error as Error).message}`))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  private async deliver(eventId: string): Promise<void> {
    const tried = await this.attempts().findOneBy({ eventId });
    if (tried === null || tried.webhookDeliveredAt !== null) return;
    const body = tried.webhookBody;
    const what = `webhook ${eventId} (sandbox payment ${tried.paymentId}, attempt ${tried.attempt})`;
    for (let delivery = 1; delivery <= this.config.webhookAttempts; delivery++) {
      if (this.stopping.signal.aborted) return;
      const answer = await this.post(body);
      await this.attempts().update(
        { eventId },
        { webhookAttempts: () => 'webhook_attempts + 1', ...(answer.delivered ? { webhookDeliveredAt: this.clock.now() } : {}) },
      );
      if (answer.delivered) return;
      if (delivery === this.config.webhookAttempts) break;
      const delay = backoffDelay(delivery, { initialMs: this.config.webhookRetryMs, maxMs: MAX_RETRY_DELAY_MS, jitter: 0.2 });
      this.logger.warn(`${what}: ${answer.detail}; delivery ${delivery + 1} in ${delay} ms`);
      await this.pause(delay);
    }
    this.logger.error(`${what} not delivered after ${this.config.webhookAttempts} tries; it is retried at the next start`);
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

  private attempts() {
    return this.dataSource.getRepository(SandboxPaymentAttemptEntity);
  }
}
