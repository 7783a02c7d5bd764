import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@rental/clock';
import { tokenMatches } from '@rental/service-kit';
import { DataSource } from 'typeorm';
import { SANDBOX_DATA_SOURCE } from './sandbox-data-source';
import { SandboxPaymentAttemptEntity, SandboxPaymentEntity } from './sandbox-payment.entity';
import { SandboxWebhookSender } from './sandbox-webhook-sender';

export type CheckoutOutcome = 'paid' | 'failed';

/** What the payer is told when they fail an attempt without saying why. */
export const DEFAULT_FAILURE_REASON = 'card declined';

/** The webhook body the gateway receives; `id` is the provider event id it deduplicates on. */
export interface SandboxWebhookBody {
  readonly id: string;
  readonly type: 'payment.paid' | 'payment.failed';
  readonly paymentId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly occurredAt: string;
  readonly failureReason?: string;
}

export interface CheckoutView {
  readonly payment: SandboxPaymentEntity;
  /** Every attempt so far, the first first. */
  readonly attempts: readonly SandboxPaymentAttemptEntity[];
}

export type CompletionResult =
  | { readonly kind: 'completed'; readonly payment: SandboxPaymentEntity; readonly attempt: SandboxPaymentAttemptEntity }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'already_paid'; readonly payment: SandboxPaymentEntity };

/** Whether the token from a checkout URL opens this payment; the same answer, in the same time, for every wrong token. */
function opens(payment: SandboxPaymentEntity, checkoutToken: string): boolean {
  return payment.checkoutTokenSha256 !== null && tokenMatches(checkoutToken, payment.checkoutTokenSha256);
}

/**
 * What the customer does at the sandbox checkout: look at a payment, and try to pay it. Each try is
 * an attempt with its own provider event: a failed one leaves the payment open, so the payer can
 * try again on the same page; one that pays completes it. Paying a paid payment again is answered
 * with the attempt that paid it (a double click); failing it is refused, as a real provider never
 * turns a paid payment into a failed one. Both need the token of the payment's checkout URL: a
 * payment it does not open is answered as one that does not exist.
 */
@Injectable()
export class SandboxCheckout {
  constructor(
    @InjectDataSource(SANDBOX_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly webhooks: SandboxWebhookSender,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async find(paymentId: string, checkoutToken: string): Promise<CheckoutView | null> {
    const payment = await this.dataSource.getRepository(SandboxPaymentEntity).findOneBy({ paymentId });
    if (payment === null || !opens(payment, checkoutToken)) return null;
    const attempts = await this.dataSource.getRepository(SandboxPaymentAttemptEntity).find({ where: { paymentId }, order: { attempt: 'ASC' } });
    return { payment, attempts };
  }

  async complete(paymentId: string, checkoutToken: string, outcome: CheckoutOutcome, failureReason = DEFAULT_FAILURE_REASON): Promise<CompletionResult> {
    const { result, announce } = await this.dataSource.transaction(async (manager): Promise<{ result: CompletionResult; announce: boolean }> => {
      const payment = await manager.findOne(SandboxPaymentEntity, { where: { paymentId }, lock: { mode: 'pessimistic_write' } });
      if (payment === null || !opens(payment, checkoutToken)) return { result: { kind: 'not_found' }, announce: false };
      if (payment.status === 'paid') {
        if (outcome === 'failed') return { result: { kind: 'already_paid', payment }, announce: false };
        const paying = await manager.findOneByOrFail(SandboxPaymentAttemptEntity, { paymentId, outcome: 'paid' });
        return { result: { kind: 'completed', payment, attempt: paying }, announce: false };
      }
      const completedAt = this.clock.now();
      const previous = await manager.count(SandboxPaymentAttemptEntity, { where: { paymentId } });
      const body: SandboxWebhookBody = {
        id: `evt_sandbox_${randomUUID()}`,
        type: outcome === 'paid' ? 'payment.paid' : 'payment.failed',
        paymentId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        occurredAt: completedAt.toISOString(),
        ...(outcome === 'failed' ? { failureReason } : {}),
      };
      const attempt: SandboxPaymentAttemptEntity = {
        paymentId,
        attempt: previous + 1,
        outcome,
        failureReason: outcome === 'failed' ? failureReason : null,
        completedAt,
        eventId: body.id,
        webhookBody: JSON.stringify(body),
        webhookAttempts: 0,
        webhookDeliveredAt: null,
      };
      await manager.insert(SandboxPaymentAttemptEntity, attempt);
      if (outcome === 'paid') {
        await manager.update(SandboxPaymentEntity, { paymentId }, { status: 'paid', paidAt: completedAt });
        return { result: { kind: 'completed', payment: { ...payment, status: 'paid', paidAt: completedAt }, attempt }, announce: true };
      }
      return { result: { kind: 'completed', payment, attempt }, announce: true };
    });
    // Only after the commit: the webhook must never announce an attempt that was rolled back.
    if (announce && result.kind === 'completed') this.webhooks.deliverInBackground(result.attempt.eventId);
    return result;
  }
}
