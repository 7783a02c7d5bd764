import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@rental/clock';
import { tokenMatches } from '@rental/service-kit';
import { DataSource, type EntityManager } from 'typeorm';
import type { SandboxProviderSettings } from '../../billing-settings';
import { SANDBOX_CONFIG } from './sandbox.tokens';
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
  /** Set while too many failed attempts keep the checkout shut: when it opens again. */
  readonly lockedUntil?: Date;
}

export type CompletionResult =
  | { readonly kind: 'completed'; readonly payment: SandboxPaymentEntity; readonly attempt: SandboxPaymentAttemptEntity }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'already_paid'; readonly payment: SandboxPaymentEntity }
  | { readonly kind: 'locked'; readonly until: Date };

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
 *
 * Every failed attempt reaches the customer (a webhook, a timeline note, a mail), so a payment takes
 * at most `checkoutMaxFailedAttempts` failures within `checkoutLockoutMinutes`; then its checkout
 * refuses every attempt until the oldest of them is that long ago, as a provider shuts a checkout
 * after repeated declines. For a while rather than for good: the payer who found the right card
 * can still pay within the payment window, or pay by bank transfer meanwhile.
 */
@Injectable()
export class SandboxCheckout {
  constructor(
    @InjectDataSource(SANDBOX_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly webhooks: SandboxWebhookSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxProviderSettings,
  ) {}

  async find(paymentId: string, checkoutToken: string): Promise<CheckoutView | null> {
    const payment = await this.dataSource.getRepository(SandboxPaymentEntity).findOneBy({ paymentId });
    if (payment === null || !opens(payment, checkoutToken)) return null;
    const attempts = await this.dataSource.getRepository(SandboxPaymentAttemptEntity).find({ where: { paymentId }, order: { attempt: 'ASC' } });
    const lockedUntil = payment.status === 'open' ? await this.lockedUntil(this.dataSource.manager, paymentId) : undefined;
    return { payment, attempts, ...(lockedUntil ? { lockedUntil } : {}) };
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
      const lockedUntil = await this.lockedUntil(manager, paymentId);
      if (lockedUntil) return { result: { kind: 'locked', until: lockedUntil }, announce: false };
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

  /** When the checkout opens again, if the last allowed number of failures all fell within the lockout. */
  private async lockedUntil(manager: EntityManager, paymentId: string): Promise<Date | undefined> {
    const { checkoutMaxFailedAttempts: max, checkoutLockoutMinutes: minutes } = this.config;
    const now = this.clock.now();
    const since = new Date(now.getTime() - minutes * 60_000);
    const recent = await manager
      .getRepository(SandboxPaymentAttemptEntity)
      .createQueryBuilder('a')
      .select('a.completedAt', 'completedAt')
      .where('a.paymentId = :paymentId AND a.outcome = :failed AND a.completedAt > :since', { paymentId, failed: 'failed', since })
      .orderBy('a.completedAt', 'DESC')
      .limit(max)
      .getRawMany<{ completedAt: Date }>();
    if (recent.length < max) return undefined;
    return new Date(new Date(recent[recent.length - 1].completedAt).getTime() + minutes * 60_000);
  }
}
