import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@rental/clock';
import { DataSource } from 'typeorm';
import { SANDBOX_DATA_SOURCE } from './sandbox-data-source';
import { SandboxPaymentEntity } from './sandbox-payment.entity';
import { SandboxWebhookSender } from './sandbox-webhook-sender';

export type CheckoutOutcome = 'paid' | 'failed';

/** The webhook body the gateway receives; `id` is the provider event id it deduplicates on. */
export interface SandboxWebhookBody {
  readonly id: string;
  readonly type: 'payment.paid' | 'payment.failed';
  readonly paymentId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly occurredAt: string;
}

export type CompletionResult =
  | { readonly kind: 'completed'; readonly payment: SandboxPaymentEntity }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'already_completed'; readonly payment: SandboxPaymentEntity };

/**
 * What the customer does at the sandbox checkout: look at a payment, and pay it or let it fail.
 * A payment completes once; the same outcome again is answered as before (a double click), another
 * outcome is refused, as a real provider never turns a failed payment into a paid one.
 */
@Injectable()
export class SandboxCheckout {
  constructor(
    @InjectDataSource(SANDBOX_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly webhooks: SandboxWebhookSender,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  find(paymentId: string): Promise<SandboxPaymentEntity | null> {
    return this.dataSource.getRepository(SandboxPaymentEntity).findOneBy({ paymentId });
  }

  async complete(paymentId: string, outcome: CheckoutOutcome): Promise<CompletionResult> {
    const { result, announce } = await this.dataSource.transaction(async (manager) => {
      const payment = await manager.findOne(SandboxPaymentEntity, { where: { paymentId }, lock: { mode: 'pessimistic_write' } });
      if (payment === null) return { result: { kind: 'not_found' } as const, announce: false };
      if (payment.status !== 'open') {
        const kind = payment.status === outcome ? 'completed' : 'already_completed';
        return { result: { kind, payment } as const, announce: false };
      }
      const completedAt = this.clock.now();
      const body: SandboxWebhookBody = {
        id: `evt_sandbox_${randomUUID()}`,
        type: outcome === 'paid' ? 'payment.paid' : 'payment.failed',
        paymentId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        occurredAt: completedAt.toISOString(),
      };
      const changes = { status: outcome, completedAt, eventId: body.id, webhookBody: JSON.stringify(body) };
      await manager.update(SandboxPaymentEntity, { paymentId }, changes);
      return { result: { kind: 'completed', payment: { ...payment, ...changes } } as const, announce: true };
    });
    // Only after the commit: the webhook must never announce a completion that was rolled back.
    if (announce) this.webhooks.deliverInBackground(paymentId);
    return result;
  }
}
